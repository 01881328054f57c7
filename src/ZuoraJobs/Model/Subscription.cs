using System;
using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>A subscription touched by an async order job, carrying its job's identity for the pipeline.</summary>
    public sealed class Subscription
    {
        public string? SubscriptionNumber { get; set; }
        public string? Status { get; set; }
        public string? SubscriptionId { get; set; }
        public string? SubscriptionOwnerId { get; set; }
        public string? SubscriptionOwnerNumber { get; set; }
        public string JobId { get; set; } = string.Empty;
        public string? OrderNumber { get; set; }
        public string? AccountNumber { get; set; }
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public override string ToString() => SubscriptionNumber ?? SubscriptionId ?? string.Empty;
    }
}
