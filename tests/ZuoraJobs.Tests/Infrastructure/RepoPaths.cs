using System;
using System.IO;

namespace ZuoraJobs.Tests.Infrastructure
{
    public static class RepoPaths
    {
        public static readonly string Root = FindRoot();
        public static string ModuleFolder => Path.Combine(Root, "out", "ZuoraJobs");
        public static string ModuleManifest => Path.Combine(ModuleFolder, "ZuoraJobs.psd1");

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
