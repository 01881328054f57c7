using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Simulator;

/// <summary>
/// The simulator's mutable world, shared by the HTTP endpoints and tests in the same process. Everything here is
/// also reachable over HTTP under <c>/__sim/</c>. All members are thread-safe.
/// </summary>
public sealed class SimulatorState
{
    private readonly ConcurrentDictionary<string, string> _clients;
    private SimulatorVariations _variations = new();
    private CancellationTokenSource _delayRelease = new();

    internal SimulatorState(SimulatorOptions options)
    {
        Options = options;
        _clients = new ConcurrentDictionary<string, string>(options.Clients, StringComparer.Ordinal);
        Random = new SeededRandom(options.Seed);
    }

    internal SimulatorOptions Options { get; }

    internal SimClock Clock { get; } = new();

    internal SeededRandom Random { get; }

    internal JobStore Jobs { get; } = new();

    internal TokenStore Tokens { get; } = new();

    internal FaultBook Faults { get; } = new();

    internal SimulatorStatistics Stats { get; } = new();

    internal NumberSequences Numbers { get; } = new();

    internal IdempotencyStore Idempotency { get; } = new();

    internal RateWindow Rate { get; } = new();

    internal CancellationToken DelayRelease => Volatile.Read(ref _delayRelease).Token;

    /// <summary>Simulator time (wall clock plus everything passed to <see cref="AdvanceClock"/>).</summary>
    public DateTimeOffset UtcNow => Clock.UtcNow;

    // ---- jobs -------------------------------------------------------------------------------------------

    /// <summary>Stores a job exactly as described and returns its id. Replaces a job with the same id.</summary>
    public string SeedJob(JobSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        string? resultJson = seed.ResultJson ?? seed.Result?.ToJsonString(ZuoraJson.SerializerOptions);
        if (seed.ResultJson is not null)
        {
            // Fail at seeding time rather than serve invalid JSON where valid JSON was intended.
            using JsonDocument _ = JsonDocument.Parse(seed.ResultJson);
        }

        string id = string.IsNullOrWhiteSpace(seed.JobId) ? Random.NextUuid() : seed.JobId;
        DateTimeOffset? completeAt = seed.CompleteAfter is TimeSpan after ? Clock.UtcNow + after : null;
        string[]? lifecycle = seed.Lifecycle is { Count: > 0 } steps ? steps.ToArray() : null;
        string finalStatus = lifecycle?[^1] ?? (string.IsNullOrEmpty(seed.Status) ? "Completed" : seed.Status);
        var job = new SimJob(id, resultJson, finalStatus, seed.Errors, lifecycle, seed.PollsBeforeCompletion, completeAt, seed.Variations?.Clone());
        Jobs.Put(job);
        return id;
    }

    /// <summary>Shortcut: a job whose first poll already returns <paramref name="status"/> and this exact <c>result</c>.</summary>
    public string SeedJob(string resultJson, string status = "Completed", string? jobId = null) =>
        SeedJob(new JobSeed { ResultJson = resultJson, Status = status, JobId = jobId });

    /// <summary>Polls counted and the status the next poll would see, or null for an unknown id.</summary>
    public JobInfo? GetJob(string jobId)
    {
        SimJob? job = Jobs.Find(jobId);
        if (job is null)
        {
            return null;
        }

        JobView next = job.ViewAt(job.Polls + 1, Clock.UtcNow);
        return new JobInfo(job.Id, job.Polls, next.Status, job.FinalStatus, job.ResultJson, job.Errors, job.OrderRequest);
    }

    /// <summary>Ids of all stored jobs.</summary>
    public IReadOnlyCollection<string> JobIds => Jobs.All.Select(j => j.Id).ToArray();

    /// <summary>Sets per-job variations (unset properties inherit the global ones). False for an unknown id.</summary>
    public bool SetJobVariations(string jobId, SimulatorVariations variations)
    {
        SimJob? job = Jobs.Find(jobId);
        if (job is null)
        {
            return false;
        }

        job.Variations = variations.Clone();
        return true;
    }

    // ---- variations -------------------------------------------------------------------------------------

    /// <summary>Global variations. Reading returns a copy; assign a new object to change them.</summary>
    public SimulatorVariations Variations
    {
        get => Volatile.Read(ref _variations).Clone();
        set => Volatile.Write(ref _variations, (value ?? throw new ArgumentNullException(nameof(value))).Clone());
    }

    internal SimulatorVariations GlobalVariations => Volatile.Read(ref _variations);

    // ---- faults -----------------------------------------------------------------------------------------

    /// <summary>The next matching requests get these faults, one each, in order (job-scoped when <paramref name="jobId"/> is set).</summary>
    public void EnqueueFaults(IEnumerable<FaultSpec> faults, string? jobId = null)
    {
        ArgumentNullException.ThrowIfNull(faults);
        PlanFor(jobId).Enqueue(faults.ToArray());
    }

    /// <summary>Global shortcut for <see cref="EnqueueFaults(IEnumerable{FaultSpec}, string?)"/>.</summary>
    public void EnqueueFaults(params FaultSpec[] faults) => EnqueueFaults(faults, null);

    /// <summary>Each matching request gets <paramref name="fault"/> with this probability (seeded draw) once scripted sequences are used up.</summary>
    public void AddRandomFault(FaultSpec fault, double probability, string? jobId = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (probability is < 0 or > 1 || double.IsNaN(probability))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "Probability must be within [0, 1].");
        }

        PlanFor(jobId).AddRule(probability, fault);
    }

    /// <summary>Scripted faults not yet served (global sequence, or one job's).</summary>
    public int PendingFaults(string? jobId = null) => PlanFor(jobId).Pending;

    /// <summary>Removes every scripted fault, global and per job.</summary>
    public void ClearFaults() => Faults.Clear();

    /// <summary>Ends every pending <see cref="FaultKind.Latency"/> delay now (those requests then answer normally).</summary>
    public void ReleaseDelayedRequests()
    {
        CancellationTokenSource old = Interlocked.Exchange(ref _delayRelease, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    private FaultPlan PlanFor(string? jobId) => jobId is null ? Faults.Global : Faults.ForJob(jobId);

    // ---- tokens, clients, clock -------------------------------------------------------------------------

    /// <summary>Every token issued so far is rejected from now on (401), as if all had expired.</summary>
    public void ExpireAllTokens() => Tokens.ExpireAll();

    /// <summary>Every access token issued so far, so a client's tests can prove it never shows one.</summary>
    public IReadOnlyCollection<string> IssuedAccessTokens => Tokens.AccessTokens;

    /// <summary>Accept another client id/secret pair on <c>/oauth/token</c>.</summary>
    public void AddClient(string clientId, string clientSecret) => _clients[clientId] = clientSecret;

    internal bool CredentialsMatch(string clientId, string clientSecret) =>
        _clients.TryGetValue(clientId, out string? secret) && string.Equals(secret, clientSecret, StringComparison.Ordinal);

    /// <summary>Issues a token without HTTP, for tests that only care about other endpoints.</summary>
    public string IssueToken(string clientId = SimulatorDefaults.ClientId) =>
        Tokens.Issue(Random.NextHex(16), Random.NextHex(16), clientId, Clock.UtcNow.AddSeconds(Options.TokenLifetimeSeconds)).AccessToken;

    /// <summary>Moves simulator time forward (token expiry, duration lifecycles, rate windows) without sleeping.</summary>
    public void AdvanceClock(TimeSpan by) => Clock.Advance(by);

    // ---- statistics and reset ---------------------------------------------------------------------------

    /// <summary>Copy of the counters.</summary>
    public SimulatorStatisticsSnapshot GetStatistics() => Stats.Snapshot(Jobs.Count, Tokens.Issued);

    /// <summary>
    /// Forgets jobs, idempotency keys, faults, statistics, variations, number counters and clock offset, and reseeds the random
    /// source. Issued tokens stay valid (use <see cref="ExpireAllTokens"/> for that).
    /// </summary>
    public void Reset()
    {
        Jobs.Clear();
        Idempotency.Clear();
        Faults.Clear();
        Stats.Reset();
        Numbers.Reset();
        Clock.Reset();
        Rate.Reset();
        Random.Reseed(Options.Seed);
        Variations = new SimulatorVariations();
        ReleaseDelayedRequests();
    }
}

/// <summary>Read-only view of a stored job.</summary>
/// <param name="JobId">Job id.</param>
/// <param name="Polls">GET async-jobs calls answered for it so far.</param>
/// <param name="NextStatus">Status the next poll will report (before variations).</param>
/// <param name="FinalStatus">Status at the end of its lifecycle.</param>
/// <param name="ResultJson">Result shown at the final status, if any.</param>
/// <param name="Errors">Errors text shown at the final status, if any.</param>
/// <param name="OrderRequest">The body of the order POST that created the job, exactly as received; null for a seeded job.</param>
public sealed record JobInfo(string JobId, int Polls, string NextStatus, string FinalStatus, string? ResultJson, string? Errors, string? OrderRequest = null);
