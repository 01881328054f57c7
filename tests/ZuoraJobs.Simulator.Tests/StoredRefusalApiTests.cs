using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

/// <summary>The same features through the in-process API: <see cref="SimulatorVariations.StoreRefusals"/> and <see cref="FaultSpec.NewKeysOnly"/>.</summary>
public sealed class StoredRefusalApiTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private SimulatorStatisticsSnapshot Stats => Sim.State.GetStatistics();

    [Fact]
    public async Task Variation_is_settable_in_process_and_survives_the_copy()
    {
        Sim.State.Variations = new SimulatorVariations { StoreRefusals = true };
        Assert.True(Sim.State.Variations.StoreRefusals);
        JsonNode surface = await Sim.ControlAsync(HttpMethod.Get, "variations");
        Assert.True(surface["storeRefusals"]!.GetValue<bool>());
        Sim.State.Reset();
        Assert.Null(Sim.State.Variations.StoreRefusals);
    }

    [Fact]
    public async Task Seeded_share_of_first_attempts_is_refused_and_each_retry_replays_its_first_answer()
    {
        string token = await Sim.TokenAsync();
        Sim.State.Variations = new SimulatorVariations { StoreRefusals = true };
        Sim.State.AddRandomFault(new FaultSpec { Kind = FaultKind.LockCompetition, NewKeysOnly = true }, 0.5);

        const int keys = 40;
        int refused = 0;
        for (int i = 0; i < keys; i++)
        {
            string key = "share-" + i;
            string order = StoredRefusalTests.Order.Replace("OM-REFUSE-1", "OM-SHARE-" + i, System.StringComparison.Ordinal);
            using HttpResponseMessage first = await Sim.PostJsonAsync("v1/async/orders", order, token, key);
            using HttpResponseMessage retry = await Sim.PostJsonAsync("v1/async/orders", order, token, key);
            string firstBody = await first.Content.ReadAsStringAsync();
            Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
            Assert.Equal(SimulatorFixture.Header(first, "Zuora-Request-Id"), SimulatorFixture.Header(retry, "Zuora-Request-Id"));
            if (!JsonNode.Parse(firstBody)!["success"]!.GetValue<bool>())
            {
                refused++;
            }
        }

        Assert.InRange(refused, 5, keys - 5);
        Assert.Equal(refused, Stats.ForFault(FaultKind.LockCompetition));
        Assert.Equal(refused, Stats.ForIdempotency(IdempotencyOutcome.StoredRefusal));
        Assert.Equal(refused, Stats.ForIdempotency(IdempotencyOutcome.ReplayedRefusal));
        Assert.Equal(keys - refused, Stats.ForIdempotency(IdempotencyOutcome.Stored));
        Assert.Equal(keys - refused, Stats.ForIdempotency(IdempotencyOutcome.Replayed));
        Assert.Equal(keys - refused, Stats.JobsCreated);
    }

    [Fact]
    public async Task In_default_mode_a_refused_key_stays_new_so_a_NewKeysOnly_fault_can_hit_its_retry()
    {
        string token = await Sim.TokenAsync();
        Sim.State.EnqueueFaults(
            new FaultSpec { Kind = FaultKind.ServiceUnavailable, NewKeysOnly = true },
            new FaultSpec { Kind = FaultKind.ServiceUnavailable, NewKeysOnly = true });

        using HttpResponseMessage first = await Sim.PostJsonAsync("v1/async/orders", StoredRefusalTests.Order, token, "unstored");
        using HttpResponseMessage second = await Sim.PostJsonAsync("v1/async/orders", StoredRefusalTests.Order, token, "unstored");
        using HttpResponseMessage third = await Sim.PostJsonAsync("v1/async/orders", StoredRefusalTests.Order, token, "unstored");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(2, Stats.ForFault(FaultKind.ServiceUnavailable));
        Assert.Equal(1, Stats.JobsCreated);
    }

    [Fact]
    public async Task NewKeysOnly_never_matches_a_job_poll()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        Sim.State.AddRandomFault(new FaultSpec { Kind = FaultKind.InternalServerError, NewKeysOnly = true, Endpoints = SimEndpoint.All }, 1.0);
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage poll = await Sim.GetJobAsync(jobId, token);
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        }

        Assert.Equal(0, Stats.ForFault(FaultKind.InternalServerError));
    }
}
