using System.Management.Automation;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Previews orders asynchronously (<c>POST /v1/async/orders/preview</c>): Zuora computes the invoices and metrics
    /// the order would produce without creating it. Outputs what Wait-ZuoraAsyncJob takes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "ZuoraOrderPreview", DefaultParameterSetName = OrderParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(AsyncOrderSubmission))]
    public sealed class StartZuoraOrderPreviewCommand : AsyncOrderCmdlet
    {
        /// <summary>Summarize the previewed invoice items (<c>summarizeInvoiceItem=true</c>).</summary>
        [Parameter]
        public SwitchParameter SummarizeInvoiceItem { get; set; }

        private protected override AsyncOrderOperation Operation => AsyncOrderOperation.PreviewOrder;

        private protected override string Action => "Preview the order asynchronously";

        private protected override void Configure(AsyncOrderRequest request) => request.SummarizeInvoiceItem = SummarizeInvoiceItem;
    }
}
