using System;
using System.Collections.Generic;
using System.Threading;

namespace ZuoraJobs.Simulator;

/// <summary>A stored job. Immutable except for its poll counter and its per-job variations.</summary>
internal sealed class SimJob
{
    private const string Processing = "Processing";
    private int _polls;
    private SimulatorVariations? _variations;

    public SimJob(string id, string? resultJson, string finalStatus, string? errors, IReadOnlyList<string>? lifecycle,
        int pollsBeforeCompletion, DateTimeOffset? completeAt, SimulatorVariations? variations)
    {
        Id = id;
        ResultJson = resultJson;
        FinalStatus = finalStatus;
        Errors = errors;
        Lifecycle = lifecycle is { Count: > 0 } ? lifecycle : null;
        PollsBeforeCompletion = Math.Max(0, pollsBeforeCompletion);
        CompleteAt = completeAt;
        _variations = variations;
    }

    public string Id { get; }

    public string? ResultJson { get; }

    public string FinalStatus { get; }

    public string? Errors { get; }

    public IReadOnlyList<string>? Lifecycle { get; }

    public int PollsBeforeCompletion { get; }

    public DateTimeOffset? CompleteAt { get; }

    public int Polls => Volatile.Read(ref _polls);

    /// <summary>The JSON body of the order POST that created the job, as received; null for a seeded job.</summary>
    public string? OrderRequest { get; init; }

    public SimulatorVariations? Variations
    {
        get => Volatile.Read(ref _variations);
        set => Volatile.Write(ref _variations, value);
    }

    /// <summary>Counts one poll and says what that poll sees.</summary>
    public JobView Poll(DateTimeOffset now) => ViewAt(Interlocked.Increment(ref _polls), now);

    /// <summary>What poll number <paramref name="poll"/> (1-based) sees, without counting it.</summary>
    public JobView ViewAt(int poll, DateTimeOffset now)
    {
        if (Lifecycle is { } steps)
        {
            int index = Math.Min(Math.Max(poll, 1), steps.Count) - 1;
            return new JobView(steps[index], index == steps.Count - 1);
        }

        bool done = CompleteAt is DateTimeOffset at ? now >= at : poll > PollsBeforeCompletion;
        return done ? new JobView(FinalStatus, true) : new JobView(Processing, false);
    }
}

/// <summary>Status a poll observes; result and errors are only shown at the final step.</summary>
internal readonly record struct JobView(string Status, bool IsFinal);
