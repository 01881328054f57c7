using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>
    /// The exactly-once proof: orders submitted through Start-ZuoraOrder | Wait-ZuoraAsyncJob while a fifth of the
    /// order POSTs are committed and then lose their answer (reset, 502, or slower than the client waits), 5 % of
    /// all requests get 429 and a tenth of first attempts under a key meet lock competition. It runs under both
    /// readings of Zuora's guide: transient refusals kept out of the key store, and kept in it (a same-key retry then
    /// only replays the refusal). Jobs are counted through the simulator's control surface. The same run (250 orders)
    /// against a simulator that ignores Idempotency-Key shows what the retries would cost without it.
    /// </summary>
    public class ExactlyOnceTests : ModuleTestBase
    {
        private const int Orders = 1000;

        // Enough to show duplicates by the dozen at the same rates, in a quarter of the time.
        private const int OrdersWithoutIdempotency = 250;
        private const string Pipeline = """
            $n = $args[0]; $prefix = $args[1]
            $submitted = [System.Collections.Generic.List[object]]::new()
            $jobs = 1..$n | ForEach-Object { @{ orderDate = '2026-11-23'; orderNumber = "$prefix-$_"; existingAccountNumber = 'A00000001'; subscriptions = @(@{}) } } |
                Start-ZuoraOrder | ForEach-Object { $submitted.Add($_); $_ } |
                Wait-ZuoraAsyncJob -PollInterval 0.02 -MaxPollInterval 0.1 -Timeout 120
            [pscustomobject]@{ Submitted = $submitted.ToArray(); Jobs = @($jobs) }
            """;

        private readonly ITestOutputHelper _output;

        public ExactlyOnceTests(SimulatorFixture simulator, ITestOutputHelper output) : base(simulator)
        {
            _output = output;
        }

        private (RunOutcome Outcome, JsonNode Stats) Run(string prefix, int orders, bool idempotencyOff, bool storeRefusals = false)
        {
            Simulator.State.Reset();
            Simulator.State.Variations = new SimulatorVariations { IgnoreIdempotencyKeys = idempotencyOff, StoreRefusals = storeRefusals };
            Simulator.State.AddRandomFault(new FaultSpec { Kind = FaultKind.LockCompetition, NewKeysOnly = true, Endpoints = SimEndpoint.CreateOrder }, 0.10);

            // The slow answer is held 0.45 s against the client's 0.3 s timeout: the retry finds the key still in progress (409).
            Simulator.State.AddRandomFault(
                new FaultSpec { Kind = FaultKind.CommitThenLoseResponse, Loss = LostResponse.Any, LatencyMs = 450, Endpoints = SimEndpoint.CreateOrder },
                0.20);
            Simulator.State.AddRandomFault(new FaultSpec { Kind = FaultKind.RateLimited, RetryAfterSeconds = 0, RateLimitResetSeconds = 0 }, 0.05);

            using var session = Connected("-ThrottleLimit 20 -MaximumRetryCount 10 -RequestTimeoutSec 0.3");
            var clock = Stopwatch.StartNew();
            var result = session.Run(Pipeline, orders, prefix);
            clock.Stop();

            var stats = StatsFromControlSurface();
            var outcome = new RunOutcome(result, clock.Elapsed);
            _output.WriteLine($"{(idempotencyOff ? "keys ignored" : storeRefusals ? "keys honoured, refusals stored" : "keys honoured")}: {orders} orders in {clock.Elapsed.TotalSeconds:0.0} s; " +
                              $"submissions {outcome.Submitted.Length}, Start errors {outcome.StartErrors.Length}, jobs out {outcome.Jobs.Length}, Wait errors {outcome.WaitErrors.Length}; " +
                              $"attempts {outcome.Submitted.Sum(s => (int)RunResult.Prop(s, "Attempts")!)}");
            foreach (var error in outcome.Errors.Take(5))
            {
                _output.WriteLine($"error: {error.FullyQualifiedErrorId}: {error.Exception.Message}");
            }

            foreach (var name in new[] { "requestsByEndpoint", "faultsByKind", "lostResponses", "idempotentRequests", "jobsCreated", "maxConcurrentRequests" })
            {
                _output.WriteLine($"{name}: {stats[name]?.ToJsonString()}");
            }

            return (outcome, stats);
        }

        private JsonNode StatsFromControlSurface()
        {
            using var http = new HttpClient { BaseAddress = Simulator.BaseAddress };
            return JsonNode.Parse(http.GetStringAsync("__sim/stats").GetAwaiter().GetResult())!;
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_thousand_orders_through_lost_answers_429s_and_lock_refusals_create_exactly_a_thousand_jobs(bool storeRefusals)
        {
            var (run, stats) = Run("EXACT", Orders, idempotencyOff: false, storeRefusals);

            Assert.True(run.Errors.Length == 0, string.Join(Environment.NewLine, run.Errors.Take(5).Select(e => e.ToString())));
            Assert.Equal(Orders, run.Submitted.Length);
            Assert.Equal(Enumerable.Range(1, Orders).Select(i => $"EXACT-{i}"), run.Submitted.Select(s => (string)RunResult.Prop(s, "OrderNumber")!));
            Assert.Equal(Orders, run.Submitted.Select(s => RunResult.Prop(s, "JobId")).Distinct().Count());

            // Every submission reached exactly one outcome.
            Assert.Equal(run.Submitted.Select(s => (string)RunResult.Prop(s, "JobId")!).OrderBy(x => x, StringComparer.Ordinal),
                run.Jobs.Select(j => (string)RunResult.Prop(j, "JobId")!).OrderBy(x => x, StringComparer.Ordinal));
            Assert.All(run.Jobs, j => Assert.Equal("Completed", RunResult.Prop(j, "Status")));

            Assert.Equal(Orders, stats["jobsCreated"]!.GetValue<long>());
            var perOrder = stats["jobsCreatedByOrderNumber"]!.AsObject();
            Assert.Equal(Orders, perOrder.Count);
            Assert.All(perOrder, p => Assert.Equal(1, p.Value!.GetValue<long>()));

            // The faults really happened, and the retries really met Zuora's idempotency.
            Assert.True(stats["faultsByKind"]!["CommitThenLoseResponse"]!.GetValue<long>() >= 100);
            Assert.True(stats["faultsByKind"]!["RateLimited"]!.GetValue<long>() >= 50);
            Assert.True(stats["idempotentRequests"]!["Replayed"]!.GetValue<long>() >= 50);
            Assert.True(stats["idempotentRequests"]!["InProgress"]!.GetValue<long>() >= 1);
            Assert.True(stats["faultsByKind"]!["LockCompetition"]!.GetValue<long>() >= 50);
            if (storeRefusals)
            {
                // Retries met the stored refusals and went on under derived keys.
                Assert.True(stats["idempotentRequests"]!["ReplayedRefusal"]!.GetValue<long>() >= 50);
                Assert.Contains(run.Submitted, s => ((string)RunResult.Prop(s, "IdempotencyKey")!).EndsWith("~1", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void The_same_run_against_a_server_that_ignores_the_key_creates_duplicates()
        {
            var (run, stats) = Run("DUP", OrdersWithoutIdempotency, idempotencyOff: true);

            Assert.Equal(OrdersWithoutIdempotency, run.Submitted.Length + run.StartErrors.Length);
            var created = stats["jobsCreated"]!.GetValue<long>();
            var duplicated = stats["jobsCreatedByOrderNumber"]!.AsObject().Count(p => p.Value!.GetValue<long>() > 1);
            _output.WriteLine($"jobs created {created} for {OrdersWithoutIdempotency} orders; {duplicated} orders created more than once");
            Assert.True(created > OrdersWithoutIdempotency + 20, $"{created} jobs");
            Assert.True(duplicated > 20, $"{duplicated} duplicated orders");
        }

        private sealed class RunOutcome
        {
            public RunOutcome(RunResult result, TimeSpan elapsed)
            {
                var summary = Assert.Single(result.Output);
                Submitted = ((object[])RunResult.Prop(summary, "Submitted")!).Select(System.Management.Automation.PSObject.AsPSObject).ToArray();
                Jobs = ((object[])RunResult.Prop(summary, "Jobs")!).Select(System.Management.Automation.PSObject.AsPSObject).ToArray();
                Errors = result.Errors.ToArray();
                StartErrors = Errors.Where(e => e.FullyQualifiedErrorId.EndsWith("StartZuoraOrderCommand", StringComparison.Ordinal)).ToArray();
                WaitErrors = Errors.Except(StartErrors).ToArray();
                Elapsed = elapsed;
            }

            public System.Management.Automation.PSObject[] Submitted { get; }
            public System.Management.Automation.PSObject[] Jobs { get; }
            public System.Management.Automation.ErrorRecord[] Errors { get; }
            public System.Management.Automation.ErrorRecord[] StartErrors { get; }
            public System.Management.Automation.ErrorRecord[] WaitErrors { get; }
            public TimeSpan Elapsed { get; }
        }
    }
}
