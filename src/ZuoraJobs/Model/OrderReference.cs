using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>
    /// What an order's error record names as its target: enough to find the order again (its place in the input, its
    /// numbers, its key, its file) and never the body, which may hold payment details that would otherwise end up in
    /// <c>$Error</c>, job streams and exported logs.
    /// </summary>
    public sealed class OrderReference
    {
        internal OrderReference(int position)
        {
            Position = position;
        }

        /// <summary>1 for the first order the command read, 2 for the second, and so on.</summary>
        public int Position { get; }

        public string? OrderNumber { get; internal set; }

        public string? AccountNumber { get; internal set; }

        /// <summary>The key the order was (or would have been) sent with.</summary>
        public string? IdempotencyKey { get; internal set; }

        /// <summary>The file the order was read from.</summary>
        public string? Path { get; internal set; }

        /// <summary>"order OM-1 for account A-1 (input 3)": what a person reading the error needs.</summary>
        public override string ToString()
        {
            var parts = new List<string>();
            if (Path != null)
            {
                parts.Add(Path);
            }

            if (OrderNumber != null || AccountNumber != null)
            {
                var order = OrderNumber == null ? "order" : "order " + OrderNumber;
                parts.Add(AccountNumber == null ? order : order + " for account " + AccountNumber);
            }

            if (IdempotencyKey != null)
            {
                parts.Add("Idempotency-Key " + IdempotencyKey);
            }

            parts.Add("input " + Position);
            return string.Join(", ", parts);
        }
    }
}
