using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>Many jobs, faults and throttling: each of these gets a simulator of its own.</summary>
    public class WaitAtScaleTests
    {
        private static async Task<SimulatorHost> Start(SimulatorOptions options) => await SimulatorHost.StartAsync(options);

        private static PowerShellSession Connect(SimulatorHost host, string extra = "")
        {
            var session = new PowerShellSession();
            var result = session.Run(
                "Connect-Zuora -BaseUri $args[0] -Credential $args[1] -RetryIntervalSec 0.01 " + extra,
                host.BaseAddress, PowerShellSession.Credential(SimulatorDefaults.ClientId, SimulatorDefaults.ClientSecret));
            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            return session;
        }

        [Fact]
        public async Task A_thousand_jobs_with_random_durations_and_transient_faults_each_get_exactly_one_outcome()
        {
            await using var host = await Start(new SimulatorOptions { Seed = 42 });
            var random = new Random(42);
            var ids = Enumerable.Range(0, 1000).Select(i => host.State.SeedJob(new JobSeed
            {
                ResultJson = $$"""{"jobType":"AsyncCreateOrder","orderNumber":"OM-{{i:D5}}","success":true}""",
                PollsBeforeCompletion = random.Next(0, 6),
                Status = i % 50 == 0 ? "Failed" : "Completed",
                Errors = i % 50 == 0 ? "Simulated failure" : null,
            })).ToArray();
            host.State.AddRandomFault(FaultSpec.Of(FaultKind.ServiceUnavailable), 0.05);
            using var session = Connect(host);

            var result = session.Run("$args | Wait-ZuoraAsyncJob -PollInterval 0.01 -MaxPollInterval 0.05", ids.Cast<object>().ToArray());

            var written = result.Output.Select(o => (string)RunResult.Prop(o, "JobId")!).ToList();
            Assert.Equal(1000, written.Count);
            Assert.Equal(ids.OrderBy(i => i), written.OrderBy(i => i));
            Assert.Equal(20, result.Errors.Count);
            Assert.All(result.Errors, e => Assert.Equal("AsyncJobFailed,ZuoraJobs.Cmdlets.WaitZuoraAsyncJobCommand", e.FullyQualifiedErrorId));
            var statistics = host.State.GetStatistics();
            Assert.True(statistics.ForFault(FaultKind.ServiceUnavailable) > 0, "no fault was served");
            // At most one request per Processing answer and the final one, plus the client's retries of faults.
            Assert.All(ids, id => Assert.InRange(statistics.ForJob(id), 1, 6 + 1 + 4));
            Assert.True(statistics.MaxConcurrentRequests <= 8, $"{statistics.MaxConcurrentRequests} requests in flight at once");
        }

        [Fact]
        public async Task A_concurrency_limit_slows_the_poller_down_instead_of_failing_jobs()
        {
            await using var host = await Start(new SimulatorOptions { Seed = 7, ConcurrencyLimit = 2, ConcurrencyRetryAfterSeconds = 0 });
            var ids = Enumerable.Range(0, 40).Select(i => host.State.SeedJob(new JobSeed
            {
                ResultJson = $$"""{"jobType":"AsyncCreateOrder","orderNumber":"OM-C{{i}}","success":true}""",
                PollsBeforeCompletion = 2,
            })).ToArray();
            foreach (var id in ids)
            {
                host.State.EnqueueFaults(new[] { new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 20 } }, id);
            }

            using var session = Connect(host, "-ThrottleLimit 8 -MaximumRetryCount 8");

            var result = session.Run("$args | Wait-ZuoraAsyncJob -PollInterval 0.01 -MaxPollInterval 0.05 -Verbose", ids.Cast<object>().ToArray());

            Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString())));
            Assert.Equal(40, result.Output.Count);
            Assert.True(host.State.GetStatistics().ForFault(FaultKind.ConcurrencyLimited) > 0, "the simulator never refused a request");
            Assert.Contains(result.Verbose, v => v.Contains("429"));
        }
    }
}
