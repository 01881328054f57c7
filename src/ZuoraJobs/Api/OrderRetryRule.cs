namespace ZuoraJobs.Api
{
    /// <summary>
    /// How a failed order POST differs from a failed GET. Zuora's refusal of the order is final; a 409 or 422 about the
    /// Idempotency-Key means the key is in progress or was used for another request. Without a key, only a refusal Zuora gives before doing anything is retried:
    /// after a lost answer, a timeout or a gateway error the order may exist, and sending it again could create a
    /// second one.
    /// </summary>
    internal static class OrderRetryRule
    {
        private const string NotResent =
            "The request may have reached Zuora, so it was not sent again without an Idempotency-Key; check whether the order exists before submitting it again.";

        /// <summary>Judges an answered failure (HTTP status and reasons) as an order POST.</summary>
        public static AttemptFailure Classify(AttemptFailure failure, bool hasIdempotencyKey)
        {
            if (hasIdempotencyKey && AboutTheKey(failure))
            {
                switch (failure.HttpStatus)
                {
                    case 409:
                        return failure.Reclassified(ZuoraErrorKind.IdempotencyKeyInUse, retryable: true);
                    case 422:
                        return failure.Reclassified(ZuoraErrorKind.IdempotencyKeyMismatch, retryable: false);
                }
            }

            if (failure.Retryable)
            {
                return failure;
            }

            // A final answer about the request itself (a 4XX other than auth, or 200 success:false) is Zuora's verdict on the order.
            var refusedOrder = failure.Kind == ZuoraErrorKind.InvalidRequest
                               || (failure.HttpStatus >= 400 && failure.HttpStatus < 500 && failure.HttpStatus != 401 && failure.HttpStatus != 403
                                   && failure.HttpStatus != 404 && failure.HttpStatus != 405)
                               || (failure.HttpStatus >= 200 && failure.HttpStatus < 300 && failure.Kind != ZuoraErrorKind.AuthenticationFailed
                                   && failure.Kind != ZuoraErrorKind.AccessDenied);
            return refusedOrder ? failure.Reclassified(ZuoraErrorKind.OrderRejected, retryable: false) : failure;
        }

        /// <summary>Applies the key rule to any failure, transport failures included.</summary>
        public static AttemptFailure Apply(AttemptFailure failure, bool hasIdempotencyKey)
        {
            if (!failure.Retryable || hasIdempotencyKey || NotProcessed(failure))
            {
                return failure;
            }

            return failure.Reclassified(failure.Kind, retryable: false, NotResent);
        }

        /// <summary>
        /// An attempt that ended without an answer saying whether Zuora took the order: no answer at all, a timeout, a
        /// gateway's or server's 5XX, an unreadable body, or "the same key is still in progress".
        /// </summary>
        public static bool LeavesOrderUncertain(AttemptFailure failure)
        {
            if (NotProcessed(failure))
            {
                return false;
            }

            return failure.HttpStatus == null || failure.HttpStatus >= 500
                   || failure.Kind == ZuoraErrorKind.InvalidResponse || failure.Kind == ZuoraErrorKind.ConnectionFailed
                   || failure.Kind == ZuoraErrorKind.RequestTimeout || failure.Kind == ZuoraErrorKind.IdempotencyKeyInUse;
        }

        /// <summary>
        /// A refusal Zuora may have stored as a key's first answer and replays to every retry with that key: the
        /// transient ones a client is told to retry (429, lock contention, temporary error, limits, 500).
        /// </summary>
        public static bool MayBeStoredRefusal(AttemptFailure failure) =>
            failure.HttpStatus != null && failure.RequestId != null && (NotProcessed(failure) || failure.HttpStatus == 500);

        /// <summary>
        /// A 409 or 422 is about the key unless Zuora's reasons point into the order: a code naming a resource of it
        /// (Zuora's eight-digit codes are a six-digit resource, 500000 for none in particular, and a two-digit
        /// category) or a field category (unknown field, missing field or parameter, malformed JSON). Such a refusal is
        /// Zuora's verdict on the order, and calling it a key problem would send the user after the wrong fix.
        /// </summary>
        private static bool AboutTheKey(AttemptFailure failure)
        {
            if (Mentions(failure.Detail))
            {
                return true;
            }

            foreach (var reason in failure.Reasons)
            {
                if (Mentions(reason.Message))
                {
                    return true;
                }
            }

            foreach (var reason in failure.Reasons)
            {
                var code = reason.Code;
                var namesResource = code != null && code.Length == 8 && !code.StartsWith("500000", System.StringComparison.Ordinal)
                                    && !code.StartsWith("9", System.StringComparison.Ordinal);
                var category = reason.Category;
                if (namesResource || category == 21 || category == 22 || category == 23 || category == 90)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Mentions(string? text) =>
            text != null && text.IndexOf("idempot", System.StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>429 / category 70 (limits), 50 (lock contention) and 61 (temporary): Zuora says it did nothing.</summary>
        internal static bool NotProcessed(AttemptFailure failure)
        {
            if (failure.Throttle || failure.HttpStatus == 429)
            {
                return true;
            }

            foreach (var reason in failure.Reasons)
            {
                var category = reason.Category;
                if (category == ErrorClassifier.CategoryLockContention || category == ErrorClassifier.CategoryTemporaryError
                    || category == ErrorClassifier.CategoryLimitExceeded)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
