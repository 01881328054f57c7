using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace ZuoraJobs.Simulator;

/// <summary>Start-up configuration of a simulator. Read once by <see cref="SimulatorHost.StartAsync"/>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>client_id → client_secret accepted by <c>POST /oauth/token</c>; starts with the default pair.</summary>
    public IDictionary<string, string> Clients { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SimulatorDefaults.ClientId] = SimulatorDefaults.ClientSecret,
    };

    /// <summary><c>expires_in</c> of issued tokens, in seconds (Zuora sends 3599).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3599;

    /// <summary>Seed for job ids, tokens, random faults and random latency; null = nondeterministic.</summary>
    public int? Seed { get; set; }

    /// <summary>Maximum API requests in flight; one more gets 429 with error category 70. Null = unlimited.</summary>
    public int? ConcurrencyLimit { get; set; }

    /// <summary>Value of <c>Concurrency-Limit-Limit</c> when <see cref="ConcurrencyLimit"/> is null (Zuora's Default tier is 40).</summary>
    public int ReportedConcurrencyLimit { get; set; } = 40;

    /// <summary>Requests per minute before the simulator answers 429 on its own (RateLimit-* headers count down from it).</summary>
    public int RateLimitPerMinute { get; set; } = 50_000;

    /// <summary>Polls answered <c>Processing</c> before a job created through the POST endpoints reports its final status.</summary>
    public int DefaultPollsBeforeCompletion { get; set; } = 1;

    /// <summary>When set, jobs created through the POST endpoints complete after this time instead of after a number of polls.</summary>
    public TimeSpan? DefaultCompletionDelay { get; set; }

    /// <summary>Largest request body accepted; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary><c>Retry-After</c> seconds sent when the real concurrency limit rejects a request.</summary>
    public int ConcurrencyRetryAfterSeconds { get; set; } = 1;

    /// <summary>Minimum level of ASP.NET Core console logging; Warning keeps test output clean.</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}
