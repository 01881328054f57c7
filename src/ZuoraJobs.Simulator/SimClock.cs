using System;
using System.Threading;

namespace ZuoraJobs.Simulator;

/// <summary>Wall clock plus an adjustable offset, so tests can jump past token lifetimes and job durations without sleeping.</summary>
internal sealed class SimClock
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
