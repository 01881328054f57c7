using System;
using System.Diagnostics;
using ZuoraJobs.Waiting;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>Real monotonic time, and a wall clock a test can step by hours as NTP or a resumed VM would.</summary>
    internal sealed class SteppableWaitClock : IWaitClock
    {
        private readonly Stopwatch _monotonic = Stopwatch.StartNew();

        public TimeSpan WallOffset { get; set; }

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + WallOffset;

        public TimeSpan Monotonic => _monotonic.Elapsed;
    }
}
