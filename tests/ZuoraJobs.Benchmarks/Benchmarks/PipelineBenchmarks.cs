using System;
using BenchmarkDotNet.Attributes;
using ZuoraJobs.Benchmarks.Infrastructure;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Benchmarks.Benchmarks
{
    /// <summary>
    /// Get-ZuoraAsyncJob for 200 IDs in a hosted PowerShell 7.6 runspace, module imported from out/ZuoraJobs and
    /// connected to the simulator (5 ms per GET, ThrottleLimit 8). Baseline: the naive script, a foreach loop calling
    /// Get-ZuoraAsyncJob once per ID; the same cmdlet, connection and runspace, so the only difference is whether the
    /// cmdlet sees all IDs in one pipeline (and can overlap their requests) or one ID per invocation.
    /// This class touches no ZuoraJobs type: everything goes through PowerShell, as a user's script does.
    /// </summary>
    [BenchmarkCategory("PowerShell")]
    public class PipelineBenchmarks
    {
        private const int Jobs = 200;

        private SimulatorHost? _host;
        private HostedPowerShell _ps = null!;

        [GlobalSetup]
        public void Setup()
        {
            _host = BenchSimulator.Start();
            var ids = BenchSimulator.SeedJobs(_host, Jobs, BenchSimulator.TypicalResult(), pollsBeforeCompletion: 0);
            _ps = new HostedPowerShell();
            _ps.Connect(_host.BaseAddress, SimulatorDefaults.ClientId, SimulatorDefaults.ClientSecret, throttleLimit: 8);
            _ps.SetVariable("ids", ids);
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _ps.Dispose();
            BenchSimulator.Stop(_host);
        }

        [Benchmark(Baseline = true, Description = "foreach { Get-ZuoraAsyncJob $id }")]
        public int ForeachOneIdPerCall() => Run("foreach ($id in $ids) { Get-ZuoraAsyncJob -JobId $id }");

        [Benchmark(Description = "$ids | ForEach-Object { Get-ZuoraAsyncJob $_ }")]
        public int ForEachObjectOneIdPerCall() => Run("$ids | ForEach-Object { Get-ZuoraAsyncJob -JobId $_ }");

        [Benchmark(Description = "$ids | Get-ZuoraAsyncJob")]
        public int Pipeline() => Run("$ids | Get-ZuoraAsyncJob");

        [Benchmark(Description = "Get-ZuoraAsyncJob -JobId $ids")]
        public int ArrayParameter() => Run("Get-ZuoraAsyncJob -JobId $ids");

        private int Run(string script)
        {
            var output = _ps.Invoke(script);
            return output.Count == Jobs ? output.Count : throw new InvalidOperationException($"`{script}` wrote {output.Count} objects, expected {Jobs}.");
        }
    }
}
