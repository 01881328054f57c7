using System.Linq;
using Xunit;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    /// <summary>Input the cmdlet cannot act on stops it outright, rather than leaving piped jobs without an outcome.</summary>
    public class ContractEdgeTests : ModuleTestBase
    {
        public ContractEdgeTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Theory]
        [InlineData("Get-ZuoraAsyncJob")]
        [InlineData("Wait-ZuoraAsyncJob")]
        public void An_invalid_track_id_is_a_terminating_error(string cmdlet)
        {
            var ids = new object[] { SeedCompleted("OM-CE001"), SeedCompleted("OM-CE002") };
            using var session = Connected();

            var result = session.Run($"try {{ $args | {cmdlet} -TrackId 'has:colon' }} catch {{ 'caught ' + $_.FullyQualifiedErrorId }}", ids);

            var caught = (string)Assert.Single(result.Output).BaseObject;
            Assert.StartsWith("caught InvalidTrackId,", caught);
            Assert.Empty(result.Errors);
            Assert.All(ids, id => Assert.Equal(0, RequestsFor((string)id)));
        }

        [Theory]
        [InlineData("Get-ZuoraAsyncJob")]
        [InlineData("Wait-ZuoraAsyncJob")]
        public void No_connection_is_a_terminating_error(string cmdlet)
        {
            var ids = new object[] { SeedCompleted("OM-CE003"), SeedCompleted("OM-CE004") };
            using var session = new PowerShellSession();

            var result = session.Run($"try {{ $args | {cmdlet} }} catch {{ 'caught ' + $_.FullyQualifiedErrorId }}", ids);

            var caught = (string)Assert.Single(result.Output).BaseObject;
            Assert.StartsWith("caught NotConnected,", caught);
            Assert.Empty(result.Errors);
        }

        [Fact]
        public void Any_with_several_jobs_already_finished_outputs_exactly_one()
        {
            var ids = Enumerable.Range(0, 5).Select(i => (object)SeedCompleted($"OM-CE1{i:D2}")).ToArray();
            using var session = Connected();

            var result = session.Run("Get-ZuoraAsyncJob -JobId $args | Wait-ZuoraAsyncJob -Any", ids);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Equal("OM-CE100", RunResult.Prop(Assert.Single(result.Output), "OrderNumber"));
        }

        [Fact]
        public void Any_with_several_jobs_finishing_together_outputs_exactly_one()
        {
            var ids = Enumerable.Range(0, 8).Select(i => (object)SeedCompleted($"OM-CE2{i:D2}")).ToArray();
            using var session = Connected("-ThrottleLimit 8");

            var result = session.Run("Wait-ZuoraAsyncJob -JobId $args -Any", ids);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Single(result.Output);
        }
    }
}
