using System;
using System.Collections.Generic;

namespace ZuoraJobs.Waiting
{
    /// <summary>A snapshot for the progress bar: how many jobs are done and what the others are doing.</summary>
    internal sealed class WaitProgress
    {
        public WaitProgress(int total, int done, IReadOnlyDictionary<string, int> byStatus, TimeSpan elapsed, bool finished)
        {
            Total = total;
            Done = done;
            ByStatus = byStatus;
            Elapsed = elapsed;
            Finished = finished;
        }

        public int Total { get; }
        public int Done { get; }

        /// <summary>Last known status of every job, "Pending" for those not read yet.</summary>
        public IReadOnlyDictionary<string, int> ByStatus { get; }

        public TimeSpan Elapsed { get; }
        public bool Finished { get; }
    }
}
