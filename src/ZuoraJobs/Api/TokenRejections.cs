using System;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// One call's view of 401 answers: when to renew the token and try again, and when a rejection means the
    /// credentials themselves are refused. A token rejected at once after a renewal (no other answer in between, within
    /// half a second of being handed over) is the credentials' fault; one that expires again later in a long call (after
    /// a 429 hold, say) is renewed again, a bounded number of times.
    /// </summary>
    internal sealed class TokenRejections
    {
        internal const int MaxRenewals = 3;
        internal static readonly TimeSpan FreshWindow = TimeSpan.FromMilliseconds(500);

        private readonly Func<DateTimeOffset> _now;
        private int _renewals;
        private bool _answeredSinceRenewal;
        private DateTimeOffset _tokenHandedOverAt;

        public TokenRejections(Func<DateTimeOffset> now)
        {
            _now = now;
        }

        /// <summary>The attempt got its token now.</summary>
        public void TokenTaken() => _tokenHandedOverAt = _now();

        /// <summary>Zuora answered with something other than 401.</summary>
        public void Answered() => _answeredSinceRenewal = true;

        /// <summary>Zuora answered 401: true to renew and repeat, false when a fresh token was refused.</summary>
        public bool ShouldRenew()
        {
            var fresh = _renewals > 0 && !_answeredSinceRenewal && _now() - _tokenHandedOverAt < FreshWindow;
            if (fresh || _renewals >= MaxRenewals)
            {
                return false;
            }

            _renewals++;
            _answeredSinceRenewal = false;
            return true;
        }
    }
}
