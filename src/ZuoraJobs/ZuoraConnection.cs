using System;
using ZuoraJobs.Api;
using ZuoraJobs.Orders;

namespace ZuoraJobs
{
    /// <summary>
    /// What <c>Connect-Zuora</c> made: where requests go and who makes them. Holds the client (and through it the token
    /// cache) but shows neither secret nor token, so it is safe to print, log and pass to <c>-Context</c>.
    /// </summary>
    public sealed class ZuoraConnection
    {
        internal ZuoraConnection(ZuoraClient client, string? environment, string authenticationType, string? clientId,
            string? zuoraVersion, string? entityId, ZuoraConnection? replaced = null)
        {
            Client = client;
            Environment = environment;
            AuthenticationType = authenticationType;
            ClientId = clientId;
            ZuoraVersion = zuoraVersion;
            EntityId = entityId;
            ConnectedAt = DateTimeOffset.Now;
            Ledger = replaced != null && SameTenant(replaced) ? replaced.Ledger : new SubmissionLedger(() => DateTimeOffset.UtcNow);
        }

        internal ZuoraClient Client { get; }

        internal SubmissionLedger Ledger { get; }

        /// <summary>The data centre's name, or null for a custom base URI.</summary>
        public string? Environment { get; }

        public Uri BaseUri => Client.BaseUri;

        /// <summary><c>ClientCredentials</c> (renewable) or <c>AccessToken</c> (supplied, not renewable).</summary>
        public string AuthenticationType { get; }

        /// <summary>The OAuth client ID; not a secret, and what Zuora's audit trail shows.</summary>
        public string? ClientId { get; }

        public string? ZuoraVersion { get; }
        public string? EntityId { get; }
        public DateTimeOffset ConnectedAt { get; }
        public DateTimeOffset? TokenExpiresAt => Client.TokenExpiresAt;

        /// <summary>
        /// Every order this connection sent in the last 24 hours and what became of it, oldest first (a new
        /// Connect-Zuora with the same client ID, base URI and entity keeps the list of the default connection it
        /// replaces). After a command
        /// ended early, the ones not <see cref="SentOrder.Reported"/> are those whose answer never reached the
        /// pipeline: <see cref="SentOrderState.Accepted"/> and <see cref="SentOrderState.Unknown"/> ones may exist in
        /// Zuora, and sending the same orders again on this connection reuses their keys instead of creating them twice.
        /// </summary>
        public SentOrder[] SentOrders => Ledger.Snapshot();

        /// <summary>
        /// Whether <paramref name="other"/> reaches the same tenant as the same API client, so that reconnecting (new
        /// options, a token refused after a secret rotation) keeps the orders sent so far accounted for. A supplied
        /// access token names no client, and many tenants share one base URI, so such connections never match.
        /// </summary>
        internal bool SameTenant(ZuoraConnection other) =>
            ClientId != null
            && string.Equals(ClientId, other.ClientId, StringComparison.Ordinal)
            && Uri.Compare(BaseUri, other.BaseUri, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
            && string.Equals(EntityId ?? string.Empty, other.EntityId ?? string.Empty, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Environment == null ? BaseUri.ToString() : $"{Environment} ({BaseUri})";
    }
}
