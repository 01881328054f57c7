using System.Management.Automation;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Creates orders asynchronously (<c>POST /v1/async/orders</c>), each exactly once: every order carries an
    /// Idempotency-Key, and a lost answer is retried with the same key. Outputs what Wait-ZuoraAsyncJob takes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "ZuoraOrder", DefaultParameterSetName = OrderParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(AsyncOrderSubmission))]
    public sealed class StartZuoraOrderCommand : AsyncOrderCmdlet
    {
        /// <summary>Ask Zuora to return IDs next to the numbers in the job's result (<c>returnIds=true</c>).</summary>
        [Parameter]
        public SwitchParameter ReturnIds { get; set; }

        private protected override AsyncOrderOperation Operation => AsyncOrderOperation.CreateOrder;

        private protected override string Action => "Create the order asynchronously";

        private protected override void Configure(AsyncOrderRequest request) => request.ReturnIds = ReturnIds;
    }
}
