using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Reads async order jobs by ID. Requests run concurrently (bounded by the connection) while results are written
    /// in input order, each as soon as everything before it is written.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZuoraAsyncJob", DefaultParameterSetName = JobIdParameterSet)]
    [OutputType(typeof(AsyncJob), typeof(OrderLineItem), typeof(Subscription))]
    public sealed class GetZuoraAsyncJobCommand : AsyncJobCmdlet
    {
        // Enough to keep the connection's request slots busy without buffering an unbounded pipeline in memory.
        private const int MaxPending = 64;

        private readonly Queue<Pending> _pending = new Queue<Pending>();
        private ZuoraRequestContext? _requestContext;

        protected override void ProcessRecord()
        {
            if (Connection == null)
            {
                return;
            }

            _requestContext ??= NewRequestContext(TrackId);
            UntilStopped(() =>
            {
                foreach (var raw in JobId)
                {
                    var id = Validation.NormalizeJobId(raw);
                    _pending.Enqueue(id == null
                        ? new Pending(raw, null)
                        : new Pending(id, Connection.Client.GetAsyncJobAsync(id, _requestContext, Cancellation)));
                    WriteFinished(block: _pending.Count > MaxPending);
                }
            });
        }

        protected override void EndProcessing() =>
            UntilStopped(() =>
            {
                while (_pending.Count > 0)
                {
                    WriteFinished(block: true);
                }

                Mailbox.Drain();
            });

        /// <summary>Writes finished results from the front of the queue; with block, waits for at least the first.</summary>
        private void WriteFinished(bool block)
        {
            Mailbox.Drain();
            while (_pending.Count > 0)
            {
                var head = _pending.Peek();
                if (head.Request != null && !head.Request.IsCompleted)
                {
                    if (!block)
                    {
                        return;
                    }

                    Mailbox.WaitFor(head.Request, Cancellation);
                }

                _pending.Dequeue();
                block = false;
                Write(head);
            }
        }

        private void Write(Pending entry)
        {
            if (entry.Request == null)
            {
                WriteError(ErrorRecords.InvalidJobId(entry.JobId));
                return;
            }

            try
            {
                WriteJob(entry.Request.GetAwaiter().GetResult());
            }
            catch (ZuoraApiException e)
            {
                WriteError(ErrorRecords.FromApi(e, entry.JobId));
            }
        }

        private readonly struct Pending
        {
            public Pending(string? jobId, Task<AsyncJob>? request)
            {
                JobId = jobId;
                Request = request;
            }

            public string? JobId { get; }
            public Task<AsyncJob>? Request { get; }
        }
    }
}
