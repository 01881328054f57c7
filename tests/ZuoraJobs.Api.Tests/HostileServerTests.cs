using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Testing;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>A server that lies, floods or redirects: every case ends in one named error and nothing leaks.</summary>
    public class HostileServerTests
    {
        private const string JobId = FakeZuora.JobId;

        private static ZuoraClient ClientFor(RawHttpServer server, Action<ZuoraClientOptions>? configure = null)
        {
            var options = new ZuoraClientOptions
            {
                BaseUri = server.BaseAddress,
                AccessToken = FakeZuora.Secure("supplied-token"),
                RetryBaseDelay = TimeSpan.FromMilliseconds(5),
                MaxRetryCount = 2,
                RequestTimeout = TimeSpan.FromSeconds(20),
            };
            configure?.Invoke(options);
            return new ZuoraClient(options);
        }

        private static byte[] Gzip(byte[] data)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(data, 0, data.Length);
            }

            return output.ToArray();
        }

        [Fact]
        public async Task A_gzip_body_inflating_past_the_cap_is_InvalidResponse_and_not_retried()
        {
            // Valid JSON once inflated, so only a cap on decompressed bytes can refuse it.
            var inflated = Encoding.ASCII.GetBytes("{\"status\":\"Completed\",\"pad\":\"" + new string('a', 40 * 1024 * 1024) + "\"}");
            var wire = Gzip(inflated);
            Assert.True(wire.Length < 1024 * 1024);
            using var server = new RawHttpServer(async (_, stream, ct) =>
            {
                var bytes = RawHttpServer.Response(200, "OK", wire, ("Content-Encoding", "gzip"));
                await stream.WriteAsync(bytes, ct);
                return true;
            });
            using var client = ClientFor(server);

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => client.GetAsyncJobAsync(JobId, null, default));

            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Contains("32 MiB", error.Message);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task An_endless_body_is_cut_at_the_cap_without_waiting_for_the_timeout_or_retrying()
        {
            using var server = new RawHttpServer(async (_, stream, ct) =>
            {
                var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"status\":\"Processing\",\"x\":\"");
                await stream.WriteAsync(head, ct);
                var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                while (!ct.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk, ct);
                }

                return false;
            });
            using var client = ClientFor(server, o => { o.RequestTimeout = TimeSpan.FromSeconds(5); o.MaxRetryCount = 1; });

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => client.GetAsyncJobAsync(JobId, null, default));

            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task A_declared_length_over_the_cap_is_refused_before_reading()
        {
            var bodyWritten = 0L;
            using var server = new RawHttpServer(async (_, stream, ct) =>
            {
                var head = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n");
                await stream.WriteAsync(head, ct);
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)' ');
                while (!ct.IsCancellationRequested)
                {
                    await stream.WriteAsync(chunk, ct);
                    Interlocked.Add(ref bodyWritten, chunk.Length);
                }

                return false;
            });
            using var client = ClientFor(server, o => o.MaxRetryCount = 0);

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => client.GetAsyncJobAsync(JobId, null, default));

            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Contains("1073741824", error.Message);
            Assert.Contains("32 MiB", error.Message);
            Assert.Single(server.Requests);
        }

        [Theory]
        [InlineData(307)]
        [InlineData(308)]
        [InlineData(302)]
        public async Task A_redirected_token_request_never_carries_the_secret_to_the_other_host(int status)
        {
            using var elsewhere = new RawHttpServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(RawHttpServer.Response(200, "OK", "{\"access_token\":\"stolen\",\"expires_in\":3599}"), ct);
                return true;
            }, "127.0.0.2");
            var location = new Uri(elsewhere.BaseAddress, "oauth/token").ToString();
            using var server = new RawHttpServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(RawHttpServer.Response(status, "Moved", "", ("Location", location)), ct);
                return true;
            });
            using var client = ClientFor(server, o =>
            {
                o.AccessToken = null;
                o.ClientId = FakeZuora.ClientId;
                o.ClientSecret = FakeZuora.Secure(FakeZuora.Secret);
            });

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => client.AuthenticateAsync(null, default));

            Assert.Empty(elsewhere.Requests);
            Assert.Single(server.Requests);
            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Contains(location, error.Message);
            Assert.Contains("redirect", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task A_redirected_job_request_is_an_error_naming_the_location_and_sends_nothing_there()
        {
            using var elsewhere = new RawHttpServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(RawHttpServer.Response(200, "OK", FakeZuora.CompletedJob), ct);
                return true;
            }, "127.0.0.2");
            var location = new Uri(elsewhere.BaseAddress, "v1/async-jobs/" + JobId).ToString();
            using var server = new RawHttpServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(RawHttpServer.Response(302, "Found", "", ("Location", location)), ct);
                return true;
            });
            using var client = ClientFor(server);

            var error = await Assert.ThrowsAsync<ZuoraApiException>(() => client.GetAsyncJobAsync(JobId, null, default));

            Assert.Empty(elsewhere.Requests);
            Assert.Single(server.Requests);
            Assert.Equal(ZuoraErrorKind.InvalidResponse, error.Kind);
            Assert.Contains(location, error.Message);
        }
    }
}
