using System;
using System.Diagnostics;

namespace ZuoraJobs.Waiting
{
    /// <summary>The machine's clocks: the system wall clock and the high-resolution performance counter.</summary>
    internal sealed class SystemWaitClock : IWaitClock
    {
        public static readonly SystemWaitClock Instance = new SystemWaitClock();

        // A Stopwatch reads the performance counter (QueryPerformanceCounter, CLOCK_MONOTONIC), which clock changes
        // leave alone; one shared origin keeps readings comparable across waits and avoids scaling raw timestamps.
        private static readonly Stopwatch Origin = Stopwatch.StartNew();

        private SystemWaitClock()
        {
        }

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        public TimeSpan Monotonic => Origin.Elapsed;
    }
}
