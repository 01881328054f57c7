using System;
using ZuoraJobs.Api;

namespace ZuoraJobs.Waiting
{
    /// <summary>What the waiter reports; always called on the pipeline thread.</summary>
    internal interface IWaitObserver
    {
        /// <summary>The job reached Completed or Failed.</summary>
        void Finished(AsyncJob job);

        /// <summary>The job cannot be read (not found, no access, or kept failing): its one outcome.</summary>
        void Unreadable(string jobId, ZuoraApiException error, AsyncJob? lastSeen);

        /// <summary>The deadline passed before the job finished: its one outcome.</summary>
        void TimedOut(string jobId, AsyncJob? lastSeen, TimeSpan waited);

        /// <summary>A job was seen in a state other than the one seen before (first sighting included).</summary>
        void StateChanged(string jobId, string? previous, string current, bool known);

        /// <summary>A poll failed but the job is still being waited on.</summary>
        void PollFailed(string jobId, ZuoraApiException error, TimeSpan retryIn);

        void Progress(WaitProgress progress);

        /// <summary>The wait is over: how much work it took (polls started, times the scheduler woke up).</summary>
        void Summary(int jobs, int polls, int wakeUps, TimeSpan elapsed);
    }
}
