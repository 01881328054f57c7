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
    }
}
