using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>Connects to a Zuora tenant and makes the connection this runspace's default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Zuora", DefaultParameterSetName = CredentialParameterSet)]
    [OutputType(typeof(ZuoraConnection))]
    public sealed class ConnectZuoraCommand : ZuoraCmdlet
    {
        private const string CredentialParameterSet = "Credential";
        private const string AccessTokenParameterSet = "AccessToken";

        /// <summary>User name = OAuth client ID, password = client secret.</summary>
        [Parameter(ParameterSetName = CredentialParameterSet)]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AccessTokenParameterSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Environment { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>Zuora silently falls back to its default version on a malformed value, so the form is checked here.</summary>
        [Parameter]
        // \z, not $: '$' also matches before a final line feed, which would then reach the header.
        [ValidatePattern(@"^([0-9]{3}\.[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2})\z")]
        public string? ZuoraVersion { get; set; }

        [Parameter]
        [ValidatePattern(@"^[\x21-\x7E]+\z")]
        public string? EntityId { get; set; }

        [Parameter]
        [ValidateRange(1, 40)]
        public int ThrottleLimit { get; set; } = 8;

        [Parameter]
        [ValidateRange(0, 10)]
        public int MaximumRetryCount { get; set; } = 4;

        [Parameter]
        [ValidateRange(0.0, 300.0)]
        public double RetryIntervalSec { get; set; } = 1;

        [Parameter]
        [ValidateRange(0.1, 3600.0)]
        public double RequestTimeoutSec { get; set; } = 60;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var (environment, baseUri) = ResolveEndpoint();
            var options = new ZuoraClientOptions
            {
                BaseUri = baseUri,
                ZuoraVersion = ZuoraVersion,
                EntityId = EntityId,
                UserAgent = UserAgent.For(SessionState),
                MaxConcurrency = ThrottleLimit,
                MaxRetryCount = MaximumRetryCount,
                RetryBaseDelay = TimeSpan.FromSeconds(RetryIntervalSec),
                RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSec),
                ObjectFactory = PSObjects.CustomObject,
            };

            string authenticationType;
            if (AccessToken != null)
            {
                var problem = Validation.HeaderValueProblem(SecretForm.Reveal(AccessToken));
                if (problem != null)
                {
                    Fail("InvalidAccessToken", $"The access token cannot be sent in the Authorization header: {problem}. Nothing was sent.", null);
                }

                options.AccessToken = AccessToken;
                authenticationType = "AccessToken";
            }
            else
            {
                var (clientId, secret) = ResolveClientCredentials();
                options.ClientId = clientId;
                options.ClientSecret = secret;
                authenticationType = "ClientCredentials";
            }

            var client = new ZuoraClient(options);
            var connection = new ZuoraConnection(client, environment, authenticationType, options.ClientId, ZuoraVersion, EntityId,
                ConnectionStore.Get(SessionState));
            if (options.ClientId != null)
            {
                WriteVerbose($"Requesting an OAuth token for client {options.ClientId} from {baseUri}.");
                try
                {
                    Mailbox.Await(client.AuthenticateAsync(NewRequestContext(null), Cancellation), Cancellation);
                }
                catch (ZuoraApiException e)
                {
                    client.Dispose();
                    ThrowTerminatingError(ErrorRecords.FromApi(e, baseUri));
                }
                catch (OperationCanceledException)
                {
                    client.Dispose();
                    return;
                }
            }

            ConnectionStore.Set(SessionState, connection);
            WriteVerbose($"Connected to {connection}; this is now the default connection of this runspace.");
            if (PassThru)
            {
                WriteObject(connection);
            }
        }

        private (string? Environment, Uri BaseUri) ResolveEndpoint()
        {
            if (Environment != null && BaseUri != null)
            {
                Fail("AmbiguousEndpoint", "Specify either -Environment or -BaseUri, not both.", BaseUri);
            }

            var environment = Environment;
            var baseUri = BaseUri;
            if (environment == null && baseUri == null)
            {
                environment = EnvironmentVariable("ZUORA_ENVIRONMENT");
                var fromVariable = EnvironmentVariable("ZUORA_BASE_URI");
                if (environment == null && fromVariable != null)
                {
                    if (!Uri.TryCreate(fromVariable, UriKind.Absolute, out baseUri))
                    {
                        Fail("InvalidBaseUri", $"ZUORA_BASE_URI '{fromVariable}' is not an absolute URI.", fromVariable);
                    }
                }
            }

            if (environment != null)
            {
                var canonical = ZuoraEnvironment.Canonical(environment);
                if (canonical == null || !ZuoraEnvironment.TryGetBaseUri(canonical, out var mapped))
                {
                    Fail("UnknownEnvironment",
                        $"'{environment}' is not a Zuora environment. Use one of: {string.Join(", ", ZuoraEnvironment.Names)}; or -BaseUri for any other endpoint.",
                        environment);
                    throw new InvalidOperationException(); // unreachable: Fail throws
                }

                return (canonical, mapped);
            }

            if (baseUri == null)
            {
                Fail("EndpointRequired",
                    "Say which Zuora to connect to: -Environment (for example USProduction, EUApiSandbox) or -BaseUri, " +
                    "or set ZUORA_ENVIRONMENT or ZUORA_BASE_URI.",
                    null);
                throw new InvalidOperationException();
            }

            var problem = Validation.BaseUriProblem(baseUri);
            if (problem != null)
            {
                Fail("InvalidBaseUri", $"The base URI '{baseUri}' cannot be used: {problem}.", baseUri);
            }

            if (!baseUri.AbsolutePath.EndsWith("/", StringComparison.Ordinal))
            {
                baseUri = new Uri(baseUri.AbsoluteUri + "/");
            }

            return (ZuoraEnvironment.NameOf(baseUri), baseUri);
        }

        private (string ClientId, SecureString Secret) ResolveClientCredentials()
        {
            if (Credential != null)
            {
                if (string.IsNullOrWhiteSpace(Credential.UserName))
                {
                    Fail("CredentialRequired", "The credential has no user name; it must be the OAuth client ID.", null);
                }

                return (Credential.UserName.Trim(), Credential.Password);
            }

            var clientId = EnvironmentVariable("ZUORA_CLIENT_ID");
            var secret = EnvironmentVariable("ZUORA_CLIENT_SECRET");
            if (clientId == null || secret == null)
            {
                Fail("CredentialRequired",
                    "No credentials: pass -Credential (user name = OAuth client ID, password = client secret) or -AccessToken, " +
                    "or set ZUORA_CLIENT_ID and ZUORA_CLIENT_SECRET.",
                    null);
            }

            var secure = new SecureString();
            foreach (var c in secret!)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return (clientId!.Trim(), secure);
        }

        private static string? EnvironmentVariable(string name)
        {
            var value = System.Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        private void Fail(string errorId, string message, object? target) =>
            ThrowTerminatingError(ErrorRecords.InvalidArgument(errorId, message, target));
    }
}
