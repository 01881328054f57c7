using System;
using System.Globalization;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// Notices when Zuora answers a retry with the very refusal it gave the first try under the same key (same
    /// <c>Zuora-Request-Id</c>): Zuora's guide says it stores the first answer to a key "whether it succeeded or
    /// failed", so a transient refusal may be replayed for 24 hours and no retry under that key can succeed. A stored
    /// refusal also proves that nothing was created under the key, so the next try goes out under a derived key.
    /// </summary>
    internal sealed class StoredRefusals
    {
        private readonly AsyncOrderRequest _request;
        private readonly ZuoraRequestContext? _context;
        private string? _lastRefusal;
        private int _generation;

        public StoredRefusals(AsyncOrderRequest request, ZuoraRequestContext? context)
        {
            _request = request;
            _context = context;
        }

        /// <param name="limit">Derivations allowed; beyond it a replay is an ordinary failure that uses up retries.</param>
        /// <returns>True when the key was replaced: the next try is a new request, due at once and not a retry of the old one.</returns>
        public bool Observe(AttemptFailure failure, int limit)
        {
            if (_request.IdempotencyKey == null || !failure.Retryable || !OrderRetryRule.MayBeStoredRefusal(failure))
            {
                _lastRefusal = null;
                return false;
            }

            if (!string.Equals(failure.RequestId, _lastRefusal, StringComparison.Ordinal) || _generation >= limit)
            {
                _lastRefusal = failure.RequestId;
                return false;
            }

            var stored = _request.SentKey;
            _generation++;
            _request.SentKey = IdempotencyKeys.Derive(_request.IdempotencyKey, _generation);
            _lastRefusal = null;
            HttpLog.Write(_context, ApiMessageLevel.Verbose, string.Format(
                CultureInfo.InvariantCulture,
                "Zuora answered again with the refusal it stored for Idempotency-Key '{0}' (request ID {1}); nothing was created under that key, so the next try uses the key '{2}'.",
                stored,
                failure.RequestId,
                _request.SentKey));
            return true;
        }
    }
}
