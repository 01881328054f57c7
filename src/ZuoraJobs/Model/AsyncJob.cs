using System;
using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>
    /// One asynchronous order job as returned by <c>GET /v1/async-jobs/{jobId}</c>, flattened: the fields of Zuora's
    /// <c>result</c> object appear beside the job's own status so a pipeline can filter on either.
    /// </summary>
    public sealed class AsyncJob
    {
        public const string StatusProcessing = "Processing";
        public const string StatusCompleted = "Completed";
        public const string StatusFailed = "Failed";

        public string JobId { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public bool? Success { get; set; }

        /// <summary>Zuora documents a nullable string but has been seen sending an array; both end up here.</summary>
        public string[] Errors { get; set; } = Array.Empty<string>();

        public string? JobType { get; set; }
        public string? AccountNumber { get; set; }
        public string? AccountId { get; set; }
        public string? OrderNumber { get; set; }
        public string? OrderId { get; set; }

        /// <summary>The order's own status (<c>result.status</c>), distinct from the job's <see cref="Status"/>.</summary>
        public string? OrderStatus { get; set; }

        public string[] InvoiceNumbers { get; set; } = Array.Empty<string>();
        public string[] InvoiceIds { get; set; } = Array.Empty<string>();
        public string[] CreditMemoNumbers { get; set; } = Array.Empty<string>();
        public string[] CreditMemoIds { get; set; } = Array.Empty<string>();
        public string[] SubscriptionNumbers { get; set; } = Array.Empty<string>();
        public string[] SubscriptionIds { get; set; } = Array.Empty<string>();
        public string? PaymentNumber { get; set; }
        public string? PaymentId { get; set; }

        /// <summary>Zuora sends the amount as a string; parsed with the invariant culture.</summary>
        public decimal? PaidAmount { get; set; }

        public string? PaymentStatus { get; set; }
        public OrderLineItem[] OrderLineItems { get; set; } = Array.Empty<OrderLineItem>();
        public Subscription[] Subscriptions { get; set; } = Array.Empty<Subscription>();
        public Ramp[] Ramps { get; set; } = Array.Empty<Ramp>();
        public Refund[] Refunds { get; set; } = Array.Empty<Refund>();
        public WriteOff[] WriteOffs { get; set; } = Array.Empty<WriteOff>();
        public Commitment[] Commitments { get; set; } = Array.Empty<Commitment>();

        // Preview jobs (AsyncPreviewOrder). Their shapes are large and version-dependent, so only the documents'
        // well-known amounts are typed; the rest arrive as generic objects.
        public PreviewDocument[] Invoices { get; set; } = Array.Empty<PreviewDocument>();
        public PreviewDocument[] CreditMemos { get; set; } = Array.Empty<PreviewDocument>();
        public object?[] ChargeMetrics { get; set; } = Array.Empty<object?>();
        public object? OrderDeltaMetrics { get; set; }
        public object?[] OrderMetrics { get; set; } = Array.Empty<object?>();
        public object?[] RampMetrics { get; set; } = Array.Empty<object?>();

        /// <summary>Reasons Zuora attached to the result (<c>result.reasons</c>).</summary>
        public ZuoraReason[] Reasons { get; set; } = Array.Empty<ZuoraReason>();

        /// <summary>The <c>Zuora-Request-Id</c> response header: quote it to Zuora support.</summary>
        public string? RequestId { get; set; }

        public DateTimeOffset RetrievedAt { get; set; }

        /// <summary>Fields Zuora sent that this version of the module does not know, top level and result merged.</summary>
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        /// <summary>Only the documented end states count: a state Zuora adds later is shown, and waited on.</summary>
        public bool IsTerminal => string.Equals(Status, StatusCompleted, StringComparison.Ordinal)
                                  || string.Equals(Status, StatusFailed, StringComparison.Ordinal);

        public override string ToString() => JobId;
    }
}
