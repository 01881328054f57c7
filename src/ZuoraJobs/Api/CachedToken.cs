using System;

namespace ZuoraJobs.Api
{
    /// <summary>A bearer token with the moment it should be replaced. ToString is redacted on purpose.</summary>
    internal sealed class CachedToken
    {
        public CachedToken(string value, DateTimeOffset expiresAt, DateTimeOffset renewAt)
        {
            Value = value;
            ExpiresAt = expiresAt;
            RenewAt = renewAt;
        }

        public string Value { get; }
        public DateTimeOffset ExpiresAt { get; }
        public DateTimeOffset RenewAt { get; }

        /// <summary>
        /// Renew a margin before expiry, but never more than half the lifetime early, or a short-lived token would be
        /// considered stale from the moment it arrives.
        /// </summary>
        public static CachedToken Create(string value, TimeSpan lifetime, TimeSpan renewalMargin, DateTimeOffset now)
        {
            var half = TimeSpan.FromTicks(lifetime.Ticks / 2);
            var margin = renewalMargin < half ? renewalMargin : half;
            if (margin < TimeSpan.Zero)
            {
                margin = TimeSpan.Zero;
            }

            var expiresAt = now + lifetime;
            return new CachedToken(value, expiresAt, expiresAt - margin);
        }

        public override string ToString() => $"Bearer token (expires {ExpiresAt:u})";
    }
}
