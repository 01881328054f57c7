using System;
using System.Globalization;
using System.Threading;

namespace ZuoraJobs.Simulator;

/// <summary>Fixed one-minute window counting API requests, feeding the RateLimit-* headers.</summary>
internal sealed class RateWindow
{
    private long _window = -1;
    private long _count;

    public Reading Hit(DateTimeOffset now, int limitPerMinute)
    {
        long seconds = now.ToUnixTimeSeconds();
        long window = seconds / 60;
        long current = Interlocked.Read(ref _window);
        if (window != current && Interlocked.CompareExchange(ref _window, window, current) == current)
        {
            Interlocked.Exchange(ref _count, 0);
        }

        long used = Interlocked.Increment(ref _count);
        string limitHeader = string.Create(CultureInfo.InvariantCulture, $"{limitPerMinute}, {limitPerMinute};w=60");
        return new Reading(limitHeader, limitPerMinute - used, (int)(60 - seconds % 60));
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _window, -1);
        Interlocked.Exchange(ref _count, 0);
    }

    internal readonly record struct Reading(string LimitHeader, long Remaining, int ResetSeconds);
}
