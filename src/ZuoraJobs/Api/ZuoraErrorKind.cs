namespace ZuoraJobs.Api
{
    /// <summary>What went wrong, in the terms a caller acts on; the cmdlets map each to an error ID and category.</summary>
    public enum ZuoraErrorKind
    {
        ServiceError,
        AuthenticationFailed,
        AccessDenied,
        NotFound,
        RateLimited,
        InvalidResponse,
        ConnectionFailed,
        RequestTimeout,
        InvalidRequest,

        /// <summary>Zuora refused the order itself (HTTP 200 <c>success:false</c> or a 4XX with its reasons).</summary>
        OrderRejected,

        /// <summary>HTTP 422: the Idempotency-Key was used within 24 hours for a different request.</summary>
        IdempotencyKeyMismatch,

        /// <summary>HTTP 409 until retries ran out: a request with the same key was still being processed.</summary>
        IdempotencyKeyInUse,
    }
}
