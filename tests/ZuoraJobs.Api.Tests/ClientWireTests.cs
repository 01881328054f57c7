using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Api.Tests
{
    public class ClientWireTests
    {
        [Fact]
        public async Task Sends_the_documented_headers()
        {
            using var f = new ClientFixture(o => { o.ZuoraVersion = "2025-08-12"; o.EntityId = "ent-1"; });
            await f.Get();
            var get = f.Fake.GetRequests.Single();
            Assert.Equal($"/v1/async-jobs/{FakeZuora.JobId}", get.Path);
            Assert.Equal("track-7", get.Headers["Zuora-Track-Id"]);
            Assert.Equal("2025-08-12", get.Headers["Zuora-Version"]);
            Assert.Equal("ent-1", get.Headers["Zuora-Entity-Ids"]);
            Assert.Equal("ZuoraJobs/0.1.0 (PowerShell 7.4; Core)", get.Headers["User-Agent"]);
            Assert.Contains("gzip", get.Headers["Accept-Encoding"]);
            Assert.Equal("application/json", get.Headers["Accept"]);
            Assert.StartsWith("Bearer ", get.Headers["Authorization"]);
        }

        [Fact]
        public async Task Base_uri_path_is_kept_and_job_id_is_escaped()
        {
            using var f = new ClientFixture(o => o.BaseUri = new Uri("http://127.0.0.1:5000/zuora"));
            await f.Get("a b/c");
            Assert.Equal("/zuora/oauth/token", f.Fake.Requests.First().Path);
            Assert.Equal("/zuora/v1/async-jobs/a%20b%2Fc", f.Fake.GetRequests.Single().Path);
        }

        [Fact]
        public async Task Job_carries_request_id_and_retrieval_time()
        {
            using var f = new ClientFixture();
            var before = DateTimeOffset.UtcNow;
            var job = await f.Get();
            Assert.Equal("req-default", job.RequestId);
            Assert.Equal(FakeZuora.JobId, job.JobId);
            Assert.InRange(job.RetrievedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        }

        [Fact]
        public async Task Verbose_has_one_line_per_exchange()
        {
            using var f = new ClientFixture();
            f.Fake.DefaultGet = (_, _) => Task.FromResult(FakeZuora.Json(HttpStatusCode.OK, FakeZuora.CompletedJob, ("Zuora-Request-Id", "req-1")));
            await f.Get();
            var lines = f.Verbose.ToArray();
            Assert.Equal(2, lines.Length);
            Assert.Matches(@"^POST /oauth/token -> 200 OK in \d+ ms \(track ID: track-7\)$", lines[0]);
            Assert.Matches($@"^GET /v1/async-jobs/{FakeZuora.JobId} -> 200 OK in \d+ ms \(track ID: track-7; request ID: req-1\)$", lines[1]);
        }

        [Fact]
        public async Task Debug_shows_headers_and_job_body_but_no_credentials()
        {
            using var f = new ClientFixture();
            await f.Get();
            var debug = f.Messages.Where(m => m.Level == ApiMessageLevel.Debug).Select(m => m.Text).ToArray();
            Assert.Contains(debug, d => d.StartsWith("Request headers for GET", StringComparison.Ordinal) && d.Contains("Zuora-Track-Id: track-7"));
            Assert.Contains(debug, d => d.StartsWith("Response body for GET", StringComparison.Ordinal) && d.Contains("AsyncCreateOrder"));
            Assert.DoesNotContain(debug, d => d.Contains("Authorization", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(debug, d => d.StartsWith("Response body for POST", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_throwing_log_sink_does_not_break_requests()
        {
            using var f = new ClientFixture();
            var job = await f.Client.GetAsyncJobAsync(FakeZuora.JobId, new ZuoraRequestContext { Log = _ => throw new InvalidOperationException("sink") }, default);
            Assert.Equal("Completed", job.Status);
        }

        [Fact]
        public async Task No_message_or_exception_ever_contains_a_secret_or_token()
        {
            var texts = new List<string>();
            async Task Scenario(Action<ClientFixture> setup, Func<ClientFixture, Task> act, Action<ZuoraClientOptions>? configure = null, bool credentials = true)
            {
                using var f = new ClientFixture(configure, credentials);
                setup(f);
                try
                {
                    await act(f);
                }
                catch (Exception error)
                {
                    texts.Add(error.ToString());
                    if (error is ZuoraApiException api)
                    {
                        texts.Add(string.Join("|", api.Reasons));
                        texts.Add(api.RequestId ?? string.Empty);
                    }
                }

                texts.AddRange(f.Messages.Select(m => m.Text + m));
                texts.Add(f.Client.ToString() ?? string.Empty);
            }

            await Scenario(_ => { }, f => f.Get());
            await Scenario(f => { f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, "{}"); f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, "{}"); }, f => f.Get());
            await Scenario(f => f.Fake.Tokens.Enqueue((_, _) => Task.FromResult(FakeZuora.Json(HttpStatusCode.Unauthorized, """{"message":"bad client"}"""))), f => f.Get());
            await Scenario(f => f.Fake.Tokens.Enqueue((_, _) => Task.FromResult(FakeZuora.Json(HttpStatusCode.OK, $$"""{"access_token":"{{FakeZuora.TokenPrefix}}X","expires_in":"""))), f => f.Get());
            await Scenario(f => f.Fake.EnqueueGet((HttpStatusCode)429, "{}", ("Retry-After", "0")), f => f.Get());
            await Scenario(f => f.Fake.EnqueueGet(HttpStatusCode.Unauthorized, "{}"), f => f.Get(), o => o.AccessToken = FakeZuora.Secure(FakeZuora.TokenPrefix + "Supplied"), credentials: false);

            Assert.NotEmpty(texts);
            foreach (var text in texts)
            {
                Assert.DoesNotContain(FakeZuora.Secret, text);
                Assert.DoesNotContain(WebUtility.UrlEncode(FakeZuora.Secret), text);
                Assert.DoesNotContain(FakeZuora.TokenPrefix, text);
                Assert.False(Regex.IsMatch(text, "^\\s*Authorization:", RegexOptions.Multiline), text);
            }
        }
    }
}
