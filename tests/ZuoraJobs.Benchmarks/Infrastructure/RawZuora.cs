using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Benchmarks.Infrastructure
{
    /// <summary>
    /// What a script without the module does: a plain HttpClient with a bearer token, one GET per job, JsonDocument to
    /// read the status. Same wire as the module (gzip accepted, keep-alive), no retries, no concurrency gate.
    /// </summary>
    public sealed class RawZuora : IDisposable
    {
        private readonly HttpClient _http;

        public RawZuora(Uri baseAddress, string bearerToken)
            : this(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate, UseCookies = false }, baseAddress, bearerToken)
        {
        }

        public RawZuora(HttpMessageHandler handler, Uri baseAddress, string bearerToken)
        {
            _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        /// <summary>GET the job and parse the body with JsonDocument (the floor of any System.Text.Json reader); returns its status.</summary>
        public async Task<string> GetStatusAsync(string jobId, CancellationToken cancellationToken = default)
        {
            using var response = await _http.GetAsync("v1/async-jobs/" + Uri.EscapeDataString(jobId), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("status").GetString() ?? string.Empty;
        }

        /// <summary>GET the job and return the raw body bytes (for benchmarks that parse them in other ways).</summary>
        public async Task<byte[]> GetBodyAsync(string jobId, CancellationToken cancellationToken = default)
        {
            using var response = await _http.GetAsync("v1/async-jobs/" + Uri.EscapeDataString(jobId), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }

        public void Dispose() => _http.Dispose();
    }
}
