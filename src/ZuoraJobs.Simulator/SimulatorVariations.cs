using System.Text.Json.Serialization;

namespace ZuoraJobs.Simulator;

/// <summary>How the top-level <c>errors</c> field of a job is rendered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ErrorsShape>))]
public enum ErrorsShape
{
    /// <summary>A nullable string, as the OpenAPI spec declares.</summary>
    String,

    /// <summary>An array of <c>{code, message}</c> objects, as some clients observed.</summary>
    ObjectArray,

    /// <summary>An array of plain strings.</summary>
    StringArray,
}

/// <summary>
/// Known or plausible deviations of the real API from its spec. Every property is nullable: null means
/// "inherit" (a per-job value falls back to the global one, the global one to the spec behaviour).
/// </summary>
public sealed class SimulatorVariations
{
    /// <summary>Shape of <c>errors</c> when a job carries error text.</summary>
    public ErrorsShape? ErrorsShape { get; set; }

    /// <summary>Render <c>reasons[].code</c> (and error-array codes) as JSON numbers instead of strings.</summary>
    public bool? ReasonCodeAsNumber { get; set; }

    /// <summary>Report this status (e.g. <c>Canceled</c>) instead of the job's final status.</summary>
    public string? FinalStatusOverride { get; set; }

    /// <summary>Add fields no client has seen: <c>newTopLevelField</c> at top level and <c>futureFlag</c> in <c>result</c>.</summary>
    public bool? ExtraFields { get; set; }

    /// <summary>Answer an unknown job id with HTTP 200 and <c>success:false</c> instead of 404 (global only).</summary>
    public bool? NotFoundAsHttp200 { get; set; }

    /// <summary>
    /// Process every order POST as new, whatever its <c>Idempotency-Key</c> (global only): a server without Zuora's
    /// idempotency, to show what a retried order costs without it.
    /// </summary>
    public bool? IgnoreIdempotencyKeys { get; set; }

    /// <summary>
    /// Store a refusal fault (429, 5xx, lock competition, temporary error, 403) served to a keyed order POST as
    /// that key's first answer, and replay it to every retry with the same key and request for 24 hours (global
    /// only). Off, such refusals come before the idempotency layer and a retry with the same key is processed.
    /// Zuora's guide allows both readings, so a client has to survive both.
    /// </summary>
    public bool? StoreRefusals { get; set; }

    internal SimulatorVariations Over(SimulatorVariations fallback) => new()
    {
        ErrorsShape = ErrorsShape ?? fallback.ErrorsShape,
        ReasonCodeAsNumber = ReasonCodeAsNumber ?? fallback.ReasonCodeAsNumber,
        FinalStatusOverride = FinalStatusOverride ?? fallback.FinalStatusOverride,
        ExtraFields = ExtraFields ?? fallback.ExtraFields,
        NotFoundAsHttp200 = NotFoundAsHttp200 ?? fallback.NotFoundAsHttp200,
        IgnoreIdempotencyKeys = IgnoreIdempotencyKeys ?? fallback.IgnoreIdempotencyKeys,
        StoreRefusals = StoreRefusals ?? fallback.StoreRefusals,
    };

    internal SimulatorVariations Clone() => Over(new SimulatorVariations());
}
