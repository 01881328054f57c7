using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Reliability
{
    /// <summary>
    /// Many IDs through Get-ZuoraAsyncJob and Wait-ZuoraAsyncJob under a seeded mix of every kind of trouble: every
    /// input gets exactly one outcome, nothing reaches the server after the end, and memory is reported. CI runs a
    /// reduced size; ZUORAJOBS_SOAK=full runs 10,000 and 2,000 IDs (the figures in docs/reliability.md).
    /// </summary>
    public class SoakTests
    {
        private const int Seed = 20261123;
        private readonly ITestOutputHelper _output;

        public SoakTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private static bool Full => string.Equals(Environment.GetEnvironmentVariable("ZUORAJOBS_SOAK"), "full", StringComparison.OrdinalIgnoreCase);

        [Fact]
        public Task Get_under_mixed_faults_gives_every_id_one_outcome() => Soak("Get-ZuoraAsyncJob", Full ? 10_000 : 1_000);

        [Fact]
        public Task Wait_under_mixed_faults_gives_every_id_one_outcome() => Soak("Wait-ZuoraAsyncJob", Full ? 2_000 : 300);

        private async Task Soak(string cmdlet, int count)
        {
            await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = Seed, TokenLifetimeSeconds = 3599 });
            var wait = cmdlet == "Wait-ZuoraAsyncJob";
            var random = new Random(Seed);
            var ids = Enumerable.Range(0, count).Select(i => host.State.SeedJob(new JobSeed
            {
                ResultJson = $$"""{"jobType":"AsyncCreateOrder","orderNumber":"OM-{{i:D5}}","success":true}""",
                PollsBeforeCompletion = wait ? random.Next(0, 4) : 0,
            })).ToArray();
            AddMixedFaults(host.State);

            using var session = new PowerShellSession();
            var connect = session.Run(
                "Connect-Zuora -BaseUri $args[0] -Credential $args[1] -RetryIntervalSec 0.01 -MaximumRetryCount 8 -ThrottleLimit 8",
                host.BaseAddress, PowerShellSession.Credential(SimulatorDefaults.ClientId, SimulatorDefaults.ClientSecret));
            Assert.True(connect.Errors.Count == 0, connect.ErrorSummary);

            using var memory = new MemorySampler();
            var expiries = new TokenExpirer(host.State, count);
            var clock = Stopwatch.StartNew();
            var script = wait
                ? "Wait-ZuoraAsyncJob -JobId $args -PollInterval 0.01 -MaxPollInterval 0.05"
                : "Get-ZuoraAsyncJob -JobId $args";
            var result = session.Run(script, ids.Cast<object>().ToArray());
            clock.Stop();
            var atEnd = host.State.GetStatistics().TotalRequests;
            expiries.Dispose();
            Thread.Sleep(1000);
            var statistics = host.State.GetStatistics();
            memory.Dispose();

            // Exactly one outcome per input: outputs and errors together are the inputs, without duplicates.
            var outputs = result.Output.Select(o => (string)RunResult.Prop(o, "JobId")!).ToList();
            var errors = result.Errors.Select(e => ErrorJobId(e)).ToList();
            Assert.Equal(count, outputs.Count + errors.Count);
            Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), outputs.Concat(errors).OrderBy(i => i, StringComparer.Ordinal));
            Assert.Equal(atEnd, statistics.TotalRequests);
            Assert.True(statistics.TokensIssued >= 2, "the token never expired during the run");

            var faults = string.Join(", ", statistics.FaultsByKind.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"));
            var errorIds = string.Join(", ", result.Errors.GroupBy(e => e.FullyQualifiedErrorId.Split(',')[0]).Select(g => $"{g.Key} {g.Count()}"));
            var line = string.Format(
                CultureInfo.InvariantCulture,
                "{0}: {1} IDs in {2:0.0} s; {3} outputs, {4} errors ({5}); {6} requests, {7} tokens; faults served: {8}; working set start/peak/end {9}/{10}/{11} MiB; requests after the end: {12}",
                cmdlet, count, clock.Elapsed.TotalSeconds, outputs.Count, errors.Count, errorIds.Length == 0 ? "none" : errorIds,
                atEnd, statistics.TokensIssued, faults, memory.Start / Mebi, memory.Peak / Mebi, memory.End / Mebi, statistics.TotalRequests - atEnd);
            if (result.Errors.Count > 0)
            {
                line += "; first error: " + result.Errors[0].Exception.Message;
            }

            _output.WriteLine(line);
            Console.WriteLine("SOAK " + line);
        }

        private const long Mebi = 1024 * 1024;

        /// <summary>429 with Retry-After, 503, HTML 502, resets, slow answers and bodies, lock contention, temporary errors.</summary>
        private static void AddMixedFaults(SimulatorState state)
        {
            state.AddRandomFault(new FaultSpec { Kind = FaultKind.RateLimited, RetryAfterSeconds = 1 }, 0.002);
            state.AddRandomFault(new FaultSpec { Kind = FaultKind.ConcurrencyLimited, RetryAfterSeconds = 1 }, 0.001);
            state.AddRandomFault(FaultSpec.Of(FaultKind.ServiceUnavailable), 0.01);
            state.AddRandomFault(new FaultSpec { Kind = FaultKind.BadGateway, Html = true }, 0.01);
            state.AddRandomFault(FaultSpec.Of(FaultKind.ConnectionReset), 0.005);
            state.AddRandomFault(FaultSpec.Of(FaultKind.LockCompetition), 0.005);
            state.AddRandomFault(FaultSpec.Of(FaultKind.TemporaryError), 0.005);
            state.AddRandomFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 5, LatencyMaxMs = 60 }, 0.05);
            state.AddRandomFault(new FaultSpec { Kind = FaultKind.SlowBody, LatencyMs = 10, LatencyMaxMs = 100 }, 0.01);
        }

        private static string ErrorJobId(System.Management.Automation.ErrorRecord error)
        {
            var target = error.TargetObject is System.Management.Automation.PSObject wrapped ? wrapped.BaseObject : error.TargetObject;
            return target as string ?? (string)RunResult.Prop(System.Management.Automation.PSObject.AsPSObject(target!), "JobId")!;
        }

        /// <summary>
        /// Expires every token while the run is under way, as a token lifetime ending mid-run would: after a quarter of
        /// the requests, then at most every three seconds. Real tokens last an hour; expiring them faster, at the pace
        /// of the one-second Retry-After holds, would revoke tokens while they are being issued, which Zuora never does
        /// (and which the client rightly reports as a fresh token refused).
        /// </summary>
        private sealed class TokenExpirer : IDisposable
        {
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly Task _loop;

            public TokenExpirer(SimulatorState state, int count)
            {
                _loop = Task.Run(async () =>
                {
                    var next = count / 4;
                    var last = DateTime.MinValue;
                    while (!_stop.IsCancellationRequested && next < count)
                    {
                        if (state.GetStatistics().TotalRequests >= next && DateTime.UtcNow - last > TimeSpan.FromSeconds(3))
                        {
                            state.ExpireAllTokens();
                            last = DateTime.UtcNow;
                            next += count / 4;
                        }

                        try
                        {
                            await Task.Delay(20, _stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                });
            }

            public void Dispose()
            {
                if (!_stop.IsCancellationRequested)
                {
                    _stop.Cancel();
                    _loop.Wait();
                }
            }
        }

        /// <summary>The process's working set at the start, its peak while sampling, and after a full collection at the end.</summary>
        private sealed class MemorySampler : IDisposable
        {
            private readonly Timer _timer;
            private long _peak;

            public MemorySampler()
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Start = Current();
                _peak = Start;
                _timer = new Timer(_ => Sample(), null, 0, 50);
            }

            public long Start { get; }
            public long Peak => Interlocked.Read(ref _peak);
            public long End { get; private set; }

            public void Dispose()
            {
                _timer.Dispose();
                Sample();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                End = Current();
            }

            private static long Current()
            {
                using var process = Process.GetCurrentProcess();
                return process.WorkingSet64;
            }

            private void Sample()
            {
                var now = Current();
                long seen;
                while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
                {
                }
            }
        }
    }
}
