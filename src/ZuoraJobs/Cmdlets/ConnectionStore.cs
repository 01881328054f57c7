using System.Management.Automation;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// The default connection lives in the runspace's global scope, not in a static field: Azure Automation runs
    /// several jobs in one process, each in its own runspace, and they must never see each other's tenant.
    /// </summary>
    internal static class ConnectionStore
    {
        internal const string VariableName = "ZuoraJobsDefaultConnection";
        private const string QualifiedName = "global:" + VariableName;

        internal static ZuoraConnection? Get(SessionState sessionState) =>
            sessionState.PSVariable.GetValue(QualifiedName) switch
            {
                ZuoraConnection c => c,
                PSObject { BaseObject: ZuoraConnection c } => c,
                _ => null,
            };

        /// <summary>Makes the connection the default; the one it replaces closes its sockets once idle.</summary>
        internal static void Set(SessionState sessionState, ZuoraConnection connection)
        {
            var previous = Get(sessionState);
            sessionState.PSVariable.Set(QualifiedName, connection);
            if (previous != null && !ReferenceEquals(previous.Client, connection.Client))
            {
                previous.Client.ReleaseConnections();
            }
        }

        /// <summary>
        /// Forgets the default connection and closes its sockets once idle. Someone still holding the object (from
        /// -PassThru or Get-ZuoraContext) can use it with -Context: it opens new sockets then.
        /// </summary>
        internal static bool Remove(SessionState sessionState)
        {
            var connection = Get(sessionState);
            if (connection == null)
            {
                return false;
            }

            sessionState.PSVariable.Remove(QualifiedName);
            connection.Client.ReleaseConnections();
            return true;
        }
    }
}
