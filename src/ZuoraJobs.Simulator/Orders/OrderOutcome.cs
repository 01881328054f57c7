using System;

namespace ZuoraJobs.Simulator;

/// <summary>What a POSTed order turns into: the job's final status, its result or errors, and its pacing.</summary>
internal sealed record OrderOutcome(string? ResultJson, string FinalStatus, string? Errors, int PollsBeforeCompletion, TimeSpan? Duration);
