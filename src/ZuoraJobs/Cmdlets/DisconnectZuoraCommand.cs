using System.Management.Automation;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Forgets this runspace's default connection. A connection object kept from Connect-Zuora -PassThru still works
    /// with -Context: other runbooks may share it.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Zuora", SupportsShouldProcess = false)]
    [OutputType(typeof(void))]
    public sealed class DisconnectZuoraCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ConnectionStore.Get(SessionState);
            if (ConnectionStore.Remove(SessionState))
            {
                WriteVerbose($"Forgot the default connection to {connection}.");
            }
            else
            {
                WriteVerbose("There was no default Zuora connection in this runspace.");
            }
        }
    }
}
