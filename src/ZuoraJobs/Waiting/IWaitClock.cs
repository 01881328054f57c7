using System;

namespace ZuoraJobs.Waiting
{
    /// <summary>
    /// The two kinds of time a wait deals in. The wall clock can be stepped at any moment (NTP, a resumed VM, a host
    /// that changes its clock for daylight saving), so deadlines and poll schedules are measured on the monotonic
    /// clock, which only ever moves forward by real elapsed time. The wall clock is kept apart so a test can step it
    /// without moving the monotonic one and show the schedule does not notice.
    /// </summary>
    internal interface IWaitClock
    {
        /// <summary>Wall-clock time, for what users read as a date; never for arithmetic on durations.</summary>
        DateTimeOffset UtcNow { get; }

        /// <summary>Elapsed time since an arbitrary fixed origin; only differences between two readings mean anything.</summary>
        TimeSpan Monotonic { get; }
    }
}
