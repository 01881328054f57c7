using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class FaultTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private async Task<(HttpResponseMessage Response, string Job, string Token)> FaultedGetAsync(FaultSpec fault)
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.EnqueueFaults(new[] { fault }, jobId);
        return (await Sim.GetJobAsync(jobId, token), jobId, token);
    }

    [Fact]
    public async Task RateLimited_has_retry_after_seconds_and_ratelimit_headers()
    {
        (HttpResponseMessage response, string job, string token) = await FaultedGetAsync(new FaultSpec { Kind = FaultKind.RateLimited, RetryAfterSeconds = 7, RateLimitResetSeconds = 30 });
        using (response)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
            Assert.Equal("0", SimulatorFixture.Header(response, "RateLimit-Remaining"));
            Assert.Equal("30", SimulatorFixture.Header(response, "RateLimit-Reset"));
            SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000070");
        }

        using HttpResponseMessage next = await Sim.GetJobAsync(job, token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task RateLimitedHttpDate_sends_an_http_date()
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(new FaultSpec { Kind = FaultKind.RateLimitedHttpDate, RetryAfterSeconds = 120 });
        using (response)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            DateTimeOffset? date = response.Headers.RetryAfter!.Date;
            Assert.NotNull(date);
            Assert.InRange(date!.Value, DateTimeOffset.UtcNow.AddSeconds(60), DateTimeOffset.UtcNow.AddSeconds(180));
        }
    }

    [Fact]
    public async Task RateLimitedNoRetryAfter_only_has_ratelimit_reset()
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(new FaultSpec { Kind = FaultKind.RateLimitedNoRetryAfter, RateLimitResetSeconds = 12 });
        using (response)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Null(response.Headers.RetryAfter);
            Assert.Equal("12", SimulatorFixture.Header(response, "RateLimit-Reset"));
            Assert.Equal("0", SimulatorFixture.Header(response, "RateLimit-Remaining"));
        }
    }

    [Fact]
    public async Task ConcurrencyLimited_fault_is_category_70_with_retry_after()
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(new FaultSpec { Kind = FaultKind.ConcurrencyLimited, RetryAfterSeconds = 3 });
        using (response)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
            Assert.Equal("0", SimulatorFixture.Header(response, "Concurrency-Limit-Remaining"));
            SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000070");
        }
    }

    [Theory]
    [InlineData(FaultKind.InternalServerError, 500)]
    [InlineData(FaultKind.BadGateway, 502)]
    [InlineData(FaultKind.ServiceUnavailable, 503)]
    [InlineData(FaultKind.GatewayTimeout, 504)]
    public async Task Server_errors_in_json_and_html(FaultKind kind, int status)
    {
        (HttpResponseMessage json, _, _) = await FaultedGetAsync(FaultSpec.Of(kind));
        using (json)
        {
            Assert.Equal(status, (int)json.StatusCode);
            Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
            JsonNode body = await SimulatorFixture.Json(json);
            Assert.NotNull(body["reasons"]![0]!["code"]);
        }

        (HttpResponseMessage html, _, _) = await FaultedGetAsync(new FaultSpec { Kind = kind, Html = true });
        using (html)
        {
            Assert.Equal(status, (int)html.StatusCode);
            Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<html>", await html.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(FaultKind.LockCompetition, "50000050", "Operation failed due to a lock competition, please retry later.")]
    [InlineData(FaultKind.TemporaryError, "50000061", null)]
    public async Task Http_200_with_success_false(FaultKind kind, string code, string? message)
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(FaultSpec.Of(kind));
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonNode body = await SimulatorFixture.Json(response);
            SimulatorFixture.AssertCommonError(body, code);
            if (message is not null)
            {
                Assert.Equal(message, body["reasons"]![0]!["message"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task AccessDenied_is_403_category_10()
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(FaultSpec.Of(FaultKind.AccessDenied));
        using (response)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000010");
        }
    }

    [Fact]
    public async Task ConnectionReset_aborts_mid_body()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.EnqueueFaults(new[] { FaultSpec.Of(FaultKind.ConnectionReset) }, jobId);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Sim.GetJobAsync(jobId, token));
        Assert.Equal(1, Sim.State.GetStatistics().ForFault(FaultKind.ConnectionReset));
        using HttpResponseMessage next = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task TruncatedGzip_body_fails_to_decompress()
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(FaultSpec.Of(FaultKind.TruncatedGzip));
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("gzip", SimulatorFixture.Header(response, "Content-Encoding"));
            byte[] bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(0x1f, bytes[0]);
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                using var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
                string text = await reader.ReadToEndAsync();
                JsonNode.Parse(text);
            });
        }
    }

    [Fact]
    public async Task MalformedJson_is_200_with_unparseable_body()
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(FaultSpec.Of(FaultKind.MalformedJson));
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            string text = await response.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text));
        }
    }

    [Theory]
    [InlineData(null, 200)]
    [InlineData(503, 503)]
    public async Task HtmlPage_is_text_html_with_chosen_status(int? status, int expected)
    {
        (HttpResponseMessage response, _, _) = await FaultedGetAsync(new FaultSpec { Kind = FaultKind.HtmlPage, Status = status });
        using (response)
        {
            Assert.Equal(expected, (int)response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task TokenExpired_invalidates_a_token_that_was_valid()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        using (HttpResponseMessage ok = await Sim.GetJobAsync(jobId, token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Sim.State.EnqueueFaults(FaultSpec.Of(FaultKind.TokenExpired));
        using (HttpResponseMessage expired = await Sim.GetJobAsync(jobId, token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.True(SimulatorFixture.HasHeader(expired, "WWW-Authenticate"));
        }

        using (HttpResponseMessage still = await Sim.GetJobAsync(jobId, token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, still.StatusCode);
        }

        using HttpResponseMessage fresh = await Sim.GetJobAsync(jobId, await Sim.TokenAsync());
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Latency_delays_then_answers_normally_and_can_be_released()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.EnqueueFaults(new[] { new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 60_000 } }, jobId);
        Task<HttpResponseMessage> pending = Sim.GetJobAsync(jobId, token);
        while (Sim.State.GetStatistics().ForFault(FaultKind.Latency) == 0)
        {
            await Task.Delay(5);
        }

        Assert.False(pending.IsCompleted);
        Sim.State.ReleaseDelayedRequests();
        using HttpResponseMessage response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Sim.State.EnqueueFaults(new[] { new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 1, LatencyMaxMs = 20 } }, jobId);
        using HttpResponseMessage ranged = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.OK, ranged.StatusCode);
    }

    [Fact]
    public async Task SlowBody_sends_the_headers_then_trickles_the_normal_body()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.EnqueueFaults(new[] { new FaultSpec { Kind = FaultKind.SlowBody, LatencyMs = 400 } }, jobId);
        using HttpRequestMessage request = new(HttpMethod.Get, "v1/async-jobs/" + jobId);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using HttpResponseMessage response = await Sim.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        int reads = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            reads++;
            received.Write(buffer, 0, read);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(reads > 1, $"the body arrived in {reads} read(s)");
        Assert.Equal("Completed", JsonNode.Parse(received.ToArray())!["status"]!.GetValue<string>());
        Assert.True(Sim.State.GetStatistics().ForFault(FaultKind.SlowBody) >= 1, "the fault was not served");
    }

    [Fact]
    public async Task Sequence_is_served_in_order_then_normal_responses()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        await Sim.ControlAsync(HttpMethod.Post, "faults",
            "{\"sequence\":[{\"kind\":\"ServiceUnavailable\"},{\"kind\":\"RateLimited\"},{\"kind\":\"LockCompetition\"}]}");
        int[] statuses = new int[4];
        for (int i = 0; i < statuses.Length; i++)
        {
            using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token);
            statuses[i] = (int)response.StatusCode;
        }

        Assert.Equal(new[] { 503, 429, 200, 200 }, statuses);
        SimulatorStatisticsSnapshot stats = Sim.State.GetStatistics();
        Assert.Equal(1, stats.ForFault(FaultKind.ServiceUnavailable));
        Assert.Equal(1, stats.ForFault(FaultKind.LockCompetition));
    }

    [Fact]
    public async Task Job_scoped_faults_do_not_hit_other_jobs_and_count_repeats()
    {
        string token = await Sim.TokenAsync();
        string target = Completed();
        string other = Completed();
        JsonNode scripted = await Sim.ControlAsync(HttpMethod.Post, "faults",
            $"{{\"jobId\":\"{target}\",\"fault\":{{\"kind\":\"GatewayTimeout\",\"html\":true}},\"count\":2}}");
        Assert.Equal(2, scripted["pending"]!.GetValue<int>());
        using (HttpResponseMessage unaffected = await Sim.GetJobAsync(other, token))
        {
            Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        }

        for (int i = 0; i < 2; i++)
        {
            using HttpResponseMessage hit = await Sim.GetJobAsync(target, token);
            Assert.Equal(HttpStatusCode.GatewayTimeout, hit.StatusCode);
        }

        using HttpResponseMessage after = await Sim.GetJobAsync(target, token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Default_faults_spare_the_token_endpoint_unless_targeted()
    {
        Sim.State.EnqueueFaults(FaultSpec.Of(FaultKind.InternalServerError));
        string token = await Sim.TokenAsync();
        Assert.Equal(1, Sim.State.PendingFaults());
        await Sim.ControlAsync(HttpMethod.Delete, "faults");
        await Sim.ControlAsync(HttpMethod.Post, "faults", "{\"fault\":{\"kind\":\"RateLimited\",\"endpoints\":\"OAuthToken\"}}");
        using HttpResponseMessage limited = await Sim.Client.PostAsync("oauth/token", new FormUrlEncodedContent(new[]
        {
            new System.Collections.Generic.KeyValuePair<string, string>("grant_type", "client_credentials"),
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.False(string.IsNullOrEmpty(token));
    }

    [Fact]
    public async Task Random_faults_with_probability_one_and_zero()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        await Sim.ControlAsync(HttpMethod.Post, "faults", $"{{\"jobId\":\"{jobId}\",\"fault\":{{\"kind\":\"AccessDenied\"}},\"probability\":1}}");
        Sim.State.AddRandomFault(FaultSpec.Of(FaultKind.InternalServerError), 0);
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using HttpResponseMessage other = await Sim.GetJobAsync(Completed(), token);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
