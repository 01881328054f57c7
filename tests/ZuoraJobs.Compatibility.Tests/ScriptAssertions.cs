using System;
using System.IO;
using System.Linq;
using Xunit;

namespace ZuoraJobs.Compatibility.Tests
{
    internal static class ScriptAssertions
    {
        /// <summary>Every step of the driver's script gave what a user of the cmdlets would get.</summary>
        public static void Succeeded(DriverRun run, string jobId)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("ok expires ", run.Step("token") ?? run.ToString(), StringComparison.Ordinal);
            Assert.Equal(
                $"ok JobId={jobId} Status=Completed AccountNumber=A00000001 InvoiceNumbers=INV00000001 PaidAmount=300 Subscriptions=4",
                run.Step("job"));
            Assert.StartsWith("ok Kind=NotFound HttpStatus=404 Reasons=50000040 ", run.Step("error-body") ?? run.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("ok Kind=ConnectionFailed ", run.Step("connection-failure") ?? run.ToString(), StringComparison.Ordinal);
        }

        public static bool InModuleFolder(string path) =>
            string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetFullPath(HostPaths.ModuleFolder).TrimEnd('/'), StringComparison.Ordinal);

        /// <summary>The one copy of <paramref name="assembly"/> the module's own assemblies use came from its folder.</summary>
        public static void FromModuleFolder(DriverRun run, string assembly, string version)
        {
            var copies = run.Loaded(assembly);
            Assert.True(copies.Any(c => c.Version == Version.Parse(version) && InModuleFolder(c.Path)), $"{assembly} {version} from the module folder: {run}");
        }
    }
}
