using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>
    /// Ends a pipeline the way Select-Object -First does: by throwing the engine's StopUpstreamCommandsException (internal,
    /// hence reflection), which stops the commands upstream and lets the rest of the pipeline finish normally.
    /// </summary>
    [Cmdlet("Select", "TestFirst")]
    public sealed class SelectTestFirstCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        [Parameter(Position = 0)]
        public int First { get; set; } = 1;

        private int _seen;

        protected override void ProcessRecord()
        {
            WriteObject(InputObject);
            if (++_seen >= First)
            {
                var type = typeof(PSCmdlet).Assembly.GetType("System.Management.Automation.StopUpstreamCommandsException", throwOnError: true)!;
                throw (Exception)Activator.CreateInstance(type, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance,
                    null, new object[] { this }, null)!;
            }
        }
    }

    /// <summary>However a pipeline ends, what the cmdlets started ends with it: no request reaches Zuora afterwards.</summary>
    public class PipelineEndTests : ModuleTestBase
    {
        private const int Throttle = 4;

        // Long enough that, without cancellation, queued requests would visibly reach the server during the settle time.
        private const int LatencyMs = 600;

        public PipelineEndTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        private string[] SlowJobs(int count, string prefix)
        {
            var ids = Enumerable.Range(0, count).Select(i => SeedCompleted($"OM-{prefix}{i:D3}")).ToArray();
            foreach (var id in ids)
            {
                Simulator.State.AddRandomFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = LatencyMs }, 1.0, id);
            }

            return ids;
        }

        private string[] FailingJobs(int count, string prefix)
        {
            var ids = Enumerable.Range(0, count).Select(i => SeedCompleted($"OM-{prefix}{i:D3}")).ToArray();
            foreach (var id in ids)
            {
                Simulator.State.AddRandomFault(new FaultSpec { Kind = FaultKind.ServiceUnavailable }, 1.0, id);
            }

            return ids;
        }

        private long Requests(string[] ids) => ids.Sum(RequestsFor);

        /// <summary>Waits long enough for abandoned work to show up at the server, then returns what arrived in all.</summary>
        private long AfterSettling(string[] ids)
        {
            Thread.Sleep(4 * LatencyMs);
            return Requests(ids);
        }

        private PowerShellSession ConnectedWithTestCommands(string extra = "")
        {
            var session = Connected($"-ThrottleLimit {Throttle} " + extra);
            var import = session.Run("Import-Module -Assembly $args[0]", typeof(SelectTestFirstCommand).Assembly);
            Assert.True(import.Errors.Count == 0, import.ErrorSummary);
            return session;
        }

        [Fact]
        public void ErrorAction_Stop_cancels_the_queued_requests()
        {
            var ids = SlowJobs(24, "PE1");
            using var session = ConnectedWithTestCommands();

            // The bad ID is written (and stops the pipeline) once the four before it have been read.
            var input = ids.Take(Throttle).Append("not-a-job").Concat(ids.Skip(Throttle)).Cast<object>().ToArray();

            var result = session.Run("try { Get-ZuoraAsyncJob -JobId $args -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }", input);

            Assert.Equal("InvalidJobId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand", result.Output.Last().BaseObject);
            Assert.InRange(AfterSettling(ids), Throttle, 2 * Throttle);
        }

        [Fact]
        public void A_downstream_throw_cancels_the_queued_requests()
        {
            var fast = SeedCompleted("OM-PE2FAST");
            var ids = SlowJobs(24, "PE2");
            using var session = ConnectedWithTestCommands();

            var result = session.Run("try { @($args) | Get-ZuoraAsyncJob | ForEach-Object { throw 'downstream' } } catch { 'caught' }",
                new object[] { fast }.Concat(ids).ToArray());

            Assert.Equal("caught", Assert.Single(result.Output).BaseObject);
            Assert.InRange(AfterSettling(ids), 0, Throttle);
        }

        [Fact]
        public void Stopping_upstream_like_Select_Object_First_cancels_the_queued_requests()
        {
            var fast = SeedCompleted("OM-PE3FAST");
            var ids = SlowJobs(24, "PE3");
            using var session = ConnectedWithTestCommands();

            var result = session.Run("@($args) | Get-ZuoraAsyncJob | Select-TestFirst 1", new object[] { fast }.Concat(ids).ToArray());

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("OM-PE3FAST", RunResult.Prop(Assert.Single(result.Output), "OrderNumber"));
            Assert.InRange(AfterSettling(ids), 0, Throttle);
        }

        [Fact]
        public void Retries_stop_when_the_pipeline_ends()
        {
            var fast = SeedCompleted("OM-PE4FAST");
            var ids = FailingJobs(8, "PE4");
            using var session = ConnectedWithTestCommands("-MaximumRetryCount 10");

            var result = session.Run("@($args) | Get-ZuoraAsyncJob | Select-TestFirst 1", new object[] { fast }.Concat(ids).ToArray());

            Assert.Single(result.Output);
            var atEnd = Requests(ids);
            // A request already on the wire when the pipeline ended may still be counted by the server a moment later
            // (at most one per connection slot); a retry scheduled after the end would add many more, one per job.
            Assert.InRange(AfterSettling(ids) - atEnd, 0, Throttle);
        }

        [Fact]
        public void Wait_stopped_downstream_sends_nothing_more()
        {
            var fast = SeedCompleted("OM-PE5FAST");
            var ids = SlowJobs(12, "PE5");
            using var session = ConnectedWithTestCommands();

            var result = session.Run("Wait-ZuoraAsyncJob -JobId (@($args)) -PollInterval 0.05 | Select-TestFirst 1", new object[] { fast }.Concat(ids).ToArray());

            Assert.Single(result.Output);
            Assert.InRange(AfterSettling(ids), 0, Throttle);
        }
    }

    /// <summary>-Timeout is a bound: at the deadline outstanding polls are cancelled and every unfinished job reported once.</summary>
    public class WaitDeadlineTests : ModuleTestBase
    {
        public WaitDeadlineTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Fact]
        public void Timeout_returns_near_the_deadline_with_one_AsyncJobTimeout_per_job_without_spinning()
        {
            // Every first poll takes far longer than the timeout.
            var ids = Enumerable.Range(0, 40).Select(i => SeedCompleted($"OM-WD{i:D3}")).ToArray();
            foreach (var id in ids)
            {
                Simulator.State.AddRandomFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 8000 }, 1.0, id);
            }

            using var session = Connected("-ThrottleLimit 40");
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;

            var result = session.Run("Wait-ZuoraAsyncJob -JobId $args -Timeout 1 -Debug 5>&1", ids.Cast<object>().ToArray());

            clock.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Simulator.State.ReleaseDelayedRequests();
            var timeouts = result.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("AsyncJobTimeout,", StringComparison.Ordinal)).ToList();
            Assert.Equal(40, timeouts.Count);
            Assert.Equal(ids.OrderBy(i => i), timeouts.Select(e => e.TargetObject?.ToString()).OrderBy(i => i));
            Assert.All(timeouts, e => Assert.Contains("never answered", e.Exception.Message));

            // Generous: the point is "not after the slow polls", which would be 8 s.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"returned after {clock.Elapsed}");

            // The scheduler sleeps until something happens: a handful of wake-ups, not thousands of spins.
            var summary = result.Output.Select(o => o.BaseObject).OfType<DebugRecord>().Select(d => d.Message)
                .Single(m => m.StartsWith("Wait summary:", StringComparison.Ordinal));
            var wakeUps = int.Parse(Regex.Match(summary, @"(\d+) wake-up").Groups[1].Value);
            Assert.InRange(wakeUps, 1, 50);
            Console.WriteLine($"{summary}; elapsed {clock.Elapsed.TotalSeconds:0.00} s, process CPU {cpuUsed.TotalSeconds:0.00} s");
        }

        [Fact]
        public void A_job_read_once_then_stuck_times_out_with_its_last_state()
        {
            var id = Simulator.State.SeedJob(new JobSeed { ResultJson = "{}", PollsBeforeCompletion = 1000 });
            using var session = Connected();

            var result = session.Run("Wait-ZuoraAsyncJob $args[0] -Timeout 1 -PollInterval 0.2", id);

            var error = Assert.Single(result.Errors);
            Assert.Equal("AsyncJobTimeout,ZuoraJobs.Cmdlets.WaitZuoraAsyncJobCommand", error.FullyQualifiedErrorId);
            Assert.Equal("Processing", RunResult.Prop(PSObject.AsPSObject(error.TargetObject), "Status"));
        }
    }
}
