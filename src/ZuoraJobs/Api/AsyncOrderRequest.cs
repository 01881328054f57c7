using System;
using System.Threading;

namespace ZuoraJobs.Api
{
    /// <summary>Which asynchronous order endpoint a request goes to.</summary>
    public enum AsyncOrderOperation
    {
        /// <summary><c>POST /v1/async/orders</c>.</summary>
        CreateOrder,

        /// <summary><c>POST /v1/async/orders/preview</c>.</summary>
        PreviewOrder,
    }

    /// <summary>One order to submit: its JSON body exactly as it will be sent, the key that makes retrying it safe, and the query flags.</summary>
    public sealed class AsyncOrderRequest
    {
        public AsyncOrderRequest(AsyncOrderOperation operation, byte[] body, OrderFacts facts, string? idempotencyKey)
        {
            Operation = operation;
            Body = body ?? throw new ArgumentNullException(nameof(body));
            Facts = facts ?? throw new ArgumentNullException(nameof(facts));
            IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey;
            SentKey = IdempotencyKey;
        }

        private int _attemptsSent;
        private int _mayExist;

        public AsyncOrderOperation Operation { get; }

        /// <summary>UTF-8 JSON; sent unchanged on every attempt.</summary>
        public byte[] Body { get; }

        public OrderFacts Facts { get; }

        /// <summary>
        /// Sent as <c>Idempotency-Key</c> on every attempt. Without one, nothing that may have reached Zuora is
        /// retried, because a retry could create the order twice.
        /// </summary>
        public string? IdempotencyKey { get; private set; }

        /// <summary>Sets the key once it is chosen; the module picks it only after the request is built (a reused key depends on the bytes).</summary>
        internal void UseKey(string key)
        {
            IdempotencyKey = key;
            SentKey = key;
        }

        /// <summary>
        /// The key on the wire: <see cref="IdempotencyKey"/>, or one derived from it after Zuora replayed a refusal it
        /// had stored for that key (a stored refusal proves nothing was created, and only a new key gets a new answer).
        /// </summary>
        internal string? SentKey { get; set; }

        /// <summary>Requests that left for Zuora so far.</summary>
        internal int AttemptsSent => Volatile.Read(ref _attemptsSent);

        /// <summary>An attempt ended without an answer that says whether Zuora took the order.</summary>
        internal bool MayExist => Volatile.Read(ref _mayExist) != 0;

        internal void CountAttempt() => Interlocked.Increment(ref _attemptsSent);

        internal void MarkMayExist() => Interlocked.Exchange(ref _mayExist, 1);

        /// <summary><c>returnIds=true</c> (create only): the job result then carries IDs next to the numbers.</summary>
        public bool ReturnIds { get; set; }

        /// <summary><c>summarizeInvoiceItem=true</c> (preview only).</summary>
        public bool SummarizeInvoiceItem { get; set; }

        public string Path => Operation == AsyncOrderOperation.PreviewOrder ? "/v1/async/orders/preview" : "/v1/async/orders";

        /// <summary>The path and query as sent, relative to the base URI.</summary>
        public string RelativeUri
        {
            get
            {
                var path = Path.Substring(1);
                if (Operation == AsyncOrderOperation.CreateOrder && ReturnIds)
                {
                    return path + "?returnIds=true";
                }

                return Operation == AsyncOrderOperation.PreviewOrder && SummarizeInvoiceItem ? path + "?summarizeInvoiceItem=true" : path;
            }
        }
    }
}
