using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class LimitedSimulatorFixture : SimulatorFixture
{
    protected override SimulatorOptions CreateOptions() => new() { Seed = 3, ConcurrencyLimit = 2, ConcurrencyRetryAfterSeconds = 4, RateLimitPerMinute = 1_000_000 };
}

public sealed class ConcurrencyTests(LimitedSimulatorFixture fixture) : SimulatorTestBase<LimitedSimulatorFixture>(fixture)
{
    [Fact]
    public async Task More_than_the_limit_in_flight_gets_429_category_70()
    {
        string token = await Sim.TokenAsync();
        string slow = Completed();
        Sim.State.AddRandomFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 60_000 }, 1, slow);
        Task<HttpResponseMessage>[] held = { Sim.GetJobAsync(slow, token), Sim.GetJobAsync(slow, token) };
        while (Sim.State.GetStatistics().InFlightRequests < 2)
        {
            await Task.Delay(5);
        }

        using HttpResponseMessage rejected = await Sim.GetJobAsync(Completed(), token);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), rejected.Headers.RetryAfter!.Delta);
        Assert.Equal("2", SimulatorFixture.Header(rejected, "Concurrency-Limit-Limit"));
        Assert.Equal("0", SimulatorFixture.Header(rejected, "Concurrency-Limit-Remaining"));
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(rejected), "50000070");

        Sim.State.ReleaseDelayedRequests();
        foreach (HttpResponseMessage response in await Task.WhenAll(held))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        SimulatorStatisticsSnapshot stats = Sim.State.GetStatistics();
        Assert.Equal(1, stats.ForFault(FaultKind.ConcurrencyLimited));
        Assert.True(stats.MaxConcurrentRequests >= 3);
    }

    [Fact]
    public async Task Hundreds_of_parallel_requests_over_thousands_of_jobs_stay_consistent()
    {
        await using SimulatorHost host = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = 9 });
        string token = host.State.IssueToken();
        string[] jobs = Enumerable.Range(0, 2_000)
            .Select(i => host.State.SeedJob(new JobSeed { ResultJson = "{\"n\":" + i + "}", PollsBeforeCompletion = 1 }))
            .ToArray();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 200 }) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var tasks = new List<Task<int>>();
        for (int i = 0; i < 400; i++)
        {
            string jobId = jobs[i % 200];
            tasks.Add(Task.Run(async () =>
            {
                using HttpResponseMessage response = await client.GetAsync("v1/async-jobs/" + jobId);
                return (int)response.StatusCode;
            }));
        }

        Assert.All(await Task.WhenAll(tasks), status => Assert.Equal(200, status));
        SimulatorStatisticsSnapshot stats = host.State.GetStatistics();
        Assert.Equal(400, stats.TotalRequests);
        Assert.Equal(2, stats.ForJob(jobs[0]));
        Assert.Equal(2, host.State.GetJob(jobs[7])!.Polls);
        Assert.Equal(2_000, stats.JobCount);
        JsonNode body = JsonNode.Parse(await client.GetStringAsync("v1/async-jobs/" + jobs[0]))!;
        Assert.Equal(0, body["result"]!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rate_limit_per_minute_is_enforced_with_headers()
    {
        await using SimulatorHost host = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitPerMinute = 2 });
        string token = host.State.IssueToken();
        string jobId = host.State.SeedJob("{}");
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (host.State.UtcNow.Second > 50)
        {
            // Keep the three requests inside one minute window.
            host.State.AdvanceClock(TimeSpan.FromSeconds(15));
        }

        var statuses = new List<int>();
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage response = await client.GetAsync("v1/async-jobs/" + jobId);
            statuses.Add((int)response.StatusCode);
            if (i == 2)
            {
                Assert.Equal("0", SimulatorFixture.Header(response, "RateLimit-Remaining"));
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(new[] { 200, 200, 429 }, statuses);
        Assert.Equal(1, host.State.GetStatistics().ForFault(FaultKind.RateLimited));
    }
}
