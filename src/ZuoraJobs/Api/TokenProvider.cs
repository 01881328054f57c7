using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// The connection's bearer token: cached, renewed before expiry or after a 401, and renewed by one request no
    /// matter how many callers notice at once (Zuora rate-limits the token endpoint per IP address). A renewal that
    /// fails while the cached token is still valid costs nothing: the token stays in use until it really expires.
    /// </summary>
    internal sealed class TokenProvider
    {
        /// <summary>After a failed early renewal, callers use the valid token this long before anyone tries again.</summary>
        internal static readonly TimeSpan RenewalPause = TimeSpan.FromSeconds(30);

        private readonly Func<ZuoraRequestContext?, bool, CancellationToken, Task<CachedToken>> _fetch;
        private readonly Func<DateTimeOffset> _now;
        private readonly object _sync = new object();
        private CachedToken? _current;
        private Task<CachedToken>? _renewal;
        private DateTimeOffset _pausedUntil;

        /// <param name="fetch">Gets a new token; its flag says whether retries are worth it (false while a valid token exists).</param>
        public TokenProvider(Func<ZuoraRequestContext?, bool, CancellationToken, Task<CachedToken>> fetch, Func<DateTimeOffset> now)
        {
            _fetch = fetch;
            _now = now;
        }

        public DateTimeOffset? ExpiresAt => Volatile.Read(ref _current)?.ExpiresAt;

        public async Task<string> GetAsync(ZuoraRequestContext? context, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Task<CachedToken> renewal;
                TaskCompletionSource<CachedToken>? mine = null;
                CachedToken? fallback;
                lock (_sync)
                {
                    var now = _now();
                    if (_current != null && now < _current.RenewAt)
                    {
                        return _current.Value;
                    }

                    fallback = _current != null && now < _current.ExpiresAt ? _current : null;
                    if (fallback != null && now < _pausedUntil && _renewal == null)
                    {
                        return fallback.Value;
                    }

                    if (_renewal == null)
                    {
                        mine = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                        _renewal = mine.Task;
                    }

                    renewal = _renewal;
                }

                if (mine != null)
                {
                    await RenewAsync(mine, context, early: fallback != null, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    var token = await TaskWaiting.WaitAsync(renewal, cancellationToken).ConfigureAwait(false);
                    return token.Value;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The caller who started the renewal gave up; this caller still wants a token, so try again.
                }
                catch (Exception) when (StillValid(fallback))
                {
                    return fallback!.Value;
                }
            }
        }

        /// <summary>Drops the token Zuora just rejected, unless someone has already replaced it.</summary>
        public void Invalidate(string rejectedToken)
        {
            lock (_sync)
            {
                if (_current != null && string.Equals(_current.Value, rejectedToken, StringComparison.Ordinal))
                {
                    _current = null;
                    _pausedUntil = DateTimeOffset.MinValue;
                }
            }
        }

        private bool StillValid(CachedToken? token)
        {
            lock (_sync)
            {
                return token != null && ReferenceEquals(token, _current) && _now() < token.ExpiresAt;
            }
        }

        private async Task RenewAsync(TaskCompletionSource<CachedToken> completion, ZuoraRequestContext? context, bool early, CancellationToken cancellationToken)
        {
            try
            {
                // While the current token is valid one attempt is enough: a failure only postpones the renewal.
                var token = await _fetch(context, !early, cancellationToken).ConfigureAwait(false);
                lock (_sync)
                {
                    _current = token;
                    _renewal = null;
                }

                completion.TrySetResult(token);
            }
            catch (OperationCanceledException error)
            {
                ClearRenewal(pause: false);
                completion.TrySetCanceled(error.CancellationToken);
            }
            catch (Exception error)
            {
                if (early)
                {
                    var expiresAt = ExpiresAt;
                    HttpLog.Write(context, ApiMessageLevel.Verbose, string.Format(
                        CultureInfo.InvariantCulture,
                        "Could not renew the OAuth token ({0}); the connection keeps the current token, valid until {1:u}, and tries again in {2}.",
                        error.Message,
                        expiresAt,
                        HttpText.Seconds(RenewalPause)));
                }

                ClearRenewal(pause: early);
                completion.TrySetException(error);
            }
        }

        private void ClearRenewal(bool pause)
        {
            lock (_sync)
            {
                _renewal = null;
                if (pause)
                {
                    _pausedUntil = _now() + RenewalPause;
                }
            }
        }
    }
}
