using System;
using System.IO;
using System.Linq;
using Xunit;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>The mono executable on PATH, if any.</summary>
    internal static class MonoRuntime
    {
        public static readonly string? Path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "mono"))
            .FirstOrDefault(File.Exists);

        /// <summary>CI must run the Mono stand-in; elsewhere a missing Mono shows as skipped, never as passed.</summary>
        public static bool Required => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

        public static string Require() =>
            Path ?? throw new InvalidOperationException("Mono is not installed, and CI must run the Windows PowerShell 5.1 stand-in: run .ci/ensure-mono.");
    }

    /// <summary>A fact that needs Mono: skipped (visibly) when it is missing outside CI, failing when it is missing in CI.</summary>
    public sealed class MonoFactAttribute : FactAttribute
    {
        public MonoFactAttribute()
        {
            if (MonoRuntime.Path == null && !MonoRuntime.Required)
            {
                Skip = "Mono is not installed: the Windows PowerShell 5.1 stand-in did not run (install it with .ci/ensure-mono).";
            }
        }
    }
}
