using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ZuoraJobs.Api;
using ZuoraJobs.Benchmarks.Infrastructure;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Benchmarks.Benchmarks
{
    /// <summary>
    /// 200 completed jobs read from the simulator over loopback HTTP, each GET delayed 5 ms by the server. Baseline:
    /// what a script does without the module, one plain HttpClient GET after the other with a bearer token, parsed
    /// with JsonDocument. The module's client is measured used the same way (sequentially) and used as the cmdlet uses
    /// it (all 200 requested at once, its own gate letting 8 run at a time). A raw HttpClient with 8 workers shows what
    /// the same concurrency costs without the module's retry, gate and parsing.
    /// </summary>
    [BenchmarkCategory("Http")]
    public class ManyIdsBenchmarks
    {
        private const int Jobs = 200;
        private const int Concurrency = 8;

        private SimulatorHost? _host;
        private RawZuora _raw = null!;
        private ZuoraClient _client = null!;
        private string[] _ids = Array.Empty<string>();

        [GlobalSetup]
        public void Setup()
        {
            _host = BenchSimulator.Start();
            _ids = BenchSimulator.SeedJobs(_host, Jobs, BenchSimulator.TypicalResult(), pollsBeforeCompletion: 0);
            _raw = new RawZuora(_host.BaseAddress, _host.State.IssueToken());
            _client = new ZuoraClient(new ZuoraClientOptions
            {
                BaseUri = _host.BaseAddress,
                ClientId = SimulatorDefaults.ClientId,
                ClientSecret = BenchSimulator.Secure(SimulatorDefaults.ClientSecret),
                MaxConcurrency = Concurrency,
            });

            // The token is fetched here so no benchmark pays for it.
            _client.AuthenticateAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _raw.Dispose();
            _client.Dispose();
            BenchSimulator.Stop(_host);
        }

        [Benchmark(Baseline = true, Description = "HttpClient, sequential")]
        public async Task<int> HttpClient_Sequential()
        {
            var completed = 0;
            foreach (var id in _ids)
            {
                if (await _raw.GetStatusAsync(id).ConfigureAwait(false) == "Completed")
                {
                    completed++;
                }
            }

            return Check(completed);
        }

        [Benchmark(Description = "ZuoraClient, sequential")]
        public async Task<int> ZuoraClient_Sequential()
        {
            var completed = 0;
            foreach (var id in _ids)
            {
                var job = await _client.GetAsyncJobAsync(id, null, CancellationToken.None).ConfigureAwait(false);
                if (job.Status == AsyncJob.StatusCompleted)
                {
                    completed++;
                }
            }

            return Check(completed);
        }

        [Benchmark(Description = "ZuoraClient, 200 at once, gate 8")]
        public async Task<int> ZuoraClient_Concurrent8()
        {
            var jobs = await Task.WhenAll(_ids.Select(id => _client.GetAsyncJobAsync(id, null, CancellationToken.None))).ConfigureAwait(false);
            return Check(jobs.Count(j => j.Status == AsyncJob.StatusCompleted));
        }

        [Benchmark(Description = "HttpClient, 8 workers")]
        public async Task<int> HttpClient_Concurrent8()
        {
            var completed = 0;
            await Parallel.ForEachAsync(_ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, ct) =>
            {
                if (await _raw.GetStatusAsync(id, ct).ConfigureAwait(false) == "Completed")
                {
                    Interlocked.Increment(ref completed);
                }
            }).ConfigureAwait(false);
            return Check(completed);
        }

        private static int Check(int completed) =>
            completed == Jobs ? completed : throw new InvalidOperationException($"Expected {Jobs} completed jobs, got {completed}.");
    }
}
