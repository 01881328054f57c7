using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>A client over the fake with fast retries, a movable clock and a log that collects every message.</summary>
    internal sealed class ClientFixture : IDisposable
    {
        public ClientFixture(Action<ZuoraClientOptions>? configure = null, bool clientCredentials = true)
        {
            Options = new ZuoraClientOptions
            {
                BaseUri = new Uri("https://zuora.test/"),
                UserAgent = "ZuoraJobs/0.1.0 (PowerShell 7.4; Core)",
                RetryBaseDelay = TimeSpan.FromMilliseconds(2),
                RetryMaxDelay = TimeSpan.FromSeconds(2),
                MaxRetryCount = 4,
                JitterSeed = 42,
                Handler = Fake,
            };
            if (clientCredentials)
            {
                Options.ClientId = FakeZuora.ClientId;
                Options.ClientSecret = FakeZuora.Secure(FakeZuora.Secret);
            }

            configure?.Invoke(Options);
            Client = new ZuoraClient(Options, () => DateTimeOffset.UtcNow + Offset);
            Context = new ZuoraRequestContext { TrackId = "track-7", Log = m => Messages.Enqueue(m) };
        }

        public FakeZuora Fake { get; } = new FakeZuora();
        public ZuoraClientOptions Options { get; }
        public ZuoraClient Client { get; }
        public ZuoraRequestContext Context { get; }
        public ConcurrentQueue<ApiMessage> Messages { get; } = new();
        public TimeSpan Offset { get; set; }

        public IEnumerable<string> Verbose => Messages.Where(m => m.Level == ApiMessageLevel.Verbose).Select(m => m.Text);
        public IEnumerable<string> Retries => Verbose.Where(t => t.StartsWith("Retrying ", StringComparison.Ordinal));

        public System.Threading.Tasks.Task<AsyncJob> Get(string? jobId = null, System.Threading.CancellationToken token = default) =>
            Client.GetAsyncJobAsync(jobId ?? FakeZuora.JobId, Context, token);

        public void Dispose() => Client.Dispose();
    }
}
