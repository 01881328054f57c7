using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class OrderClientTests
    {
        private const string Body = """{"orderDate":"2026-11-23","orderNumber":"OM-1","existingAccountNumber":"A-9","subscriptions":[{"orderActions":[{"type":"CreateSubscription"}]}]}""";
        private const string PreviewBody = """{"orderDate":"2026-11-23","previewOptions":{"previewThruType":"SpecificDate"},"newAccount":{"accountNumber":"NEW-1"}}""";

        private static AsyncOrderRequest Request(string? key = "key-1", string body = Body, AsyncOrderOperation operation = AsyncOrderOperation.CreateOrder)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            return new AsyncOrderRequest(operation, bytes, OrderFacts.Inspect(bytes, operation), key);
        }

        private static Task<AsyncOrderSubmission> Start(ClientFixture f, AsyncOrderRequest request, CancellationToken token = default) =>
            f.Client.StartOrderAsync(request, f.Context, token);

        private static ClientFixture Fixture(Action<ZuoraClientOptions>? configure = null) =>
            new ClientFixture(o =>
            {
                o.ZuoraVersion = "2025-08-12";
                o.EntityId = "entity-1";
                configure?.Invoke(o);
            });

        [Fact]
        public async Task Create_sends_the_body_unchanged_with_key_query_and_headers_and_returns_the_submission()
        {
            using var f = Fixture();
            var request = Request();
            request.ReturnIds = true;
            var submission = await Start(f, request);

            var post = f.Fake.OrderPosts.Single();
            Assert.Equal("/v1/async/orders?returnIds=true", post.Path);
            Assert.Equal(Body, post.Body);
            Assert.Equal("key-1", post.Headers["Idempotency-Key"]);
            Assert.Equal("track-7", post.Headers["Zuora-Track-Id"]);
            Assert.Equal("2025-08-12", post.Headers["Zuora-Version"]);
            Assert.Equal("entity-1", post.Headers["Zuora-Entity-Ids"]);
            Assert.Equal("application/json; charset=utf-8", post.Headers["Content-Type"]);
            Assert.StartsWith("Bearer ", post.Headers["Authorization"], StringComparison.Ordinal);

            Assert.Equal(FakeZuora.JobId, submission.JobId);
            Assert.Equal("CreateOrder", submission.Operation);
            Assert.Equal("POST /v1/async/orders?returnIds=true", submission.Endpoint);
            Assert.Equal("OM-1", submission.OrderNumber);
            Assert.Equal("A-9", submission.AccountNumber);
            Assert.Equal("key-1", submission.IdempotencyKey);
            Assert.Equal("req-order", submission.RequestId);
            Assert.Equal(1, submission.Attempts);
            Assert.Contains(f.Verbose, line => line.StartsWith("POST /v1/async/orders -> 200 OK", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Preview_accepts_202_with_only_a_job_id()
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder(HttpStatusCode.Accepted, $$"""{"jobId":"{{FakeZuora.JobId}}"}""");
            var request = Request(body: PreviewBody, operation: AsyncOrderOperation.PreviewOrder);
            request.SummarizeInvoiceItem = true;
            var submission = await Start(f, request);

            Assert.Equal("/v1/async/orders/preview?summarizeInvoiceItem=true", f.Fake.OrderPosts.Single().Path);
            Assert.Equal("PreviewOrder", submission.Operation);
            Assert.Equal("NEW-1", submission.AccountNumber);
            Assert.Null(submission.OrderNumber);
        }

        [Fact]
        public async Task With_a_key_lost_answers_and_409_are_retried_with_the_same_key()
        {
            using var f = Fixture(o => { o.RequestTimeout = TimeSpan.FromMilliseconds(100); o.MaxRetryCount = 5; });
            f.Fake.EnqueueOrder(HttpStatusCode.BadGateway, "<html><title>502 Bad Gateway</title></html>");
            f.Fake.Orders.Enqueue(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return new HttpResponseMessage(); });
            f.Fake.Orders.Enqueue((_, _) => throw new HttpRequestException("Connection reset by peer"));
            f.Fake.EnqueueOrder(HttpStatusCode.Conflict, """{"success":false,"reasons":[{"code":"50000030","message":"still in progress"}]}""");
            f.Fake.EnqueueOrder((HttpStatusCode)429, "{}", ("Retry-After", "0"));

            var request = Request("same-key");
            var submission = await Start(f, request);

            var posts = f.Fake.OrderPosts.ToArray();
            Assert.Equal(6, posts.Length);
            Assert.All(posts, p => Assert.Equal("same-key", p.Headers["Idempotency-Key"]));
            Assert.All(posts, p => Assert.Equal(Body, p.Body));
            Assert.Equal(6, submission.Attempts);
            Assert.Equal(5, f.Retries.Count());
            Assert.Equal(6, request.AttemptsSent);
            Assert.True(request.MayExist);
        }

        [Theory]
        [InlineData(422, """{"success":false,"reasons":[{"code":"53100320","message":"Invalid value for field termType"}]}""")]
        [InlineData(409, """{"success":false,"reasons":[{"code":"58730022","message":"The subscription is being amended by another order"}]}""")]
        [InlineData(422, """{"success":false,"reasons":[{"code":"50000022","message":"Missing required field: subscriptions[0].orderActions"}]}""")]
        public async Task A_409_or_422_about_the_order_itself_is_reported_as_Zuoras_refusal_not_as_a_key_problem(int status, string body)
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder((HttpStatusCode)status, body);

            var request = Request("key-x");
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, request));

            Assert.Equal(ZuoraErrorKind.OrderRejected, error.Kind);
            Assert.DoesNotContain("already used", error.Message);
            Assert.Single(f.Fake.OrderPosts);
            Assert.False(request.MayExist);
        }

        [Theory]
        [InlineData(422, """{"success":false,"reasons":[{"code":"50000020","message":"The Idempotency-Key was already used with a different request."}]}""", ZuoraErrorKind.IdempotencyKeyMismatch)]
        [InlineData(422, "{}", ZuoraErrorKind.IdempotencyKeyMismatch)]
        public async Task A_422_about_the_key_is_a_mismatch(int status, string body, ZuoraErrorKind kind)
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder((HttpStatusCode)status, body);
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request("key-y")));
            Assert.Equal(kind, error.Kind);
        }

        [Fact]
        public async Task Without_a_key_a_409_is_not_called_a_key_in_use()
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder(HttpStatusCode.Conflict, "{}");
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request(key: null)));
            Assert.NotEqual(ZuoraErrorKind.IdempotencyKeyInUse, error.Kind);
            Assert.Single(f.Fake.OrderPosts);
        }

        [Fact]
        public async Task A_refusal_replayed_under_the_same_key_is_retried_under_a_derived_key()
        {
            using var f = Fixture(o => o.MaxRetryCount = 5);
            const string lockRefusal = """{"success":false,"reasons":[{"code":"50000050","message":"Operation failed due to a lock competition, please retry later."}]}""";
            f.Fake.EnqueueOrder(HttpStatusCode.OK, lockRefusal, ("Zuora-Request-Id", "stored-1"));
            f.Fake.EnqueueOrder(HttpStatusCode.OK, lockRefusal, ("Zuora-Request-Id", "stored-1"));

            var request = Request("base-key");
            var submission = await Start(f, request);

            var keys = f.Fake.OrderPosts.Select(p => p.Headers["Idempotency-Key"]).ToArray();
            Assert.Equal(new[] { "base-key", "base-key", "base-key~1" }, keys);
            Assert.Equal("base-key~1", submission.IdempotencyKey);
            Assert.Contains(f.Verbose, l => l.Contains("stored for Idempotency-Key 'base-key'", StringComparison.Ordinal));
            Assert.False(request.MayExist);
        }

        [Fact]
        public async Task Fresh_refusals_under_one_key_keep_the_key()
        {
            using var f = Fixture(o => o.MaxRetryCount = 5);
            const string lockRefusal = """{"success":false,"reasons":[{"code":"50000050","message":"Operation failed due to a lock competition, please retry later."}]}""";
            f.Fake.EnqueueOrder(HttpStatusCode.OK, lockRefusal, ("Zuora-Request-Id", "fresh-1"));
            f.Fake.EnqueueOrder(HttpStatusCode.OK, lockRefusal, ("Zuora-Request-Id", "fresh-2"));

            var submission = await Start(f, Request("one-key"));

            Assert.All(f.Fake.OrderPosts, p => Assert.Equal("one-key", p.Headers["Idempotency-Key"]));
            Assert.Equal("one-key", submission.IdempotencyKey);
        }

        [Fact]
        public async Task An_order_refused_for_load_with_HTTP_200_narrows_the_connection_once_per_burst()
        {
            using var f = Fixture(o => { o.MaxConcurrency = 8; o.MaxRetryCount = 3; });
            await f.Client.AuthenticateAsync(f.Context, default);
            var arrived = 0;
            var allIn = new TaskCompletionSource();
            for (var i = 0; i < 8; i++)
            {
                f.Fake.Orders.Enqueue(async (_, _) =>
                {
                    if (Interlocked.Increment(ref arrived) == 8)
                    {
                        allIn.SetResult();
                    }

                    await allIn.Task;
                    return FakeZuora.Json(HttpStatusCode.OK, """{"success":false,"reasons":[{"code":"50000070","message":"Request exceeded limit"}]}""", ("Retry-After", "0"));
                });
            }

            var submissions = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Start(f, Request("burst-" + i)))));

            Assert.Equal(8, submissions.Length);
            var narrowed = f.Verbose.Where(l => l.Contains("now sends at most", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { "Zuora refused a request for load; this connection now sends at most 4 request(s) at once (ThrottleLimit 8)." }, narrowed);
        }

        [Fact]
        public async Task A_409_that_never_clears_ends_as_IdempotencyKeyInUse_naming_the_key()
        {
            using var f = Fixture();
            f.Fake.DefaultOrder = (_, _) => Task.FromResult(FakeZuora.Json(HttpStatusCode.Conflict, "{}"));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request("busy-key")));
            Assert.Equal(ZuoraErrorKind.IdempotencyKeyInUse, error.Kind);
            Assert.Equal(5, f.Fake.OrderPosts.Count());
            Assert.Equal("busy-key", error.IdempotencyKey);
            Assert.Contains("'busy-key'", error.Message);
        }

        [Theory]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        [InlineData(500)]
        public async Task Without_a_key_a_gateway_error_is_not_resent(int status)
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder((HttpStatusCode)status, "{}");
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request(key: null)));
            Assert.Equal(ZuoraErrorKind.ServiceError, error.Kind);
            var post = Assert.Single(f.Fake.OrderPosts);
            Assert.False(post.Headers.ContainsKey("Idempotency-Key"));
            if (status != 500)
            {
                Assert.Contains("not sent again without an Idempotency-Key", error.Message);
            }
        }

        [Fact]
        public async Task Without_a_key_a_timeout_or_reset_is_not_resent()
        {
            using var f = Fixture(o => o.RequestTimeout = TimeSpan.FromMilliseconds(50));
            f.Fake.Orders.Enqueue(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return new HttpResponseMessage(); });
            var timeout = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request(key: null)));
            Assert.Equal(ZuoraErrorKind.RequestTimeout, timeout.Kind);
            Assert.Single(f.Fake.OrderPosts);

            f.Fake.Orders.Enqueue((_, _) => throw new HttpRequestException("Connection reset by peer"));
            var reset = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request(key: null)));
            Assert.Equal(ZuoraErrorKind.ConnectionFailed, reset.Kind);
            Assert.Equal(2, f.Fake.OrderPosts.Count());
            Assert.Contains("check whether the order exists", reset.Message);
        }

        [Fact]
        public async Task Without_a_key_refusals_Zuora_gives_before_processing_are_retried()
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder((HttpStatusCode)429, "{}", ("Retry-After", "0"));
            f.Fake.EnqueueOrder(HttpStatusCode.OK, """{"success":false,"reasons":[{"code":"50000050","message":"Operation failed due to a lock competition, please retry later."}]}""");
            f.Fake.EnqueueOrder(HttpStatusCode.OK, """{"success":false,"reasons":[{"code":"50000061","message":"Temporary error"}]}""");
            var submission = await Start(f, Request(key: null));
            Assert.Equal(4, f.Fake.OrderPosts.Count());
            Assert.Equal(4, submission.Attempts);
        }

        [Fact]
        public async Task A_422_is_IdempotencyKeyMismatch_and_is_not_retried()
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder((HttpStatusCode)422, """{"success":false,"reasons":[{"code":"50000020","message":"The Idempotency-Key was already used with a different request."}]}""");
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request("old-key")));
            Assert.Equal(ZuoraErrorKind.IdempotencyKeyMismatch, error.Kind);
            Assert.Equal(422, error.HttpStatus);
            Assert.Single(f.Fake.OrderPosts);
            Assert.Contains("'old-key' was already used for a different request", error.Message);
        }

        [Theory]
        [InlineData(200)]
        [InlineData(400)]
        public async Task Zuora_refusing_the_order_is_OrderRejected_with_its_reasons(int status)
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder((HttpStatusCode)status,
                """{"success":false,"processId":"P1","reasons":[{"code":53100320,"message":"'termType' value should be one of: TERMED, EVERGREEN"},{"code":"53100422","message":"second"}],"requestId":"body-req"}""",
                ("Zuora-Request-Id", "hdr-req"));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request()));
            Assert.Equal(ZuoraErrorKind.OrderRejected, error.Kind);
            Assert.Equal("53100320, 53100422", error.ReasonCodes);
            Assert.Equal("hdr-req", error.RequestId);
            Assert.Equal("P1", error.ProcessId);
            Assert.Single(f.Fake.OrderPosts);
            Assert.StartsWith("Zuora refused order OM-1 for account A-9 (POST /v1/async/orders)", error.Message, StringComparison.Ordinal);
            Assert.Contains("'termType' value should be one of: TERMED, EVERGREEN", error.Message);
            Assert.Contains("new Idempotency-Key", error.Message);
        }

        [Theory]
        [InlineData("""{"success":true}""", "no jobId")]
        [InlineData("""{"jobId":"nope","success":true}""", "'nope' is not a UUID")]
        [InlineData("""not json""", "not valid JSON")]
        public async Task An_answer_without_a_job_id_is_InvalidResponse(string body, string detail)
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder(HttpStatusCode.OK, body);
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => Start(f, Request()));
            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Contains(detail, error.Message);
        }

        [Fact]
        public async Task A_401_renews_the_token_once_and_resends_with_the_same_key()
        {
            using var f = Fixture();
            f.Fake.EnqueueOrder(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            await Start(f, Request("k"));
            var posts = f.Fake.OrderPosts.ToArray();
            Assert.Equal(2, posts.Length);
            Assert.NotEqual(posts[0].Headers["Authorization"], posts[1].Headers["Authorization"]);
            Assert.Equal(2, f.Fake.TokenPosts);
        }
    }
}
