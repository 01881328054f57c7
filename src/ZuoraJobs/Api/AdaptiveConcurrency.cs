using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// The connection's request slots. The configured limit is a ceiling: when Zuora refuses for load (429 or
    /// category 70) the limit halves, because the tenant's concurrency is shared with every other integration and
    /// retrying at the same width only collides again; after a run of answers without refusal it grows back by one.
    /// </summary>
    internal sealed class AdaptiveConcurrency
    {
        private readonly object _gate = new object();
        private readonly LinkedList<TaskCompletionSource<bool>> _waiters = new LinkedList<TaskCompletionSource<bool>>();
        private readonly int _ceiling;
        private int _limit;
        private int _inFlight;
        private int _successesSinceChange;

        public AdaptiveConcurrency(int ceiling)
        {
            _ceiling = Math.Max(1, ceiling);
            _limit = _ceiling;
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

        /// <summary>Zuora turned a request away as too many: halve the limit.</summary>
        /// <returns>The new limit when it was lowered, otherwise null (already at one).</returns>
        public int? Refused()
        {
            lock (_gate)
            {
                _successesSinceChange = 0;
                var halved = Math.Max(1, _limit / 2);
                if (halved == _limit)
                {
                    return null;
                }

                _limit = halved;
                return halved;
            }
        }

        /// <summary>A request was answered without refusal; enough of them in a row widen the limit by one.</summary>
        public void Answered()
        {
            lock (_gate)
            {
                if (_limit < _ceiling && ++_successesSinceChange >= _limit * 4)
                {
                    _limit++;
                    _successesSinceChange = 0;
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
