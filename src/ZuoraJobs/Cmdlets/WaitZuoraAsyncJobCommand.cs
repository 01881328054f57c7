using System;
using System.Linq;
using System.Management.Automation;
using ZuoraJobs.Api;
using ZuoraJobs.Waiting;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// Waits for async order jobs to finish. Every input job gets exactly one outcome, written as soon as it is known:
    /// the finished job (plus an AsyncJobFailed error when it failed), an AsyncJobTimeout error, or the error that
    /// made it unreadable.
    /// </summary>
    // InputObject is the default set because PowerShell tries the default set first when binding pipeline input: a
    // job object would otherwise bind to -JobId by property name and be polled again although it already finished.
    [Cmdlet(VerbsLifecycle.Wait, "ZuoraAsyncJob", DefaultParameterSetName = InputObjectParameterSet)]
    [OutputType(typeof(AsyncJob), typeof(OrderLineItem), typeof(Subscription))]
    public sealed class WaitZuoraAsyncJobCommand : AsyncJobCmdlet, IWaitObserver
    {
        private const string InputObjectParameterSet = "InputObject";
        private const int ProgressActivityId = 0x5A4A;

        private JobWaiter? _waiter;

        /// <summary>Jobs from Get-ZuoraAsyncJob; those already finished are written without another request.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectParameterSet, ValueFromPipeline = true)]
        public AsyncJob[] InputObject { get; set; } = Array.Empty<AsyncJob>();

        /// <summary>Seconds to wait in all; -1 (the default) waits as long as it takes.</summary>
        [Parameter]
        [Alias("TimeoutSec")]
        [ValidateRange(-1, int.MaxValue)]
        public int Timeout { get; set; } = -1;

        /// <summary>Seconds before a job is polled again the first time; later delays grow from it.</summary>
        [Parameter]
        [ValidateRange(0.01, 3600.0)]
        public double PollInterval { get; set; } = 2;

        /// <summary>Longest delay between two polls of one job, in seconds.</summary>
        [Parameter]
        [ValidateRange(0.01, 3600.0)]
        public double MaxPollInterval { get; set; } = 30;

        /// <summary>Return as soon as one job has finished.</summary>
        [Parameter]
        public SwitchParameter Any { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var backoff = new PollBackoff(TimeSpan.FromSeconds(PollInterval), TimeSpan.FromSeconds(Math.Max(PollInterval, MaxPollInterval)));
            var timeout = Timeout < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout);
            _waiter = new JobWaiter(Connection.Client, RequestContext, Mailbox, this, backoff, timeout, Any);
        }

        protected override void ProcessRecord()
        {
            if (_waiter == null)
            {
                return;
            }

            if (ParameterSetName == InputObjectParameterSet)
            {
                foreach (var job in InputObject.Where(j => j != null))
                {
                    var id = Normalize(job.JobId);
                    if (id != null)
                    {
                        _waiter.Add(id, job);
                    }
                }

                return;
            }

            foreach (var raw in JobId)
            {
                var id = Normalize(raw);
                if (id != null)
                {
                    _waiter.Add(id, null);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_waiter == null || _waiter.Total == 0)
            {
                return;
            }

            UntilStopped(() => _waiter.Run(Cancellation));
        }

        void IWaitObserver.Finished(AsyncJob job)
        {
            WriteJob(job);
            if (job.Status == AsyncJob.StatusFailed)
            {
                WriteError(WaitErrors.Failed(job, PSObjects.Present(job)));
            }
        }

        void IWaitObserver.Unreadable(string jobId, ZuoraApiException error, AsyncJob? lastSeen) =>
            WriteError(ErrorRecords.FromApi(error, lastSeen == null ? jobId : PSObjects.Present(lastSeen)));

        void IWaitObserver.TimedOut(string jobId, AsyncJob? lastSeen, TimeSpan waited) =>
            WriteError(WaitErrors.TimedOut(jobId, lastSeen, lastSeen == null ? null : PSObjects.Present(lastSeen), waited));

        void IWaitObserver.StateChanged(string jobId, string? previous, string current, bool known)
        {
            var unknown = known ? string.Empty : " (a state this module does not know; still waiting)";
            WriteVerbose(previous == null
                ? $"Job {jobId} is {current}{unknown}."
                : $"Job {jobId} went from {previous} to {current}{unknown}.");
        }

        void IWaitObserver.PollFailed(string jobId, ZuoraApiException error, TimeSpan retryIn) =>
            WriteVerbose($"Could not read job {jobId} ({error.Kind}: {error.Message}); polling it again in {retryIn.TotalSeconds:0.#} s.");

        void IWaitObserver.Summary(int jobs, int polls, int wakeUps, TimeSpan elapsed) =>
            WriteDebug($"Wait summary: {jobs} job(s), {polls} poll(s), {wakeUps} wake-up(s) in {elapsed.TotalSeconds:0.0} s.");

        void IWaitObserver.Progress(WaitProgress progress)
        {
            var record = new ProgressRecord(ProgressActivityId, "Waiting for Zuora async jobs",
                $"{progress.Done} of {progress.Total} done; " +
                string.Join(", ", progress.ByStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")) +
                $"; {progress.Elapsed:hh\\:mm\\:ss} elapsed")
            {
                PercentComplete = progress.Total == 0 ? 100 : progress.Done * 100 / progress.Total,
                RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            WriteProgress(record);
        }
    }
}
