using System;
using System.IO;
using System.Linq;
using Xunit;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>
    /// PowerShell 7.4 runs on .NET 8, whose System.Text.Json 8.0 is in the box. A self-contained .NET 8 host loads the
    /// module with Assembly.LoadFrom, as PowerShell does, and runs the same script: the module's 8.0.0.0 references must
    /// bind to the runtime's copies, never to the folder's files, and the resolver must stay out of the way.
    /// </summary>
    public class PowerShell74StandInTests : IClassFixture<SimulatorScript>
    {
        private static readonly string[] InBoxOnNet8 = { "System.Text.Json", "System.Text.Encodings.Web", "System.Memory", "System.Runtime.CompilerServices.Unsafe", "System.Buffers" };

        private readonly SimulatorScript _simulator;

        public PowerShell74StandInTests(SimulatorScript simulator) => _simulator = simulator;

        [Fact]
        public void The_API_works_on_NET_8_with_the_runtime_System_Text_Json()
        {
            var run = DriverRun.Start(HostPaths.Net8Driver, _simulator.Arguments());

            Assert.Contains(run.Lines, l => l.StartsWith("runtime .NET 8.", StringComparison.Ordinal));
            ScriptAssertions.Succeeded(run, _simulator.JobId);
            Assert.Contains("resolver not attached", run.Lines);

            var json = Assert.Single(run.Loaded("System.Text.Json"));
            Assert.Equal(new Version(8, 0, 0, 0), json.Version);
            Assert.Equal(Path.GetFullPath(HostPaths.Net8RuntimeFolder), Path.GetDirectoryName(json.Path));
            foreach (var name in InBoxOnNet8)
            {
                Assert.True(run.Loaded(name).All(c => !ScriptAssertions.InModuleFolder(c.Path)), $"{name} came from the module folder: {run}");
            }
        }
    }
}
