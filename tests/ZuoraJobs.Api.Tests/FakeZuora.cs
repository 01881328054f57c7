using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>What the fake saw: enough of a request to assert on after it was disposed.</summary>
    internal sealed record RecordedRequest(string Method, string Path, Dictionary<string, string> Headers, string? Body, DateTimeOffset At);

    /// <summary>
    /// A scripted Zuora: token POSTs issue numbered tokens; GETs answer from a queue of canned responses, then from a
    /// default (a completed job). Everything is recorded.
    /// </summary>
    internal sealed class FakeZuora : HttpMessageHandler
    {
        public const string ClientId = "3b6f8a8e-1111-2222-3333-444455556666";
        public const string Secret = "s3cr3t+V@lue/with&chars=";
        public const string TokenPrefix = "tkn-Zq9Xw";
        public const string JobId = "2c92c0f8-7a1b-4c2d-9e3f-0123456789ab";

        private int _tokensIssued;

        public ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> Gets { get; } = new();
        public ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> Tokens { get; } = new();
        public ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> Orders { get; } = new();
        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
        public int TokenExpiresIn { get; set; } = 3599;

        /// <summary>Holds token responses back until released, to make callers pile up on one renewal.</summary>
        public Task? TokenGate { get; set; }

        public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> DefaultGet { get; set; } =
            (_, _) => Task.FromResult(Json(HttpStatusCode.OK, CompletedJob, ("Zuora-Request-Id", "req-default")));

        /// <summary>Answers order POSTs once <see cref="Orders"/> is empty: create's 200 <c>{jobId, success}</c>.</summary>
        public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> DefaultOrder { get; set; } =
            (_, _) => Task.FromResult(Json(HttpStatusCode.OK, $$"""{"jobId":"{{JobId}}","success":true}""", ("Zuora-Request-Id", "req-order")));

        public const string CompletedJob = """{"errors":null,"result":{"jobType":"AsyncCreateOrder","orderNumber":"O-1","accountNumber":"A-1","status":"Completed","success":true},"status":"Completed","success":true}""";

        public int TokenPosts => Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/oauth/token", StringComparison.Ordinal));
        public IEnumerable<RecordedRequest> OrderPosts => Requests.Where(r => r.Method == "POST" && !r.Path.EndsWith("/oauth/token", StringComparison.Ordinal));
        public int JobGets => Requests.Count(r => r.Method == "GET");
        public IEnumerable<RecordedRequest> GetRequests => Requests.Where(r => r.Method == "GET");
        public static string Token(int n) => TokenPrefix + n;

        public static SecureString Secure(string value)
        {
            var secure = new SecureString();
            foreach (var c in value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }

        public static HttpResponseMessage Json(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }

        public void EnqueueGet(HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
            Gets.Enqueue((_, _) => Task.FromResult(Json(status, body, headers)));

        public void EnqueueGet(Func<HttpResponseMessage> respond) => Gets.Enqueue((_, _) => Task.FromResult(respond()));

        public void EnqueueOrder(HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
            Orders.Enqueue((_, _) => Task.FromResult(Json(status, body, headers)));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            if (request.Headers.UserAgent.Count > 0)
            {
                // Product tokens are space-separated on the wire, not comma-joined like other multi-value headers.
                headers["User-Agent"] = request.Headers.UserAgent.ToString();
            }

            string? body = null;
            if (request.Content != null)
            {
                body = await request.Content.ReadAsStringAsync(cancellationToken);
                foreach (var h in request.Content.Headers)
                {
                    headers[h.Key] = string.Join(", ", h.Value);
                }
            }

            Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body, DateTimeOffset.UtcNow));
            if (request.Method == HttpMethod.Post && !request.RequestUri.AbsolutePath.EndsWith("/oauth/token", StringComparison.Ordinal))
            {
                return Orders.TryDequeue(out var order) ? await order(request, cancellationToken) : await DefaultOrder(request, cancellationToken);
            }

            if (request.Method == HttpMethod.Post)
            {
                if (TokenGate != null)
                {
                    await TokenGate.WaitAsync(cancellationToken);
                }

                if (Tokens.TryDequeue(out var scripted))
                {
                    return await scripted(request, cancellationToken);
                }

                var n = Interlocked.Increment(ref _tokensIssued);
                return Json(HttpStatusCode.OK, $$"""{"access_token":"{{Token(n)}}","token_type":"bearer","expires_in":{{TokenExpiresIn}},"scope":"x","jti":"j{{n}}"}""");
            }

            return Gets.TryDequeue(out var next) ? await next(request, cancellationToken) : await DefaultGet(request, cancellationToken);
        }
    }
}
