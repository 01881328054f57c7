using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace ZuoraJobs.Benchmarks
{
    /// <summary>
    /// Entry point: BenchmarkDotNet's switcher, so <c>--filter</c>, <c>--list</c>, <c>--job</c> and the other standard
    /// arguments work. <c>--quick</c> (ours) swaps the suite's short job for a one-shot dry run: a sanity check that
    /// every benchmark runs, whose numbers mean nothing.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var quick = args.Any(a => string.Equals(a, "--quick", StringComparison.OrdinalIgnoreCase));
            var rest = args.Where(a => !string.Equals(a, "--quick", StringComparison.OrdinalIgnoreCase)).ToArray();

            // A job given on the command line (--job short, --iterationCount ...) replaces the suite's own.
            var jobOnCommandLine = rest.Any(a => a == "--job" || a == "-j" || a.StartsWith("--job=", StringComparison.Ordinal)
                || a == "--warmupCount" || a == "--iterationCount" || a == "--launchCount" || a == "--runOncePerIteration");
            IConfig config = SuiteConfig.Create(quick, addJob: !jobOnCommandLine);

            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }
    }
}
