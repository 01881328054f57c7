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

        internal static void Set(SessionState sessionState, ZuoraConnection connection) =>
            sessionState.PSVariable.Set(QualifiedName, connection);

        internal static bool Remove(SessionState sessionState)
        {
            if (Get(sessionState) == null)
            {
                return false;
            }

            sessionState.PSVariable.Remove(QualifiedName);
            return true;
        }
    }
}
