using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class LifecycleAndControlTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private async Task<string> StatusAsync(string jobId, string token) => (await Sim.GetJobJsonAsync(jobId, token))["status"]!.GetValue<string>();

    [Fact]
    public async Task Lifecycle_walks_one_status_per_poll_and_stays_on_the_last()
    {
        string token = await Sim.TokenAsync();
        string jobId = Sim.State.SeedJob(new JobSeed
        {
            Lifecycle = new[] { "Processing", "Canceled", "Completed" },
            ResultJson = "{\"jobType\":\"AsyncCreateOrder\",\"success\":true}",
        });
        JsonNode first = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Processing", first["status"]!.GetValue<string>());
        JsonNode second = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Canceled", second["status"]!.GetValue<string>());
        Assert.Null(second["result"]);
        JsonNode third = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Completed", third["status"]!.GetValue<string>());
        Assert.NotNull(third["result"]);
        Assert.Equal("Completed", await StatusAsync(jobId, token));
        Assert.Equal(4, Sim.State.GetJob(jobId)!.Polls);
    }

    [Fact]
    public async Task Duration_lifecycle_completes_when_simulator_time_passes()
    {
        string token = await Sim.TokenAsync();
        string jobId = Sim.State.SeedJob(new JobSeed { CompleteAfter = TimeSpan.FromMinutes(5), ResultJson = "{}" });
        Assert.Equal("Processing", await StatusAsync(jobId, token));
        Assert.Equal("Processing", await StatusAsync(jobId, token));
        await Sim.ControlAsync(HttpMethod.Post, "clock/advance", "{\"seconds\":301}");
        Assert.Equal("Completed", await StatusAsync(jobId, token));
    }

    [Fact]
    public async Task Default_post_jobs_complete_after_a_duration_when_configured()
    {
        await using SimulatorHost host = await SimulatorHost.StartAsync(new SimulatorOptions { DefaultCompletionDelay = TimeSpan.FromMinutes(10) });
        string token = host.State.IssueToken();
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage post = await client.PostAsync("v1/async/orders",
            new StringContent("{\"orderDate\":\"2026-11-23\"}", System.Text.Encoding.UTF8, "application/json"));
        string jobId = (await SimulatorFixture.Json(post))["jobId"]!.GetValue<string>();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("Processing", (await SimulatorFixture.Json(await client.GetAsync("v1/async-jobs/" + jobId)))["status"]!.GetValue<string>());
        }

        host.State.AdvanceClock(TimeSpan.FromMinutes(10));
        Assert.Equal("Completed", (await SimulatorFixture.Json(await client.GetAsync("v1/async-jobs/" + jobId)))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Control_seed_supports_lifecycle_polls_errors_and_job_inspection()
    {
        string token = await Sim.TokenAsync();
        JsonNode seeded = await Sim.ControlAsync(HttpMethod.Post, "jobs",
            "{\"status\":\"Failed\",\"errors\":\"Boom\",\"pollsBeforeCompletion\":2}", HttpStatusCode.Created);
        string jobId = seeded["jobId"]!.GetValue<string>();
        Assert.Equal("Processing", await StatusAsync(jobId, token));
        Assert.Equal("Processing", await StatusAsync(jobId, token));
        JsonNode info = await Sim.ControlAsync(HttpMethod.Get, "jobs/" + jobId);
        Assert.Equal(2, info["polls"]!.GetValue<int>());
        Assert.Equal("Failed", info["nextStatus"]!.GetValue<string>());
        JsonNode done = await Sim.GetJobJsonAsync(jobId, token);
        Assert.Equal("Boom", done["errors"]!.GetValue<string>());

        JsonNode lifecycle = await Sim.ControlAsync(HttpMethod.Post, "jobs",
            "{\"lifecycle\":[\"Processing\",\"Completed\"],\"result\":{\"jobType\":\"AsyncPreviewOrder\"}}", HttpStatusCode.Created);
        string second = lifecycle["jobId"]!.GetValue<string>();
        Assert.Equal("Processing", await StatusAsync(second, token));
        Assert.Equal("{\"errors\":null,\"result\":{\"jobType\":\"AsyncPreviewOrder\"},\"status\":\"Completed\",\"success\":true}",
            (await Sim.GetJobJsonAsync(second, token)).ToJsonString());

        await Sim.ControlAsync(HttpMethod.Get, "jobs/unknown-id", expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Statistics_count_requests_per_endpoint_job_and_fault()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.EnqueueFaults(new[] { FaultSpec.Of(FaultKind.ServiceUnavailable) }, jobId);
        using (await Sim.GetJobAsync(jobId, token))
        {
        }

        using (await Sim.GetJobAsync(jobId, token))
        {
        }

        using (await Sim.PostJsonAsync("v1/async/orders", "{\"orderDate\":\"2026-11-23\"}", token))
        {
        }

        JsonNode stats = await Sim.ControlAsync(HttpMethod.Get, "stats");
        Assert.Equal(4, stats["totalRequests"]!.GetValue<long>());
        Assert.Equal(2, stats["requestsByEndpoint"]!["GET /v1/async-jobs/{jobId}"]!.GetValue<long>());
        Assert.Equal(1, stats["requestsByEndpoint"]!["POST /oauth/token"]!.GetValue<long>());
        Assert.Equal(1, stats["requestsByEndpoint"]!["POST /v1/async/orders"]!.GetValue<long>());
        Assert.Equal(2, stats["requestsByJobId"]![jobId]!.GetValue<long>());
        Assert.Equal(1, stats["faultsByKind"]!["ServiceUnavailable"]!.GetValue<long>());
        Assert.True(stats["maxConcurrentRequests"]!.GetValue<int>() >= 1);
        Assert.Equal(2, stats["jobCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reset_clears_jobs_faults_stats_and_variations_but_keeps_tokens()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.EnqueueFaults(FaultSpec.Of(FaultKind.InternalServerError));
        Sim.State.Variations = new SimulatorVariations { NotFoundAsHttp200 = true };
        await Sim.ControlAsync(HttpMethod.Post, "reset");
        SimulatorStatisticsSnapshot stats = Sim.State.GetStatistics();
        Assert.Equal(0, stats.TotalRequests);
        Assert.Equal(0, stats.JobCount);
        Assert.Equal(0, Sim.State.PendingFaults());
        Assert.Null(Sim.State.Variations.NotFoundAsHttp200);
        using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Control_expire_tokens_and_add_client_work_over_http()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        await Sim.ControlAsync(HttpMethod.Post, "tokens/expire");
        using HttpResponseMessage response = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        await Sim.ControlAsync(HttpMethod.Post, "clients", "{\"clientId\":\"abc\",\"clientSecret\":\"def\"}");
        using HttpResponseMessage issued = await Sim.Client.PostAsync("oauth/token", new FormUrlEncodedContent(new[]
        {
            new System.Collections.Generic.KeyValuePair<string, string>("client_id", "abc"),
            new System.Collections.Generic.KeyValuePair<string, string>("client_secret", "def"),
            new System.Collections.Generic.KeyValuePair<string, string>("grant_type", "client_credentials"),
        }));
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
    }

    [Fact]
    public async Task Control_rejects_bad_input_with_zuora_errors()
    {
        JsonNode malformed = await Sim.ControlAsync(HttpMethod.Post, "faults", "{not json", HttpStatusCode.BadRequest);
        SimulatorFixture.AssertCommonError(malformed, "50000090");
        JsonNode empty = await Sim.ControlAsync(HttpMethod.Post, "faults", "{}", HttpStatusCode.BadRequest);
        SimulatorFixture.AssertCommonError(empty, "50000022");
        JsonNode badProbability = await Sim.ControlAsync(HttpMethod.Post, "faults",
            "{\"fault\":{\"kind\":\"InternalServerError\"},\"probability\":3}", HttpStatusCode.BadRequest);
        SimulatorFixture.AssertCommonError(badProbability, "50000020");
        JsonNode badKind = await Sim.ControlAsync(HttpMethod.Post, "faults", "{\"fault\":{\"kind\":\"Nope\"}}", HttpStatusCode.BadRequest);
        SimulatorFixture.AssertCommonError(badKind, "50000090");
        JsonNode badSeed = await Sim.ControlAsync(HttpMethod.Post, "jobs", "{\"pollsBeforeCompletion\":\"x\"}", HttpStatusCode.BadRequest);
        SimulatorFixture.AssertCommonError(badSeed, "50000020");
        await Sim.ControlAsync(HttpMethod.Get, "no-such-route", expected: HttpStatusCode.NotFound);
        Assert.Equal(0, Sim.State.GetStatistics().TotalRequests);
    }

    [Fact]
    public async Task Determinism_same_seed_gives_same_ids_and_tokens()
    {
        async Task<string[]> RunAsync()
        {
            await using SimulatorHost host = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = 7 });
            string token = host.State.IssueToken();
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage post = await client.PostAsync("v1/async/orders",
                new StringContent("{\"orderDate\":\"2026-11-23\",\"orderLineItems\":[{}]}", System.Text.Encoding.UTF8, "application/json"));
            string jobId = (await SimulatorFixture.Json(post))["jobId"]!.GetValue<string>();
            host.State.AddRandomFault(FaultSpec.Of(FaultKind.InternalServerError), 0.5);
            var statuses = new System.Collections.Generic.List<string> { token, jobId, host.State.SeedJob("{}") };
            for (int i = 0; i < 12; i++)
            {
                using HttpResponseMessage get = await client.GetAsync("v1/async-jobs/" + jobId);
                statuses.Add(((int)get.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return statuses.ToArray();
        }

        string[] first = await RunAsync();
        string[] second = await RunAsync();
        Assert.Equal(first, second);
        Assert.Contains("500", first);
        Assert.Contains("200", first);
    }
}
