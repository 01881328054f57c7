using System;
using System.Collections.Generic;
using ZuoraJobs.Waiting;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>Records each job's outcome; hooks let a test act at a precise point of the wait.</summary>
    internal sealed class RecordingWaitObserver : IWaitObserver
    {
        public List<string> Finished { get; } = new List<string>();
        public List<string> TimedOut { get; } = new List<string>();
        public List<string> Unreadable { get; } = new List<string>();
        public int PollFailures { get; private set; }
        public Action<string>? OnStateChanged { get; set; }
        public Action? OnPollFailed { get; set; }

        void IWaitObserver.Finished(AsyncJob job) => Finished.Add(job.Status);

        void IWaitObserver.Unreadable(string jobId, ZuoraApiException error, AsyncJob? lastSeen) => Unreadable.Add(error.Kind.ToString());

        void IWaitObserver.TimedOut(string jobId, AsyncJob? lastSeen, TimeSpan waited) => TimedOut.Add(lastSeen?.Status ?? "unread");

        void IWaitObserver.StateChanged(string jobId, string? previous, string current, bool known) => OnStateChanged?.Invoke(current);

        void IWaitObserver.PollFailed(string jobId, ZuoraApiException error, TimeSpan retryIn)
        {
            PollFailures++;
            OnPollFailed?.Invoke();
        }

        void IWaitObserver.Progress(WaitProgress progress)
        {
        }

        void IWaitObserver.Summary(int jobs, int polls, int wakeUps, TimeSpan elapsed)
        {
        }
    }
}
