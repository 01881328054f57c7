using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Testing;

namespace ZuoraJobs.Api.Tests
{
    /// <summary>Connections are recycled after their lifetime and closed when the client lets go of them.</summary>
    public class ConnectionLifetimeTests
    {
        private static RawHttpServer KeepAliveServer() => new RawHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync(RawHttpServer.Response(200, "OK", FakeZuora.CompletedJob), ct);
            return true;
        });

        private static ZuoraClient ClientFor(RawHttpServer server, TimeSpan lifetime) => new ZuoraClient(new ZuoraClientOptions
        {
            BaseUri = server.BaseAddress,
            AccessToken = FakeZuora.Secure("supplied-token"),
            PooledConnectionLifetime = lifetime,
        });

        [Fact]
        public async Task A_connection_older_than_its_lifetime_is_replaced()
        {
            using var server = KeepAliveServer();
            using var client = ClientFor(server, TimeSpan.FromMilliseconds(200));

            await client.GetAsyncJobAsync(FakeZuora.JobId, null, default);
            Thread.Sleep(600);
            await client.GetAsyncJobAsync(FakeZuora.JobId, null, default);

            Assert.Equal(2, server.Accepted);
        }

        [Fact]
        public async Task A_connection_within_its_lifetime_is_reused()
        {
            using var server = KeepAliveServer();
            using var client = ClientFor(server, TimeSpan.FromMinutes(5));

            await client.GetAsyncJobAsync(FakeZuora.JobId, null, default);
            Thread.Sleep(600);
            await client.GetAsyncJobAsync(FakeZuora.JobId, null, default);

            Assert.Equal(1, server.Accepted);
        }

        [Fact]
        public async Task Releasing_the_connections_closes_the_sockets_and_a_later_request_opens_new_ones()
        {
            using var server = KeepAliveServer();
            using var client = ClientFor(server, TimeSpan.FromMinutes(5));
            await client.GetAsyncJobAsync(FakeZuora.JobId, null, default);

            client.ReleaseConnections();

            Assert.True(server.WaitForClientClose(1, TimeSpan.FromSeconds(10)), "the idle connection stayed open");
            var job = await client.GetAsyncJobAsync(FakeZuora.JobId, null, default);
            Assert.Equal("Completed", job.Status);
            Assert.Equal(2, server.Accepted);
        }
    }
}
