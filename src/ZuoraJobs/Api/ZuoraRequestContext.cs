using System;

namespace ZuoraJobs.Api
{
    /// <summary>Per-call settings: who is asking (for diagnostics) and how they want to be tracked by Zuora.</summary>
    public sealed class ZuoraRequestContext
    {
        /// <summary>Sent as <c>Zuora-Track-Id</c>; validated by the caller.</summary>
        public string? TrackId { get; set; }

        /// <summary>Receives Verbose/Debug lines; called from any thread, must not block.</summary>
        public Action<ApiMessage>? Log { get; set; }

        /// <summary>
        /// Whether Debug lines (header dumps, body excerpts) are wanted; they cost work on every request, so a caller
        /// whose Debug stream is silent says no.
        /// </summary>
        public bool DebugWanted { get; set; } = true;
    }
}
