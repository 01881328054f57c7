using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// When Zuora says "too many requests", every request on the connection holds back, not only the refused one:
    /// the others would be refused too and count against the tenant's limit.
    /// </summary>
    internal sealed class ThrottleGate
    {
        private readonly Func<DateTimeOffset> _now;
        private long _untilUtcTicks;

        public ThrottleGate(Func<DateTimeOffset> now)
        {
            _now = now;
        }

        /// <summary>The current hold, or null when there is none (or it has passed).</summary>
        public DateTimeOffset? Until
        {
            get
            {
                var ticks = Interlocked.Read(ref _untilUtcTicks);
                if (ticks == 0)
                {
                    return null;
                }

                var until = new DateTimeOffset(ticks, TimeSpan.Zero);
                return until > _now() ? until : (DateTimeOffset?)null;
            }
        }

        /// <summary>Holds requests back until <paramref name="until"/>, unless a later hold is already in place.</summary>
        public void HoldUntil(DateTimeOffset until)
        {
            var ticks = until.UtcTicks;
            while (true)
            {
                var current = Interlocked.Read(ref _untilUtcTicks);
                if (current >= ticks || Interlocked.CompareExchange(ref _untilUtcTicks, ticks, current) == current)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// Waits out the hold; re-checks afterwards because another refusal may have extended it, which also carries a
        /// hold longer than one timer can wait (<see cref="LongWait"/>) over several slices.
        /// </summary>
        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var ticks = Interlocked.Read(ref _untilUtcTicks);
                var wait = new DateTimeOffset(ticks, TimeSpan.Zero) - _now();
                if (ticks == 0 || wait <= TimeSpan.Zero)
                {
                    return;
                }

                await Task.Delay(LongWait.Slice(wait), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
