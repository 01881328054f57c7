using System;
using System.Text.Json.Serialization;

namespace ZuoraJobs.Simulator;

/// <summary>Failure modes the simulator can serve instead of (or, for latency, before) the normal response.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>429, <c>Retry-After: n</c> seconds, <c>RateLimit-Remaining: 0</c>, <c>RateLimit-Reset</c>.</summary>
    RateLimited,

    /// <summary>429 like <see cref="RateLimited"/> but <c>Retry-After</c> is an HTTP-date.</summary>
    RateLimitedHttpDate,

    /// <summary>429 without <c>Retry-After</c>; only <c>RateLimit-Reset</c> says when to come back.</summary>
    RateLimitedNoRetryAfter,

    /// <summary>429 with body category 70 (code 50000070), <c>Retry-After</c> and <c>Concurrency-Limit-Remaining: 0</c>.</summary>
    ConcurrencyLimited,

    /// <summary>500 with an <c>ErrorResponse</c> body (or HTML when <see cref="FaultSpec.Html"/>).</summary>
    InternalServerError,

    /// <summary>502 (JSON, or a proxy HTML page when <see cref="FaultSpec.Html"/>).</summary>
    BadGateway,

    /// <summary>503 (JSON, or a proxy HTML page when <see cref="FaultSpec.Html"/>).</summary>
    ServiceUnavailable,

    /// <summary>504 (JSON, or a proxy HTML page when <see cref="FaultSpec.Html"/>).</summary>
    GatewayTimeout,

    /// <summary>HTTP 200, <c>success:false</c>, code 50000050 "Operation failed due to a lock competition, please retry later.".</summary>
    LockCompetition,

    /// <summary>HTTP 200, <c>success:false</c>, code 50000061 (temporary error, resubmit).</summary>
    TemporaryError,

    /// <summary>403 with code 50000010 (category 10, permission denied).</summary>
    AccessDenied,

    /// <summary>Delay, then answer normally (not terminal). Fixed <see cref="FaultSpec.LatencyMs"/> or a random range up to <see cref="FaultSpec.LatencyMaxMs"/>.</summary>
    Latency,

    /// <summary>Send the headers and part of the body, then abort the TCP connection.</summary>
    ConnectionReset,

    /// <summary>200 with <c>Content-Encoding: gzip</c> whose gzip stream stops half way.</summary>
    TruncatedGzip,

    /// <summary>200 <c>application/json</c> whose body is not valid JSON.</summary>
    MalformedJson,

    /// <summary>An HTML page as a proxy or login wall would send; status from <see cref="FaultSpec.Status"/> (default 200).</summary>
    HtmlPage,

    /// <summary>The presented token expires now: this and every later request with it get 401.</summary>
    TokenExpired,

    /// <summary>
    /// The request is processed (an order POST creates its job and stores its idempotent answer), then the answer is
    /// lost on the way back as <see cref="FaultSpec.Loss"/> says: a reset connection, a gateway's 502, or an answer
    /// slower than the client waits. The fault a client must survive without submitting an order twice.
    /// </summary>
    CommitThenLoseResponse,

    /// <summary>
    /// Answer normally, but trickle the body in eight flushed pieces spread over <see cref="FaultSpec.LatencyMs"/>
    /// (or a seeded random time up to <see cref="FaultSpec.LatencyMaxMs"/>), as a slow link or proxy would.
    /// </summary>
    SlowBody,
}

/// <summary>How <see cref="FaultKind.CommitThenLoseResponse"/> loses the answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LostResponse>))]
public enum LostResponse
{
    /// <summary>One of the three below, drawn from the seeded random source per request.</summary>
    Any,

    /// <summary>Status, headers and half the body, then the TCP connection is aborted.</summary>
    ConnectionReset,

    /// <summary>A gateway's 502 replaces the answer (JSON, or HTML with <see cref="FaultSpec.Html"/>).</summary>
    BadGateway,

    /// <summary>
    /// The answer is held for <see cref="FaultSpec.LatencyMs"/> (61 s when unset, longer than a client's default
    /// 60 s timeout); an order's key stays "in progress" meanwhile, so a retry gets 409.
    /// </summary>
    SlowResponse,
}

/// <summary>Endpoints a fault may apply to.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<SimEndpoint>))]
public enum SimEndpoint
{
    /// <summary>Nothing (unknown paths).</summary>
    None = 0,

    /// <summary><c>POST /oauth/token</c>.</summary>
    OAuthToken = 1,

    /// <summary><c>POST /v1/async/orders</c>.</summary>
    CreateOrder = 2,

    /// <summary><c>POST /v1/async/orders/preview</c>.</summary>
    PreviewOrder = 4,

    /// <summary><c>GET /v1/async-jobs/{jobId}</c>.</summary>
    AsyncJob = 8,

    /// <summary>Every bearer-token endpoint (the default target of a fault).</summary>
    Api = CreateOrder | PreviewOrder | AsyncJob,

    /// <summary>Every endpoint including the token endpoint.</summary>
    All = OAuthToken | Api,
}
