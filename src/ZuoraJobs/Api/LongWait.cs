using System;
using System.Threading;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// Waits longer than the runtime's timers take. WaitHandle waits, Task.Delay and CancelAfter count milliseconds in
    /// an int on .NET Framework and Mono (Windows PowerShell) and throw ArgumentOutOfRangeException beyond it, about
    /// 24.8 days: a -Timeout of 30 days or a huge Retry-After would end the command with an error. Every caller here
    /// re-reads its own deadline after waking, so a long wait is simply waited in slices of at most this length.
    /// </summary>
    internal static class LongWait
    {
        /// <summary>The longest single wait, one below int.MaxValue so no runtime mistakes it for a special value.</summary>
        public static readonly TimeSpan MaxSlice = TimeSpan.FromMilliseconds(int.MaxValue - 1);

        /// <summary>The part of <paramref name="wait"/> one timer can wait: at most <see cref="MaxSlice"/>, never negative.</summary>
        public static TimeSpan Slice(TimeSpan wait) => wait > MaxSlice ? MaxSlice : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

        /// <summary>
        /// Milliseconds for a WaitHandle wait: <see cref="Timeout.InfiniteTimeSpan"/> stays infinite, anything else is
        /// rounded up (waking a little late is harmless, waking early spins) and capped at <see cref="MaxSlice"/>.
        /// </summary>
        public static int Milliseconds(TimeSpan wait)
        {
            if (wait == Timeout.InfiniteTimeSpan)
            {
                return Timeout.Infinite;
            }

            // Compared as a TimeSpan, before any conversion: casting an out-of-range double to int is undefined, and
            // .NET Framework turns it into int.MinValue.
            var slice = Slice(wait);
            return (int)Math.Ceiling(slice.TotalMilliseconds);
        }
    }
}
