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

            // The text the hosted PowerShell 7.6 tests get for the same values (OrderInputTests): one order, one set of bytes.
            Assert.Equal(
                """ok {"third":0.33333333333333331,"tiny":0.30000000000000004,"big":1E+20,"negZero":0,"f":0.1,"m":1.50,"l":9007199254740993,"s":"<b> & \"q\" \\ \t\n\u0001"}""",
                run.Step("order-bytes"));
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
