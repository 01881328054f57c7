using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Testing;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Reliability
{
    /// <summary>
    /// Hostile input, from the user's side and from the server's: each case is one named error, and nothing is sent
    /// where it should not be (no request at all for bad input, nothing to another host after a redirect).
    /// </summary>
    public class HostileInputTableTests : ModuleTestBase
    {
        public HostileInputTableTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        public static IEnumerable<object[]> JobIds() => new[]
        {
            "../../oauth/token",
            "2c92c0f8-7a1b-4c2d-9e3f-0123456789ab/../../oauth/token",
            "2c92c0f8-7a1b-4c2d-9e3f-0123456789ab?x=1",
            "2c92c0f8-7a1b-4c2d-9e3f-0123456789ab#x",
            "%2e%2e%2foauth%2ftoken",
            "2c92c0f8%2D7a1b%2D4c2d%2D9e3f%2D0123456789ab",
            "2c92c0f8-7a1b-4c2d-9e3f-0123456789a\u0431",
            "\uff12c92c0f8-7a1b-4c2d-9e3f-0123456789ab",
            "2c92c0f8-7a1b-4c2d-9e3f-0123456789ab\r\nX-Injected: 1",
            "2c92c0f8-7a1b-4c2d-9e3f-0123456789ab\u0000",
            "{2c92c0f8-7a1b-4c2d-9e3f-0123456789ab}",
            new string('a', 10 * 1024),
            "2c92c0f8" + new string('-', 10 * 1024),
            "",
            "   ",
        }.Select(id => new object[] { id });

        [Theory]
        [MemberData(nameof(JobIds))]
        public void A_hostile_job_id_is_InvalidJobId_and_nothing_is_sent(string jobId)
        {
            using var session = Connected();
            var before = Simulator.State.GetStatistics().TotalRequests;

            var get = session.Run("Get-ZuoraAsyncJob -JobId $args[0]", jobId);
            var wait = session.Run("Wait-ZuoraAsyncJob -JobId $args[0] -Timeout 5", jobId);

            Assert.Equal("InvalidJobId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand", Assert.Single(get.Errors).FullyQualifiedErrorId);
            Assert.Equal("InvalidJobId,ZuoraJobs.Cmdlets.WaitZuoraAsyncJobCommand", Assert.Single(wait.Errors).FullyQualifiedErrorId);
            Assert.Empty(get.Output);
            Assert.Empty(wait.Output);
            Assert.Equal(before, Simulator.State.GetStatistics().TotalRequests);
        }

        [Theory]
        [InlineData("a\r\nX-Injected: 1")]
        [InlineData("a\nb")]
        [InlineData("a\tb")]
        [InlineData("\u0000")]
        [InlineData("caf\u00e9")]
        [InlineData("")]
        public void A_hostile_track_id_is_InvalidTrackId_and_nothing_is_sent(string trackId)
        {
            var id = SeedCompleted("OM-HT001");
            using var session = Connected();

            var result = session.Run("try { Get-ZuoraAsyncJob $args[0] -TrackId $args[1] } catch { $_.FullyQualifiedErrorId }", id, trackId);

            Assert.Equal("InvalidTrackId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand", Assert.Single(result.Output).BaseObject);
            Assert.Equal(0, RequestsFor(id));
        }

        [Fact]
        public void A_ten_kilobyte_track_id_is_InvalidTrackId()
        {
            var id = SeedCompleted("OM-HT002");
            using var session = Connected();

            var result = session.Run("try { Get-ZuoraAsyncJob $args[0] -TrackId $args[1] } catch { $_.FullyQualifiedErrorId }", id, new string('t', 10 * 1024));

            Assert.Equal("InvalidTrackId,ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand", Assert.Single(result.Output).BaseObject);
            Assert.Equal(0, RequestsFor(id));
        }

        [Theory]
        [InlineData("http://zuora.example.com/")]
        [InlineData("ftp://127.0.0.1/")]
        [InlineData("file:///etc/passwd")]
        [InlineData("ws://127.0.0.1/")]
        public void A_base_uri_that_is_not_https_is_InvalidBaseUri(string uri)
        {
            using var session = new PowerShellSession();
            var tokens = Simulator.State.GetStatistics().TokensIssued;

            var result = session.Run("try { Connect-Zuora -BaseUri $args[0] -Credential $ZuoraTestCredential } catch { $_.FullyQualifiedErrorId }", Variables(), uri);

            Assert.Equal("InvalidBaseUri,ZuoraJobs.Cmdlets.ConnectZuoraCommand", Assert.Single(result.Output).BaseObject);
            Assert.Equal(tokens, Simulator.State.GetStatistics().TokensIssued);
        }

        public static IEnumerable<object[]> HostileBodies() => new[]
        {
            new object[] { "a body declared as 1 GB", "declared" },
            new object[] { "an endless body", "endless" },
            new object[] { "a gzip body inflating to 64 MiB", "bomb" },
            new object[] { "JSON nested 10,000 deep", "deep" },
            new object[] { "a redirect to another host", "redirect" },
        };

        [Theory]
        [MemberData(nameof(HostileBodies))]
        public void A_hostile_answer_is_InvalidResponse_after_one_request(string what, string kind)
        {
            using var elsewhere = new RawHttpServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(RawHttpServer.Response(200, "OK", """{"status":"Completed"}"""), ct);
                return true;
            }, "127.0.0.2");
            using var server = new RawHttpServer((_, stream, ct) => Answer(kind, stream, elsewhere.BaseAddress, ct));
            using var session = new PowerShellSession();
            var variables = new Dictionary<string, object?> { ["Uri"] = server.BaseAddress, ["Token"] = PowerShellSession.Secure("t0k3n") };

            var result = session.Run(
                "Connect-Zuora -BaseUri $Uri -AccessToken $Token -RetryIntervalSec 0.01; Get-ZuoraAsyncJob 2c92c0f8-7a1b-4c2d-9e3f-0123456789ab",
                variables);

            var error = Assert.Single(result.Errors);
            Assert.True(error.FullyQualifiedErrorId.StartsWith("InvalidResponse,", StringComparison.Ordinal), what + ": " + error.FullyQualifiedErrorId);
            Assert.Single(server.Requests);
            Assert.Empty(elsewhere.Requests);
            if (kind == "redirect")
            {
                Assert.Contains(elsewhere.BaseAddress.Authority, error.Exception.Message);
            }
        }

        [Fact]
        public void A_redirected_token_request_sends_no_secret_elsewhere_and_Connect_fails_with_InvalidResponse()
        {
            using var elsewhere = new RawHttpServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(RawHttpServer.Response(200, "OK", """{"access_token":"x","expires_in":3599}"""), ct);
                return true;
            }, "127.0.0.2");
            using var server = new RawHttpServer(async (_, stream, ct) =>
            {
                await stream.WriteAsync(RawHttpServer.Response(307, "Temporary Redirect", "", ("Location", elsewhere.BaseAddress + "oauth/token")), ct);
                return true;
            });
            using var session = new PowerShellSession();

            var result = session.Run("try { Connect-Zuora -BaseUri $args[0] -Credential $ZuoraTestCredential } catch { $_ }", Variables(), server.BaseAddress);

            var error = (System.Management.Automation.ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("InvalidResponse,ZuoraJobs.Cmdlets.ConnectZuoraCommand", error.FullyQualifiedErrorId);
            Assert.Contains(elsewhere.BaseAddress.Authority, error.Exception.Message);
            Assert.Empty(elsewhere.Requests);
            Assert.DoesNotContain(ZuoraJobs.Simulator.SimulatorDefaults.ClientSecret, error.Exception.Message);
        }

        private static async Task<bool> Answer(string kind, System.IO.Stream stream, Uri elsewhere, System.Threading.CancellationToken ct)
        {
            switch (kind)
            {
                case "declared":
                case "endless":
                    var head = kind == "declared"
                        ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "{\"status\":\"Completed\",\"x\":\""), ct);
                    var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                    while (!ct.IsCancellationRequested)
                    {
                        await stream.WriteAsync(chunk, ct);
                    }

                    return false;
                case "bomb":
                    await stream.WriteAsync(RawHttpServer.Response(200, "OK", Bomb.Value, ("Content-Encoding", "gzip")), ct);
                    return true;
                case "deep":
                    var deep = "{\"status\":\"Completed\",\"result\":{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}}";
                    await stream.WriteAsync(RawHttpServer.Response(200, "OK", deep), ct);
                    return true;
                default:
                    var location = new Uri(elsewhere, "v1/async-jobs/2c92c0f8-7a1b-4c2d-9e3f-0123456789ab").ToString();
                    await stream.WriteAsync(RawHttpServer.Response(302, "Found", "", ("Location", location)), ct);
                    return true;
            }
        }

        private static readonly Lazy<byte[]> Bomb = new Lazy<byte[]>(() =>
        {
            var inflated = Encoding.ASCII.GetBytes("{\"status\":\"Completed\",\"pad\":\"" + new string(' ', 64 * 1024 * 1024) + "\"}");
            using var output = new System.IO.MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(inflated, 0, inflated.Length);
            }

            return output.ToArray();
        });
    }
}
