using System.Management.Automation;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>Shows this runspace's default Zuora connection; outputs nothing when there is none.</summary>
    [Cmdlet(VerbsCommon.Get, "ZuoraContext")]
    [OutputType(typeof(ZuoraConnection))]
    public sealed class GetZuoraContextCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ConnectionStore.Get(SessionState);
            if (connection == null)
            {
                WriteVerbose("This runspace has no default Zuora connection; run Connect-Zuora.");
                return;
            }

            WriteObject(connection);
        }
    }
}
