using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

/// <summary>
/// The <c>storeRefusals</c> variation and the <c>newKeysOnly</c> fault option, driven only through the control
/// surface, as a client's test suite would drive a standalone simulator.
/// </summary>
public sealed class StoredRefusalTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    internal const string Order = """{"orderDate":"2026-11-23","orderNumber":"OM-REFUSE-1","existingAccountNumber":"A00000001","subscriptions":[{}]}""";
    private const string Preview = """{"orderDate":"2026-11-23","previewOptions":{"previewThruType":"SpecificDate"}}""";

    private Task<HttpResponseMessage> PostAsync(string token, string? key, string body = Order, string path = "v1/async/orders") =>
        Sim.PostJsonAsync(path, body, token, key);

    private Task StoreRefusalsAsync() => Sim.ControlAsync(HttpMethod.Put, "variations", """{"storeRefusals":true}""");

    private Task ScriptAsync(string fault, string extra = "\"count\":1") =>
        Sim.ControlAsync(HttpMethod.Post, "faults", "{\"fault\":" + fault + "," + extra + "}");

    private async Task<long> StatAsync(string group, string name)
    {
        JsonNode stats = await Sim.ControlAsync(HttpMethod.Get, "stats");
        return stats[group]?[name]?.GetValue<long>() ?? 0;
    }

    private async Task<long> JobsCreatedAsync() => (await Sim.ControlAsync(HttpMethod.Get, "stats"))["jobsCreated"]!.GetValue<long>();

    private static string RequestId(HttpResponseMessage response) => SimulatorFixture.Header(response, "Zuora-Request-Id");

    private static async Task<string> ReasonCodeAsync(HttpResponseMessage response) =>
        (await SimulatorFixture.Json(response))["reasons"]![0]!["code"]!.ToString();

    [Fact]
    public async Task Stored_mode_replays_a_lock_refusal_with_its_request_id_and_body_and_creates_no_job()
    {
        string token = await Sim.TokenAsync();
        await StoreRefusalsAsync();
        await ScriptAsync("""{"kind":"LockCompetition","endpoints":"CreateOrder"}""");

        using HttpResponseMessage first = await PostAsync(token, "lock-key");
        using HttpResponseMessage retry = await PostAsync(token, "lock-key");
        using HttpResponseMessage again = await PostAsync(token, "lock-key");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("50000050", await ReasonCodeAsync(first));
        byte[] firstBody = await first.Content.ReadAsByteArrayAsync();
        foreach (HttpResponseMessage replay in new[] { retry, again })
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal(firstBody, await replay.Content.ReadAsByteArrayAsync());
            Assert.Equal(RequestId(first), RequestId(replay));
        }

        Assert.Equal(0, await JobsCreatedAsync());
        Assert.Empty(Sim.State.JobIds);
        Assert.Equal(1, await StatAsync("idempotentRequests", "StoredRefusal"));
        Assert.Equal(2, await StatAsync("idempotentRequests", "ReplayedRefusal"));
        Assert.Equal(0, await StatAsync("idempotentRequests", "Stored"));
        Assert.Equal(0, await StatAsync("idempotentRequests", "Replayed"));
        Assert.Equal(1, await StatAsync("faultsByKind", "LockCompetition"));

        using HttpResponseMessage fresh = await PostAsync(token, "lock-key-2");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.True((await SimulatorFixture.Json(fresh))["success"]!.GetValue<bool>());
        Assert.Equal(1, await JobsCreatedAsync());
        Assert.Equal(1, (await Sim.ControlAsync(HttpMethod.Get, "stats"))["jobsCreatedByOrderNumber"]!["OM-REFUSE-1"]!.GetValue<long>());
    }

    [Fact]
    public async Task Default_mode_does_not_store_the_refusal_so_a_same_key_retry_creates_the_job()
    {
        string token = await Sim.TokenAsync();
        await ScriptAsync("""{"kind":"LockCompetition","endpoints":"CreateOrder"}""");

        using HttpResponseMessage first = await PostAsync(token, "lock-key");
        Assert.Equal("50000050", await ReasonCodeAsync(first));
        using HttpResponseMessage retry = await PostAsync(token, "lock-key");

        Assert.True((await SimulatorFixture.Json(retry))["success"]!.GetValue<bool>());
        Assert.NotEqual(RequestId(first), RequestId(retry));
        Assert.Equal(1, await JobsCreatedAsync());
        Assert.Equal(1, await StatAsync("idempotentRequests", "Stored"));
        Assert.Equal(0, await StatAsync("idempotentRequests", "StoredRefusal"));
    }

    [Theory]
    [InlineData("""{"kind":"RateLimited","retryAfterSeconds":7,"rateLimitResetSeconds":9}""", 429)]
    [InlineData("""{"kind":"RateLimitedHttpDate","retryAfterSeconds":30}""", 429)]
    [InlineData("""{"kind":"ConcurrencyLimited","retryAfterSeconds":4}""", 429)]
    [InlineData("""{"kind":"ServiceUnavailable","html":true}""", 503)]
    [InlineData("""{"kind":"InternalServerError"}""", 500)]
    [InlineData("""{"kind":"AccessDenied"}""", 403)]
    [InlineData("""{"kind":"TemporaryError"}""", 200)]
    public async Task Stored_refusals_replay_status_body_and_headers(string fault, int status)
    {
        string token = await Sim.TokenAsync();
        await StoreRefusalsAsync();
        await ScriptAsync(fault);

        using HttpResponseMessage first = await PostAsync(token, "refused");
        Sim.State.AdvanceClock(TimeSpan.FromMinutes(5));
        using HttpResponseMessage replay = await PostAsync(token, "refused");

        Assert.Equal(status, (int)first.StatusCode);
        Assert.Equal(status, (int)replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await replay.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), replay.Content.Headers.ContentType?.ToString());
        Assert.Equal(RequestId(first), RequestId(replay));
        foreach (string header in new[] { "Retry-After", "RateLimit-Reset", "Concurrency-Limit-Remaining" })
        {
            Assert.Equal(SimulatorFixture.HasHeader(first, header), SimulatorFixture.HasHeader(replay, header));
        }

        if (SimulatorFixture.HasHeader(first, "Retry-After"))
        {
            Assert.Equal(SimulatorFixture.Header(first, "Retry-After"), SimulatorFixture.Header(replay, "Retry-After"));
        }

        Assert.Equal(0, await JobsCreatedAsync());
        Assert.Equal(1, await StatAsync("idempotentRequests", "ReplayedRefusal"));
    }

    [Fact]
    public async Task A_stored_refusal_on_preview_is_kept_for_the_preview_endpoint_and_for_24_hours()
    {
        string token = await Sim.TokenAsync();
        await StoreRefusalsAsync();
        await ScriptAsync("""{"kind":"BadGateway","endpoints":"PreviewOrder"}""");

        using HttpResponseMessage first = await PostAsync(token, "preview-key", Preview, "v1/async/orders/preview");
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Sim.State.AdvanceClock(TimeSpan.FromHours(23.9));
        token = await Sim.TokenAsync();
        using HttpResponseMessage replay = await PostAsync(token, "preview-key", Preview, "v1/async/orders/preview");
        Assert.Equal(HttpStatusCode.BadGateway, replay.StatusCode);
        Assert.Equal(RequestId(first), RequestId(replay));

        Sim.State.AdvanceClock(TimeSpan.FromHours(0.2));
        token = await Sim.TokenAsync();
        using HttpResponseMessage later = await PostAsync(token, "preview-key", Preview, "v1/async/orders/preview");
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(1, await JobsCreatedAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replayed_success_carries_the_first_request_id(bool storeRefusals)
    {
        string token = await Sim.TokenAsync();
        if (storeRefusals)
        {
            await StoreRefusalsAsync();
        }

        using HttpResponseMessage first = await PostAsync(token, "ok-key");
        using HttpResponseMessage replay = await PostAsync(token, "ok-key");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(RequestId(first), RequestId(replay));
        Assert.Equal(1, await StatAsync("idempotentRequests", "Replayed"));
        Assert.Equal(0, await StatAsync("idempotentRequests", "ReplayedRefusal"));
    }

    [Fact]
    public async Task Stored_mode_keeps_422_for_a_different_body()
    {
        string token = await Sim.TokenAsync();
        await StoreRefusalsAsync();
        await ScriptAsync("""{"kind":"LockCompetition"}""");
        using HttpResponseMessage first = await PostAsync(token, "mismatch-key");
        Assert.Equal("50000050", await ReasonCodeAsync(first));

        using HttpResponseMessage other = await PostAsync(token, "mismatch-key", Order.Replace("OM-REFUSE-1", "OM-REFUSE-2", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(other), "50000020");
        Assert.Equal(1, await StatAsync("idempotentRequests", "Mismatch"));
        Assert.Equal(0, await JobsCreatedAsync());
    }

    [Fact]
    public async Task Stored_mode_keeps_409_while_the_first_is_in_progress_and_the_refusal_is_not_served()
    {
        string token = await Sim.TokenAsync();
        await StoreRefusalsAsync();
        await Sim.ControlAsync(HttpMethod.Post, "faults",
            """{"sequence":[{"kind":"CommitThenLoseResponse","loss":"SlowResponse","latencyMs":60000},{"kind":"LockCompetition"}]}""");
        Task<HttpResponseMessage> slow = PostAsync(token, "slow-key");
        while (await JobsCreatedAsync() == 0)
        {
            await Task.Delay(5);
        }

        using HttpResponseMessage conflict = await PostAsync(token, "slow-key");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(conflict), "50000030");
        Assert.Equal(0, await StatAsync("faultsByKind", "LockCompetition"));

        await Sim.ControlAsync(HttpMethod.Post, "delays/release");
        using HttpResponseMessage done = await slow;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(1, await StatAsync("idempotentRequests", "InProgress"));
        Assert.Equal(1, await JobsCreatedAsync());
    }

    [Fact]
    public async Task NewKeysOnly_fault_hits_a_first_attempt_and_nothing_else()
    {
        string token = await Sim.TokenAsync();
        string jobId = (await SimulatorFixture.Json(await PostAsync(token, "used-key")))["jobId"]!.GetValue<string>();
        await ScriptAsync("""{"kind":"LockCompetition","newKeysOnly":true}""");

        Assert.Equal("Processing", (await Sim.GetJobJsonAsync(jobId, token))["status"]!.GetValue<string>());
        using HttpResponseMessage noKey = await PostAsync(token, null);
        Assert.True((await SimulatorFixture.Json(noKey))["success"]!.GetValue<bool>());
        using HttpResponseMessage retry = await PostAsync(token, "used-key");
        Assert.Equal(jobId, (await SimulatorFixture.Json(retry))["jobId"]!.GetValue<string>());
        Assert.Equal(1, Sim.State.PendingFaults());

        using HttpResponseMessage firstAttempt = await PostAsync(token, "new-key");
        Assert.Equal("50000050", await ReasonCodeAsync(firstAttempt));
        Assert.Equal(0, Sim.State.PendingFaults());
        Assert.Equal(2, await JobsCreatedAsync());
    }

    [Fact]
    public async Task NewKeysOnly_random_fault_with_stored_refusals_refuses_once_per_key()
    {
        string token = await Sim.TokenAsync();
        await StoreRefusalsAsync();
        await ScriptAsync("""{"kind":"TemporaryError","newKeysOnly":true}""", "\"probability\":1.0");

        using HttpResponseMessage first = await PostAsync(token, "random-key");
        using HttpResponseMessage replay = await PostAsync(token, "random-key");
        Assert.Equal("50000061", await ReasonCodeAsync(first));
        Assert.Equal(RequestId(first), RequestId(replay));
        using HttpResponseMessage noKey = await PostAsync(token, null);
        Assert.True((await SimulatorFixture.Json(noKey))["success"]!.GetValue<bool>());

        Assert.Equal(1, await StatAsync("faultsByKind", "TemporaryError"));
        Assert.Equal(1, await StatAsync("idempotentRequests", "ReplayedRefusal"));
        Assert.Equal(1, await JobsCreatedAsync());
    }

    [Fact]
    public async Task Control_surface_reports_the_variation_and_IgnoreIdempotencyKeys_still_wins()
    {
        JsonNode variations = await Sim.ControlAsync(HttpMethod.Put, "variations", """{"storeRefusals":true,"ignoreIdempotencyKeys":true}""");
        Assert.True(variations["storeRefusals"]!.GetValue<bool>());
        Assert.True((await Sim.ControlAsync(HttpMethod.Get, "variations"))["storeRefusals"]!.GetValue<bool>());

        string token = await Sim.TokenAsync();
        await ScriptAsync("""{"kind":"LockCompetition"}""");
        using HttpResponseMessage refused = await PostAsync(token, "ignored-key");
        Assert.Equal("50000050", await ReasonCodeAsync(refused));
        using HttpResponseMessage retry = await PostAsync(token, "ignored-key");
        Assert.True((await SimulatorFixture.Json(retry))["success"]!.GetValue<bool>());
        Assert.Equal(0, await StatAsync("idempotentRequests", "StoredRefusal"));
        Assert.Equal(1, await JobsCreatedAsync());
    }
}
