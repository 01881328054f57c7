using System;
using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>A subscription touched by an async order job, carrying its job's identity for the pipeline.</summary>
    public sealed class Subscription : IHasAdditionalFields
    {
        // Built only by the parser: PowerShell must never coerce a CSV row or hashtable into one.
        internal Subscription()
        {
        }

        public string? SubscriptionNumber { get; internal set; }
        public string? Status { get; internal set; }
        public string? SubscriptionId { get; internal set; }
        public string? SubscriptionOwnerId { get; internal set; }
        public string? SubscriptionOwnerNumber { get; internal set; }
        public string JobId { get; internal set; } = string.Empty;
        public string? OrderNumber { get; internal set; }
        public string? AccountNumber { get; internal set; }
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public override string ToString() => SubscriptionNumber ?? SubscriptionId ?? string.Empty;
    }
}
