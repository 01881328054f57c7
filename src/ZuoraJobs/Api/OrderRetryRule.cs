namespace ZuoraJobs.Api
{
    /// <summary>
    /// How a failed order POST differs from a failed GET. Zuora's refusal of the order is final; 409 and 422 only
    /// occur with an Idempotency-Key. Without a key, only a refusal Zuora gives before doing anything is retried:
    /// after a lost answer, a timeout or a gateway error the order may exist, and sending it again could create a
    /// second one.
    /// </summary>
    internal static class OrderRetryRule
    {
        private const string NotResent =
            "The request may have reached Zuora, so it was not sent again without an Idempotency-Key; check whether the order exists before submitting it again.";

        /// <summary>Judges an answered failure (HTTP status and reasons) as an order POST.</summary>
        public static AttemptFailure Classify(AttemptFailure failure)
        {
            switch (failure.HttpStatus)
            {
                case 409:
                    return failure.Reclassified(ZuoraErrorKind.IdempotencyKeyInUse, retryable: true);
                case 422:
                    return failure.Reclassified(ZuoraErrorKind.IdempotencyKeyMismatch, retryable: false);
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

        /// <summary>429 / category 70 (limits), 50 (lock contention) and 61 (temporary): Zuora says it did nothing.</summary>
        private static bool NotProcessed(AttemptFailure failure)
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
