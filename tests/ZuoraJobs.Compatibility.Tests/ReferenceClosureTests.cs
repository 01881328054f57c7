using System;
using System.IO;
using System.Linq;
using Xunit;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>
    /// Every reference of every assembly the module loads is satisfied on .NET Framework 4.7.2 (Windows PowerShell 5.1)
    /// and on .NET 8 (PowerShell 7.4), given the module's resolver rules. A dependency bump that asks for a newer
    /// System.Text.Json than .NET 8 carries, or a new package whose references nothing ships, fails here.
    /// </summary>
    public class ReferenceClosureTests
    {
        private static readonly string[] ShippedFiles = Directory.GetFiles(HostPaths.ModuleFolder, "*.dll");

        private static ReferenceClosure Framework472()
        {
            var folder = HostPaths.FrameworkReferenceAssemblies;
            Assert.True(File.Exists(Path.Combine(folder, "mscorlib.dll")), "No .NET Framework 4.7.2 reference assemblies at " + folder);
            var files = Directory.GetFiles(folder, "*.dll").Concat(Directory.GetFiles(Path.Combine(folder, "Facades"), "*.dll"));
            return new ReferenceClosure(HostPaths.ModuleFolder, files, ReferenceClosure.HostBinding.NetFramework);
        }

        private static ReferenceClosure Net8()
        {
            // The self-contained .NET 8 stand-in carries the runtime's own assemblies: what PowerShell 7.4 has in the box.
            var files = Directory.GetFiles(HostPaths.Net8RuntimeFolder, "*.dll")
                .Where(f => !Path.GetFileName(f).StartsWith("ZuoraJobs.", StringComparison.OrdinalIgnoreCase));
            var closure = new ReferenceClosure(HostPaths.ModuleFolder, files, ReferenceClosure.HostBinding.NetCore);
            Assert.Contains("System.Private.CoreLib", closure.InBoxNames);
            return closure;
        }

        [Fact]
        public void Every_reference_binds_on_NET_Framework_4_7_2()
        {
            var (_, problems) = Framework472().Walk();

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Every_reference_binds_on_NET_8()
        {
            var (_, problems) = Net8().Walk();

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void On_NET_8_the_module_loads_no_shipped_dependency_at_all()
        {
            var (reached, _) = Net8().Walk();

            Assert.Equal(new[] { "ZuoraJobs" }, reached);
        }

        [Fact]
        public void Every_shipped_file_is_needed_on_NET_Framework()
        {
            var (reached, _) = Framework472().Walk();
            var shipped = ShippedFiles.Select(f => Path.GetFileNameWithoutExtension(f)).OrderBy(n => n, StringComparer.Ordinal);

            Assert.Equal(shipped, reached.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void The_closure_reports_a_reference_nothing_satisfies()
        {
            // The check itself: on a runtime with nothing in the box, not even netstandard binds, and the walk says so.
            var withoutPowerShell = new ReferenceClosure(HostPaths.ModuleFolder, Array.Empty<string>(), ReferenceClosure.HostBinding.NetCore);

            var (_, problems) = withoutPowerShell.Walk();

            Assert.Contains(problems, p => p.StartsWith("ZuoraJobs references netstandard 2.0.0.0, which is neither in the box nor shipped", StringComparison.Ordinal));
        }
    }
}
