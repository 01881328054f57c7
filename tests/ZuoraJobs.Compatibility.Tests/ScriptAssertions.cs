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
            Assert.True(run.Ok("token") != null, run.ToString());
            Assert.Equal(
                $"JobId={jobId} Status=Completed AccountNumber=A00000001 InvoiceNumbers=INV00000001 PaidAmount=300 Subscriptions=4",
                run.Ok("job"));
            Assert.StartsWith("Kind=NotFound HttpStatus=404 Reasons=50000040 ", run.Ok("error-body") ?? run.ToString(), StringComparison.Ordinal);
            Assert.StartsWith("Kind=ConnectionFailed ", run.Ok("connection-failure") ?? run.ToString(), StringComparison.Ordinal);
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
