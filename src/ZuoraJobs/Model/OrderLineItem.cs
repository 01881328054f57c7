using System;
using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>An order line item created by an async order job, carrying its job's identity for the pipeline.</summary>
    public sealed class OrderLineItem
    {
        public string? Id { get; set; }
        public string? ItemNumber { get; set; }
        public string JobId { get; set; } = string.Empty;
        public string? OrderNumber { get; set; }
        public string? AccountNumber { get; set; }
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public override string ToString() => ItemNumber ?? Id ?? string.Empty;
    }
}
