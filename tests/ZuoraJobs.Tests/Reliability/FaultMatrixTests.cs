using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Reliability
{
    /// <summary>
    /// Every fault the simulator can inject, once (a transient fault) and on every request to the job (a persistent
    /// one), against Get-ZuoraAsyncJob and Wait-ZuoraAsyncJob: each must recover or end in its named error. The same
    /// table is printed in docs/reliability.md, and a test keeps the two identical.
    /// </summary>
    public static class FaultMatrix
    {
        public const string Recovered = "recovered";

        /// <summary>One row: the fault and the outcome of Get once, Wait once, Get always, Wait always.</summary>
        public sealed record Row(string Name, Func<FaultSpec> Fault, string GetOnce, string WaitOnce, string GetAlways, string WaitAlways)
        {
            public string Expected(string cmdlet, string mode) => (cmdlet, mode) switch
            {
                ("Get", "once") => GetOnce,
                ("Wait", "once") => WaitOnce,
                ("Get", "always") => GetAlways,
                _ => WaitAlways,
            };
        }

        // Retry-After 0 keeps the suite fast; honouring a real delay is tested in the client's retry tests.
        private static FaultSpec Spec(FaultKind kind, bool html = false, int? status = null, int latency = 0) =>
            new FaultSpec { Kind = kind, Html = html, Status = status, LatencyMs = latency, RetryAfterSeconds = 0, RateLimitResetSeconds = 0 };

        private static FaultSpec LostAnswer(LostResponse loss)
        {
            var spec = Spec(FaultKind.CommitThenLoseResponse);
            spec.Loss = loss;
            return spec;
        }

        public static readonly Row[] Rows =
        {
            new("RateLimited", () => Spec(FaultKind.RateLimited), Recovered, Recovered, "RateLimited (429)", "RateLimited (429)"),
            new("RateLimitedHttpDate", () => Spec(FaultKind.RateLimitedHttpDate), Recovered, Recovered, "RateLimited (429)", "RateLimited (429)"),
            new("RateLimitedNoRetryAfter", () => Spec(FaultKind.RateLimitedNoRetryAfter), Recovered, Recovered, "RateLimited (429)", "RateLimited (429)"),
            new("ConcurrencyLimited", () => Spec(FaultKind.ConcurrencyLimited), Recovered, Recovered, "RateLimited (429)", "RateLimited (429)"),
            new("InternalServerError", () => Spec(FaultKind.InternalServerError), "ZuoraServiceError (500)", Recovered, "ZuoraServiceError (500)", "ZuoraServiceError (500)"),
            new("InternalServerError, HTML", () => Spec(FaultKind.InternalServerError, html: true), "ZuoraServiceError (500)", Recovered, "ZuoraServiceError (500)", "ZuoraServiceError (500)"),
            new("BadGateway", () => Spec(FaultKind.BadGateway), Recovered, Recovered, "ZuoraServiceError (502)", "ZuoraServiceError (502)"),
            new("BadGateway, HTML", () => Spec(FaultKind.BadGateway, html: true), Recovered, Recovered, "ZuoraServiceError (502)", "ZuoraServiceError (502)"),
            new("ServiceUnavailable", () => Spec(FaultKind.ServiceUnavailable), Recovered, Recovered, "ZuoraServiceError (503)", "ZuoraServiceError (503)"),
            new("ServiceUnavailable, HTML", () => Spec(FaultKind.ServiceUnavailable, html: true), Recovered, Recovered, "ZuoraServiceError (503)", "ZuoraServiceError (503)"),
            new("GatewayTimeout", () => Spec(FaultKind.GatewayTimeout), Recovered, Recovered, "ZuoraServiceError (504)", "ZuoraServiceError (504)"),
            new("GatewayTimeout, HTML", () => Spec(FaultKind.GatewayTimeout, html: true), Recovered, Recovered, "ZuoraServiceError (504)", "ZuoraServiceError (504)"),
            new("LockCompetition", () => Spec(FaultKind.LockCompetition), Recovered, Recovered, "ZuoraServiceError (200)", "ZuoraServiceError (200)"),
            new("TemporaryError", () => Spec(FaultKind.TemporaryError), Recovered, Recovered, "ZuoraServiceError (200)", "ZuoraServiceError (200)"),
            new("AccessDenied", () => Spec(FaultKind.AccessDenied), "AccessDenied (403)", "AccessDenied (403)", "AccessDenied (403)", "AccessDenied (403)"),
            new("Latency", () => Spec(FaultKind.Latency, latency: 150), Recovered, Recovered, Recovered, Recovered),
            new("SlowBody", () => Spec(FaultKind.SlowBody, latency: 150), Recovered, Recovered, Recovered, Recovered),
            new("ConnectionReset", () => Spec(FaultKind.ConnectionReset), Recovered, Recovered, "ConnectionFailed", "ConnectionFailed"),
            new("TruncatedGzip", () => Spec(FaultKind.TruncatedGzip), "InvalidResponse (200)", Recovered, "InvalidResponse (200)", "InvalidResponse (200)"),
            new("MalformedJson", () => Spec(FaultKind.MalformedJson), "InvalidResponse (200)", Recovered, "InvalidResponse (200)", "InvalidResponse (200)"),
            new("HtmlPage", () => Spec(FaultKind.HtmlPage), "InvalidResponse (200)", Recovered, "InvalidResponse (200)", "InvalidResponse (200)"),
            new("TokenExpired", () => Spec(FaultKind.TokenExpired), Recovered, Recovered, "AuthenticationFailed (401)", "AuthenticationFailed (401)"),
            // On a GET the job already exists, so committing first changes nothing: the lost answer is what is tested.
            new("CommitThenLoseResponse, 502", () => LostAnswer(LostResponse.BadGateway), Recovered, Recovered, "ZuoraServiceError (502)", "ZuoraServiceError (502)"),
            new("CommitThenLoseResponse, reset", () => LostAnswer(LostResponse.ConnectionReset), Recovered, Recovered, "ConnectionFailed", "ConnectionFailed"),
        };

        public static IEnumerable<object[]> Cases() =>
            from row in Rows
            from mode in new[] { "once", "always" }
            from cmdlet in new[] { "Get", "Wait" }
            select new object[] { row.Name, cmdlet, mode };
    }

    public class FaultMatrixTests : ModuleTestBase
    {
        public FaultMatrixTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Theory]
        [MemberData(nameof(FaultMatrix.Cases), MemberType = typeof(FaultMatrix))]
        public void Each_fault_recovers_or_ends_in_its_named_error(string fault, string cmdlet, string mode)
        {
            var row = FaultMatrix.Rows.Single(r => r.Name == fault);
            var expected = row.Expected(cmdlet, mode);
            var seed = new JobSeed
            {
                ResultJson = """{"jobType":"AsyncCreateOrder","orderNumber":"OM-FM1","success":true}""",
                PollsBeforeCompletion = cmdlet == "Wait" ? 1 : 0,
            };
            var id = Simulator.State.SeedJob(seed);
            if (mode == "once")
            {
                Simulator.State.EnqueueFaults(new[] { row.Fault() }, id);
            }
            else
            {
                Simulator.State.AddRandomFault(row.Fault(), 1.0, id);
            }

            using var session = Connected(mode == "once" ? "-MaximumRetryCount 2" : "-MaximumRetryCount 1");
            var script = cmdlet == "Get"
                ? "Get-ZuoraAsyncJob $args[0]"
                : "Wait-ZuoraAsyncJob $args[0] -PollInterval 0.01 -MaxPollInterval 0.05 -Timeout 60";

            var result = session.Run(script, id);

            if (expected == FaultMatrix.Recovered)
            {
                Assert.True(result.Errors.Count == 0, result.ErrorSummary);
                Assert.Equal("Completed", RunResult.Prop(Assert.Single(result.Output), "Status"));
                return;
            }

            Assert.Empty(result.Output);
            var error = Assert.Single(result.Errors);
            // "ErrorId (status)", or just "ErrorId" when no HTTP status arrived.
            var open = expected.IndexOf(" (", StringComparison.Ordinal);
            var errorId = open < 0 ? expected : expected.Substring(0, open);
            int? status = open < 0 ? null : int.Parse(expected.Substring(open + 2, 3));
            Assert.Equal(errorId, error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("ZuoraApiException", error.Exception.GetType().Name);

            // The exception type lives in the module's load context, so its properties are read through PSObject.
            var exception = PSObject.AsPSObject(error.Exception);
            var carried = (int?)exception.Properties["HttpStatus"].Value;
            if (errorId == "ConnectionFailed" && status == null)
            {
                // A reset mid-body may land before or after the client has read the 200 headers (loopback RST timing),
                // so the exception carries the status only when it arrived; never any other.
                Assert.True(carried == null || carried == 200, $"HttpStatus {carried}");
            }
            else
            {
                Assert.Equal(status, carried);
            }
            Assert.Equal(id, exception.Properties["JobId"].Value);
            if (status != null)
            {
                Assert.Contains("HTTP " + status, error.Exception.Message);
            }
        }

        [Fact]
        public void Every_fault_the_simulator_can_inject_is_in_the_matrix()
        {
            var tested = FaultMatrix.Rows.Select(r => r.Name.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
            var missing = Enum.GetNames(typeof(FaultKind)).Where(name => !tested.Contains(name)).ToList();
            Assert.True(missing.Count == 0, "Not in the fault matrix: " + string.Join(", ", missing));
        }

        [Fact]
        public void The_matrix_in_the_reliability_page_matches_the_tested_one()
        {
            var page = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "reliability.md"));
            var rows = page.SkipWhile(l => !l.StartsWith("| Fault ", StringComparison.Ordinal)).Skip(2)
                .TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal))
                .Select(l => l.Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray())
                .ToList();

            var expected = FaultMatrix.Rows.Select(r => new[] { r.Name, r.GetOnce, r.WaitOnce, r.GetAlways, r.WaitAlways }).ToList();
            Assert.Equal(expected.Select(r => string.Join(" | ", r)), rows.Select(r => string.Join(" | ", r)));
        }
    }
}
