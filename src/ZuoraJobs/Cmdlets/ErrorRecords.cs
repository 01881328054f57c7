using System;
using System.Management.Automation;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// The module's error vocabulary. IDs are stable (scripts match on them); each record targets the job ID or job it
    /// is about, and its category says the cause.
    /// </summary>
    internal static class ErrorRecords
    {
        internal static ErrorRecord FromApi(ZuoraApiException exception, object? target)
        {
            var (id, category) = Classify(exception);
            return WithAdvice(new ErrorRecord(exception, id, category, target), exception);
        }

        /// <summary>As <see cref="FromApi"/>, except that a 404 means the order endpoint, not a job, was not found.</summary>
        internal static ErrorRecord FromOrderApi(ZuoraApiException exception, object? target) =>
            exception.Kind == ZuoraErrorKind.NotFound
                ? new ErrorRecord(exception, "ZuoraServiceError", ErrorCategory.ObjectNotFound, target)
                : FromApi(exception, target);

        private static ErrorRecord WithAdvice(ErrorRecord record, ZuoraApiException exception)
        {
            var action = RecommendedAction(exception);
            if (action != null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
            }

            return record;
        }

        internal static (string Id, ErrorCategory Category) Classify(ZuoraApiException exception) => exception.Kind switch
        {
            ZuoraErrorKind.NotFound => ("AsyncJobNotFound", ErrorCategory.ObjectNotFound),
            ZuoraErrorKind.AuthenticationFailed => ("AuthenticationFailed", ErrorCategory.AuthenticationError),
            ZuoraErrorKind.AccessDenied => ("AccessDenied", ErrorCategory.PermissionDenied),
            ZuoraErrorKind.RateLimited => ("RateLimited", ErrorCategory.LimitsExceeded),
            ZuoraErrorKind.InvalidResponse => ("InvalidResponse", ErrorCategory.InvalidData),
            ZuoraErrorKind.ConnectionFailed => ("ConnectionFailed", ErrorCategory.ConnectionError),
            ZuoraErrorKind.RequestTimeout => ("RequestTimeout", ErrorCategory.OperationTimeout),
            ZuoraErrorKind.InvalidRequest => ("ZuoraServiceError", ErrorCategory.InvalidArgument),
            ZuoraErrorKind.OrderRejected => ("OrderRejected", ErrorCategory.InvalidArgument),
            ZuoraErrorKind.IdempotencyKeyMismatch => ("IdempotencyKeyMismatch", ErrorCategory.InvalidArgument),
            ZuoraErrorKind.IdempotencyKeyInUse => ("IdempotencyKeyInUse", ErrorCategory.ResourceBusy),
            _ => ("ZuoraServiceError", exception.HttpStatus >= 500 || exception.HttpStatus == null
                ? ErrorCategory.ResourceUnavailable
                : ErrorCategory.InvalidResult),
        };

        internal static ErrorRecord InvalidJobId(object? value)
        {
            var shown = value == null ? "(null)" : $"'{value}'";
            var message = $"The job ID {shown} is not a UUID. Zuora's async job IDs look like " +
                          "'2c92c0f8-6b2e-4b1a-9c2d-0123456789ab' or the same 32 hex digits without hyphens. Nothing was sent.";
            return new ErrorRecord(new ArgumentException(message), "InvalidJobId", ErrorCategory.InvalidArgument, value);
        }

        internal static ErrorRecord NotConnected()
        {
            const string message = "No Zuora connection. Run Connect-Zuora first, or pass the connection it returns " +
                                   "(Connect-Zuora -PassThru) to -Context.";
            return new ErrorRecord(new InvalidOperationException(message), "NotConnected", ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect-Zuora -Environment <name> -Credential <client ID and secret>" },
            };
        }

        internal static ErrorRecord InvalidTrackId(string trackId, string problem) =>
            new ErrorRecord(
                new ArgumentException($"The track ID '{trackId}' cannot be sent as Zuora-Track-Id: {problem}. Nothing was sent."),
                "InvalidTrackId",
                ErrorCategory.InvalidArgument,
                trackId);

        internal static ErrorRecord InvalidArgument(string id, string message, object? target) =>
            new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target);

        private static string? RecommendedAction(ZuoraApiException exception) => exception.Kind switch
        {
            ZuoraErrorKind.NotFound => "Check the job ID came from 'Create an order asynchronously' or 'Preview an order asynchronously' on this tenant and environment.",
            ZuoraErrorKind.AuthenticationFailed => "Check the OAuth client ID and secret (or supplied token) and run Connect-Zuora again.",
            ZuoraErrorKind.AccessDenied => "Give the OAuth client's user a role that can read orders, or connect with one that has it.",
            ZuoraErrorKind.RateLimited => "Retry later, or lower Connect-Zuora -ThrottleLimit so fewer requests run at once.",
            ZuoraErrorKind.ConnectionFailed => "Check the network path to the Zuora endpoint and the -Environment or -BaseUri used.",
            ZuoraErrorKind.RequestTimeout => "Retry, or raise Connect-Zuora -RequestTimeoutSec.",
            _ => exception.RequestId == null ? null : $"Quote request ID {exception.RequestId} to Zuora support.",
        };
    }
}
