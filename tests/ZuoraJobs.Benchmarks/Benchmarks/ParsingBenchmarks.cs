using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ZuoraJobs.Api;
using ZuoraJobs.Benchmarks.Infrastructure;

namespace ZuoraJobs.Benchmarks.Benchmarks
{
    /// <summary>
    /// One large completed job body (300 subscriptions, 100 order line items, 20 invoices of 10 items, ~160 KB) read
    /// through an in-memory HttpMessageHandler, so only client-side cost is measured. The module's parser is internal,
    /// so it is reached the way every caller reaches it: <see cref="ZuoraClient.GetAsyncJobAsync"/>. The baseline is
    /// the same HTTP plumbing (HttpClient.GetAsync with a bearer token through the same handler) plus
    /// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>: the least any System.Text.Json
    /// reader pays, and it builds no objects at all.
    /// </summary>
    [BenchmarkCategory("Parsing")]
    public class ParsingBenchmarks
    {
        private const int Subscriptions = 300;
        private const string JobId = "2c92c0f86f5a3b0a016f5c1e2b3d4e5f";
        private static readonly Uri Base = new Uri("https://rest.test.zuora.invalid/");

        private byte[] _body = Array.Empty<byte>();
        private RawZuora _raw = null!;
        private ZuoraClient _client = null!;
        private ZuoraClient _psClient = null!;

        [GlobalSetup]
        public void Setup()
        {
            _body = JobBodies.CompletedBody(Subscriptions, lineItems: 100, invoices: 20, itemsPerInvoice: 10);
            Console.WriteLine($"// Parsing body: {_body.Length:N0} bytes");
            _raw = new RawZuora(new CannedHandler(_body), Base, "benchmark-token");
            _client = NewClient(null);

            // What Connect-Zuora configures: JSON objects the module has no type for become PSCustomObjects.
            _psClient = NewClient(CustomObject);

            var job = _client.GetAsyncJobAsync(JobId, null, CancellationToken.None).GetAwaiter().GetResult();
            if (job.Subscriptions.Length != Subscriptions || job.OrderLineItems.Length != 100 || job.Invoices.Length != 20)
            {
                throw new InvalidOperationException("The module did not read the whole body.");
            }
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _raw.Dispose();
            _client.Dispose();
            _psClient.Dispose();
        }

        [Benchmark(Baseline = true, Description = "HttpClient + JsonDocument.Parse")]
        public async Task<int> HttpClient_JsonDocument()
        {
            var body = await _raw.GetBodyAsync(JobId).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("result").GetProperty("subscriptions").GetArrayLength();
        }

        [Benchmark(Description = "HttpClient + Deserialize<Dictionary<string, JsonElement>>")]
        public async Task<int> HttpClient_GenericDictionary()
        {
            var body = await _raw.GetBodyAsync(JobId).ConfigureAwait(false);
            var map = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
            return map["result"].GetProperty("subscriptions").GetArrayLength();
        }

        [Benchmark(Description = "ZuoraClient.GetAsyncJobAsync (dictionaries)")]
        public async Task<int> ZuoraClient_Dictionaries()
        {
            var job = await _client.GetAsyncJobAsync(JobId, null, CancellationToken.None).ConfigureAwait(false);
            return job.Subscriptions.Length;
        }

        [Benchmark(Description = "ZuoraClient.GetAsyncJobAsync (PSCustomObjects, as Connect-Zuora)")]
        public async Task<int> ZuoraClient_PSObjects()
        {
            var job = await _psClient.GetAsyncJobAsync(JobId, null, CancellationToken.None).ConfigureAwait(false);
            return job.Subscriptions.Length;
        }

        [Benchmark(Description = "JsonDocument.Parse alone (no HTTP)")]
        public int JsonDocument_NoHttp()
        {
            using var document = JsonDocument.Parse(_body);
            return document.RootElement.GetProperty("result").GetProperty("subscriptions").GetArrayLength();
        }

        private ZuoraClient NewClient(JsonObjectFactory? factory) => new ZuoraClient(new ZuoraClientOptions
        {
            BaseUri = Base,
            AccessToken = BenchSimulator.Secure("benchmark-token"),
            Handler = new CannedHandler(_body),
            ObjectFactory = factory,
        });

        /// <summary>Same shape as the module's internal factory: a PSCustomObject with note properties in Zuora's order.</summary>
        private static object CustomObject(IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            var result = new PSObject();
            foreach (var property in properties)
            {
                result.Properties.Add(new PSNoteProperty(property.Key, property.Value));
            }

            return result;
        }
    }
}
