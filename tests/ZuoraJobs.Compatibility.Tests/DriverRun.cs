using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace ZuoraJobs.Compatibility.Tests
{
    /// <summary>One run of the host driver: its exit code and its "step …" and "loaded …" lines.</summary>
    internal sealed class DriverRun
    {
        private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

        private DriverRun(int exitCode, string output)
        {
            ExitCode = exitCode;
            Output = output;
            Lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        }

        public int ExitCode { get; }

        public string Output { get; }

        public IReadOnlyList<string> Lines { get; }

        /// <summary>What the driver printed for a step: "ok DETAIL" or "FAIL DETAIL"; null when it did not run.</summary>
        public string? Step(string name) =>
            Lines.Where(l => l.StartsWith("step " + name + " ", StringComparison.Ordinal)).Select(l => l.Substring(("step " + name + " ").Length)).FirstOrDefault();

        /// <summary>Every copy of <paramref name="assembly"/> the run loaded, as (version, path).</summary>
        public IReadOnlyList<(Version Version, string Path)> Loaded(string assembly) =>
            Lines.Where(l => l.StartsWith("loaded " + assembly + " ", StringComparison.Ordinal))
                .Select(l => l.Split(new[] { ' ' }, 4))
                .Select(p => (Version.Parse(p[2]), p[3]))
                .ToList();

        public static DriverRun Start(string fileName, IEnumerable<string> arguments)
        {
            var info = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName);
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit((int)Limit.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} did not finish within {Limit}: {stdout.Result}{stderr.Result}");
            }

            process.WaitForExit();
            return new DriverRun(process.ExitCode, stdout.Result + stderr.Result);
        }

        public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}";
    }
}
