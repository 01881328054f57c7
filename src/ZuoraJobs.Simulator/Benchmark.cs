using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Simulator;

/// <summary>
/// Throughput of <c>GET /v1/async-jobs/{jobId}</c> with client and server in one process on loopback; the number
/// includes the HttpClient's own cost, so the server alone is faster.
/// </summary>
public static class Benchmark
{
    /// <summary>Result of one measured run.</summary>
    /// <param name="Requests">Requests sent in the measured phase.</param>
    /// <param name="Concurrency">Parallel client tasks.</param>
    /// <param name="Elapsed">Wall time of the measured phase.</param>
    /// <param name="Failures">Responses that were not 200.</param>
    public sealed record Measurement(int Requests, int Concurrency, TimeSpan Elapsed, int Failures)
    {
        /// <summary>Requests per second.</summary>
        public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
    }

    /// <summary>Starts a simulator, warms up, then sends <paramref name="requests"/> GETs over <paramref name="concurrency"/> tasks.</summary>
    public static async Task<Measurement> MeasureAsync(int requests, int concurrency)
    {
        await using SimulatorHost host = await SimulatorHost.StartAsync(new SimulatorOptions { Seed = 1 });
        string jobId = host.State.SeedJob("{\"jobType\":\"AsyncCreateOrder\",\"orderNumber\":\"OM-00001\",\"status\":\"Completed\",\"success\":true}");
        string token = host.State.IssueToken();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var path = new Uri("v1/async-jobs/" + jobId, UriKind.Relative);

        await RunAsync(client, path, Math.Min(2_000, requests), concurrency);
        var clock = Stopwatch.StartNew();
        int failures = await RunAsync(client, path, requests, concurrency);
        clock.Stop();
        return new Measurement(requests, concurrency, clock.Elapsed, failures);
    }

    internal static async Task<int> RunAsync(int requests, int concurrency)
    {
        Measurement m = await MeasureAsync(requests, concurrency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GET /v1/async-jobs/{{jobId}}: {m.Requests} requests, {m.Concurrency} concurrent, {m.Elapsed.TotalMilliseconds:F0} ms, {m.RequestsPerSecond:F0} req/s, {m.Failures} non-200"));
        return m.Failures == 0 ? 0 : 1;
    }

    private static async Task<int> RunAsync(HttpClient client, Uri path, int requests, int concurrency)
    {
        int remaining = requests;
        int failures = 0;
        var workers = new Task[concurrency];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    using HttpResponseMessage response = await client.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if ((int)response.StatusCode != 200)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        return failures;
    }
}
