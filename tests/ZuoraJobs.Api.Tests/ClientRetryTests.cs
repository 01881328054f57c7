using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class ClientRetryTests
    {
        private static string ErrorBody(object code, string message = "problem") =>
            $$"""{"success":false,"processId":"PROC1","reasons":[{"code":{{(code is string s ? "\"" + s + "\"" : code)}},"message":"{{message}}"}],"requestId":"body-req"}""";

        [Fact]
        public async Task Retries_429_honouring_Retry_After_and_logs_each_retry()
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet((HttpStatusCode)429, "{}", ("Retry-After", "0"));
            f.Fake.EnqueueGet((HttpStatusCode)429, "{}", ("Retry-After", "0"));
            var job = await f.Get();
            Assert.Equal("Completed", job.Status);
            Assert.Equal(3, f.Fake.JobGets);
            var retries = f.Retries.ToArray();
            Assert.Equal(2, retries.Length);
            Assert.Equal($"Retrying GET /v1/async-jobs/{FakeZuora.JobId} in 0 s (attempt 2 of 5): HTTP 429 Too Many Requests, Retry-After 0 s", retries[0]);
            Assert.Contains("(attempt 3 of 5)", retries[1]);
        }

        [Theory]
        [InlineData(503, "{}")]
        [InlineData(502, "<html><head><title>502 Bad Gateway</title></head></html>")]
        [InlineData(504, "")]
        public async Task Retries_gateway_statuses(int status, string body)
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet((HttpStatusCode)status, body);
            var job = await f.Get();
            Assert.Equal("Completed", job.Status);
            Assert.Equal(2, f.Fake.JobGets);
        }

        [Theory]
        [InlineData(200, 50000050)]
        [InlineData(200, "50000061")]
        [InlineData(400, "50000050")]
        [InlineData(200, 50000070)]
        [InlineData(500, 50000061)]
        public async Task Retries_retryable_Zuora_categories(int status, object code)
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet((HttpStatusCode)status, ErrorBody(code));
            var job = await f.Get();
            Assert.Equal("Completed", job.Status);
            Assert.Equal(2, f.Fake.JobGets);
            Assert.Single(f.Retries);
        }

        [Fact]
        public async Task Exhausted_429_is_RateLimited_with_evidence()
        {
            using var f = new ClientFixture(o => o.MaxRetryCount = 2);
            f.Fake.DefaultGet = (_, _) => Task.FromResult(FakeZuora.Json((HttpStatusCode)429, ErrorBody(50000070, "Request exceeded limit"),
                ("Retry-After", "0"), ("Zuora-Request-Id", "req-429")));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.RateLimited, error.Kind);
            Assert.Equal(3, error.Attempts);
            Assert.Equal(3, f.Fake.JobGets);
            Assert.Equal(429, error.HttpStatus);
            Assert.Equal("req-429", error.RequestId);
            Assert.Equal("PROC1", error.ProcessId);
            Assert.Equal("track-7", error.TrackId);
            Assert.Equal(FakeZuora.JobId, error.JobId);
            Assert.Equal("50000070", error.ReasonCodes);
            Assert.Equal(TimeSpan.Zero, error.RetryAfter);
            Assert.Contains("after 3 attempts", error.Message);
            Assert.Contains("Request exceeded limit", error.Message);
            Assert.Contains("req-429", error.Message);
            Assert.Contains("lower the concurrency", error.Message);
        }

        [Fact]
        public async Task Exhausted_503_is_ServiceError_with_reasons()
        {
            using var f = new ClientFixture(o => o.MaxRetryCount = 1);
            f.Fake.DefaultGet = (_, _) => Task.FromResult(FakeZuora.Json(HttpStatusCode.ServiceUnavailable, ErrorBody("50000060", "Internal error")));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.ServiceError, error.Kind);
            Assert.Equal(2, error.Attempts);
            Assert.Equal("body-req", error.RequestId);
            Assert.Equal("50000060", error.ReasonCodes);
        }

        [Fact]
        public async Task Exhausted_html_502_says_it_was_a_proxy_page()
        {
            using var f = new ClientFixture(o => o.MaxRetryCount = 1);
            f.Fake.DefaultGet = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway)
            {
                Content = new StringContent("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", Encoding.UTF8, "text/html"),
            });
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.ServiceError, error.Kind);
            Assert.Contains("Zuora returned HTTP 502 with an HTML page, probably from a proxy: 502 Bad Gateway", error.Message);
        }

        [Fact]
        public async Task Retry_budget_stops_before_a_wait_that_would_exceed_it()
        {
            using var f = new ClientFixture(o => o.RetryBudget = TimeSpan.FromSeconds(1));
            f.Fake.DefaultGet = (_, _) => Task.FromResult(FakeZuora.Json((HttpStatusCode)429, "{}", ("Retry-After", "30")));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.RateLimited, error.Kind);
            Assert.Equal(1, f.Fake.JobGets);
            Assert.Contains("retry budget", error.Message);
        }

        [Theory]
        [InlineData(400, "{\"success\":false,\"reasons\":[{\"code\":50000020,\"message\":\"bad\"}]}", ZuoraErrorKind.InvalidRequest)]
        [InlineData(404, "{\"success\":false,\"reasons\":[{\"code\":50000040,\"message\":\"not found\"}]}", ZuoraErrorKind.NotFound)]
        [InlineData(404, "", ZuoraErrorKind.NotFound)]
        [InlineData(200, "{\"success\":false,\"reasons\":[{\"code\":\"50000040\",\"message\":\"Invalid job id\"}]}", ZuoraErrorKind.NotFound)]
        [InlineData(403, "{\"success\":false,\"reasons\":[{\"code\":50000010,\"message\":\"no permission\"}]}", ZuoraErrorKind.AccessDenied)]
        [InlineData(200, "{\"success\":false,\"reasons\":[{\"code\":50000010,\"message\":\"no permission\"}]}", ZuoraErrorKind.AccessDenied)]
        [InlineData(200, "{\"success\":false,\"reasons\":[{\"code\":90000011,\"message\":\"bad credentials\"}]}", ZuoraErrorKind.AuthenticationFailed)]
        [InlineData(500, "{\"reasons\":[{\"code\":\"50000060\",\"message\":\"internal\"}]}", ZuoraErrorKind.ServiceError)]
        [InlineData(200, "{\"status\":", ZuoraErrorKind.InvalidResponse)]
        [InlineData(200, "<html><title>Login</title></html>", ZuoraErrorKind.InvalidResponse)]
        [InlineData(200, "{\"success\":true}", ZuoraErrorKind.InvalidResponse)]
        [InlineData(200, "[]", ZuoraErrorKind.InvalidResponse)]
        public async Task Final_failures_are_not_retried(int status, string body, ZuoraErrorKind expected)
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet((HttpStatusCode)status, body);
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(expected, error.Kind);
            Assert.Equal(1, error.Attempts);
            Assert.Equal(1, f.Fake.JobGets);
            Assert.Equal(status, error.HttpStatus);
            Assert.Contains(FakeZuora.JobId, error.Message);
        }

        [Fact]
        public async Task Not_found_message_tells_where_job_IDs_come_from()
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet(HttpStatusCode.NotFound, ErrorBody(50000040, "Job not found"), ("Zuora-Request-Id", "req-404"));
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Contains("async order call", error.Message);
            Assert.Contains("50000040: Job not found", error.Message);
            Assert.Contains("req-404", error.Message);
        }

        [Fact]
        public async Task A_failed_job_with_success_false_is_a_result()
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet(HttpStatusCode.OK, """{"status":"Failed","success":false,"errors":"Subscription not found","result":null}""");
            var job = await f.Get();
            Assert.Equal("Failed", job.Status);
            Assert.False(job.Success);
            Assert.Equal(new[] { "Subscription not found" }, job.Errors);
        }

        [Fact]
        public async Task Timeouts_are_retried_then_reported()
        {
            using var f = new ClientFixture(o => { o.RequestTimeout = TimeSpan.FromMilliseconds(50); o.MaxRetryCount = 1; });
            f.Fake.DefaultGet = async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return new HttpResponseMessage(); };
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.RequestTimeout, error.Kind);
            Assert.Equal(2, error.Attempts);
        }

        [Fact]
        public async Task Slow_body_counts_against_the_request_timeout()
        {
            using var f = new ClientFixture(o => { o.RequestTimeout = TimeSpan.FromMilliseconds(50); o.MaxRetryCount = 0; });
            f.Fake.DefaultGet = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) });
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.RequestTimeout, error.Kind);
        }

        [Fact]
        public async Task Connection_failures_are_retried_then_reported()
        {
            using var f = new ClientFixture(o => o.MaxRetryCount = 2);
            f.Fake.Gets.Enqueue((_, _) => throw new HttpRequestException("Connection reset by peer"));
            var job = await f.Get();
            Assert.Equal("Completed", job.Status);
            f.Fake.DefaultGet = (_, _) => throw new HttpRequestException("Connection refused");
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.ConnectionFailed, error.Kind);
            Assert.Equal(3, error.Attempts);
            Assert.Contains("Connection refused", error.Message);
        }

        [Fact]
        public async Task Corrupt_compressed_body_is_InvalidResponse_without_retry()
        {
            using var f = new ClientFixture();
            f.Fake.DefaultGet = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new ThrowingStream(new InvalidDataException("The archive entry was compressed using an unsupported compression method."))) });
            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Equal(1, f.Fake.JobGets);
        }

        [Fact]
        public async Task Throttle_holds_back_every_request_on_the_client()
        {
            using var f = new ClientFixture(o => o.MaxConcurrency = 4);
            f.Fake.EnqueueGet((HttpStatusCode)429, "{}", ("Retry-After", "1"));
            var first = f.Get();
            await ClientTokenTests.WaitUntil(() => f.Client.ThrottledUntil != null);
            var holdUntil = f.Client.ThrottledUntil!.Value;
            var others = Enumerable.Range(0, 3).Select(_ => f.Get()).ToArray();
            await first;
            await Task.WhenAll(others);
            var gets = f.Fake.GetRequests.OrderBy(r => r.At).ToArray();
            Assert.Equal(5, gets.Length);
            // Everything after the refusal went out only once the hold had passed (clock resolution allowance).
            Assert.All(gets.Skip(1), r => Assert.True(r.At >= holdUntil.AddMilliseconds(-20), $"{r.At:O} < {holdUntil:O}"));
        }

        [Fact]
        public async Task Cancellation_stops_waiting_and_sends_nothing_more()
        {
            using var f = new ClientFixture();
            f.Fake.DefaultGet = (_, _) => Task.FromResult(FakeZuora.Json((HttpStatusCode)429, "{}", ("Retry-After", "30")));
            using var cts = new CancellationTokenSource();
            var call = f.Get(token: cts.Token);
            await ClientTokenTests.WaitUntil(() => f.Client.ThrottledUntil != null);
            cts.Cancel();
            var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.Same(call, finished);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            Assert.Equal(1, f.Fake.JobGets);

            // A second caller blocked by the hold is cancellable too, and sends nothing.
            using var cts2 = new CancellationTokenSource();
            var second = f.Get(token: cts2.Token);
            cts2.CancelAfter(20);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
            Assert.Equal(1, f.Fake.JobGets);
        }

        [Fact]
        public async Task Concurrency_never_exceeds_MaxConcurrency()
        {
            using var f = new ClientFixture(o => o.MaxConcurrency = 3);
            var inFlight = 0;
            var peak = 0;
            f.Fake.DefaultGet = async (_, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref inFlight);
                return FakeZuora.Json(HttpStatusCode.OK, FakeZuora.CompletedJob);
            };
            await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => Task.Run(() => f.Get())));
            Assert.InRange(peak, 1, 3);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }

        private sealed class StallingStream : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        private sealed class ThrowingStream(Exception error) : Stream
        {
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw error;
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw error;
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw error;
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
