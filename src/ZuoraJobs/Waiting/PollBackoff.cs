using System;

namespace ZuoraJobs.Waiting
{
    /// <summary>
    /// How long to wait before polling a job again: starts at the first interval, grows by half each poll up to the
    /// cap, and is jittered so that jobs submitted together do not keep polling in lockstep.
    /// </summary>
    internal sealed class PollBackoff
    {
        private const double Growth = 1.5;
        private const double Jitter = 0.2;
        private readonly Random _random;

        public PollBackoff(TimeSpan first, TimeSpan max, int? seed = null)
        {
            First = first;
            Max = max < first ? first : max;
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        public TimeSpan First { get; }
        public TimeSpan Max { get; }

        /// <summary>The un-jittered delay that follows <paramref name="previous"/> (null for the first poll).</summary>
        public TimeSpan Grow(TimeSpan? previous)
        {
            if (previous == null)
            {
                return First;
            }

            var grown = TimeSpan.FromTicks((long)Math.Min(previous.Value.Ticks * Growth, Max.Ticks));
            return grown < First ? First : grown;
        }

        /// <summary>A delay within ±20 % of the nominal one, never above the cap.</summary>
        public TimeSpan Jittered(TimeSpan nominal)
        {
            var factor = 1 + ((_random.NextDouble() * 2) - 1) * Jitter;
            var ticks = (long)(nominal.Ticks * factor);
            return TimeSpan.FromTicks(Math.Min(Math.Max(ticks, 0), Max.Ticks));
        }
    }
}
