using System;
using System.Linq;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>Debug text (headers, body excerpts) is built when the Debug stream shows it, by -Debug or by preference.</summary>
    public class DebugPreferenceTests : ModuleTestBase
    {
        public DebugPreferenceTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Theory]
        [InlineData("Get-ZuoraAsyncJob $args[0] -Debug")]
        [InlineData("$DebugPreference = 'Continue'; Get-ZuoraAsyncJob $args[0]")]
        public void Debug_lines_show_the_exchange_when_wanted(string script)
        {
            var id = SeedCompleted("OM-DB001");
            using var session = Connected();

            var result = session.Run(script, id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Contains(result.Debug, d => d.StartsWith("Response body for GET", StringComparison.Ordinal) && d.Contains("OM-DB001"));
            Assert.Contains(result.Debug, d => d.StartsWith("Request headers for GET", StringComparison.Ordinal));
        }
    }
}
