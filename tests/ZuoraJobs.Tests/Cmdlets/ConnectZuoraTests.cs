using System;
using System.Linq;
using System.Management.Automation;
using Xunit;
using ZuoraJobs.Simulator;
using ZuoraJobs.Tests.Infrastructure;

namespace ZuoraJobs.Tests.Cmdlets
{
    public class ConnectZuoraTests : ModuleTestBase
    {
        private const string Connect = "ZuoraJobs.Cmdlets.ConnectZuoraCommand";

        public ConnectZuoraTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Fact]
        public void Connecting_fetches_a_token_and_Get_ZuoraContext_shows_the_connection_without_secrets()
        {
            using var session = new PowerShellSession();
            var tokensBefore = Simulator.State.GetStatistics().TokensIssued;

            var result = session.Run("Connect-Zuora -BaseUri $ZuoraTestUri -Credential $ZuoraTestCredential; Get-ZuoraContext", Variables());

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var context = Assert.Single(result.Output);
            Assert.Equal("ZuoraJobs.ZuoraConnection", context.TypeNames[0]);
            Assert.Equal(SimulatorDefaults.ClientId, RunResult.Prop(context, "ClientId"));
            Assert.Equal("ClientCredentials", RunResult.Prop(context, "AuthenticationType"));
            Assert.NotNull(RunResult.Prop(context, "TokenExpiresAt"));
            Assert.Equal(tokensBefore + 1, Simulator.State.GetStatistics().TokensIssued);
            foreach (var property in context.Properties)
            {
                Assert.DoesNotContain(SimulatorDefaults.ClientSecret, property.Value?.ToString() ?? string.Empty);
            }
        }

        [Fact]
        public void Wrong_credentials_fail_at_connect_time_with_AuthenticationFailed_and_leave_no_connection()
        {
            using var session = new PowerShellSession();

            var result = session.Run(
                "try { Connect-Zuora -BaseUri $ZuoraTestUri -Credential $Bad } catch { $_ }; Get-ZuoraContext",
                Variables(("Bad", PowerShellSession.Credential(SimulatorDefaults.ClientId, "wrong-secret"))));

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("AuthenticationFailed," + Connect, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.DoesNotContain("wrong-secret", error.ToString());
        }

        [Fact]
        public void Plain_http_to_another_host_is_refused_before_anything_is_sent()
        {
            using var session = new PowerShellSession();

            var result = session.Run("try { Connect-Zuora -BaseUri 'http://zuora.example.com' -Credential $ZuoraTestCredential } catch { $_ }", Variables());

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("InvalidBaseUri," + Connect, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("https", error.Exception.Message);
        }

        [Theory]
        [InlineData("USProduction", "https://rest.na.zuora.com/")]
        [InlineData("USCloud2Production", "https://rest.zuora.com/")]
        [InlineData("USApiSandbox", "https://rest.sandbox.na.zuora.com/")]
        [InlineData("USCloud2ApiSandbox", "https://rest.apisandbox.zuora.com/")]
        [InlineData("USCentralSandbox", "https://rest.test.zuora.com/")]
        [InlineData("EUProduction", "https://rest.eu.zuora.com/")]
        [InlineData("EUApiSandbox", "https://rest.sandbox.eu.zuora.com/")]
        [InlineData("EUCentralSandbox", "https://rest.test.eu.zuora.com/")]
        [InlineData("APProduction", "https://rest.ap.zuora.com/")]
        [InlineData("apcentralsandbox", "https://rest.test.ap.zuora.com/")]
        public void Each_environment_name_maps_to_its_data_centre(string name, string expected)
        {
            using var session = new PowerShellSession();

            // A supplied token needs no request, so no traffic leaves this machine.
            var result = session.Run("Connect-Zuora -Environment $args[0] -AccessToken $T -PassThru", Variables(("T", PowerShellSession.Secure("t"))), name);

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            var connection = Assert.Single(result.Output);
            Assert.Equal(expected, RunResult.Prop(connection, "BaseUri")!.ToString());
            Assert.Equal(name, (string)RunResult.Prop(connection, "Environment")!, ignoreCase: true);
        }

        [Fact]
        public void An_unknown_environment_lists_the_valid_names()
        {
            using var session = new PowerShellSession();

            var result = session.Run("try { Connect-Zuora -Environment Mars -AccessToken $T } catch { $_ }", Variables(("T", PowerShellSession.Secure("t"))));

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("UnknownEnvironment," + Connect, error.FullyQualifiedErrorId);
            Assert.Contains("EUProduction", error.Exception.Message);
        }

        [Fact]
        public void Environment_names_complete_on_tab()
        {
            using var session = new PowerShellSession();
            const string line = "Connect-Zuora -Environment EU";

            var result = session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object CompletionText", line);

            Assert.Equal(new[] { "EUProduction", "EUApiSandbox", "EUCentralSandbox" }, result.Output.Select(o => o.ToString()).ToArray());
        }

        [Fact]
        public void A_malformed_Zuora_version_is_refused_at_binding()
        {
            using var session = new PowerShellSession();

            var result = session.Run("try { Connect-Zuora -BaseUri $ZuoraTestUri -Credential $ZuoraTestCredential -ZuoraVersion 'latest' } catch { $_ }; Get-ZuoraContext", Variables());

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void Each_runspace_has_its_own_default_connection()
        {
            using var first = Connected();
            using var second = new PowerShellSession();

            Assert.Single(first.Run("Get-ZuoraContext").Output);
            Assert.Empty(second.Run("Get-ZuoraContext").Output);
        }

        [Fact]
        public void Disconnect_forgets_the_default_connection()
        {
            using var session = Connected();

            var result = session.Run("Disconnect-Zuora; Get-ZuoraContext; Disconnect-Zuora");

            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            Assert.Empty(result.Output);
        }
    }

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment variables";
    }

    /// <summary>Environment variables are process-wide, so these tests run alone.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public class ConnectZuoraEnvironmentVariableTests : ModuleTestBase
    {
        public ConnectZuoraEnvironmentVariableTests(SimulatorFixture simulator) : base(simulator)
        {
        }

        [Fact]
        public void Without_credential_parameters_the_ZUORA_variables_are_used()
        {
            using var session = new PowerShellSession();
            Environment.SetEnvironmentVariable("ZUORA_CLIENT_ID", SimulatorDefaults.ClientId);
            Environment.SetEnvironmentVariable("ZUORA_CLIENT_SECRET", SimulatorDefaults.ClientSecret);
            Environment.SetEnvironmentVariable("ZUORA_BASE_URI", Simulator.BaseAddress.ToString());
            try
            {
                var result = session.Run("Connect-Zuora -PassThru");

                Assert.True(result.Errors.Count == 0, result.ErrorSummary);
                Assert.Equal(SimulatorDefaults.ClientId, RunResult.Prop(Assert.Single(result.Output), "ClientId"));
            }
            finally
            {
                Environment.SetEnvironmentVariable("ZUORA_CLIENT_ID", null);
                Environment.SetEnvironmentVariable("ZUORA_CLIENT_SECRET", null);
                Environment.SetEnvironmentVariable("ZUORA_BASE_URI", null);
            }
        }

        [Fact]
        public void Without_any_credentials_it_says_what_to_supply_and_never_prompts()
        {
            using var session = new PowerShellSession();

            var result = session.Run("try { Connect-Zuora -BaseUri $ZuoraTestUri } catch { $_ }", Variables());

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal("CredentialRequired,ZuoraJobs.Cmdlets.ConnectZuoraCommand", error.FullyQualifiedErrorId);
            Assert.Contains("ZUORA_CLIENT_ID", error.Exception.Message);
        }
    }
}
