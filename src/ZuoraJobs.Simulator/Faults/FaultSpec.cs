namespace ZuoraJobs.Simulator;

/// <summary>One fault to serve. Parameters that do not apply to <see cref="Kind"/> are ignored.</summary>
public sealed class FaultSpec
{
    /// <summary>What goes wrong.</summary>
    public FaultKind Kind { get; set; }

    /// <summary>Endpoints this fault may hit; by default every bearer-token endpoint but not <c>/oauth/token</c>.</summary>
    public SimEndpoint Endpoints { get; set; } = SimEndpoint.Api;

    /// <summary><c>Retry-After</c> seconds for 429 kinds (and the HTTP-date offset).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary><c>RateLimit-Reset</c> seconds for 429 kinds.</summary>
    public int RateLimitResetSeconds { get; set; } = 1;

    /// <summary>For 5xx kinds: send a proxy's <c>text/html</c> page instead of JSON.</summary>
    public bool Html { get; set; }

    /// <summary>HTTP status for <see cref="FaultKind.HtmlPage"/> (default 200).</summary>
    public int? Status { get; set; }

    /// <summary>Delay for <see cref="FaultKind.Latency"/>, or the lower bound when <see cref="LatencyMaxMs"/> is set.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Upper bound (inclusive) of a seeded random delay.</summary>
    public int? LatencyMaxMs { get; set; }

    /// <summary>How <see cref="FaultKind.CommitThenLoseResponse"/> loses the answer (default: any of the three, at random).</summary>
    public LostResponse Loss { get; set; }

    /// <summary>
    /// Apply only to an order POST whose <c>Idempotency-Key</c> has no live entry yet, i.e. a first attempt: a retry
    /// with the same key, a request without a key and every GET pass untouched. Lets a test refuse a share of first
    /// attempts without also refusing the retries that are meant to recover from them.
    /// </summary>
    public bool NewKeysOnly { get; set; }

    /// <summary>Hold of a <see cref="LostResponse.SlowResponse"/> when <see cref="LatencyMs"/> is unset.</summary>
    internal const int DefaultSlowResponseMs = 61_000;

    /// <summary>Shortcut for a fault of <paramref name="kind"/> with default parameters.</summary>
    public static FaultSpec Of(FaultKind kind) => new() { Kind = kind };

    internal bool Applies(SimEndpoint endpoint, bool newKey) =>
        endpoint != SimEndpoint.None && (Endpoints & endpoint) != 0 && (newKey || !NewKeysOnly);
}
