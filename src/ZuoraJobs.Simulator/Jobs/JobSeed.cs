using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ZuoraJobs.Simulator;

/// <summary>
/// Description of a job placed directly into the simulator (bypassing the POST endpoints).
/// Lifecycle precedence: <see cref="Lifecycle"/>, then <see cref="CompleteAfter"/>, then <see cref="PollsBeforeCompletion"/>.
/// </summary>
public sealed class JobSeed
{
    /// <summary>Fixed job id; a seeded uuid when null.</summary>
    public string? JobId { get; set; }

    /// <summary>Exact <c>result</c> object returned once the job reaches its final status (wins over <see cref="Result"/>).</summary>
    public string? ResultJson { get; set; }

    /// <summary>Exact <c>result</c> as a node; serialised once when the job is seeded.</summary>
    public JsonNode? Result { get; set; }

    /// <summary>Final status: <c>Completed</c>, <c>Failed</c> or any string such as <c>Canceled</c>.</summary>
    public string Status { get; set; } = "Completed";

    /// <summary>Top-level <c>errors</c> text shown at the final status.</summary>
    public string? Errors { get; set; }

    /// <summary>Statuses walked one per poll; the last one is final and repeats forever.</summary>
    public IList<string>? Lifecycle { get; set; }

    /// <summary>Polls answered <c>Processing</c> before <see cref="Status"/>; 0 = final at once.</summary>
    public int PollsBeforeCompletion { get; set; }

    /// <summary>Answer <c>Processing</c> until this much simulator time has passed since seeding.</summary>
    public TimeSpan? CompleteAfter { get; set; }

    /// <summary>Per-job variations; unset properties inherit the global ones.</summary>
    public SimulatorVariations? Variations { get; set; }
}
