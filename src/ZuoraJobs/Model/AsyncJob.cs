using System;
using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>
    /// One asynchronous order job as returned by <c>GET /v1/async-jobs/{jobId}</c>, flattened: the fields of Zuora's
    /// <c>result</c> object appear beside the job's own status so a pipeline can filter on either.
    /// </summary>
    public sealed class AsyncJob : IHasAdditionalFields
    {
        public const string StatusProcessing = "Processing";
        public const string StatusCompleted = "Completed";
        public const string StatusFailed = "Failed";

        // Built only by the parser: PowerShell must never coerce a CSV row or hashtable into one.
        internal AsyncJob()
        {
        }

        public string JobId { get; internal set; } = string.Empty;
        public string Status { get; internal set; } = string.Empty;
        public bool? Success { get; internal set; }

        /// <summary>Zuora documents a nullable string but has been seen sending an array; both end up here.</summary>
        public string[] Errors { get; internal set; } = Array.Empty<string>();

        public string? JobType { get; internal set; }
        public string? AccountNumber { get; internal set; }
        public string? AccountId { get; internal set; }
        public string? OrderNumber { get; internal set; }
        public string? OrderId { get; internal set; }

        /// <summary>The order's own status (<c>result.status</c>), distinct from the job's <see cref="Status"/>.</summary>
        public string? OrderStatus { get; internal set; }

        public string[] InvoiceNumbers { get; internal set; } = Array.Empty<string>();
        public string[] InvoiceIds { get; internal set; } = Array.Empty<string>();
        public string[] CreditMemoNumbers { get; internal set; } = Array.Empty<string>();
        public string[] CreditMemoIds { get; internal set; } = Array.Empty<string>();
        public string[] SubscriptionNumbers { get; internal set; } = Array.Empty<string>();
        public string[] SubscriptionIds { get; internal set; } = Array.Empty<string>();
        public string? PaymentNumber { get; internal set; }
        public string? PaymentId { get; internal set; }

        /// <summary>Zuora sends the amount as a string; parsed with the invariant culture.</summary>
        public decimal? PaidAmount { get; internal set; }

        public string? PaymentStatus { get; internal set; }
        public OrderLineItem[] OrderLineItems { get; internal set; } = Array.Empty<OrderLineItem>();
        public Subscription[] Subscriptions { get; internal set; } = Array.Empty<Subscription>();
        public Ramp[] Ramps { get; internal set; } = Array.Empty<Ramp>();
        public Refund[] Refunds { get; internal set; } = Array.Empty<Refund>();
        public WriteOff[] WriteOffs { get; internal set; } = Array.Empty<WriteOff>();
        public Commitment[] Commitments { get; internal set; } = Array.Empty<Commitment>();

        // Preview jobs (AsyncPreviewOrder). Their shapes are large and version-dependent, so only the documents'
        // well-known amounts are typed; the rest arrive as generic objects.
        public PreviewDocument[] Invoices { get; internal set; } = Array.Empty<PreviewDocument>();
        public PreviewDocument[] CreditMemos { get; internal set; } = Array.Empty<PreviewDocument>();
        public object?[] ChargeMetrics { get; internal set; } = Array.Empty<object?>();
        public object? OrderDeltaMetrics { get; internal set; }
        public object?[] OrderMetrics { get; internal set; } = Array.Empty<object?>();
        public object?[] RampMetrics { get; internal set; } = Array.Empty<object?>();

        /// <summary>Reasons Zuora attached to the result (<c>result.reasons</c>).</summary>
        public ZuoraReason[] Reasons { get; internal set; } = Array.Empty<ZuoraReason>();

        /// <summary>Zuora's <c>processId</c> for the call, when the body carries one (top level or result).</summary>
        public string? ProcessId { get; internal set; }

        /// <summary>The <c>Zuora-Request-Id</c> response header (else the body's <c>requestId</c>): quote it to Zuora support.</summary>
        public string? RequestId { get; internal set; }

        public DateTimeOffset RetrievedAt { get; internal set; }

        /// <summary>Fields Zuora sent that this version of the module does not know, top level and result merged.</summary>
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        /// <summary>Only the documented end states count: a state Zuora adds later is shown, and waited on.</summary>
        public bool IsTerminal => string.Equals(Status, StatusCompleted, StringComparison.Ordinal)
                                  || string.Equals(Status, StatusFailed, StringComparison.Ordinal);

        public override string ToString() => JobId;
    }
}
