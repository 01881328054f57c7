using System;
using System.Collections.Generic;

namespace ZuoraJobs.Simulator;

/// <summary>
/// Zuora's idempotent-request rule for the async order POSTs: the first request with a key claims it; its answer
/// (success or failure) is stored and replayed to every later request with the same key and the same request for
/// 24 hours of simulator time. A second request while the first is still being processed gets 409; the key reused
/// with a different request gets 422. Keys are kept per endpoint, as Zuora keeps them per operation.
/// </summary>
internal sealed class IdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly object _gate = new();
    private readonly Dictionary<(SimEndpoint Endpoint, string Key), Entry> _entries = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public Decision Begin(SimEndpoint endpoint, string key, string fingerprint, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((endpoint, key), out Entry? entry) && now - entry.SetAt < Retention)
            {
                if (!string.Equals(entry.Fingerprint, fingerprint, StringComparison.Ordinal))
                {
                    return new Decision(IdempotencyOutcome.Mismatch, null, null);
                }

                return entry.Response is null
                    ? new Decision(IdempotencyOutcome.InProgress, null, null)
                    : new Decision(IdempotencyOutcome.Replayed, entry.Response, null);
            }

            var claimed = new Entry(fingerprint, now);
            _entries[(endpoint, key)] = claimed;
            return new Decision(IdempotencyOutcome.Stored, null, new Claim(endpoint, key, claimed));
        }
    }

    /// <summary>
    /// True while the key has an entry younger than <see cref="Retention"/>, answered or still in progress, whatever
    /// the request it was set by.
    /// </summary>
    public bool IsLive(SimEndpoint endpoint, string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _entries.TryGetValue((endpoint, key), out Entry? entry) && now - entry.SetAt < Retention;
        }
    }

    /// <summary>Records the first request's answer; from now on it is replayed.</summary>
    public void Complete(Claim claim, StoredResponse response)
    {
        lock (_gate)
        {
            claim.Entry.Response = response;
        }
    }

    /// <summary>The first request died before it had an answer (a simulator fault): free the key again.</summary>
    public void Abandon(Claim claim)
    {
        lock (_gate)
        {
            if (claim.Entry.Response is null && _entries.TryGetValue((claim.Endpoint, claim.Key), out Entry? current)
                && ReferenceEquals(current, claim.Entry))
            {
                _entries.Remove((claim.Endpoint, claim.Key));
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal sealed class Entry(string fingerprint, DateTimeOffset setAt)
    {
        public string Fingerprint { get; } = fingerprint;

        public DateTimeOffset SetAt { get; } = setAt;

        public StoredResponse? Response { get; set; }
    }

    internal sealed record Claim(SimEndpoint Endpoint, string Key, Entry Entry);

    internal sealed record Decision(IdempotencyOutcome Outcome, StoredResponse? Replay, Claim? Claim);
}

/// <summary>What happened to a request that carried an <c>Idempotency-Key</c> (statistics key).</summary>
public enum IdempotencyOutcome
{
    /// <summary>First use of the key: processed, and its answer stored.</summary>
    Stored,

    /// <summary>Same key, same request: the stored answer was sent again and nothing was processed.</summary>
    Replayed,

    /// <summary>Same key while the first request was still being processed: 409.</summary>
    InProgress,

    /// <summary>Same key with a different request: 422.</summary>
    Mismatch,

    /// <summary>
    /// First use of the key, answered by a refusal fault instead of being processed; the refusal is stored as the
    /// key's answer (only with <see cref="SimulatorVariations.StoreRefusals"/>).
    /// </summary>
    StoredRefusal,

    /// <summary>Same key, same request, and the stored answer was a refusal: it was sent again, nothing processed.</summary>
    ReplayedRefusal,
}
