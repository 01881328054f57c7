using System;
using System.IO;

namespace ZuoraJobs.Benchmarks.Infrastructure
{
    /// <summary>
    /// Finds the repository from wherever BenchmarkDotNet starts the process (its generated project lives under this
    /// project's bin folder, so walking up from the base directory reaches the solution).
    /// </summary>
    public static class RepoPaths
    {
        private static readonly Lazy<string> RootValue = new Lazy<string>(FindRoot);

        public static string Root => RootValue.Value;

        public static string ModuleFolder => Path.Combine(Root, "out", "ZuoraJobs");

        public static string ModuleManifest => Path.Combine(ModuleFolder, "ZuoraJobs.psd1");

        private static string FindRoot()
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "Zuora.PowerShell.sln")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (Zuora.PowerShell.sln) above " + AppContext.BaseDirectory);
        }
    }
}
