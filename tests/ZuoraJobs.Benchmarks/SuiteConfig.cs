using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace ZuoraJobs.Benchmarks
{
    /// <summary>
    /// One short job for the whole suite (1 launch, 2 warm-ups, 5 measured iterations) so that every benchmark fits in
    /// a few minutes on a 2-core machine. Speed is read from the Ratio column: each class has one baseline measured in
    /// the same run, on the same machine, against the same simulator.
    /// </summary>
    public static class SuiteConfig
    {
        public static IConfig Create(bool quick, bool addJob)
        {
            var config = DefaultConfig.Instance
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumn(StatisticColumn.Min, StatisticColumn.Max);
            if (!addJob)
            {
                return config;
            }

            var job = quick
                ? Job.Dry.WithId("Quick")
                : Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithId("Suite");
            return config.AddJob(job);
        }
    }
}
