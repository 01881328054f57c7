using System;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Tests.Infrastructure
{
    /// <summary>One simulator on a free loopback port per test class; tests use their own job IDs so they can share it.</summary>
    public sealed class SimulatorFixture : IAsyncLifetime
    {
        private SimulatorHost? _host;

        public SimulatorHost Host => _host ?? throw new InvalidOperationException("not started");
        public Uri BaseAddress => Host.BaseAddress;
        public SimulatorState State => Host.State;

        public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = 1234 });

        public async Task DisposeAsync()
        {
            if (_host != null)
            {
                await _host.DisposeAsync();
            }
        }
    }
}
