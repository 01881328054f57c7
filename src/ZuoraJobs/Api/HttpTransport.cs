using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// Sends one request and reads the whole answer under a per-attempt timeout. Knows nothing about retries or Zuora's
    /// error semantics; it only turns the wire into an <see cref="HttpExchange"/> and logs it.
    /// </summary>
    internal sealed class HttpTransport : IDisposable
    {
        // Far above the largest job Zuora returns (a preview with thousands of invoice items is a few MiB).
        internal const long DefaultMaxBodyBytes = 32L * 1024 * 1024;
        private const int InitialBufferLimit = 1024 * 1024;

        private readonly HttpClient _http;
        private readonly TimeSpan _timeout;
        private readonly long _maxBodyBytes;

        public HttpTransport(ZuoraClientOptions options)
        {
            var handler = options.Handler ?? CreateHandler(options);
            _http = new HttpClient(handler, disposeHandler: true)
            {
                // Each attempt has its own deadline (see SendAsync); HttpClient's would not cover the body read.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            var headers = _http.DefaultRequestHeaders;
            headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
            _timeout = EffectiveTimeout(options);
            _maxBodyBytes = options.MaxResponseBytes > 0 ? options.MaxResponseBytes : DefaultMaxBodyBytes;
        }

        public TimeSpan Timeout => _timeout;

        public static TimeSpan EffectiveTimeout(ZuoraClientOptions options) =>
            options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : TimeSpan.FromSeconds(60);

        public async Task<HttpExchange> SendAsync(HttpRequestMessage request, bool logBody, ZuoraRequestContext? context, CancellationToken cancellationToken)
        {
            var method = request.Method.Method;
            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            var trackId = context?.TrackId;
            if (HttpLog.Wants(context))
            {
                HttpLog.Write(context, ApiMessageLevel.Debug, HttpLog.RequestHeaders(request, _http.DefaultRequestHeaders));
            }

            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // A timeout longer than one timer can count (LongWait) is no limit in practice; CancelAfter would throw.
                if (_timeout <= LongWait.MaxSlice)
                {
                    attempt.CancelAfter(_timeout);
                }
                var clock = Stopwatch.StartNew();
                HttpResponseMessage? response = null;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                    var requestId = FirstHeader(response.Headers, "Zuora-Request-Id");
                    RefuseRedirect(response);
                    ArraySegment<byte> body;

                    // Not every platform's content stream observes the token; disposing the response aborts the read.
                    var toDispose = response;
                    using (attempt.Token.Register(() => toDispose.Dispose()))
                    {
                        body = await ReadBodyAsync(response.Content, _maxBodyBytes, attempt.Token).ConfigureAwait(false);
                    }

                    clock.Stop();
                    var status = (int)response.StatusCode;
                    var exchange = HttpExchange.Answered(status, response.ReasonPhrase, response.Headers, response.Content.Headers.ContentType?.MediaType, body, requestId, clock.Elapsed);
                    HttpLog.Write(context, ApiMessageLevel.Verbose, HttpLog.ExchangeLine(method, path, status + " " + exchange.ReasonPhrase, clock.Elapsed, trackId, requestId));
                    if (HttpLog.Wants(context))
                    {
                        HttpLog.Write(context, ApiMessageLevel.Debug, HttpLog.ResponseHeaders(method, path, response));
                        if (logBody)
                        {
                            HttpLog.Write(context, ApiMessageLevel.Debug, HttpLog.Body(method, path, body));
                        }
                    }

                    return exchange;
                }
                catch (Exception error) when (cancellationToken.IsCancellationRequested)
                {
                    HttpLog.Write(context, ApiMessageLevel.Verbose, HttpLog.ExchangeLine(method, path, "cancelled", clock.Elapsed, trackId, null));
                    if (error is OperationCanceledException)
                    {
                        throw;
                    }

                    throw new OperationCanceledException("The request was cancelled.", error, cancellationToken);
                }
                catch (Exception error) when (IsTransportFailure(error) || attempt.IsCancellationRequested)
                {
                    var kind = attempt.IsCancellationRequested ? ZuoraErrorKind.RequestTimeout
                        : error is InvalidDataException || error is ResponseRejectedException ? ZuoraErrorKind.InvalidResponse
                        : ZuoraErrorKind.ConnectionFailed;
                    var what = kind == ZuoraErrorKind.RequestTimeout ? $"no answer within {HttpText.Seconds(_timeout)}"
                        : error is ResponseRejectedException ? "refused: " + error.Message
                        : kind == ZuoraErrorKind.InvalidResponse ? "unreadable response (" + Describe(error) + ")"
                        : "failed (" + Describe(error) + ")";
                    var status = response == null ? (int?)null : (int)response.StatusCode;
                    var requestId = response == null ? null : FirstHeader(response.Headers, "Zuora-Request-Id");
                    var outcome = status == null ? what : status + " " + response!.ReasonPhrase + ", then " + what;
                    HttpLog.Write(context, ApiMessageLevel.Verbose, HttpLog.ExchangeLine(method, path, outcome, clock.Elapsed, trackId, requestId));
                    return HttpExchange.Failed(kind, error, status, response?.ReasonPhrase, response?.Headers, requestId, clock.Elapsed);
                }
                finally
                {
                    response?.Dispose();
                    request.Dispose();
                }
            }
        }

        public void Dispose() => _http.Dispose();

        /// <summary>The innermost message, which is where .NET puts "connection refused" or "reset by peer".</summary>
        internal static string Describe(Exception error)
        {
            var inner = error;
            while (inner.InnerException != null)
            {
                inner = inner.InnerException;
            }

            return ReferenceEquals(inner, error) ? error.Message : error.Message + " " + inner.Message;
        }

        private static bool IsTransportFailure(Exception error) =>
            error is HttpRequestException || error is IOException || error is InvalidDataException
            || error is ObjectDisposedException || error is WebException;

        /// <summary>
        /// Reads the whole body, refusing one over the cap before it is in memory: a declared length is checked first,
        /// then bytes are counted as they arrive, after decompression, so a small gzip body cannot inflate without limit.
        /// </summary>
        private static async Task<ArraySegment<byte>> ReadBodyAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
        {
            var expected = content.Headers.ContentLength;
            var encoded = content.Headers.ContentEncoding.Count > 0;
            if (expected.HasValue && expected.Value > maxBytes && !encoded)
            {
                throw new ResponseRejectedException($"the body is declared as {expected.Value} bytes, over the {HttpText.Size(maxBytes)} limit");
            }

            // Pre-size from the declared length only within reason; a liar gets a small buffer that grows as bytes arrive.
            var capacity = expected.HasValue && expected.Value > 0 && !encoded ? (int)Math.Min(expected.Value, InitialBufferLimit) : 16 * 1024;
            using (var stream = await content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                var buffer = new MemoryStream(capacity);
                var chunk = ArrayPool<byte>.Shared.Rent(81920);
                try
                {
                    while (true)
                    {
                        var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        if (buffer.Length + read > maxBytes)
                        {
                            throw new ResponseRejectedException($"the body exceeds the {HttpText.Size(maxBytes)} limit (counted after decompression)");
                        }

                        buffer.Write(chunk, 0, read);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                }

                return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }

        /// <summary>
        /// Zuora's API never redirects, and following one would send the token form or bearer token to whatever host the
        /// answer names; the handler is told not to follow, and the answer becomes an error that names the location.
        /// </summary>
        private static void RefuseRedirect(HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            if (status < 300 || status > 399)
            {
                return;
            }

            var location = response.Headers.Location;
            var where = location == null ? "no location" : "'" + (location.IsAbsoluteUri ? location.AbsoluteUri : location.OriginalString) + "'";
            throw new ResponseRejectedException(
                $"a redirect to {where}, which is not followed (Zuora's API does not redirect), so nothing was sent there");
        }

        private static string? FirstHeader(HttpResponseHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        /// <summary>
        /// The network stack: never follows redirects, decompresses gzip, keeps no cookies, and recycles pooled
        /// connections after <see cref="ZuoraClientOptions.PooledConnectionLifetime"/>. On .NET (PowerShell 7) that is
        /// SocketsHttpHandler, reached by reflection because netstandard2.0 does not expose it; on .NET Framework
        /// (Windows PowerShell) HttpClientHandler sits on ServicePoint, whose lease timeout does the same.
        /// </summary>
        internal static HttpMessageHandler CreateHandler(ZuoraClientOptions options)
        {
            var connections = Math.Max(1, options.MaxConcurrency);
            var lifetime = options.PooledConnectionLifetime > TimeSpan.Zero ? options.PooledConnectionLifetime : TimeSpan.FromMinutes(5);
            var sockets = CreateSocketsHandler(connections, lifetime);
            if (sockets != null)
            {
                return sockets;
            }

            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                AllowAutoRedirect = false,
            };
            try
            {
                handler.MaxConnectionsPerServer = connections;
            }
            catch (PlatformNotSupportedException)
            {
                // Some runtimes (older Mono, WinHttpHandler shims) refuse it; the semaphore still bounds concurrency.
            }
            catch (NotImplementedException)
            {
            }

            try
            {
                ServicePointManager.FindServicePoint(options.BaseUri).ConnectionLeaseTimeout = (int)Math.Min(lifetime.TotalMilliseconds, int.MaxValue);
            }
            catch (Exception error) when (error is PlatformNotSupportedException || error is NotSupportedException || error is ArgumentException)
            {
                // Without it connections still work; they are only recycled when idle.
            }

            return handler;
        }

        private static HttpMessageHandler? CreateSocketsHandler(int connections, TimeSpan lifetime)
        {
            var type = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
            if (type == null)
            {
                return null;
            }

            HttpMessageHandler? handler = null;
            try
            {
                handler = (HttpMessageHandler)Activator.CreateInstance(type)!;
                Set(type, handler, "AutomaticDecompression", DecompressionMethods.GZip | DecompressionMethods.Deflate);
                Set(type, handler, "UseCookies", false);
                Set(type, handler, "AllowAutoRedirect", false);
                Set(type, handler, "MaxConnectionsPerServer", connections);
                Set(type, handler, "PooledConnectionLifetime", lifetime);
                return handler;
            }
            catch (Exception error) when (error is MissingMemberException || error is TargetInvocationException || error is InvalidCastException
                                          || error is PlatformNotSupportedException)
            {
                handler?.Dispose();
                return null;
            }
        }

        private static void Set(Type type, object target, string name, object value)
        {
            var property = type.GetProperty(name) ?? throw new MissingMemberException(type.Name, name);
            property.SetValue(target, value);
        }
    }

    /// <summary>An answer refused on principle (too large, a redirect): not retried, reported as InvalidResponse.</summary>
    internal sealed class ResponseRejectedException : IOException
    {
        public ResponseRejectedException(string message)
            : base(message)
        {
        }
    }
}
