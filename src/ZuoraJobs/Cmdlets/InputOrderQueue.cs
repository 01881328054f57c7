using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Results of requests that run concurrently, written in input order: each entry as soon as everything before it
    /// has been written. Entries without a request (an error found before sending) keep their place too.
    /// </summary>
    internal sealed class InputOrderQueue<T>
    {
        private readonly Queue<(T Entry, Task? Request)> _pending = new Queue<(T, Task?)>();
        private readonly PipelineMailbox _mailbox;
        private readonly Action<T> _write;

        public InputOrderQueue(PipelineMailbox mailbox, Action<T> write)
        {
            _mailbox = mailbox;
            _write = write;
        }

        public int Count => _pending.Count;

        public void Add(T entry, Task? request) => _pending.Enqueue((entry, request));

        /// <summary>The requests of entries not yet written that are still running.</summary>
        public Task[] InFlight()
        {
            var running = new List<Task>();
            foreach (var (_, request) in _pending)
            {
                if (request != null && !request.IsCompleted)
                {
                    running.Add(request);
                }
            }

            return running.ToArray();
        }

        /// <summary>Writes finished entries from the front; with block, waits for at least the first.</summary>
        public void WriteFinished(bool block, CancellationToken cancellationToken)
        {
            _mailbox.Drain();
            while (_pending.Count > 0)
            {
                var head = _pending.Peek();
                if (head.Request != null && !head.Request.IsCompleted)
                {
                    if (!block)
                    {
                        return;
                    }

                    _mailbox.WaitFor(head.Request, cancellationToken);
                }

                _pending.Dequeue();
                block = false;
                _write(head.Entry);
            }
        }

        /// <summary>Waits for and writes everything still pending.</summary>
        public void WriteAll(CancellationToken cancellationToken)
        {
            while (_pending.Count > 0)
            {
                WriteFinished(block: true, cancellationToken);
            }

            _mailbox.Drain();
        }
    }
}
