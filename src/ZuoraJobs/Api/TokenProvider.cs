using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// The connection's bearer token: cached, renewed before expiry or after a 401, and renewed by one request no
    /// matter how many callers notice at once (Zuora rate-limits the token endpoint per IP address).
    /// </summary>
    internal sealed class TokenProvider
    {
        private readonly Func<ZuoraRequestContext?, CancellationToken, Task<CachedToken>> _fetch;
        private readonly Func<DateTimeOffset> _now;
        private readonly object _sync = new object();
        private CachedToken? _current;
        private Task<CachedToken>? _renewal;

        public TokenProvider(Func<ZuoraRequestContext?, CancellationToken, Task<CachedToken>> fetch, Func<DateTimeOffset> now)
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
                lock (_sync)
                {
                    if (_current != null && _now() < _current.RenewAt)
                    {
                        return _current.Value;
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
                    await RenewAsync(mine, context, cancellationToken).ConfigureAwait(false);
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
                }
            }
        }

        private async Task RenewAsync(TaskCompletionSource<CachedToken> completion, ZuoraRequestContext? context, CancellationToken cancellationToken)
        {
            try
            {
                var token = await _fetch(context, cancellationToken).ConfigureAwait(false);
                lock (_sync)
                {
                    _current = token;
                    _renewal = null;
                }

                completion.TrySetResult(token);
            }
            catch (OperationCanceledException error)
            {
                ClearRenewal();
                completion.TrySetCanceled(error.CancellationToken);
            }
            catch (Exception error)
            {
                ClearRenewal();
                completion.TrySetException(error);
            }
        }

        private void ClearRenewal()
        {
            lock (_sync)
            {
                _renewal = null;
            }
        }
    }
}
