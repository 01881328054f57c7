using System;
using System.IO;
using System.Linq;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Module
{
    /// <summary>
    /// Windows PowerShell does not enforce the manifest's DotNetFrameworkVersion, and below .NET Framework 4.7.1 the
    /// netstandard2.0 assembly cannot load at all, so a nested module checks first and stops the import with a sentence.
    /// </summary>
    public class FrameworkRequirementTests
    {
        private const string CheckCall = "$problem = Get-ZuoraFrameworkRequirementError -Edition $PSVersionTable.PSEdition -Release $release";

        private static string RequirementsModule => Path.Combine(RepoPaths.ModuleFolder, "ZuoraJobs.Requirements.psm1");

        private static string? Check(string edition, int? release)
        {
            using var session = new PowerShellSession(importModule: false);
            var result = session.Run(
                "Import-Module $args[0] -ErrorAction Stop; Get-ZuoraFrameworkRequirementError -Edition $args[1] -Release $args[2]",
                RequirementsModule, edition, release);
            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            return result.Output.Select(o => o.ToString()).SingleOrDefault();
        }

        [Theory]
        [InlineData(460805)] // .NET Framework 4.7
        [InlineData(394802)] // .NET Framework 4.6.2
        public void Windows_PowerShell_on_NET_Framework_before_4_7_1_is_told_what_to_install(int release)
        {
            var problem = Check("Desktop", release);

            Assert.NotNull(problem);
            Assert.Contains(".NET Framework 4.7.2 or later", problem, StringComparison.Ordinal);
            Assert.Contains(release.ToString(System.Globalization.CultureInfo.InvariantCulture), problem, StringComparison.Ordinal);
        }

        [Fact]
        public void Windows_PowerShell_without_NET_Framework_4_5_is_told_too()
        {
            Assert.Contains("no .NET Framework 4.5 or later", Check("Desktop", null), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Desktop", 461308)] // 4.7.1
        [InlineData("Desktop", 461814)] // 4.7.2
        [InlineData("Desktop", 533320)] // 4.8.1
        [InlineData("Core", null)]
        public void Supported_runtimes_pass(string edition, int? release)
        {
            Assert.Null(Check(edition, release));
        }

        [Fact]
        public void Import_stops_with_the_requirement_before_the_assembly_is_loaded()
        {
            // A copy of the module as Windows PowerShell on .NET Framework 4.7 would see it, with an assembly that
            // cannot load: the import must fail with the requirement, which proves the check runs first.
            var copy = Path.Combine(Path.GetTempPath(), "ZuoraJobs-requirement-" + Guid.NewGuid().ToString("N"), "ZuoraJobs");
            Directory.CreateDirectory(copy);
            try
            {
                foreach (var file in new[] { "ZuoraJobs.psd1", "ZuoraJobs.Format.ps1xml", "ZuoraJobs.Requirements.psm1" })
                {
                    File.Copy(Path.Combine(RepoPaths.ModuleFolder, file), Path.Combine(copy, file));
                }

                File.WriteAllText(Path.Combine(copy, "ZuoraJobs.dll"), "not an assembly");
                var script = File.ReadAllText(Path.Combine(copy, "ZuoraJobs.Requirements.psm1"));
                Assert.Contains(CheckCall, script, StringComparison.Ordinal);
                File.WriteAllText(Path.Combine(copy, "ZuoraJobs.Requirements.psm1"), script.Replace(CheckCall, "$problem = Get-ZuoraFrameworkRequirementError -Edition Desktop -Release 460805", StringComparison.Ordinal));

                using var session = new PowerShellSession(importModule: false);
                var result = session.Run(
                    "try { Import-Module $args[0]; 'imported' } catch { $_.FullyQualifiedErrorId; [string]$_.CategoryInfo.Category; $_.Exception.Message }",
                    Path.Combine(copy, "ZuoraJobs.psd1"));

                var lines = result.Output.Select(o => o.ToString()).ToList();
                Assert.Equal("DotNetFrameworkTooOld,Microsoft.PowerShell.Commands.ImportModuleCommand", lines[0]);
                Assert.Equal("NotInstalled", lines[1]);
                Assert.Contains(".NET Framework 4.7.2 or later", lines[2], StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
            }
        }
    }
}
