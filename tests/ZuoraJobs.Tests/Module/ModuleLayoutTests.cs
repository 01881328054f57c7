using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Module
{
    public class ModuleLayoutTests
    {
        private static readonly string[] ExpectedCommands =
        {
            "Connect-Zuora", "Disconnect-Zuora", "Get-ZuoraAsyncJob", "Get-ZuoraContext", "Start-ZuoraOrder", "Start-ZuoraOrderPreview", "Wait-ZuoraAsyncJob",
        };

        [Fact]
        public void Test_ModuleManifest_accepts_the_built_manifest_for_both_editions()
        {
            using var session = new PowerShellSession(importModule: false);
            var result = session.Run("Test-ModuleManifest -Path $args[0]", RepoPaths.ModuleManifest);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var manifest = Assert.Single(result.Output);
            Assert.Equal("ZuoraJobs", RunResult.Prop(manifest, "Name"));
            var editions = ((System.Collections.IEnumerable)RunResult.Prop(manifest, "CompatiblePSEditions")!).Cast<object>().Select(e => e.ToString()).ToArray();
            Assert.Equal(new[] { "Desktop", "Core" }, editions);
            Assert.Equal(new Version(5, 1), RunResult.Prop(manifest, "PowerShellVersion"));
        }

        [Fact]
        public void The_module_exports_exactly_its_cmdlets()
        {
            using var session = new PowerShellSession();
            var result = session.Run("Get-Command -Module ZuoraJobs | ForEach-Object Name");

            Assert.Equal(ExpectedCommands, result.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public void The_assembly_version_is_the_manifests()
        {
            using var session = new PowerShellSession();
            var result = session.Run("(Get-Module ZuoraJobs).Version.ToString(3); [ZuoraJobs.AsyncJob].Assembly.GetName().Version.ToString(3)");

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(result.Output[0].ToString(), result.Output[1].ToString());
        }

        [Fact]
        public void The_module_folder_never_ships_System_Management_Automation()
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "ZuoraJobs.dll")));
            Assert.False(File.Exists(Path.Combine(RepoPaths.ModuleFolder, "System.Management.Automation.dll")));
        }

        [Fact]
        public void The_assembly_references_nothing_newer_than_dotnet_8_so_PowerShell_7_4_loads_it()
        {
            using var stream = File.OpenRead(Path.Combine(RepoPaths.ModuleFolder, "ZuoraJobs.dll"));
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var references = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).Select(r => (Name: reader.GetString(r.Name), r.Version)).ToList();

            Assert.Contains(references, r => r.Name == "System.Text.Json");
            var tooNew = references.Where(r => r.Version > new Version(8, 0, 0, 0)).ToList();
            Assert.True(tooNew.Count == 0, "References above 8.0.0.0: " + string.Join(", ", tooNew));
        }

        [Fact]
        public void The_dependencies_Windows_PowerShell_needs_ship_beside_the_assembly()
        {
            foreach (var name in new[]
                     {
                         "System.Text.Json", "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe",
                         "Microsoft.Bcl.AsyncInterfaces", "System.Text.Encodings.Web", "System.Threading.Tasks.Extensions",
                         "System.Numerics.Vectors",
                     })
            {
                Assert.True(File.Exists(Path.Combine(RepoPaths.ModuleFolder, name + ".dll")), name + ".dll is missing from the module folder");
            }
        }

        [Fact]
        public void Every_cmdlet_declares_its_output_type()
        {
            using var session = new PowerShellSession();
            var result = session.Run("Get-Command -Module ZuoraJobs | Where-Object { $_.Name -ne 'Disconnect-Zuora' -and $_.OutputType.Count -eq 0 } | ForEach-Object Name");

            Assert.Empty(result.Output);
        }
    }
}
