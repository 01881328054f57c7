using System;
using System.Collections.Generic;

namespace ZuoraJobs.Api
{
    /// <summary>Why one attempt did not produce a result, with everything needed to retry it or report it.</summary>
    internal sealed class AttemptFailure
    {
        public AttemptFailure(ZuoraErrorKind kind, bool retryable, bool throttle)
        {
            Kind = kind;
            Retryable = retryable;
            Throttle = throttle;
        }

        public AttemptFailure(Classification classification)
            : this(classification.Kind, classification.Retryable, classification.Throttle)
        {
        }

        public ZuoraErrorKind Kind { get; }
        public bool Retryable { get; }
        public bool Throttle { get; }
        public int? HttpStatus { get; set; }
        public string? ReasonPhrase { get; set; }
        public IReadOnlyList<ZuoraReason> Reasons { get; set; } = Array.Empty<ZuoraReason>();
        public string? RequestId { get; set; }
        public string? ProcessId { get; set; }

        /// <summary>The wait Zuora asked for (Retry-After / RateLimit-Reset).</summary>
        public TimeSpan? ServerDelay { get; set; }

        /// <summary>Free text from the body (a gateway's <c>message</c>) or a description of a non-JSON body.</summary>
        public string? Detail { get; set; }

        public Exception? Error { get; set; }

        /// <summary>When the refused request left, so a burst of refusals narrows the connection once.</summary>
        public DateTimeOffset? SentAt { get; set; }

        /// <summary>Set for the 401 cases so the message can say whose token was refused.</summary>
        public AuthenticationProblem AuthProblem { get; set; }

        /// <summary>A sentence for the message explaining why the module stopped here (e.g. it would not resend an order).</summary>
        public string? Note { get; set; }

        /// <summary>The same evidence under another verdict: an order POST judges some answers differently from a GET.</summary>
        public AttemptFailure Reclassified(ZuoraErrorKind kind, bool retryable, string? note = null) =>
            new AttemptFailure(kind, retryable, Throttle && retryable)
            {
                HttpStatus = HttpStatus,
                ReasonPhrase = ReasonPhrase,
                Reasons = Reasons,
                RequestId = RequestId,
                ProcessId = ProcessId,
                ServerDelay = ServerDelay,
                Detail = Detail,
                Error = Error,
                AuthProblem = AuthProblem,
                Note = note ?? Note,
            };
    }

    internal enum AuthenticationProblem
    {
        None,
        CredentialsRejected,
        SuppliedTokenRejected,
        RenewedTokenRejected,
        NoCredentials,
    }
}
