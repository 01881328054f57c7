using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class AsyncJobTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    /// <summary>The sample 200 body of Zuora's "Retrieve the status and response of a job" page, with the elided parts filled in.</summary>
    internal const string SampleResult =
        "{\"jobType\":\"AsyncCreateOrder\",\"accountNumber\":\"A00000001\",\"invoiceNumbers\":[\"INV00000001\"],"
        + "\"orderLineItems\":[{\"id\":\"bd78e5f2a1c94d7b8e3f6a0b1c2dfa20\",\"itemNumber\":\"116\"}],\"orderNumber\":\"OM-00002\","
        + "\"paidAmount\":\"300\",\"paymentNumber\":\"P-00000002\",\"status\":\"Pending\","
        + "\"subscriptions\":[{\"status\":\"Pending Activation\",\"subscriptionNumber\":\"SM-00001\"},"
        + "{\"status\":\"Active\",\"subscriptionNumber\":\"SM-00002\"}],\"success\":true}";

    internal const string SampleBody = "{\"errors\":null,\"result\":" + SampleResult + ",\"status\":\"Completed\",\"success\":true}";

    [Fact]
    public async Task Seeded_sample_body_is_reproduced_byte_for_byte()
    {
        string token = await Sim.TokenAsync();
        string jobId = Sim.State.SeedJob(SampleResult);
        using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SampleBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Seeded_sample_via_control_surface_is_reproduced_byte_for_byte()
    {
        string token = await Sim.TokenAsync();
        JsonNode seeded = await Sim.ControlAsync(HttpMethod.Post, "jobs",
            "{\"jobId\":\"3f2b0a9e-1111-4222-8333-444455556666\",\"result\":" + SampleResult + "}", HttpStatusCode.Created);
        Assert.Equal("3f2b0a9e-1111-4222-8333-444455556666", seeded["jobId"]!.GetValue<string>());
        using HttpResponseMessage response = await Sim.GetJobAsync("3f2b0a9e-1111-4222-8333-444455556666", token);
        Assert.Equal(SampleBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Processing_job_has_null_result_and_exact_top_level_keys()
    {
        string token = await Sim.TokenAsync();
        string jobId = Sim.State.SeedJob(new JobSeed { ResultJson = SampleResult, PollsBeforeCompletion = 1 });
        using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token);
        Assert.Equal("{\"errors\":null,\"result\":null,\"status\":\"Processing\",\"success\":true}", await response.Content.ReadAsStringAsync());
        JsonNode done = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Completed", done["status"]!.GetValue<string>());
        Assert.Equal("AsyncCreateOrder", done["result"]!["jobType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_job_carries_errors_text()
    {
        string token = await Sim.TokenAsync();
        string jobId = Sim.State.SeedJob(new JobSeed { Status = "Failed", Errors = "Payment declined." });
        JsonNode body = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Failed", body["status"]!.GetValue<string>());
        Assert.Equal("Payment declined.", body["errors"]!.GetValue<string>());
        Assert.Null(body["result"]);
        Assert.True(body["success"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-real-token")]
    public async Task Missing_or_unknown_token_gets_401_with_zuora_challenge(string? token)
    {
        string jobId = Completed();
        using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token!);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=Zuora API, ZSession realm=Zuora API, Bearer realm=Zuora API", SimulatorFixture.Header(response, "WWW-Authenticate"));
        Assert.Equal("{\"message\":\"Authentication error\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expire_all_tokens_makes_valid_token_fail()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.ExpireAllTokens();
        using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string fresh = await Sim.TokenAsync();
        using HttpResponseMessage again = await Sim.GetJobAsync(jobId, fresh);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Unknown_job_is_404_common_response()
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage response = await Sim.GetJobAsync("00000000-dead-4bee-8000-000000000000", token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000040");
    }

    [Fact]
    public async Task Every_response_has_zuora_headers_and_echoes_track_id()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        HttpRequestMessage request = Sim.Get("v1/async-jobs/" + jobId, token);
        request.Headers.Add("Zuora-Track-Id", "track-abc-123");
        using HttpResponseMessage response = await Sim.Client.SendAsync(request);
        Assert.Equal(36, SimulatorFixture.Header(response, "Zuora-Request-Id").Length);
        Assert.Equal("track-abc-123", SimulatorFixture.Header(response, "Zuora-Track-Id"));
        Assert.Contains(";w=60", SimulatorFixture.Header(response, "RateLimit-Limit"));
        Assert.True(long.Parse(SimulatorFixture.Header(response, "RateLimit-Remaining")) > 0);
        Assert.InRange(int.Parse(SimulatorFixture.Header(response, "RateLimit-Reset")), 1, 60);
        Assert.Equal("Default", SimulatorFixture.Header(response, "Concurrency-Limit-Type"));
        Assert.Equal("40", SimulatorFixture.Header(response, "Concurrency-Limit-Limit"));
        Assert.InRange(int.Parse(SimulatorFixture.Header(response, "Concurrency-Limit-Remaining")), 0, 39);

        using HttpResponseMessage unauthorized = await Sim.GetJobAsync(jobId, "bad");
        Assert.Equal(36, SimulatorFixture.Header(unauthorized, "Zuora-Request-Id").Length);
        Assert.Equal("Default", SimulatorFixture.Header(unauthorized, "Concurrency-Limit-Type"));
        Assert.Equal(1, Sim.State.GetStatistics().RequestsByTrackId["track-abc-123"]);
    }

    [Fact]
    public async Task Large_body_is_gzipped_only_when_asked()
    {
        string token = await Sim.TokenAsync();
        var big = new StringBuilder("{\"jobType\":\"AsyncCreateOrder\",\"orderLineItems\":[");
        for (int i = 0; i < 40; i++)
        {
            big.Append(i == 0 ? string.Empty : ",").Append("{\"id\":\"").Append(i.ToString("x32")).Append("\",\"itemNumber\":\"").Append(i).Append("\"}");
        }

        big.Append("],\"success\":true}");
        string jobId = Sim.State.SeedJob(big.ToString());

        HttpRequestMessage gzipRequest = Sim.Get("v1/async-jobs/" + jobId, token);
        gzipRequest.Headers.Add("Accept-Encoding", "gzip");
        using HttpResponseMessage gzipped = await Sim.Client.SendAsync(gzipRequest);
        Assert.Equal("gzip", SimulatorFixture.Header(gzipped, "Content-Encoding"));
        byte[] bytes = await gzipped.Content.ReadAsByteArrayAsync();
        Assert.Equal(0x1f, bytes[0]);
        Assert.Equal(0x8b, bytes[1]);
        using var inflate = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        string text = await inflate.ReadToEndAsync();
        Assert.Equal("Completed", JsonNode.Parse(text)!["status"]!.GetValue<string>());

        using HttpResponseMessage plain = await Sim.GetJobAsync(jobId, token);
        Assert.False(SimulatorFixture.HasHeader(plain, "Content-Encoding"));
        Assert.Equal((byte)'{', (await plain.Content.ReadAsByteArrayAsync())[0]);
    }

    [Fact]
    public async Task Small_body_is_never_gzipped()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        HttpRequestMessage request = Sim.Get("v1/async-jobs/" + jobId, token);
        request.Headers.Add("Accept-Encoding", "gzip");
        using HttpResponseMessage response = await Sim.Client.SendAsync(request);
        Assert.False(SimulatorFixture.HasHeader(response, "Content-Encoding"));
        Assert.Equal("Completed", (await SimulatorFixture.Json(response))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_paths_and_methods_get_zuora_errors()
    {
        using HttpResponseMessage missing = await Sim.Client.GetAsync("v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(missing), "50000040");

        using HttpResponseMessage wrongMethod = await Sim.Client.DeleteAsync("v1/async-jobs/abc");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(wrongMethod), "50000045");
    }
}
