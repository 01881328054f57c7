using System;
using System.Collections;
using System.Linq;
using BenchmarkDotNet.Attributes;
using ZuoraJobs.Benchmarks.Infrastructure;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Benchmarks.Benchmarks
{
    /// <summary>
    /// Start-ZuoraOrder for 200 order hashtables in a hosted PowerShell 7.6 runspace against the simulator (5 ms per
    /// order POST, ThrottleLimit 8). Baseline: the naive script, one Start-ZuoraOrder call per order; the same cmdlet,
    /// connection and runspace, so the only difference is whether the cmdlet sees all orders in one pipeline and can
    /// overlap their requests. Every order gets a new idempotency key, so every invocation really creates 200 jobs.
    /// </summary>
    [BenchmarkCategory("PowerShell")]
    public class OrderBenchmarks
    {
        private const int Orders = 200;

        private SimulatorHost? _host;
        private HostedPowerShell _ps = null!;

        [GlobalSetup]
        public void Setup()
        {
            _host = BenchSimulator.Start();
            _host.State.AddRandomFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = BenchSimulator.LatencyMs, Endpoints = SimEndpoint.CreateOrder }, 1.0);
            _ps = new HostedPowerShell();
            _ps.Connect(_host.BaseAddress, SimulatorDefaults.ClientId, SimulatorDefaults.ClientSecret, throttleLimit: 8);
            _ps.SetVariable("orders", Enumerable.Range(1, Orders).Select(Order).ToArray());
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _ps.Dispose();
            BenchSimulator.Stop(_host);
        }

        [Benchmark(Baseline = true, Description = "foreach { Start-ZuoraOrder $order }")]
        public int ForeachOneOrderPerCall() => Run("foreach ($order in $orders) { Start-ZuoraOrder -Order $order }");

        [Benchmark(Description = "$orders | Start-ZuoraOrder")]
        public int Pipeline() => Run("$orders | Start-ZuoraOrder");

        private static Hashtable Order(int i) => new Hashtable
        {
            ["orderDate"] = "2026-11-23",
            ["orderNumber"] = $"BENCH-{i:0000}",
            ["existingAccountNumber"] = "A00000001",
            ["subscriptions"] = new object[]
            {
                new Hashtable { ["orderActions"] = new object[] { new Hashtable { ["type"] = "CreateSubscription" } } },
            },
            ["processingOptions"] = new Hashtable { ["runBilling"] = true, ["collectPayment"] = false },
        };

        private int Run(string script)
        {
            var output = _ps.Invoke(script);
            return output.Count == Orders ? output.Count : throw new InvalidOperationException($"`{script}` wrote {output.Count} objects, expected {Orders}.");
        }
    }
}
