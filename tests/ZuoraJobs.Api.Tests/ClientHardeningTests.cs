using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class ClientHardeningTests
    {
        private static Func<HttpRequestMessage, System.Threading.CancellationToken, Task<HttpResponseMessage>> TokenEndpointDown =>
            (_, _) => Task.FromResult(FakeZuora.Json(HttpStatusCode.ServiceUnavailable, """{"message":"down"}"""));

        [Fact]
        public async Task A_failed_renewal_keeps_using_the_still_valid_token()
        {
            using var f = new ClientFixture();
            await f.Get();
            for (var i = 0; i < 50; i++)
            {
                f.Fake.Tokens.Enqueue(TokenEndpointDown);
            }

            f.Offset = TimeSpan.FromMinutes(56); // inside the 5-minute renewal window, 4 minutes before expiry

            var job = await f.Get();
            var again = await f.Get();

            Assert.Equal("Completed", job.Status);
            Assert.Equal("Completed", again.Status);
            Assert.All(f.Fake.GetRequests, r => Assert.Equal("Bearer " + FakeZuora.Token(1), r.Headers["Authorization"]));
            Assert.Contains(f.Verbose, line => line.Contains("keeps the current token", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_failed_renewal_after_real_expiry_is_an_error()
        {
            using var f = new ClientFixture(o => o.MaxRetryCount = 1);
            await f.Get();
            for (var i = 0; i < 50; i++)
            {
                f.Fake.Tokens.Enqueue(TokenEndpointDown);
            }

            f.Offset = TimeSpan.FromMinutes(61);

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());

            Assert.Equal(503, error.HttpStatus);
            Assert.Equal(1, f.Fake.JobGets);
        }

        [Fact]
        public async Task Renewal_resumes_once_the_token_endpoint_answers_again()
        {
            using var f = new ClientFixture();
            await f.Get();
            f.Fake.Tokens.Enqueue(TokenEndpointDown);
            f.Offset = TimeSpan.FromMinutes(56);
            await f.Get();
            Assert.Equal("Bearer " + FakeZuora.Token(1), f.Fake.GetRequests.Last().Headers["Authorization"]);

            f.Offset = TimeSpan.FromMinutes(57); // past the pause after a failed renewal
            await f.Get();

            Assert.Equal("Bearer " + FakeZuora.Token(2), f.Fake.GetRequests.Last().Headers["Authorization"]);
        }

        [Theory]
        [InlineData("abc\n")]
        [InlineData("abc\r\nX-Injected: 1")]
        [InlineData("a\u0000b")]
        public void Header_values_with_control_characters_are_refused_when_the_client_is_built(string value)
        {
            Assert.Throws<ArgumentException>(() => new ZuoraClient(new ZuoraClientOptions { EntityId = value, AccessToken = FakeZuora.Secure("t") }));
            Assert.Throws<ArgumentException>(() => new ZuoraClient(new ZuoraClientOptions { ZuoraVersion = value, AccessToken = FakeZuora.Secure("t") }));
            Assert.Throws<ArgumentException>(() => new ZuoraClient(new ZuoraClientOptions { AccessToken = FakeZuora.Secure(value) }));
        }

        [Fact]
        public async Task A_track_id_with_a_line_break_never_reaches_the_wire()
        {
            using var f = new ClientFixture();
            var context = new ZuoraRequestContext { TrackId = "ok\r\nX-Injected: 1" };

            await Assert.ThrowsAsync<ArgumentException>(() => f.Client.GetAsyncJobAsync(FakeZuora.JobId, context, default));

            Assert.Empty(f.Fake.Requests);
        }

        [Fact]
        public async Task A_failing_object_factory_gives_InvalidResponse_for_that_job_only()
        {
            var calls = 0;
            using var f = new ClientFixture(o => o.ObjectFactory = properties =>
            {
                calls++;
                if (properties.Any(p => p.Key.Length == 0))
                {
                    throw new ArgumentException("A member name cannot be empty.");
                }

                return properties.ToDictionary(p => p.Key, p => p.Value);
            });
            f.Fake.EnqueueGet(HttpStatusCode.OK, """{"status":"Completed","success":true,"result":{"extra":{"":1}}}""");

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());
            var next = await f.Get();

            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Equal(1, f.Fake.JobGets - 1);
            Assert.Equal("Completed", next.Status);
            Assert.True(calls > 0);
        }

        [Fact]
        public async Task Odd_property_names_keep_the_job()
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet(HttpStatusCode.OK, """{"status":"Completed","":1,"result":{"":2," ":3,"a\u0000b":4,"x":{"":5,"d":1,"d":2}}}""");

            var job = await f.Get();

            Assert.Equal("Completed", job.Status);
            Assert.Equal(1m, job.AdditionalFields[""]);
            Assert.Equal(2m, job.AdditionalFields["result."]);
            Assert.Equal(3m, job.AdditionalFields[" "]);
            Assert.Equal(4m, job.AdditionalFields["a\u0000b"]);
        }

        [Fact]
        public async Task Without_debug_wanted_no_debug_text_is_built_or_delivered()
        {
            using var f = new ClientFixture();
            var messages = new List<ApiMessage>();
            var context = new ZuoraRequestContext { Log = m => { lock (messages) { messages.Add(m); } }, DebugWanted = false };

            await f.Client.GetAsyncJobAsync(FakeZuora.JobId, context, default);

            Assert.NotEmpty(messages);
            Assert.DoesNotContain(messages, m => m.Level == ApiMessageLevel.Debug);
        }

        [Fact]
        public async Task With_debug_wanted_headers_and_body_are_logged()
        {
            using var f = new ClientFixture();
            var messages = new List<ApiMessage>();
            var context = new ZuoraRequestContext { Log = m => { lock (messages) { messages.Add(m); } }, DebugWanted = true };

            await f.Client.GetAsyncJobAsync(FakeZuora.JobId, context, default);

            Assert.Contains(messages, m => m.Level == ApiMessageLevel.Debug && m.Text.StartsWith("Response body for GET", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Eight_simultaneous_429s_narrow_the_connection_once()
        {
            using var f = new ClientFixture(o => o.MaxConcurrency = 8);
            await f.Client.AuthenticateAsync(f.Context, default);
            // All eight are in flight before any is refused, as when Zuora refuses a burst.
            var arrived = 0;
            var allIn = new TaskCompletionSource();
            for (var i = 0; i < 8; i++)
            {
                f.Fake.Gets.Enqueue(async (_, _) =>
                {
                    if (System.Threading.Interlocked.Increment(ref arrived) == 8)
                    {
                        allIn.SetResult();
                    }

                    await allIn.Task;
                    return FakeZuora.Json(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", ("Retry-After", "0"));
                });
            }

            var jobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => f.Get())));

            Assert.All(jobs, j => Assert.Equal("Completed", j.Status));
            var narrowed = f.Verbose.Where(l => l.Contains("now sends at most", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { "Zuora refused a request for load; this connection now sends at most 4 request(s) at once (ThrottleLimit 8)." }, narrowed);
        }

        [Fact]
        public async Task A_token_expiring_again_during_a_long_retry_is_renewed_again()
        {
            using var f = new ClientFixture();
            f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            f.Fake.EnqueueGet(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", ("Retry-After", "0"));
            f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");

            var job = await f.Get();

            Assert.Equal("Completed", job.Status);
            Assert.Equal(3, f.Fake.TokenPosts);
        }

        [Fact]
        public async Task A_renewed_token_expiring_while_its_repeat_waits_out_a_hold_is_renewed_again()
        {
            using var f = new ClientFixture();
            await f.Client.AuthenticateAsync(f.Context, default);

            // The repeat after the first renewal is held back (as by another request's Retry-After) before it is refused.
            f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            f.Fake.Gets.Enqueue(async (_, ct) =>
            {
                await Task.Delay(TokenRejections.FreshWindow + TimeSpan.FromMilliseconds(200), ct);
                return FakeZuora.Json(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            });

            var job = await f.Get();

            Assert.Equal("Completed", job.Status);
            Assert.Equal(3, f.Fake.TokenPosts);
        }

        [Fact]
        public async Task Tokens_refused_every_time_end_after_a_bounded_number_of_renewals()
        {
            using var f = new ClientFixture();
            f.Fake.DefaultGet = async (_, ct) =>
            {
                await Task.Delay(TokenRejections.FreshWindow + TimeSpan.FromMilliseconds(100), ct);
                return FakeZuora.Json(HttpStatusCode.Unauthorized, """{"message":"Authentication error"}""");
            };

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => f.Get());

            Assert.Equal(ZuoraErrorKind.AuthenticationFailed, error.Kind);
            Assert.Equal(1 + TokenRejections.MaxRenewals, f.Fake.TokenPosts);
        }
    }
}
