namespace ZuoraJobs.Simulator;

/// <summary>
/// Error codes the simulator uses. Zuora codes are a 6-digit resource code plus a 2-digit category; the
/// simulator always uses the generic resource 500000 (as Zuora does for payload-less requests) or 900000 for auth.
/// </summary>
internal static class ZuoraErrors
{
    public const string PermissionDenied = "50000010";
    public const string InvalidValue = "50000020";
    public const string MissingRequiredField = "50000022";
    public const string IdempotencyConflict = "50000030";
    public const string NotFound = "50000040";
    public const string MethodNotAllowed = "50000045";
    public const string LockCompetition = "50000050";
    public const string InternalError = "50000060";
    public const string TemporaryError = "50000061";
    public const string LimitExceeded = "50000070";
    public const string MalformedJson = "50000090";
    public const string InvalidCredentials = "90000011";
    public const string InvalidAuthValue = "90000020";
    public const string MissingAuthParameter = "90000023";

    public const string LockCompetitionMessage = "Operation failed due to a lock competition, please retry later.";
    public const string TemporaryErrorMessage = "Temporary error occurred, please retry later.";
}
