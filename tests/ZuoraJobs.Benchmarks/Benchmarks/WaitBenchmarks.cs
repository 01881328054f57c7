using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ZuoraJobs.Benchmarks.Infrastructure;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Benchmarks.Benchmarks
{
    /// <summary>
    /// Waiting for 200 jobs that each answer Processing on the first poll and Completed on the second, polled every
    /// 20 ms (5 ms server latency per GET). Fresh jobs are seeded before every invocation. Baseline: the loop a user
    /// writes without the module, job after job, poll / sleep the interval / poll again, in C# with a plain HttpClient
    /// (cheaper per step than any script, so the baseline is if anything flattered). A second hand-written loop sweeps
    /// all pending jobs before each sleep, which shows how much comes from not sleeping per job and how much from the
    /// module's concurrent scheduler.
    /// </summary>
    [BenchmarkCategory("Wait")]
    [InvocationCount(1)]
    public class WaitBenchmarks
    {
        private const int Jobs = 200;
        private const int PollIntervalMs = 20;
        private static readonly string PollIntervalSec = (PollIntervalMs / 1000.0).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

        private SimulatorHost? _host;
        private HostedPowerShell _ps = null!;
        private RawZuora _raw = null!;
        private string _result = string.Empty;
        private string[] _ids = Array.Empty<string>();

        [GlobalSetup]
        public void Setup()
        {
            _host = BenchSimulator.Start();
            _result = BenchSimulator.TypicalResult();
            _raw = new RawZuora(_host.BaseAddress, _host.State.IssueToken());
            _ps = new HostedPowerShell();
            _ps.Connect(_host.BaseAddress, SimulatorDefaults.ClientId, SimulatorDefaults.ClientSecret, throttleLimit: 8);
            _ps.Invoke("$ProgressPreference = 'SilentlyContinue'");
        }

        /// <summary>Every invocation waits for jobs nobody has polled yet.</summary>
        [IterationSetup]
        public void SeedFreshJobs()
        {
            _ids = BenchSimulator.SeedJobs(_host!, Jobs, _result, pollsBeforeCompletion: 1);
            _ps.SetVariable("ids", _ids);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _ps.Dispose();
            _raw.Dispose();
            BenchSimulator.Stop(_host);
        }

        [Benchmark(Baseline = true, Description = "per job: poll, sleep, poll (HttpClient)")]
        public async Task<int> PerJobSequentialLoop()
        {
            var completed = 0;
            foreach (var id in _ids)
            {
                while (await _raw.GetStatusAsync(id).ConfigureAwait(false) != "Completed")
                {
                    await Task.Delay(PollIntervalMs).ConfigureAwait(false);
                }

                completed++;
            }

            return Check(completed);
        }

        [Benchmark(Description = "sweep all pending, sleep, repeat (HttpClient)")]
        public async Task<int> SequentialSweepLoop()
        {
            var pending = new List<string>(_ids);
            var completed = 0;
            while (true)
            {
                var still = new List<string>();
                foreach (var id in pending)
                {
                    if (await _raw.GetStatusAsync(id).ConfigureAwait(false) == "Completed")
                    {
                        completed++;
                    }
                    else
                    {
                        still.Add(id);
                    }
                }

                if (still.Count == 0)
                {
                    return Check(completed);
                }

                pending = still;
                await Task.Delay(PollIntervalMs).ConfigureAwait(false);
            }
        }

        [Benchmark(Description = "Wait-ZuoraAsyncJob -JobId $ids")]
        public int WaitCmdlet() => Run($"Wait-ZuoraAsyncJob -JobId $ids -PollInterval {PollIntervalSec}");

        [Benchmark(Description = "$ids | Get-ZuoraAsyncJob | Wait-ZuoraAsyncJob")]
        public int GetThenWait() => Run($"$ids | Get-ZuoraAsyncJob | Wait-ZuoraAsyncJob -PollInterval {PollIntervalSec}");

        private int Run(string script)
        {
            var output = _ps.Invoke(script);
            var completed = output.Count(o => o.Properties["Status"]?.Value as string == "Completed");
            return Check(completed);
        }

        private static int Check(int completed) =>
            completed == Jobs ? completed : throw new InvalidOperationException($"Expected {Jobs} completed jobs, got {completed}.");
    }
}
