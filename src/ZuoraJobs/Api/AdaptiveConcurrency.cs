using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// The connection's request slots. The configured limit is a ceiling: when Zuora refuses for load (429 or
    /// category 70) the limit halves, because the tenant's concurrency is shared with every other integration and
    /// retrying at the same width only collides again. It halves once per burst of refusals, not once per refused
    /// request (the usual AIMD rule): a refusal of a request sent before the last cut was sent at the old width and
    /// says nothing new. While answers keep coming without refusal it grows by one per step, so it is back at the
    /// ceiling within about half a minute of Zuora accepting again.
    /// </summary>
    internal sealed class AdaptiveConcurrency
    {
        /// <summary>Time from a limit of one to the ceiling while answers keep coming.</summary>
        internal static readonly TimeSpan RecoveryTime = TimeSpan.FromSeconds(30);

        private readonly object _gate = new object();
        private readonly LinkedList<TaskCompletionSource<bool>> _waiters = new LinkedList<TaskCompletionSource<bool>>();
        private readonly Func<DateTimeOffset> _now;
        private readonly int _ceiling;
        private readonly TimeSpan _growthStep;
        private int _limit;
        private int _inFlight;
        private DateTimeOffset _lastCut = DateTimeOffset.MinValue;
        private DateTimeOffset _lastChange = DateTimeOffset.MinValue;

        /// <param name="now">The clock; tests move it instead of waiting.</param>
        public AdaptiveConcurrency(int ceiling, Func<DateTimeOffset>? now = null)
        {
            _ceiling = Math.Max(1, ceiling);
            _limit = _ceiling;
            _now = now ?? (() => DateTimeOffset.UtcNow);
            _growthStep = TimeSpan.FromTicks(RecoveryTime.Ticks / Math.Max(1, _ceiling - 1));
        }

        public int Limit
        {
            get
            {
                lock (_gate)
                {
                    return _limit;
                }
            }
        }

        public async Task EnterAsync(CancellationToken cancellationToken)
        {
            TaskCompletionSource<bool> waiter;
            lock (_gate)
            {
                if (_inFlight < _limit && _waiters.Count == 0)
                {
                    _inFlight++;
                    return;
                }

                waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.AddLast(waiter);
            }

            using (cancellationToken.Register(() => Abandon(waiter, cancellationToken)))
            {
                await waiter.Task.ConfigureAwait(false);
            }
        }

        public void Exit()
        {
            lock (_gate)
            {
                _inFlight--;
                Admit();
            }
        }

        /// <summary>Zuora turned a request away as too many: halve the limit, once per burst.</summary>
        /// <param name="sentAt">When the refused request was sent; null means now.</param>
        /// <returns>The new limit when it was lowered, otherwise null (same burst, or already at one).</returns>
        public int? Refused(DateTimeOffset? sentAt = null)
        {
            lock (_gate)
            {
                var now = _now();
                if ((sentAt ?? now) <= _lastCut)
                {
                    return null;
                }

                _lastCut = now;
                _lastChange = now;
                var halved = Math.Max(1, _limit / 2);
                if (halved == _limit)
                {
                    return null;
                }

                _limit = halved;
                return halved;
            }
        }

        /// <summary>A request was answered without refusal: widen the limit by one if a growth step has passed.</summary>
        public void Answered()
        {
            lock (_gate)
            {
                if (_limit >= _ceiling)
                {
                    return;
                }

                var now = _now();
                if (now - _lastChange >= _growthStep)
                {
                    _limit++;
                    _lastChange = now;
                    Admit();
                }
            }
        }

        private void Admit()
        {
            while (_inFlight < _limit && _waiters.Count > 0)
            {
                var next = _waiters.First!.Value;
                _waiters.RemoveFirst();
                if (next.TrySetResult(true))
                {
                    _inFlight++;
                }
            }
        }

        private void Abandon(TaskCompletionSource<bool> waiter, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (!_waiters.Remove(waiter))
                {
                    return;
                }
            }

            waiter.TrySetCanceled(cancellationToken);
        }
    }
}
