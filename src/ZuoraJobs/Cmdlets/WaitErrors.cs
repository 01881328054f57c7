using System;
using System.Linq;
using System.Management.Automation;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>The outcomes of a wait that are errors: a job Zuora reports as Failed, and a job that ran out of time.</summary>
    internal static class WaitErrors
    {
        internal static ErrorRecord Failed(AsyncJob job, PSObject target)
        {
            var messages = job.Errors.Concat(job.Reasons.Select(r => r.ToString())).Where(m => m.Length > 0).ToList();
            var detail = messages.Count == 0 ? "Zuora gave no reason." : "Zuora says: " + string.Join("; ", messages);
            // Zuora sends no result, hence no job type, for most failed jobs.
            var what = job.JobType == null ? $"Async job {job.JobId}" : $"Async job {job.JobId} ({job.JobType})";
            var exception = new AsyncJobFailedException($"{what} failed. {detail}", job);
            return new ErrorRecord(exception, "AsyncJobFailed", ErrorCategory.InvalidResult, target)
            {
                ErrorDetails = new ErrorDetails(exception.Message)
                {
                    RecommendedAction = "Fix the order request named in Zuora's message and submit it again; the job itself cannot be retried.",
                },
            };
        }

        internal static ErrorRecord TimedOut(string jobId, AsyncJob? lastSeen, PSObject? target, TimeSpan waited)
        {
            var state = lastSeen == null
                ? "Zuora never answered a poll for it in time, so its state is unknown"
                : $"it was last seen {lastSeen.Status} at {lastSeen.RetrievedAt.ToLocalTime():T}";
            var exception = new TimeoutException(
                $"Async job {jobId} did not finish within {waited.TotalSeconds:0.#} s; {state}. It keeps running in Zuora.");
            return new ErrorRecord(exception, "AsyncJobTimeout", ErrorCategory.OperationTimeout, (object?)target ?? jobId)
            {
                ErrorDetails = new ErrorDetails(exception.Message)
                {
                    RecommendedAction = $"Wait again with a longer -Timeout, or check later with Get-ZuoraAsyncJob {jobId}.",
                },
            };
        }
    }

    /// <summary>Carries the failed job so a catch block can read Zuora's details from <c>$_.Exception.Job</c>.</summary>
    public sealed class AsyncJobFailedException : Exception
    {
        public AsyncJobFailedException(string message, AsyncJob job)
            : base(message)
        {
            Job = job;
        }

        public AsyncJob Job { get; }
    }
}
