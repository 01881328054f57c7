using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class IdempotencyTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private const string Order = """{"orderDate":"2026-11-23","orderNumber":"OM-IDEM-1","existingAccountNumber":"A00000001","subscriptions":[{}]}""";

    private Task<HttpResponseMessage> PostAsync(string token, string? key, string body = Order, string path = "v1/async/orders") =>
        Sim.PostJsonAsync(path, body, token, key);

    private static async Task<string> JobIdAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await SimulatorFixture.Json(response))["jobId"]!.GetValue<string>();
        }
    }

    private SimulatorStatisticsSnapshot Stats => Sim.State.GetStatistics();

    [Fact]
    public async Task Same_key_and_body_replays_the_first_answer_and_creates_one_job()
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage first = await PostAsync(token, "key-1");
        string firstBody = await first.Content.ReadAsStringAsync();
        using HttpResponseMessage second = await PostAsync(token, "key-1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, Stats.JobsCreated);
        Assert.Equal(1, Stats.JobsCreatedByOrderNumber["OM-IDEM-1"]);
        Assert.Equal(Order, Sim.State.GetJob(Sim.State.JobIds.Single())!.OrderRequest);
        Assert.Equal(1, Stats.ForIdempotency(IdempotencyOutcome.Stored));
        Assert.Equal(1, Stats.ForIdempotency(IdempotencyOutcome.Replayed));
    }

    [Fact]
    public async Task Different_keys_or_no_key_create_separate_jobs()
    {
        string token = await Sim.TokenAsync();
        string a = await JobIdAsync(await PostAsync(token, "key-a"));
        string b = await JobIdAsync(await PostAsync(token, "key-b"));
        string c = await JobIdAsync(await PostAsync(token, null));
        string d = await JobIdAsync(await PostAsync(token, null));
        Assert.Equal(4, new[] { a, b, c, d }.Distinct().Count());
        Assert.Equal(4, Stats.JobsCreatedByOrderNumber["OM-IDEM-1"]);
    }

    [Fact]
    public async Task A_failure_is_stored_and_replayed_too()
    {
        string token = await Sim.TokenAsync();
        const string noDate = """{"orderNumber":"OM-NODATE"}""";
        using HttpResponseMessage first = await PostAsync(token, "key-fail", noDate);
        using HttpResponseMessage second = await PostAsync(token, "key-fail", noDate);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        JsonNode firstBody = await SimulatorFixture.Json(first);
        JsonNode secondBody = await SimulatorFixture.Json(second);
        SimulatorFixture.AssertCommonError(secondBody, "50000022");

        // The replay is the stored answer: body and header name the first request's ID.
        Assert.Equal(firstBody["requestId"]!.GetValue<string>(), secondBody["requestId"]!.GetValue<string>());
        Assert.Equal(SimulatorFixture.Header(first, "Zuora-Request-Id"), SimulatorFixture.Header(second, "Zuora-Request-Id"));
        Assert.Equal(1, Stats.ForIdempotency(IdempotencyOutcome.Replayed));
    }

    [Fact]
    public async Task Key_reused_with_another_body_or_query_is_422_and_creates_nothing()
    {
        string token = await Sim.TokenAsync();
        string jobId = await JobIdAsync(await PostAsync(token, "key-2"));
        using HttpResponseMessage otherBody = await PostAsync(token, "key-2", Order.Replace("OM-IDEM-1", "OM-IDEM-2", StringComparison.Ordinal));
        using HttpResponseMessage otherQuery = await PostAsync(token, "key-2", Order, "v1/async/orders?returnIds=true");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(otherBody), "50000020");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherQuery.StatusCode);
        Assert.Equal(1, Stats.JobsCreated);
        Assert.Equal(2, Stats.ForIdempotency(IdempotencyOutcome.Mismatch));
        Assert.Equal(jobId, await JobIdAsync(await PostAsync(token, "key-2")));
    }

    [Fact]
    public async Task Keys_are_kept_per_endpoint()
    {
        string token = await Sim.TokenAsync();
        const string preview = """{"orderDate":"2026-11-23","previewOptions":{"previewThruType":"SpecificDate"}}""";
        await JobIdAsync(await PostAsync(token, "shared-key"));
        using HttpResponseMessage previewed = await PostAsync(token, "shared-key", preview, "v1/async/orders/preview");
        Assert.Equal(HttpStatusCode.Accepted, previewed.StatusCode);
        Assert.Equal(2, Stats.JobsCreated);
    }

    [Fact]
    public async Task A_key_is_forgotten_after_24_hours_of_simulator_time()
    {
        string token = await Sim.TokenAsync();
        string first = await JobIdAsync(await PostAsync(token, "key-3"));
        Sim.State.AdvanceClock(TimeSpan.FromHours(23.9));
        token = await Sim.TokenAsync();
        Assert.Equal(first, await JobIdAsync(await PostAsync(token, "key-3")));
        Sim.State.AdvanceClock(TimeSpan.FromHours(0.2));
        token = await Sim.TokenAsync();
        Assert.NotEqual(first, await JobIdAsync(await PostAsync(token, "key-3")));
        Assert.Equal(2, Stats.JobsCreated);
    }

    [Fact]
    public async Task A_second_request_while_the_first_is_in_progress_gets_409_then_the_replay()
    {
        string token = await Sim.TokenAsync();
        Sim.State.EnqueueFaults(new FaultSpec { Kind = FaultKind.CommitThenLoseResponse, Loss = LostResponse.SlowResponse, LatencyMs = 60_000 });
        Task<HttpResponseMessage> slow = PostAsync(token, "key-4");
        while (Stats.JobsCreated == 0)
        {
            await Task.Delay(5);
        }

        using HttpResponseMessage conflict = await PostAsync(token, "key-4");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(conflict), "50000030");
        Assert.False(slow.IsCompleted);

        Sim.State.ReleaseDelayedRequests();
        string jobId = await JobIdAsync(await slow);
        Assert.Equal(jobId, await JobIdAsync(await PostAsync(token, "key-4")));
        Assert.Equal(1, Stats.JobsCreated);
        Assert.Equal(1, Stats.ForIdempotency(IdempotencyOutcome.InProgress));
    }

    [Theory]
    [InlineData(LostResponse.ConnectionReset)]
    [InlineData(LostResponse.BadGateway)]
    public async Task Lost_answer_after_commit_is_replayed_to_the_retry_with_the_same_key(LostResponse loss)
    {
        string token = await Sim.TokenAsync();
        Sim.State.EnqueueFaults(new FaultSpec { Kind = FaultKind.CommitThenLoseResponse, Loss = loss });
        if (loss == LostResponse.ConnectionReset)
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync(token, "key-5"));
        }
        else
        {
            using HttpResponseMessage gateway = await PostAsync(token, "key-5");
            Assert.Equal(HttpStatusCode.BadGateway, gateway.StatusCode);
        }

        Assert.Equal(1, Stats.JobsCreated);
        string jobId = await JobIdAsync(await PostAsync(token, "key-5"));
        Assert.Equal(new[] { jobId }, Sim.State.JobIds);
        Assert.Equal(1, Stats.LostResponses[loss.ToString()]);
        Assert.Equal(1, Stats.ForFault(FaultKind.CommitThenLoseResponse));
    }

    [Fact]
    public async Task Without_a_key_a_retry_after_a_lost_answer_creates_a_duplicate()
    {
        string token = await Sim.TokenAsync();
        Sim.State.EnqueueFaults(new FaultSpec { Kind = FaultKind.CommitThenLoseResponse, Loss = LostResponse.BadGateway });
        (await PostAsync(token, null)).Dispose();
        await JobIdAsync(await PostAsync(token, null));
        Assert.Equal(2, Stats.JobsCreatedByOrderNumber["OM-IDEM-1"]);
    }

    [Fact]
    public async Task IgnoreIdempotencyKeys_variation_processes_every_request()
    {
        string token = await Sim.TokenAsync();
        await Sim.ControlAsync(HttpMethod.Put, "variations", "{\"ignoreIdempotencyKeys\":true}");
        string a = await JobIdAsync(await PostAsync(token, "key-6"));
        string b = await JobIdAsync(await PostAsync(token, "key-6"));
        Assert.NotEqual(a, b);
        Assert.Equal(0, Stats.ForIdempotency(IdempotencyOutcome.Stored));
    }

    [Fact]
    public async Task Overlong_key_is_400()
    {
        string token = await Sim.TokenAsync();
        using HttpResponseMessage response = await PostAsync(token, new string('k', 256));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Stats.JobsCreated);
        await JobIdAsync(await PostAsync(token, new string('k', 255)));
    }

    [Fact]
    public async Task Control_surface_scripts_the_fault_and_reports_the_counters()
    {
        string token = await Sim.TokenAsync();
        await Sim.ControlAsync(HttpMethod.Post, "faults",
            "{\"fault\":{\"kind\":\"CommitThenLoseResponse\",\"loss\":\"BadGateway\",\"endpoints\":\"CreateOrder\"},\"count\":1}");
        (await PostAsync(token, "key-7")).Dispose();
        await JobIdAsync(await PostAsync(token, "key-7"));

        JsonNode stats = await Sim.ControlAsync(HttpMethod.Get, "stats");
        Assert.Equal(1, stats["jobsCreated"]!.GetValue<long>());
        Assert.Equal(1, stats["jobsCreatedByOrderNumber"]!["OM-IDEM-1"]!.GetValue<long>());
        Assert.Equal(1, stats["lostResponses"]!["BadGateway"]!.GetValue<long>());
        Assert.Equal(1, stats["idempotentRequests"]!["Replayed"]!.GetValue<long>());
        Assert.Equal(1, stats["faultsByKind"]!["CommitThenLoseResponse"]!.GetValue<long>());
    }

    [Fact]
    public async Task On_the_job_endpoint_the_fault_only_loses_the_answer()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.EnqueueFaults(new FaultSpec { Kind = FaultKind.CommitThenLoseResponse, Loss = LostResponse.BadGateway, Endpoints = SimEndpoint.AsyncJob });
        using HttpResponseMessage lost = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.BadGateway, lost.StatusCode);
        using HttpResponseMessage next = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}
