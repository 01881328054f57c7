using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZuoraJobs.Api.Json;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// One connection to one Zuora tenant: an HttpClient, a token cache and a concurrency gate shared by every caller.
    /// Thread-safe; knows nothing of PowerShell.
    /// </summary>
    public sealed class ZuoraClient : IDisposable
    {
        private const string TokenPath = "/oauth/token";

        private readonly object _transportGate = new object();
        private readonly TimeSpan _requestTimeout;
        private HttpTransport? _transport;
        private int _transportUsers;
        private bool _releaseWhenIdle;
        private readonly AdaptiveConcurrency _slots;
        private readonly ThrottleGate _throttle;
        private readonly RetryPolicy _retry;
        private readonly TokenProvider? _tokens;
        private readonly AsyncJobParser _parser;
        private readonly Func<DateTimeOffset> _now;
        private readonly Uri _root;
        private int _disposed;

        public ZuoraClient(ZuoraClientOptions options)
            : this(options, null)
        {
        }

        /// <param name="clock">Tests move time forward to reach token renewal without waiting an hour.</param>
        internal ZuoraClient(ZuoraClientOptions options, Func<DateTimeOffset>? clock)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.BaseUri == null || !options.BaseUri.IsAbsoluteUri)
            {
                throw new ArgumentException("BaseUri must be an absolute URI.", nameof(options));
            }

            CheckHeaderValue(options.EntityId, "EntityId");
            CheckHeaderValue(options.ZuoraVersion, "ZuoraVersion");
            if (options.AccessToken != null)
            {
                CheckHeaderValue(SecretForm.Reveal(options.AccessToken), "AccessToken", quote: false);
            }

            _now = clock ?? (() => DateTimeOffset.UtcNow);

            // Relative resolution drops the last path segment unless the base ends with '/': keep a base path intact.
            var baseText = options.BaseUri.GetLeftPart(UriPartial.Path);
            _root = new Uri(baseText.EndsWith("/", StringComparison.Ordinal) ? baseText : baseText + "/");
            _requestTimeout = HttpTransport.EffectiveTimeout(options);
            _slots = new AdaptiveConcurrency(options.MaxConcurrency, _now);
            _throttle = new ThrottleGate(_now);
            _retry = new RetryPolicy(options);
            _parser = new AsyncJobParser(options.ObjectFactory);
            if (HasClientCredentials)
            {
                _tokens = new TokenProvider(FetchTokenAsync, _now);
            }
        }

        internal ZuoraClientOptions Options { get; }

        public Uri BaseUri => Options.BaseUri;

        /// <summary>When the cached token expires; null before the first token or with a supplied access token.</summary>
        public DateTimeOffset? TokenExpiresAt => _tokens?.ExpiresAt;

        /// <summary>How long one request may wait for its answer.</summary>
        public TimeSpan RequestTimeout => _requestTimeout;

        /// <summary>Until when Zuora asked every request on this connection to hold back (429 / category 70).</summary>
        public DateTimeOffset? ThrottledUntil => _throttle.Until;

        private bool HasClientCredentials => !string.IsNullOrEmpty(Options.ClientId) && Options.ClientSecret != null;

        /// <summary>Fetches a token now so bad credentials fail at connect time; no-op for a supplied token.</summary>
        public async Task AuthenticateAsync(ZuoraRequestContext? context, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            CheckContext(context);
            if (_tokens != null)
            {
                await _tokens.GetAsync(context, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (Options.AccessToken == null)
            {
                throw NoCredentials(new ApiOperation("POST", TokenPath, null), context);
            }
        }

        /// <summary><c>GET /v1/async-jobs/{jobId}</c>: retried per the policy, mapped to <see cref="AsyncJob"/>.</summary>
        /// <exception cref="ZuoraApiException">Any failure, already classified.</exception>
        public Task<AsyncJob> GetAsyncJobAsync(string jobId, ZuoraRequestContext? context, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(jobId))
            {
                throw new ArgumentException("A job ID is required.", nameof(jobId));
            }

            ThrowIfDisposed();
            CheckContext(context);
            var id = jobId.Trim();
            var operation = new ApiOperation("GET", "/v1/async-jobs/" + id, id);
            var uri = new Uri(_root, "v1/async-jobs/" + Uri.EscapeDataString(id));
            return RunWithRetriesAsync(operation, context, throttled: true, cancellationToken,
                AuthorizedAttempt(
                    operation,
                    context,
                    token => NewGet(uri, token, context),
                    exchange => exchange.IsSuccessStatus ? ReadJob(exchange, id) : AttemptResult<AsyncJob>.Fail(HttpFailure(exchange))));
        }

        /// <summary>
        /// <c>POST /v1/async/orders</c> or <c>/v1/async/orders/preview</c>. With an Idempotency-Key every attempt
        /// carries it and a lost answer is retried like a GET (plus 409, "same key still in progress"), because Zuora
        /// answers a repeat with its first answer. Without a key only refusals Zuora gives before doing anything (429,
        /// lock contention, temporary errors) are retried: anything else may have created the order.
        /// </summary>
        /// <param name="cancellationToken">Stops the submission before its next attempt: nothing new is sent once it is cancelled.</param>
        /// <param name="abandon">Aborts an attempt already on the wire. Kept apart so that a caller can stop sending yet
        /// still learn the answer to what it sent (whether the order exists).</param>
        /// <exception cref="ZuoraApiException">Any failure, already classified.</exception>
        public Task<AsyncOrderSubmission> StartOrderAsync(AsyncOrderRequest request, ZuoraRequestContext? context, CancellationToken cancellationToken,
            CancellationToken abandon)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            ThrowIfDisposed();
            var operation = ApiOperation.Order(request.Path, request.Facts.Describe(), request.IdempotencyKey);
            var uri = new Uri(_root, request.RelativeUri);
            var attempts = 0;
            var attempt = AuthorizedAttempt(
                operation,
                context,
                token =>
                {
                    attempts++;
                    request.CountAttempt();
                    return NewOrderPost(uri, request, token, context);
                },
                exchange => ReadOrderAnswer(exchange, request, attempts),
                abandon);
            var replays = new StoredRefusals(request, context);
            return RunWithRetriesAsync(operation, context, throttled: true, cancellationToken, async ct =>
            {
                var result = await attempt(ct).ConfigureAwait(false);
                if (result.Failure == null)
                {
                    return result;
                }

                if (OrderRetryRule.LeavesOrderUncertain(result.Failure))
                {
                    request.MarkMayExist();
                }

                if (replays.Observe(result.Failure, _retry.MaxRetries))
                {
                    return AttemptResult<AsyncOrderSubmission>.Repeat();
                }

                return AttemptResult<AsyncOrderSubmission>.Fail(OrderRetryRule.Apply(result.Failure, request.IdempotencyKey != null));
            });
        }

        /// <inheritdoc cref="StartOrderAsync(AsyncOrderRequest, ZuoraRequestContext, CancellationToken, CancellationToken)"/>
        public Task<AsyncOrderSubmission> StartOrderAsync(AsyncOrderRequest request, ZuoraRequestContext? context, CancellationToken cancellationToken) =>
            StartOrderAsync(request, context, cancellationToken, cancellationToken);

        /// <summary>
        /// Closes this connection's sockets and handler once no request is using them (at once when idle). The client
        /// stays usable: someone holding the connection object (-Context) gets fresh sockets on the next request.
        /// </summary>
        public void ReleaseConnections()
        {
            lock (_transportGate)
            {
                // A supplied handler cannot be rebuilt, so it lives as long as the client.
                if (Options.Handler != null)
                {
                    return;
                }

                _releaseWhenIdle = true;
                if (_transportUsers == 0)
                {
                    _transport?.Dispose();
                    _transport = null;
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (_transportGate)
                {
                    _transport?.Dispose();
                    _transport = null;
                }
            }
        }

        /// <summary>Every request goes through here, so the transport is never released while a request uses it.</summary>
        private async Task<HttpExchange> SendAsync(HttpRequestMessage request, bool logBody, ZuoraRequestContext? context, CancellationToken cancellationToken)
        {
            HttpTransport transport;
            lock (_transportGate)
            {
                ThrowIfDisposed();
                _releaseWhenIdle = false;
                transport = _transport ??= new HttpTransport(Options);
                _transportUsers++;
            }

            try
            {
                return await transport.SendAsync(request, logBody, context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_transportGate)
                {
                    if (--_transportUsers == 0 && _releaseWhenIdle && ReferenceEquals(transport, _transport))
                    {
                        _transport.Dispose();
                        _transport = null;
                    }
                }
            }
        }

        private AttemptResult<AsyncJob> ReadJob(HttpExchange exchange, string jobId)
        {
            ParsedJobBody parsed;
            try
            {
                parsed = _parser.Parse(new ReadOnlySpan<byte>(exchange.Body.Array, exchange.Body.Offset, exchange.Body.Count), jobId);
            }
            catch (Exception error) when (!(error is OutOfMemoryException))
            {
                // A malformed 200 is not retried: the same broken proxy or truncation would most likely repeat. Any
                // exception counts, including one from the caller's object factory: a body is this job's problem, never
                // a reason to fail the caller's other jobs with a foreign exception.
                var body = ErrorBodyReader.Read(exchange.StatusCode, exchange.Body, exchange.ContentType);
                return AttemptResult<AsyncJob>.Fail(new AttemptFailure(ZuoraErrorKind.InvalidResponse, retryable: false, throttle: false)
                {
                    HttpStatus = exchange.StatusCode,
                    ReasonPhrase = exchange.ReasonPhrase,
                    RequestId = exchange.RequestId,
                    Detail = body.BodyProblem != null && body.BodyProblem.IndexOf("HTML", StringComparison.Ordinal) >= 0
                        ? body.BodyProblem
                        : $"the body is not valid JSON or is truncated ({exchange.Body.Count} bytes): {FirstSentence(error.Message)}",
                    Error = error,
                });
            }

            var job = parsed.Job;
            if (parsed.HasStatus)
            {
                job.RequestId = exchange.RequestId ?? job.RequestId;
                job.RetrievedAt = _now();
                return AttemptResult<AsyncJob>.Success(job);
            }

            // success:false without a job status is Zuora's 200-with-error pattern, not a job.
            if (parsed.Success == false || job.Reasons.Length > 0)
            {
                var classification = ErrorClassifier.Classify(exchange.StatusCode, job.Reasons);
                return AttemptResult<AsyncJob>.Fail(new AttemptFailure(classification)
                {
                    SentAt = _now() - exchange.Elapsed,
                    HttpStatus = exchange.StatusCode,
                    ReasonPhrase = exchange.ReasonPhrase,
                    Reasons = job.Reasons,
                    RequestId = exchange.RequestId ?? job.RequestId,
                    ProcessId = job.ProcessId,
                    ServerDelay = RetryAfterParser.FromHeaders(exchange.Headers, _now()),
                    Detail = parsed.Message ?? (job.Errors.Length > 0 ? string.Join("; ", job.Errors) : null),
                });
            }

            return AttemptResult<AsyncJob>.Fail(new AttemptFailure(ZuoraErrorKind.InvalidResponse, retryable: false, throttle: false)
            {
                HttpStatus = exchange.StatusCode,
                ReasonPhrase = exchange.ReasonPhrase,
                RequestId = exchange.RequestId ?? job.RequestId,
                Detail = "the body is JSON but has no job status",
            });
        }

        /// <summary>One attempt of a bearer-token call: renews the token once after a 401, reports transport failures, else reads the answer.</summary>
        /// <param name="abandon">Aborts the request on the wire; by default the attempt's own token does.</param>
        private Func<CancellationToken, Task<AttemptResult<T>>> AuthorizedAttempt<T>(ApiOperation operation, ZuoraRequestContext? context,
            Func<string, HttpRequestMessage> build, Func<HttpExchange, AttemptResult<T>> read, CancellationToken? abandon = null)
            where T : class
        {
            var rejections = new TokenRejections(_now);
            return async ct =>
            {
                var token = await BearerTokenAsync(operation, context, ct).ConfigureAwait(false);
                rejections.TokenTaken();
                var exchange = await SendGatedAsync(() => build(token), context, ct, abandon ?? ct).ConfigureAwait(false);
                if (exchange.TransportFailure.HasValue)
                {
                    return AttemptResult<T>.Fail(TransportFailure(exchange));
                }

                if (exchange.StatusCode != 401)
                {
                    rejections.Answered();
                    return read(exchange);
                }

                if (_tokens == null)
                {
                    return AttemptResult<T>.Fail(Unauthorized(exchange, AuthenticationProblem.SuppliedTokenRejected));
                }

                if (rejections.ShouldRenew())
                {
                    _tokens.Invalidate(token);
                    return AttemptResult<T>.Repeat();
                }

                return AttemptResult<T>.Fail(Unauthorized(exchange, AuthenticationProblem.RenewedTokenRejected));
            };
        }

        private HttpRequestMessage NewOrderPost(Uri uri, AsyncOrderRequest order, string token, ZuoraRequestContext? context)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(order.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (order.SentKey != null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", order.SentKey);
            }

            AddZuoraHeaders(request, context, includeVersion: true);
            return request;
        }

        /// <summary>Create answers 200 <c>{jobId, success}</c>, preview 202 <c>{jobId}</c>; anything else is a failure to classify.</summary>
        private AttemptResult<AsyncOrderSubmission> ReadOrderAnswer(HttpExchange exchange, AsyncOrderRequest request, int attempts)
        {
            if (!exchange.IsSuccessStatus)
            {
                return AttemptResult<AsyncOrderSubmission>.Fail(OrderRetryRule.Classify(HttpFailure(exchange), request.SentKey != null));
            }

            OrderAnswer? answer = null;
            try
            {
                answer = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(exchange.Body.Array, exchange.Body.Offset, exchange.Body.Count), ZuoraJsonContext.Default.OrderAnswer);
            }
            catch (JsonException)
            {
                // Reported below as an unreadable answer.
            }

            var reasons = (answer?.Reasons ?? new System.Collections.Generic.List<ErrorReason>())
                .Where(r => r != null && (r.Code != null || r.Message != null))
                .Select(r => new ZuoraReason(r.Code, r.Message))
                .ToArray();
            if (answer != null && (answer.Success == false || reasons.Length > 0))
            {
                var refusal = new AttemptFailure(ErrorClassifier.Classify(exchange.StatusCode, reasons))
                {
                    SentAt = _now() - exchange.Elapsed,
                    HttpStatus = exchange.StatusCode,
                    ReasonPhrase = exchange.ReasonPhrase,
                    Reasons = reasons,
                    RequestId = exchange.RequestId ?? answer.RequestId,
                    ProcessId = answer.ProcessId,
                    ServerDelay = RetryAfterParser.FromHeaders(exchange.Headers, _now()),
                    Detail = answer.Message,
                };
                return AttemptResult<AsyncOrderSubmission>.Fail(OrderRetryRule.Classify(refusal, request.SentKey != null));
            }

            var jobId = Validation.NormalizeJobId(answer?.JobId);
            if (jobId == null)
            {
                var body = ErrorBodyReader.Read(exchange.StatusCode, exchange.Body, exchange.ContentType);
                return AttemptResult<AsyncOrderSubmission>.Fail(new AttemptFailure(ZuoraErrorKind.InvalidResponse, retryable: false, throttle: false)
                {
                    HttpStatus = exchange.StatusCode,
                    ReasonPhrase = exchange.ReasonPhrase,
                    RequestId = exchange.RequestId,
                    Detail = answer == null
                        ? body.BodyProblem ?? $"the body is not the JSON object Zuora documents ({exchange.Body.Count} bytes)"
                        : answer.JobId == null ? "the answer has no jobId" : $"the answer's jobId '{answer.JobId}' is not a UUID",
                });
            }

            return AttemptResult<AsyncOrderSubmission>.Success(new AsyncOrderSubmission
            {
                JobId = jobId,
                Operation = request.Operation.ToString(),
                Endpoint = "POST /" + request.RelativeUri,
                OrderNumber = request.Facts.OrderNumber,
                AccountNumber = request.Facts.AccountNumber,
                IdempotencyKey = request.SentKey,
                AcceptedAt = _now(),
                RequestId = exchange.RequestId ?? answer?.RequestId,
                Attempts = attempts,
            });
        }

        private async Task<string> BearerTokenAsync(ApiOperation operation, ZuoraRequestContext? context, CancellationToken cancellationToken)
        {
            if (_tokens != null)
            {
                return await _tokens.GetAsync(context, cancellationToken).ConfigureAwait(false);
            }

            if (Options.AccessToken != null)
            {
                return SecretForm.Reveal(Options.AccessToken);
            }

            throw NoCredentials(operation, context);
        }

        private HttpRequestMessage NewGet(Uri uri, string token, ZuoraRequestContext? context)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            AddZuoraHeaders(request, context, includeVersion: true);
            return request;
        }

        private void AddZuoraHeaders(HttpRequestMessage request, ZuoraRequestContext? context, bool includeVersion)
        {
            if (!string.IsNullOrEmpty(context?.TrackId))
            {
                request.Headers.TryAddWithoutValidation("Zuora-Track-Id", context!.TrackId);
            }

            if (includeVersion && !string.IsNullOrEmpty(Options.ZuoraVersion))
            {
                request.Headers.TryAddWithoutValidation("Zuora-Version", Options.ZuoraVersion);
            }

            if (!string.IsNullOrEmpty(Options.EntityId))
            {
                request.Headers.TryAddWithoutValidation("Zuora-Entity-Ids", Options.EntityId);
            }
        }

        /// <summary>
        /// Waits for a slot of the connection's concurrency limit and for any hold Zuora asked for, then sends. The
        /// request is built only then, so nothing exists on the wire side until it can actually go.
        /// </summary>
        private async Task<HttpExchange> SendGatedAsync(Func<HttpRequestMessage> build, ZuoraRequestContext? context, CancellationToken cancellationToken,
            CancellationToken abandon)
        {
            await _slots.EnterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return await SendAsync(build(), logBody: true, context, abandon).ConfigureAwait(false);
            }
            finally
            {
                _slots.Exit();
            }
        }

        /// <summary>The token endpoint is outside Zuora's concurrency limit, so it bypasses the slots and the hold.</summary>
        /// <param name="retry">False for an early renewal: while the cached token is valid, one attempt is enough.</param>
        private async Task<CachedToken> FetchTokenAsync(ZuoraRequestContext? context, bool retry, CancellationToken cancellationToken)
        {
            var operation = new ApiOperation("POST", TokenPath, null);
            if (retry)
            {
                return await RunWithRetriesAsync(operation, context, throttled: false, cancellationToken, ct => TokenAttemptAsync(context, ct)).ConfigureAwait(false);
            }

            var result = await TokenAttemptAsync(context, cancellationToken).ConfigureAwait(false);
            return result.Value ?? throw ErrorMessages.ToException(result.Failure!, operation, _root, context?.TrackId, 1, null);
        }

        private async Task<AttemptResult<CachedToken>> TokenAttemptAsync(ZuoraRequestContext? context, CancellationToken ct)
        {
            var uri = new Uri(_root, "oauth/token");
            var form = SecretForm.ClientCredentials(Options.ClientId!, Options.ClientSecret!);
            HttpExchange exchange;
            try
            {
                var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(form) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
                AddZuoraHeaders(request, context, includeVersion: false);
                ct.ThrowIfCancellationRequested();
                exchange = await SendAsync(request, logBody: false, context, ct).ConfigureAwait(false);
            }
            finally
            {
                Array.Clear(form, 0, form.Length);
            }

            if (exchange.TransportFailure.HasValue)
            {
                return AttemptResult<CachedToken>.Fail(TransportFailure(exchange));
            }

            if (exchange.IsSuccessStatus)
            {
                return ReadToken(exchange);
            }

            if (exchange.StatusCode == 400 || exchange.StatusCode == 401)
            {
                return AttemptResult<CachedToken>.Fail(Unauthorized(exchange, AuthenticationProblem.CredentialsRejected));
            }

            return AttemptResult<CachedToken>.Fail(HttpFailure(exchange));
        }

        private AttemptResult<CachedToken> ReadToken(HttpExchange exchange)
        {
            TokenResponse? response = null;
            try
            {
                response = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(exchange.Body.Array, exchange.Body.Offset, exchange.Body.Count), ZuoraJsonContext.Default.TokenResponse);
            }
            catch (JsonException)
            {
                // Reported below without the parser's message, which could quote part of the body (the token).
            }

            if (response == null || string.IsNullOrEmpty(response.AccessToken))
            {
                return AttemptResult<CachedToken>.Fail(new AttemptFailure(ZuoraErrorKind.InvalidResponse, retryable: false, throttle: false)
                {
                    HttpStatus = exchange.StatusCode,
                    ReasonPhrase = exchange.ReasonPhrase,
                    RequestId = exchange.RequestId,
                    Detail = response == null ? "the token response is not valid JSON" : "the token response has no access_token",
                });
            }

            // Zuora documents 3599 s; assume an hour if it is missing or nonsense rather than renewing on every call.
            var seconds = response.ExpiresIn.HasValue && response.ExpiresIn.Value > 0 && response.ExpiresIn.Value < 10 * 365 * 86400.0
                ? response.ExpiresIn.Value
                : 3600;
            return AttemptResult<CachedToken>.Success(CachedToken.Create(response.AccessToken!, TimeSpan.FromSeconds(seconds), Options.TokenRenewalMargin, _now()));
        }

        /// <summary>
        /// Runs attempts until one succeeds, a failure is final, retries run out or the next wait would exceed the
        /// budget. Every wait observes the caller's token, and a refusal for load holds back the whole connection.
        /// </summary>
        private async Task<T> RunWithRetriesAsync<T>(ApiOperation operation, ZuoraRequestContext? context, bool throttled, CancellationToken cancellationToken, Func<CancellationToken, Task<AttemptResult<T>>> attempt)
            where T : class
        {
            var elapsed = Stopwatch.StartNew();
            var attempts = 0;
            var retries = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                attempts++;
                var result = await attempt(cancellationToken).ConfigureAwait(false);
                if (result.Value != null)
                {
                    if (throttled)
                    {
                        _slots.Answered();
                    }

                    return result.Value;
                }

                if (result.RepeatNow)
                {
                    continue;
                }

                var failure = result.Failure!;
                if (!failure.Retryable)
                {
                    throw ErrorMessages.ToException(failure, operation, _root, context?.TrackId, attempts, null);
                }

                if (retries >= _retry.MaxRetries)
                {
                    throw Exhausted(failure, operation, context, attempts, retries, null);
                }

                retries++;
                var delay = _retry.NextDelay(retries, failure.ServerDelay);
                if (elapsed.Elapsed + delay > _retry.Budget)
                {
                    var stop = $"Gave up after {HttpText.Seconds(elapsed.Elapsed)} because the next wait ({HttpText.Seconds(delay)}) would exceed the retry budget of {HttpText.Seconds(_retry.Budget)}.";
                    throw Exhausted(failure, operation, context, attempts, retries, stop);
                }

                if (throttled && failure.Throttle)
                {
                    _throttle.HoldUntil(_now() + delay);
                    var lowered = _slots.Refused(failure.SentAt);
                    if (lowered.HasValue)
                    {
                        HttpLog.Write(context, ApiMessageLevel.Verbose, string.Format(
                            CultureInfo.InvariantCulture,
                            "Zuora refused a request for load; this connection now sends at most {0} request(s) at once (ThrottleLimit {1}).",
                            lowered.Value,
                            Options.MaxConcurrency));
                    }
                }

                HttpLog.Write(context, ApiMessageLevel.Verbose, string.Format(
                    CultureInfo.InvariantCulture,
                    "Retrying {0} in {1} (attempt {2} of {3}): {4}",
                    operation.Label,
                    HttpText.Seconds(delay),
                    attempts + 1,
                    _retry.MaxRetries + 1,
                    ErrorMessages.Summary(failure)));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private ZuoraApiException Exhausted(AttemptFailure failure, ApiOperation operation, ZuoraRequestContext? context, int attempts, int retries, string? stop)
        {
            var error = ErrorMessages.ToException(failure, operation, _root, context?.TrackId, attempts, stop);
            if (error.RetryAfter == null && failure.Kind == ZuoraErrorKind.RateLimited)
            {
                // Zuora gave no delay: suggest the back-off the next retry would have used.
                error.RetryAfter = _retry.NextDelay(retries + 1, null);
            }

            return error;
        }

        private AttemptFailure HttpFailure(HttpExchange exchange)
        {
            var body = ErrorBodyReader.Read(exchange.StatusCode, exchange.Body, exchange.ContentType);
            var classification = ErrorClassifier.Classify(exchange.StatusCode, body.Reasons);
            return new AttemptFailure(classification)
            {
                SentAt = _now() - exchange.Elapsed,
                HttpStatus = exchange.StatusCode,
                ReasonPhrase = exchange.ReasonPhrase,
                Reasons = body.Reasons,
                RequestId = exchange.RequestId ?? body.RequestId,
                ProcessId = body.ProcessId,
                ServerDelay = RetryAfterParser.FromHeaders(exchange.Headers, _now()),
                Detail = body.BodyProblem ?? body.Message,
            };
        }

        private AttemptFailure Unauthorized(HttpExchange exchange, AuthenticationProblem problem)
        {
            var body = ErrorBodyReader.Read(exchange.StatusCode, exchange.Body, exchange.ContentType);
            return new AttemptFailure(ZuoraErrorKind.AuthenticationFailed, retryable: false, throttle: false)
            {
                HttpStatus = exchange.StatusCode,
                ReasonPhrase = exchange.ReasonPhrase,
                Reasons = body.Reasons,
                RequestId = exchange.RequestId ?? body.RequestId,
                ProcessId = body.ProcessId,
                Detail = body.Message ?? body.BodyProblem,
                AuthProblem = problem,
            };
        }

        private AttemptFailure TransportFailure(HttpExchange exchange)
        {
            var kind = exchange.TransportFailure!.Value;
            return new AttemptFailure(kind, retryable: kind != ZuoraErrorKind.InvalidResponse, throttle: false)
            {
                HttpStatus = exchange.StatusCode > 0 ? exchange.StatusCode : (int?)null,
                ReasonPhrase = exchange.ReasonPhrase,
                RequestId = exchange.RequestId,
                Error = exchange.TransportError,
                Detail = kind == ZuoraErrorKind.RequestTimeout ? $"no answer within {HttpText.Seconds(_requestTimeout)}" : null,
            };
        }

        private ZuoraApiException NoCredentials(ApiOperation operation, ZuoraRequestContext? context) =>
            ErrorMessages.ToException(
                new AttemptFailure(ZuoraErrorKind.AuthenticationFailed, false, false) { AuthProblem = AuthenticationProblem.NoCredentials },
                operation,
                _root,
                context?.TrackId,
                1,
                null);

        private static void CheckHeaderValue(string? value, string name, bool quote = true)
        {
            var problem = value == null ? null : Validation.HeaderValueProblem(value);
            if (problem != null)
            {
                var shown = quote ? $" '{value!.Trim()}'" : string.Empty;
                throw new ArgumentException($"The {name}{shown} cannot be sent in a header: {problem}.", "options");
            }
        }

        /// <summary>The track ID goes into a header of every request: a bad one must fail before anything is sent.</summary>
        private static void CheckContext(ZuoraRequestContext? context)
        {
            var trackId = context?.TrackId;
            var problem = string.IsNullOrEmpty(trackId) ? null : Validation.TrackIdProblem(trackId!);
            if (problem != null)
            {
                throw new ArgumentException($"The track ID cannot be sent as Zuora-Track-Id: {problem}.", nameof(context));
            }
        }

        private static string FirstSentence(string text)
        {
            var end = text.IndexOf(". ", StringComparison.Ordinal);
            return end > 0 ? text.Substring(0, end + 1) : text;
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new ObjectDisposedException(nameof(ZuoraClient));
            }
        }
    }
}
