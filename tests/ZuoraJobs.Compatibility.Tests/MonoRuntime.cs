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

        /// <summary>Why a Mono test is skipped, or null when it runs (Mono present, or CI, where its absence fails).</summary>
        public static string? SkipReason =>
            Path == null && !Required
                ? "Mono is not installed: the Windows PowerShell 5.1 stand-in did not run (install it with .ci/ensure-mono)."
                : null;

        public static string Require() =>
            Path ?? throw new InvalidOperationException("Mono is not installed, and CI must run the Windows PowerShell 5.1 stand-in: run .ci/ensure-mono.");
    }

    /// <summary>A fact that needs Mono: skipped (visibly) when it is missing outside CI, failing when it is missing in CI.</summary>
    public sealed class MonoFactAttribute : FactAttribute
    {
        public MonoFactAttribute() => Skip = MonoRuntime.SkipReason;
    }

    /// <summary>A theory that needs Mono, skipped or failing like <see cref="MonoFactAttribute"/>.</summary>
    public sealed class MonoTheoryAttribute : TheoryAttribute
    {
        public MonoTheoryAttribute() => Skip = MonoRuntime.SkipReason;
    }
}
