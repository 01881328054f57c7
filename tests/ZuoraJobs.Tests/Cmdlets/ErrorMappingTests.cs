using System;
using System.Linq;
using System.Management.Automation;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>Each failure Zuora (or the network) can produce reaches the user as one error record they can act on.</summary>
    public class ErrorMappingTests : ModuleTestBase
    {
        private const string Get = "ZuoraJobs.Cmdlets.GetZuoraAsyncJobCommand";

        public ErrorMappingTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        private ErrorRecord SingleError(string jobId, string connectArguments = "-MaximumRetryCount 2")
        {
            using var session = Connected(connectArguments);
            var result = session.Run("Get-ZuoraAsyncJob $args[0]", jobId);
            Assert.Empty(result.Output);
            return Assert.Single(result.Errors);
        }

        private string SeedWithFaults(params FaultSpec[] faults)
        {
            var id = SeedCompleted("OM-E" + Guid.NewGuid().ToString("N").Substring(0, 6));
            Simulator.State.EnqueueFaults(faults, id);
            return id;
        }

        [Fact]
        public void An_unknown_job_is_AsyncJobNotFound_with_Zuoras_reason_and_request_id()
        {
            var id = Guid.NewGuid().ToString();

            var error = SingleError(id);

            Assert.Equal("AsyncJobNotFound," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(id, error.TargetObject);
            Assert.Contains(id, error.Exception.Message);
            Assert.Contains("50000040", error.Exception.Message);
            Assert.Equal(404, Details(error, "HttpStatus"));
            Assert.NotNull(Details(error, "RequestId"));
            Assert.NotNull(error.ErrorDetails?.RecommendedAction);
        }

        [Fact]
        public void Forbidden_is_AccessDenied()
        {
            var error = SingleError(SeedWithFaults(FaultSpec.Of(FaultKind.AccessDenied)));

            Assert.Equal("AccessDenied," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        }

        [Fact]
        public void Rate_limiting_is_retried_and_then_succeeds()
        {
            var id = SeedWithFaults(new FaultSpec { Kind = FaultKind.RateLimited, RetryAfterSeconds = 1 }, FaultSpec.Of(FaultKind.ServiceUnavailable));
            using var session = Connected();

            var result = session.Run("Get-ZuoraAsyncJob $args[0] -Verbose", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Single(result.Output);
            Assert.Equal(3, RequestsFor(id));
            Assert.Contains(result.Verbose, v => v.Contains("Retrying") && v.Contains("429"));
            Assert.Contains(result.Verbose, v => v.Contains("Retrying") && v.Contains("503"));
        }

        [Theory]
        [InlineData(FaultKind.LockCompetition)]
        [InlineData(FaultKind.TemporaryError)]
        [InlineData(FaultKind.BadGateway)]
        [InlineData(FaultKind.GatewayTimeout)]
        [InlineData(FaultKind.ConnectionReset)]
        public void Transient_failures_are_retried_transparently(FaultKind kind)
        {
            var id = SeedWithFaults(FaultSpec.Of(kind));
            using var session = Connected();

            var result = session.Run("Get-ZuoraAsyncJob $args[0]", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Single(result.Output);
            Assert.Equal(2, RequestsFor(id));
        }

        [Fact]
        public void Rate_limiting_that_outlasts_the_retries_is_RateLimited_with_the_attempt_count()
        {
            var id = SeedWithFaults(Enumerable.Repeat(new FaultSpec { Kind = FaultKind.RateLimited, RetryAfterSeconds = 0 }, 3).ToArray());

            var error = SingleError(id);

            Assert.Equal("RateLimited," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.Equal(3, Details(error, "Attempts"));
            Assert.Equal(3, RequestsFor(id));
        }

        [Fact]
        public void Server_errors_that_outlast_the_retries_are_ZuoraServiceError_with_details()
        {
            var id = SeedWithFaults(Enumerable.Repeat(FaultSpec.Of(FaultKind.ServiceUnavailable), 3).ToArray());

            var error = SingleError(id);

            Assert.Equal("ZuoraServiceError," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Equal(503, Details(error, "HttpStatus"));
            Assert.Equal(id, error.TargetObject);
        }

        [Fact]
        public void A_500_is_not_retried_and_reports_ZuoraServiceError()
        {
            var id = SeedWithFaults(FaultSpec.Of(FaultKind.InternalServerError));

            var error = SingleError(id);

            Assert.Equal("ZuoraServiceError," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(1, RequestsFor(id));
        }

        [Theory]
        [InlineData(FaultKind.MalformedJson)]
        [InlineData(FaultKind.TruncatedGzip)]
        [InlineData(FaultKind.HtmlPage)]
        public void An_unreadable_body_is_InvalidResponse(FaultKind kind)
        {
            var error = SingleError(SeedWithFaults(FaultSpec.Of(kind)));

            Assert.Equal("InvalidResponse," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        }

        [Fact]
        public void An_expired_token_is_renewed_once_and_the_request_succeeds()
        {
            var id = SeedCompleted("OM-E0001");
            using var session = Connected();
            var tokensBefore = Simulator.State.GetStatistics().TokensIssued;
            Simulator.State.ExpireAllTokens();

            var result = session.Run("Get-ZuoraAsyncJob $args[0]", id);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Single(result.Output);
            Assert.Equal(tokensBefore + 1, Simulator.State.GetStatistics().TokensIssued);
        }

        [Fact]
        public void A_supplied_token_that_expired_is_AuthenticationFailed_and_says_to_reconnect()
        {
            var id = SeedCompleted("OM-E0002");
            var token = Simulator.State.IssueToken();
            using var session = new PowerShellSession();
            session.Run("Connect-Zuora -BaseUri $ZuoraTestUri -AccessToken $T", Variables(("T", PowerShellSession.Secure(token))));
            Simulator.State.ExpireAllTokens();

            var result = session.Run("Get-ZuoraAsyncJob $args[0]", id);

            var error = Assert.Single(result.Errors);
            Assert.Equal("AuthenticationFailed," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("Connect-Zuora", error.Exception.Message);
        }

        [Fact]
        public void An_endpoint_nobody_listens_on_is_ConnectionFailed()
        {
            var closed = new UriBuilder(Simulator.BaseAddress) { Port = FreePort() }.Uri;
            using var session = new PowerShellSession();
            var token = Simulator.State.IssueToken();
            session.Run("Connect-Zuora -BaseUri $args[0] -AccessToken $T -MaximumRetryCount 1 -RetryIntervalSec 0.01",
                Variables(("T", PowerShellSession.Secure(token))), closed);

            var result = session.Run("Get-ZuoraAsyncJob $args[0]", Guid.NewGuid().ToString());

            var error = Assert.Single(result.Errors);
            Assert.Equal("ConnectionFailed," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        }

        [Fact]
        public void A_response_slower_than_the_request_timeout_is_RequestTimeout()
        {
            var id = SeedWithFaults(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 5000 });

            var error = SingleError(id, "-RequestTimeoutSec 1 -MaximumRetryCount 0");

            Assert.Equal("RequestTimeout," + Get, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        }

        private static object? Details(ErrorRecord error, string property) =>
            error.Exception.GetType().GetProperty(property)?.GetValue(error.Exception);

        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
