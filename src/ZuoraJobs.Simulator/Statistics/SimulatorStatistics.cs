using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ZuoraJobs.Simulator;

/// <summary>Lock-free counters; <see cref="Snapshot"/> copies them for readers.</summary>
internal sealed class SimulatorStatistics
{
    private readonly ConcurrentDictionary<string, long> _byEndpoint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byJob = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _byFault = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byTrackId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byIdempotency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byLoss = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _createdByOrderNumber = new(StringComparer.Ordinal);
    private long _total;
    private long _jobsCreated;
    private int _inFlight;
    private int _maxInFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter()
    {
        int now = Interlocked.Increment(ref _inFlight);
        int max = Volatile.Read(ref _maxInFlight);
        while (now > max)
        {
            int seen = Interlocked.CompareExchange(ref _maxInFlight, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    public void Count(string endpoint, string? jobId, string? trackId)
    {
        Interlocked.Increment(ref _total);
        _byEndpoint.AddOrUpdate(endpoint, 1, static (_, n) => n + 1);
        if (jobId is not null)
        {
            _byJob.AddOrUpdate(jobId, 1, static (_, n) => n + 1);
        }

        if (trackId is not null)
        {
            _byTrackId.AddOrUpdate(trackId, 1, static (_, n) => n + 1);
        }
    }

    public void CountFault(FaultKind kind) => _byFault.AddOrUpdate(kind.ToString(), 1, static (_, n) => n + 1);

    public void CountIdempotency(IdempotencyOutcome outcome) => _byIdempotency.AddOrUpdate(outcome.ToString(), 1, static (_, n) => n + 1);

    public void CountLostResponse(LostResponse manner) => _byLoss.AddOrUpdate(manner.ToString(), 1, static (_, n) => n + 1);

    public void CountJobCreated(string? orderNumber)
    {
        Interlocked.Increment(ref _jobsCreated);
        if (orderNumber is not null)
        {
            _createdByOrderNumber.AddOrUpdate(orderNumber, 1, static (_, n) => n + 1);
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _jobsCreated, 0);
        _byIdempotency.Clear();
        _byLoss.Clear();
        _createdByOrderNumber.Clear();
        Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight));
        _byEndpoint.Clear();
        _byJob.Clear();
        _byFault.Clear();
        _byTrackId.Clear();
    }

    public SimulatorStatisticsSnapshot Snapshot(int jobCount, long tokensIssued) => new()
    {
        TotalRequests = Interlocked.Read(ref _total),
        RequestsByEndpoint = Copy(_byEndpoint),
        RequestsByJobId = Copy(_byJob),
        FaultsByKind = Copy(_byFault),
        RequestsByTrackId = Copy(_byTrackId),
        IdempotentRequests = Copy(_byIdempotency),
        LostResponses = Copy(_byLoss),
        JobsCreated = Interlocked.Read(ref _jobsCreated),
        JobsCreatedByOrderNumber = Copy(_createdByOrderNumber),
        MaxConcurrentRequests = Volatile.Read(ref _maxInFlight),
        InFlightRequests = Volatile.Read(ref _inFlight),
        JobCount = jobCount,
        TokensIssued = tokensIssued,
    };

    private static Dictionary<string, long> Copy(ConcurrentDictionary<string, long> source) =>
        source.ToDictionary(p => p.Key, p => p.Value, source.Comparer);
}

/// <summary>Point-in-time copy of the simulator's counters. Control-surface calls are never counted.</summary>
public sealed class SimulatorStatisticsSnapshot
{
    /// <summary>Zuora API requests received (token, orders, async-jobs, unknown paths), including faulted ones.</summary>
    public long TotalRequests { get; init; }

    /// <summary>Requests per endpoint key such as <c>GET /v1/async-jobs/{jobId}</c>.</summary>
    public IReadOnlyDictionary<string, long> RequestsByEndpoint { get; init; } = new Dictionary<string, long>();

    /// <summary>GET async-jobs requests per job id in the path (known or not).</summary>
    public IReadOnlyDictionary<string, long> RequestsByJobId { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Faults served per <see cref="FaultKind"/> name, including real concurrency/rate-limit rejections. A replayed
    /// stored refusal is not served again, so it is not counted here.
    /// </summary>
    public IReadOnlyDictionary<string, long> FaultsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Requests per <c>Zuora-Track-Id</c> request header value.</summary>
    public IReadOnlyDictionary<string, long> RequestsByTrackId { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Order POSTs that carried an <c>Idempotency-Key</c>, per <see cref="IdempotencyOutcome"/> name. Refusals
    /// stored and replayed under a key are counted as <c>StoredRefusal</c> and <c>ReplayedRefusal</c>, apart from
    /// the processed answers in <c>Stored</c> and <c>Replayed</c>.
    /// </summary>
    public IReadOnlyDictionary<string, long> IdempotentRequests { get; init; } = new Dictionary<string, long>();

    /// <summary><see cref="FaultKind.CommitThenLoseResponse"/> faults served, per <see cref="LostResponse"/> name.</summary>
    public IReadOnlyDictionary<string, long> LostResponses { get; init; } = new Dictionary<string, long>();

    /// <summary>Jobs created by the order POSTs (seeded jobs are not counted); a replayed answer creates none.</summary>
    public long JobsCreated { get; init; }

    /// <summary>Jobs created per <c>orderNumber</c> of the request (orders without one are not listed): a duplicate shows as 2.</summary>
    public IReadOnlyDictionary<string, long> JobsCreatedByOrderNumber { get; init; } = new Dictionary<string, long>();

    /// <summary>Highest number of API requests in flight at once since start or reset.</summary>
    public int MaxConcurrentRequests { get; init; }

    /// <summary>API requests in flight when the snapshot was taken.</summary>
    public int InFlightRequests { get; init; }

    /// <summary>Jobs currently stored.</summary>
    public int JobCount { get; init; }

    /// <summary>Tokens issued since start (not reset).</summary>
    public long TokensIssued { get; init; }

    /// <summary>Requests counted for an endpoint key, 0 when none.</summary>
    public long ForEndpoint(string key) => RequestsByEndpoint.TryGetValue(key, out long n) ? n : 0;

    /// <summary>Polls counted for a job id, 0 when none.</summary>
    public long ForJob(string jobId) => RequestsByJobId.TryGetValue(jobId, out long n) ? n : 0;

    /// <summary>Order POSTs with a key that ended this way, 0 when none.</summary>
    public long ForIdempotency(IdempotencyOutcome outcome) => IdempotentRequests.TryGetValue(outcome.ToString(), out long n) ? n : 0;

    /// <summary>Faults served of a kind, 0 when none.</summary>
    public long ForFault(FaultKind kind) => FaultsByKind.TryGetValue(kind.ToString(), out long n) ? n : 0;
}
