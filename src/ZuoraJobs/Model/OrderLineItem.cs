using System;
using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>An order line item created by an async order job, carrying its job's identity for the pipeline.</summary>
    public sealed class OrderLineItem : IHasAdditionalFields
    {
        // Built only by the parser: PowerShell must never coerce a CSV row or hashtable into one.
        internal OrderLineItem()
        {
        }

        public string? Id { get; internal set; }
        public string? ItemNumber { get; internal set; }
        public string JobId { get; internal set; } = string.Empty;
        public string? OrderNumber { get; internal set; }
        public string? AccountNumber { get; internal set; }
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public override string ToString() => ItemNumber ?? Id ?? string.Empty;
    }
}
