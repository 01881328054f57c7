using System.Collections.Generic;
using System.Linq;

namespace ZuoraJobs.Api
{
    /// <summary>What a non-success answer means and whether asking again can help.</summary>
    internal readonly struct Classification
    {
        public Classification(ZuoraErrorKind kind, bool retryable, bool throttle)
        {
            Kind = kind;
            Retryable = retryable;
            Throttle = throttle;
        }

        public ZuoraErrorKind Kind { get; }
        public bool Retryable { get; }

        /// <summary>Zuora refused for load (429 / category 70): the whole connection should hold back.</summary>
        public bool Throttle { get; }
    }

    /// <summary>
    /// Maps an HTTP status plus Zuora's reason codes to an error kind. Zuora's category (last two digits of the
    /// eight-digit code) is more specific than the status, which is often 200 or a generic 400, so the retryable
    /// categories are checked first, then the status, then the remaining categories.
    /// </summary>
    internal static class ErrorClassifier
    {
        public const int CategoryPermissionDenied = 10;
        public const int CategoryAuthenticationFailed = 11;
        public const int CategoryNotFound = 40;
        public const int CategoryLockContention = 50;
        public const int CategoryInternalError = 60;
        public const int CategoryTemporaryError = 61;
        public const int CategoryLimitExceeded = 70;

        public static Classification Classify(int? httpStatus, IReadOnlyList<ZuoraReason> reasons)
        {
            var categories = reasons.Select(r => r.Category).Where(c => c.HasValue).Select(c => c!.Value).ToList();

            if (httpStatus == 429 || categories.Contains(CategoryLimitExceeded))
            {
                return new Classification(ZuoraErrorKind.RateLimited, retryable: true, throttle: true);
            }

            if (categories.Contains(CategoryLockContention) || categories.Contains(CategoryTemporaryError))
            {
                return new Classification(ZuoraErrorKind.ServiceError, retryable: true, throttle: false);
            }

            if (httpStatus == 502 || httpStatus == 503 || httpStatus == 504)
            {
                return new Classification(ZuoraErrorKind.ServiceError, retryable: true, throttle: false);
            }

            if (httpStatus == 401 || categories.Contains(CategoryAuthenticationFailed))
            {
                return Final(ZuoraErrorKind.AuthenticationFailed);
            }

            if (httpStatus == 403 || categories.Contains(CategoryPermissionDenied))
            {
                return Final(ZuoraErrorKind.AccessDenied);
            }

            if (httpStatus == 404 || categories.Contains(CategoryNotFound))
            {
                return Final(ZuoraErrorKind.NotFound);
            }

            if (httpStatus >= 500 || categories.Contains(CategoryInternalError) || categories.Contains(99))
            {
                return Final(ZuoraErrorKind.ServiceError);
            }

            // A client error Zuora explains with a request-side category (20-30, 45, 90) is ours to fix.
            if ((httpStatus >= 400 && httpStatus < 500) || categories.Any(c => c >= 20 && c <= 45) || categories.Contains(90))
            {
                return Final(ZuoraErrorKind.InvalidRequest);
            }

            return Final(ZuoraErrorKind.ServiceError);
        }

        private static Classification Final(ZuoraErrorKind kind) => new Classification(kind, retryable: false, throttle: false);
    }
}
