using System;
using System.Net;
using System.Security;
using Microsoft.Extensions.Logging;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Benchmarks.Infrastructure
{
    /// <summary>
    /// The simulator as the network benchmarks use it: in this process on 127.0.0.1, no rate limit in the way, and a
    /// fixed latency on every <c>GET /v1/async-jobs/{id}</c> so that a request costs what a remote call costs and
    /// overlapping requests pays off the way it does against Zuora.
    /// </summary>
    public static class BenchSimulator
    {
        /// <summary>Server-side delay added to every async-job GET (not to the token endpoint).</summary>
        public const int LatencyMs = 5;

        public static SimulatorHost Start()
        {
            var host = SimulatorHost.StartAsync(new SimulatorOptions
            {
                Seed = 42,
                RateLimitPerMinute = int.MaxValue / 2,
                MinimumLogLevel = LogLevel.Error,
            }).GetAwaiter().GetResult();
            host.State.AddRandomFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = LatencyMs, Endpoints = SimEndpoint.AsyncJob }, 1.0);
            return host;
        }

        /// <summary>Seeds <paramref name="count"/> jobs with the same result; they answer Processing for that many polls first.</summary>
        public static string[] SeedJobs(SimulatorHost host, int count, string resultJson, int pollsBeforeCompletion)
        {
            var ids = new string[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = host.State.SeedJob(new JobSeed
                {
                    ResultJson = resultJson,
                    Status = "Completed",
                    PollsBeforeCompletion = pollsBeforeCompletion,
                });
            }

            return ids;
        }

        /// <summary>A small but realistic result (a dozen line items, a few subscriptions, one invoice), about 3 KB.</summary>
        public static string TypicalResult() => JobBodies.ResultJson(subscriptions: 4, lineItems: 12, invoices: 1, itemsPerInvoice: 4);

        public static SecureString Secure(string value) => new NetworkCredential(string.Empty, value).SecurePassword;

        public static void Stop(SimulatorHost? host)
        {
            if (host != null)
            {
                host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
