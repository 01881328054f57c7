using System;
using System.Management.Automation;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>Input and output conventions shared by Get-ZuoraAsyncJob and Wait-ZuoraAsyncJob.</summary>
    public abstract class AsyncJobCmdlet : ZuoraRequestCmdlet
    {
        private protected const string JobIdParameterSet = "JobId";

        /// <summary>
        /// Binds strings by value and any object with a JobId or Id property by name: CSV rows, the async-order POST
        /// responses and this module's own objects.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobIdParameterSet, ValueFromPipeline = true,
            ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [AllowEmptyString]
        [AllowNull]
        [AllowEmptyCollection]
        public string?[] JobId { get; set; } = Array.Empty<string?>();

        [Parameter]
        [ValidateSet(ExpandOrderLineItems, ExpandSubscriptions)]
        public string? Expand { get; set; }

        private protected const string ExpandOrderLineItems = "OrderLineItems";
        private protected const string ExpandSubscriptions = "Subscriptions";

        /// <summary>The ID to send, or null after writing an InvalidJobId error for it.</summary>
        private protected string? Normalize(string? raw)
        {
            var id = Validation.NormalizeJobId(raw);
            if (id == null)
            {
                WriteError(ErrorRecords.InvalidJobId(raw));
            }

            return id;
        }

        /// <summary>Writes the job, or with -Expand its line items or subscriptions, each as its own pipeline object.</summary>
        private protected void WriteJob(AsyncJob job)
        {
            // Presenting the job also gives its parts their new fields, so expanded parts carry them too.
            var presented = PSObjects.Present(job);
            switch (Expand)
            {
                case ExpandOrderLineItems:
                    WriteObject(job.OrderLineItems, enumerateCollection: true);
                    break;
                case ExpandSubscriptions:
                    WriteObject(job.Subscriptions, enumerateCollection: true);
                    break;
                default:
                    WriteObject(presented);
                    break;
            }
        }
    }
}
