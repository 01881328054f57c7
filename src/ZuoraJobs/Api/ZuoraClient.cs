using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// One connection to one Zuora tenant: an HttpClient, a token cache and a concurrency gate shared by every caller.
    /// Thread-safe; knows nothing of PowerShell.
    /// </summary>
    public sealed class ZuoraClient : IDisposable
    {
        public ZuoraClient(ZuoraClientOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
        }

        internal ZuoraClientOptions Options { get; }

        public Uri BaseUri => Options.BaseUri;

        /// <summary>When the cached token expires; null before the first token or with a supplied access token.</summary>
        public DateTimeOffset? TokenExpiresAt => throw new NotImplementedException();

        /// <summary>Until when Zuora asked every request on this connection to hold back (429 / category 70).</summary>
        public DateTimeOffset? ThrottledUntil => throw new NotImplementedException();

        /// <summary>Fetches a token now so bad credentials fail at connect time; no-op for a supplied token.</summary>
        public Task AuthenticateAsync(ZuoraRequestContext? context, CancellationToken cancellationToken) =>
            throw new NotImplementedException();

        /// <summary><c>GET /v1/async-jobs/{jobId}</c>: retried per the policy, mapped to <see cref="AsyncJob"/>.</summary>
        /// <exception cref="ZuoraApiException">Any failure, already classified.</exception>
        public Task<AsyncJob> GetAsyncJobAsync(string jobId, ZuoraRequestContext? context, CancellationToken cancellationToken) =>
            throw new NotImplementedException();

        public void Dispose()
        {
        }
    }
}
