using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;

namespace ZuoraJobs.Api
{
    /// <summary>Builds the generic object for a JSON object the module has no type for (PowerShell: a PSCustomObject).</summary>
    public delegate object JsonObjectFactory(IReadOnlyList<KeyValuePair<string, object?>> properties);

    /// <summary>Everything a connection needs; fixed once the <see cref="ZuoraClient"/> is built.</summary>
    public sealed class ZuoraClientOptions
    {
        public Uri BaseUri { get; set; } = new Uri("https://rest.na.zuora.com/");

        /// <summary>OAuth client ID (client-credentials flow). Null when <see cref="AccessToken"/> is used.</summary>
        public string? ClientId { get; set; }

        public SecureString? ClientSecret { get; set; }

        /// <summary>An already-issued bearer token; it cannot be renewed.</summary>
        public SecureString? AccessToken { get; set; }

        /// <summary>Sent as <c>Zuora-Version</c> when set.</summary>
        public string? ZuoraVersion { get; set; }

        /// <summary>Sent as <c>Zuora-Entity-Ids</c> when set (multi-entity tenants).</summary>
        public string? EntityId { get; set; }

        public string UserAgent { get; set; } = "ZuoraJobs";

        /// <summary>Time allowed for one HTTP exchange, response body included.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Largest response body accepted, counted after decompression; 0 means the default (32 MiB).</summary>
        public long MaxResponseBytes { get; set; }

        /// <summary>
        /// How long a pooled connection is reused before a new one is opened, so DNS changes are seen during a long
        /// wait and load balancers can rebalance.
        /// </summary>
        public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Requests in flight at once on this connection, shared by every cmdlet using it.</summary>
        public int MaxConcurrency { get; set; } = 8;

        /// <summary>Retries after the first attempt of a GET (0 disables retrying).</summary>
        public int MaxRetryCount { get; set; } = 4;

        /// <summary>First back-off delay when Zuora gives no Retry-After; doubles per attempt, with jitter.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Longest single wait between attempts, whatever Retry-After asks for.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Total time one call may spend retrying before it reports the last failure.</summary>
        public TimeSpan RetryBudget { get; set; } = TimeSpan.FromMinutes(3);

        /// <summary>Renew the token this long before Zuora says it expires.</summary>
        public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Seed for retry jitter; null for a random one. Tests fix it.</summary>
        public int? JitterSeed { get; set; }

        /// <summary>Creates generic objects for JSON the module has no type for; null gives dictionaries.</summary>
        public JsonObjectFactory? ObjectFactory { get; set; }

        /// <summary>Replaces the network stack (tests, proxies); the client takes ownership.</summary>
        public HttpMessageHandler? Handler { get; set; }
    }
}
