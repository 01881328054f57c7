using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>Where the built module folder, the two driver builds and the .NET Framework reference assemblies are.</summary>
    internal static class HostPaths
    {
        private static readonly Lazy<IReadOnlyDictionary<string, string>> Written = new Lazy<IReadOnlyDictionary<string, string>>(() =>
            File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "host-paths.txt"))
                .Where(l => l.Contains('='))
                .ToDictionary(l => l.Substring(0, l.IndexOf('=')), l => l.Substring(l.IndexOf('=') + 1), StringComparer.Ordinal));

        public static string ModuleFolder { get; } = Path.Combine(FindRoot(), "out", "ZuoraJobs");

        public static string FrameworkDriver => Written.Value["net472-driver"];

        /// <summary>The self-contained .NET 8 build's native launcher, which runs on the runtime copied beside it.</summary>
        public static string Net8Driver => Path.ChangeExtension(Written.Value["net8-driver"], OperatingSystem.IsWindows() ? ".exe" : null);

        public static string Net8RuntimeFolder => Path.GetDirectoryName(Written.Value["net8-driver"])!;

        public static string FrameworkReferenceAssemblies => Written.Value["net472-reference-assemblies"];

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Zuora.PowerShell.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (Zuora.PowerShell.sln) above " + AppContext.BaseDirectory);
        }
    }
}
