using System;
using System.Threading.Tasks;

namespace ZuoraJobs.Waiting
{
    /// <summary>One job being waited on: what was last seen of it and when to look again.</summary>
    internal sealed class WaitedJob
    {
        public WaitedJob(string jobId, int order)
        {
            JobId = jobId;
            Order = order;
        }

        public string JobId { get; }

        /// <summary>Input position, so jobs due at the same moment are polled in the order they were given.</summary>
        public int Order { get; }

        public AsyncJob? LastSeen { get; set; }
        public string? LastStatus => LastSeen?.Status;
        /// <summary>When the job is due, on the waiter's monotonic clock (a wall-clock step must not move it).</summary>
        public TimeSpan NextPollAt { get; set; }
        public TimeSpan? NominalDelay { get; set; }
        public Task<AsyncJob>? Poll { get; set; }

        /// <summary>Failed polls in a row (after the client's own retries); reset by any successful poll.</summary>
        public int ConsecutiveFailures { get; set; }

        public Exception? LastFailure { get; set; }
        public bool Done { get; set; }
    }
}
