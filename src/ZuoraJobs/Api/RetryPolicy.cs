using System;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// Back-off between attempts: Zuora's own delay when it gives one, else exponential with full jitter so that many
    /// clients refused at the same moment do not come back at the same moment.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private readonly Random _random;
        private readonly TimeSpan _baseDelay;

        public RetryPolicy(ZuoraClientOptions options)
        {
            _random = options.JitterSeed.HasValue ? new Random(options.JitterSeed.Value) : new Random();
            _baseDelay = options.RetryBaseDelay < TimeSpan.Zero ? TimeSpan.Zero : options.RetryBaseDelay;
            MaxDelay = options.RetryMaxDelay < TimeSpan.Zero ? TimeSpan.Zero : options.RetryMaxDelay;
            MaxRetries = Math.Max(0, options.MaxRetryCount);
            Budget = options.RetryBudget < TimeSpan.Zero ? TimeSpan.Zero : options.RetryBudget;
        }

        public int MaxRetries { get; }
        public TimeSpan MaxDelay { get; }
        public TimeSpan Budget { get; }

        /// <param name="retryNumber">1 for the first retry.</param>
        /// <param name="serverDelay">Retry-After / RateLimit-Reset, when Zuora sent one.</param>
        public TimeSpan NextDelay(int retryNumber, TimeSpan? serverDelay)
        {
            if (serverDelay.HasValue)
            {
                return Min(serverDelay.Value, MaxDelay);
            }

            var exponent = Math.Min(Math.Max(retryNumber - 1, 0), 30);
            var ceilingTicks = Math.Min(_baseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
            double sample;
            lock (_random)
            {
                sample = _random.NextDouble();
            }

            return TimeSpan.FromTicks((long)(ceilingTicks * sample));
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
