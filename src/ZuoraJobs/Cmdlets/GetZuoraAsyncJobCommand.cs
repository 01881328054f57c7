using System;
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

        private InputOrderQueue<Pending>? _pending;

        protected override void ProcessRecord()
        {
            _pending ??= new InputOrderQueue<Pending>(Mailbox, Write);
            UntilStopped(() =>
            {
                foreach (var raw in JobId)
                {
                    var id = Validation.NormalizeJobId(raw);
                    var pending = id == null
                        ? new Pending(raw, null)
                        : new Pending(id, Connection.Client.GetAsyncJobAsync(id, RequestContext, Cancellation));
                    _pending.Add(pending, pending.Request);
                    _pending.WriteFinished(block: _pending.Count > MaxPending, Cancellation);
                }
            });
        }

        protected override void EndProcessing() => UntilStopped(() => _pending?.WriteAll(Cancellation));

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
