using System.Threading.Tasks;
using Xunit;
using ZuoraJobs.Testing;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>A connection the runspace lets go of closes its sockets; one still held keeps working.</summary>
    public class ConnectionReleaseTests
    {
        private const string JobId = "2c92c0f8-7a1b-4c2d-9e3f-0123456789ab";
        private const string Body = """{"status":"Completed","success":true,"result":{"orderNumber":"OM-R1"}}""";

        private static RawHttpServer KeepAliveServer() => new RawHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync(RawHttpServer.Response(200, "OK", Body), ct);
            return true;
        });

        [Theory]
        [InlineData("Disconnect-Zuora")]
        [InlineData("Connect-Zuora -BaseUri $Uri -AccessToken $Token")]
        public void Forgetting_the_default_connection_closes_its_sockets(string forget)
        {
            using var server = KeepAliveServer();
            using var session = new PowerShellSession();
            var variables = new System.Collections.Generic.Dictionary<string, object?>
            {
                ["Uri"] = server.BaseAddress,
                ["Token"] = PowerShellSession.Secure("supplied-token"),
            };

            var result = session.Run($"Connect-Zuora -BaseUri $Uri -AccessToken $Token; (Get-ZuoraAsyncJob {JobId}).OrderNumber; {forget}", variables);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("OM-R1", Assert.Single(result.Output).BaseObject);
            Assert.True(server.WaitForClientClose(1, System.TimeSpan.FromSeconds(10)), "the forgotten connection's socket stayed open");
        }

        [Fact]
        public void A_connection_kept_with_PassThru_still_works_after_Disconnect()
        {
            using var server = KeepAliveServer();
            using var session = new PowerShellSession();
            var variables = new System.Collections.Generic.Dictionary<string, object?>
            {
                ["Uri"] = server.BaseAddress,
                ["Token"] = PowerShellSession.Secure("supplied-token"),
            };

            var result = session.Run(
                $"$c = Connect-Zuora -BaseUri $Uri -AccessToken $Token -PassThru; $null = Get-ZuoraAsyncJob {JobId}; Disconnect-Zuora; (Get-ZuoraAsyncJob {JobId} -Context $c).OrderNumber",
                variables);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("OM-R1", Assert.Single(result.Output).BaseObject);
            Assert.Equal(2, server.Accepted);
        }
    }
}
