using System;
using System.Collections.Generic;
using System.Linq;

namespace ZuoraJobs.Api
{
    /// <summary>A failed Zuora call with everything support will ask for: status, reasons, request and track IDs.</summary>
    public sealed class ZuoraApiException : Exception
    {
        public ZuoraApiException(ZuoraErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
        }

        public ZuoraErrorKind Kind { get; }
        public int? HttpStatus { get; set; }
        public IReadOnlyList<ZuoraReason> Reasons { get; set; } = Array.Empty<ZuoraReason>();
        public string? RequestId { get; set; }
        public string? TrackId { get; set; }
        public string? ProcessId { get; set; }
        public TimeSpan? RetryAfter { get; set; }

        /// <summary>How many attempts were made before giving up (1 when nothing was retried).</summary>
        public int Attempts { get; set; } = 1;

        /// <summary>The job the call was about, when there was one.</summary>
        public string? JobId { get; set; }

        /// <summary>The Idempotency-Key an order POST carried: resend the same order with it to get Zuora's first answer.</summary>
        public string? IdempotencyKey { get; set; }

        public string ReasonCodes => string.Join(", ", Reasons.Where(r => r.Code != null).Select(r => r.Code));
    }
}
