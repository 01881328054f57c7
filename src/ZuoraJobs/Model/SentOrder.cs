using System;

namespace ZuoraJobs
{
    /// <summary>
    /// One order a connection sent, kept for the session (<c>(Get-ZuoraContext).SentOrders</c>) so that an order whose
    /// answer never reached the pipeline — the command ended early, by an error, <c>Select-Object -First</c> or Ctrl+C —
    /// is never lost from sight: its key, numbers and job (or "answer unknown") stay here, and sending the same order
    /// again in the session reuses its key, so Zuora answers with the first result instead of creating it twice.
    /// </summary>
    public sealed class SentOrder
    {
        internal SentOrder(string operation, string idempotencyKey, string? orderNumber, string? accountNumber, bool keyChosenByModule, DateTimeOffset sentAt)
        {
            Operation = operation;
            IdempotencyKey = idempotencyKey;
            OrderNumber = orderNumber;
            AccountNumber = accountNumber;
            KeyChosenByModule = keyChosenByModule;
            SentAt = sentAt;
        }

        /// <summary><c>CreateOrder</c> or <c>PreviewOrder</c>.</summary>
        public string Operation { get; }

        public SentOrderState State { get; internal set; }

        public string? OrderNumber { get; }

        public string? AccountNumber { get; }

        /// <summary>The job Zuora created for it, when its answer arrived.</summary>
        public string? JobId { get; internal set; }

        /// <summary>
        /// The key the order was sent with. Sending the same order with it (<c>-IdempotencyKey</c>) within 24 hours of
        /// <see cref="SentAt"/> gets Zuora's first answer and creates nothing new.
        /// </summary>
        public string IdempotencyKey { get; }

        /// <summary>True when the key was a new UUID rather than one given by -IdempotencyKey or -IdempotencyKeyProperty.</summary>
        public bool KeyChosenByModule { get; }

        /// <summary>True once its submission or error was written to the pipeline.</summary>
        public bool Reported { get; internal set; }

        public DateTimeOffset SentAt { get; }

        /// <summary>Why it was refused, or why its outcome is unknown.</summary>
        public string? Message { get; internal set; }

        public override string ToString() => $"{State} {OrderNumber ?? IdempotencyKey}";
    }
}
