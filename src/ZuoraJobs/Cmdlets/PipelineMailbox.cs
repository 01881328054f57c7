using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// PowerShell only accepts output, errors and diagnostics from the pipeline thread. Worker threads post here; the
    /// pipeline thread drains the mailbox whenever it waits, so verbose lines appear while requests are in flight.
    /// </summary>
    internal sealed class PipelineMailbox : IDisposable
    {
        private readonly ConcurrentQueue<Action> _pending = new ConcurrentQueue<Action>();
        private readonly AutoResetEvent _posted = new AutoResetEvent(false);

        public void Post(Action action)
        {
            _pending.Enqueue(action);
            try
            {
                _posted.Set();
            }
            catch (ObjectDisposedException)
            {
                // A poll abandoned at Ctrl+C may complete after the cmdlet is gone; nobody is left to tell.
            }
        }

        /// <summary>Runs everything posted so far, on the calling (pipeline) thread.</summary>
        public void Drain()
        {
            while (_pending.TryDequeue(out var action))
            {
                action();
            }
        }

        /// <summary>Blocks until the task ends, running posted work meanwhile, then rethrows its failure.</summary>
        public void Await(Task task, CancellationToken cancellationToken)
        {
            WaitFor(task, cancellationToken);
            task.GetAwaiter().GetResult();
        }

        /// <summary>Blocks until the task ends, running posted work meanwhile. Throws when cancelled.</summary>
        public void WaitFor(Task task, CancellationToken cancellationToken)
        {
            var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, _posted, cancellationToken.WaitHandle };
            while (true)
            {
                Drain();
                cancellationToken.ThrowIfCancellationRequested();
                if (task.IsCompleted)
                {
                    return;
                }

                WaitHandle.WaitAny(handles);
            }
        }

        /// <summary>
        /// Waits until something is posted or the timeout passes, then runs what was posted. Lets a scheduler on the
        /// pipeline thread sleep until its next deadline without missing completions. Throws when cancelled. A timeout
        /// beyond <see cref="LongWait.MaxSlice"/> returns after that slice; the caller recomputes and pumps again.
        /// </summary>
        public void Pump(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Drain();
            cancellationToken.ThrowIfCancellationRequested();
            var wait = LongWait.Milliseconds(timeout);
            if (_pending.IsEmpty && wait != 0)
            {
                WaitHandle.WaitAny(new[] { _posted, cancellationToken.WaitHandle }, wait);
            }

            Drain();
            cancellationToken.ThrowIfCancellationRequested();
        }

        public void Dispose() => _posted.Dispose();
    }
}
