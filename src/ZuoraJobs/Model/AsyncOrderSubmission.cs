using System;

namespace ZuoraJobs
{
    /// <summary>
    /// An asynchronous order (or order preview) Zuora accepted: the job to wait on, and what the request named.
    /// <c>Wait-ZuoraAsyncJob</c> takes it from the pipeline by its <see cref="JobId"/>.
    /// </summary>
    public sealed class AsyncOrderSubmission
    {
        internal AsyncOrderSubmission()
        {
        }

        public string JobId { get; internal set; } = string.Empty;

        /// <summary><c>CreateOrder</c> or <c>PreviewOrder</c>.</summary>
        public string Operation { get; internal set; } = string.Empty;

        /// <summary>The request as sent: <c>POST /v1/async/orders?returnIds=true</c>.</summary>
        public string Endpoint { get; internal set; } = string.Empty;

        /// <summary>The request's <c>orderNumber</c>; null when Zuora is to number the order.</summary>
        public string? OrderNumber { get; internal set; }

        /// <summary>The request's <c>existingAccountNumber</c>, else <c>newAccount.accountNumber</c>.</summary>
        public string? AccountNumber { get; internal set; }

        /// <summary>The key sent on every attempt; submitting the same order with it within 24 hours creates nothing new.</summary>
        public string? IdempotencyKey { get; internal set; }

        public DateTimeOffset AcceptedAt { get; internal set; }

        /// <summary>The <c>Zuora-Request-Id</c> of the answer that carried the job ID.</summary>
        public string? RequestId { get; internal set; }

        /// <summary>Requests it took (1 when nothing was retried).</summary>
        public int Attempts { get; internal set; }

        public override string ToString() => JobId;
    }
}
