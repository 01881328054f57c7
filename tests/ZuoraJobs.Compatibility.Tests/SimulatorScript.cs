using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>
    /// The simulator in-process on a free loopback port with the reference sample job seeded, and the arguments that
    /// make the driver run its script (token, that job, a job Zuora does not know, a port nobody listens on) against it.
    /// </summary>
    public sealed class SimulatorScript : IAsyncLifetime
    {
        // Zuora's documented sample result of an async create-order job.
        private const string SampleResult = """
            {"jobType":"AsyncCreateOrder","accountNumber":"A00000001","invoiceNumbers":["INV00000001"],
             "orderLineItems":[{"id":"bd7840a3c1b6492aa5d1e6f0c3a8fa20","itemNumber":"116"}],
             "orderNumber":"OM-00002","paidAmount":"300","paymentNumber":"P-00000002","status":"Pending",
             "subscriptions":[{"status":"Pending Activation","subscriptionNumber":"SM-00001"},
                              {"status":"Pending Activation","subscriptionNumber":"SM-00002"},
                              {"status":"Active","subscriptionNumber":"SM-00003"},
                              {"status":"Pending Acceptance","subscriptionNumber":"SM-00004"}],
             "success":true}
            """;

        private SimulatorHost? _host;

        public string JobId { get; private set; } = string.Empty;

        public const string MissingJobId = "2c92c0f96f3a1d2b016f3a4e5d6c7b8a";

        public async Task InitializeAsync()
        {
            _host = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = 9 });
            JobId = _host.State.SeedJob(SampleResult);
        }

        public async Task DisposeAsync()
        {
            if (_host != null)
            {
                await _host.DisposeAsync();
            }
        }

        public IEnumerable<string> Arguments(params string[] extra)
        {
            var host = _host ?? throw new InvalidOperationException("not started");
            var arguments = new List<string>
            {
                "--module", HostPaths.ModuleFolder,
                "--base-uri", host.BaseAddress.ToString(),
                "--unreachable-uri", $"http://127.0.0.1:{UnusedPort()}/",
                "--client-id", SimulatorDefaults.ClientId,
                "--client-secret", SimulatorDefaults.ClientSecret,
                "--job", JobId,
                "--missing-job", MissingJobId,
            };
            arguments.AddRange(extra);
            return arguments;
        }

        private static int UnusedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
