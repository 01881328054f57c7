using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ZuoraJobs.Api
{
    /// <summary>
    /// Builds exceptions whose message a person can act on: what happened, to which job, what Zuora said, the IDs
    /// support will ask for, and what to do next. Never includes credentials: nothing here sees them.
    /// </summary>
    internal static class ErrorMessages
    {
        public static ZuoraApiException ToException(AttemptFailure failure, ApiOperation operation, Uri baseUri, string? trackId, int attempts, string? stopReason)
        {
            var message = Compose(failure, operation, baseUri, trackId, attempts, stopReason);
            return new ZuoraApiException(failure.Kind, message, failure.Error)
            {
                HttpStatus = failure.HttpStatus,
                Reasons = failure.Reasons,
                RequestId = failure.RequestId,
                TrackId = trackId,
                ProcessId = failure.ProcessId,
                RetryAfter = failure.ServerDelay,
                Attempts = attempts,
                JobId = operation.JobId,
                IdempotencyKey = operation.IdempotencyKey,
            };
        }

        /// <summary>One line for a retry or a log: "HTTP 429 Too Many Requests, Retry-After 1 s".</summary>
        public static string Summary(AttemptFailure failure)
        {
            var parts = new StringBuilder();
            if (failure.HttpStatus.HasValue && failure.HttpStatus.Value > 0)
            {
                parts.Append(HttpText.Status(failure.HttpStatus.Value, failure.ReasonPhrase));
            }

            var reasons = Reasons(failure);
            if (reasons != null)
            {
                Separate(parts).Append("Zuora reason ").Append(reasons);
            }

            if (failure.Kind == ZuoraErrorKind.ConnectionFailed && failure.Error != null)
            {
                Separate(parts).Append("connection failed: ").Append(HttpTransport.Describe(failure.Error));
            }
            else if (failure.Kind == ZuoraErrorKind.RequestTimeout)
            {
                Separate(parts).Append("no answer in time");
            }
            else if (reasons == null && failure.Detail != null)
            {
                Separate(parts).Append(failure.Detail);
            }

            if (failure.ServerDelay.HasValue)
            {
                Separate(parts).Append("Retry-After ").Append(HttpText.Seconds(failure.ServerDelay.Value));
            }

            return parts.ToString();
        }

        private static string Compose(AttemptFailure failure, ApiOperation operation, Uri baseUri, string? trackId, int attempts, string? stopReason)
        {
            var job = operation.Subject ?? (operation.JobId == null ? null : "async job " + operation.JobId);
            var text = new StringBuilder();
            text.Append(Headline(failure, operation, job, baseUri, attempts));

            var evidence = Evidence(failure, trackId);
            if (evidence.Length > 0)
            {
                text.Append(" (").Append(evidence).Append(')');
            }

            text.Append('.');
            if (stopReason != null)
            {
                text.Append(' ').Append(stopReason);
            }

            if (failure.Note != null)
            {
                text.Append(' ').Append(failure.Note);
            }

            var advice = Advice(failure, operation, baseUri);
            if (advice != null)
            {
                text.Append(' ').Append(advice);
            }

            return text.ToString();
        }

        private static string Headline(AttemptFailure failure, ApiOperation operation, string? job, Uri baseUri, int attempts)
        {
            var target = job ?? "an OAuth token";
            var after = attempts > 1 ? " after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts" : string.Empty;
            if (operation.IsOrder)
            {
                var order = OrderHeadline(failure.Kind, target, operation, after);
                if (order != null)
                {
                    return order;
                }
            }

            switch (failure.Kind)
            {
                case ZuoraErrorKind.NotFound:
                    return operation.IsToken
                        ? $"Zuora has no OAuth token endpoint at {baseUri}oauth/token"
                        : $"Zuora found no {target}";
                case ZuoraErrorKind.AccessDenied:
                    return $"Zuora denied access to {target}";
                case ZuoraErrorKind.AuthenticationFailed:
                    switch (failure.AuthProblem)
                    {
                        case AuthenticationProblem.SuppliedTokenRejected:
                            return $"Zuora rejected the supplied access token (it has probably expired) when reading {target}";
                        case AuthenticationProblem.RenewedTokenRejected:
                            return $"Zuora rejected a freshly issued OAuth token when reading {target}";
                        case AuthenticationProblem.NoCredentials:
                            return "No Zuora credentials are configured: neither client credentials nor an access token";
                        default:
                            return operation.IsToken
                                ? $"Zuora rejected the OAuth client credentials at {baseUri}oauth/token"
                                : $"Zuora refused authentication when reading {target}";
                    }

                case ZuoraErrorKind.RateLimited:
                    return $"Zuora kept refusing the request for {target} for exceeding its limits{after}";
                case ZuoraErrorKind.ConnectionFailed:
                    return $"Could not reach Zuora at {baseUri.Host} for {target}{after}";
                case ZuoraErrorKind.RequestTimeout:
                    return $"Zuora did not answer in time for {target}{after}";
                case ZuoraErrorKind.InvalidResponse:
                    return $"Zuora's response for {target} could not be read{after}";
                case ZuoraErrorKind.InvalidRequest:
                    return $"Zuora rejected the request for {target}";
                default:
                    return $"Zuora failed to return {target}{after}";
            }
        }

        private static string Evidence(AttemptFailure failure, string? trackId)
        {
            var parts = new StringBuilder();
            if (failure.HttpStatus.HasValue && failure.HttpStatus.Value > 0)
            {
                parts.Append(HttpText.Status(failure.HttpStatus.Value, failure.ReasonPhrase));
            }

            var reasons = Reasons(failure);
            if (reasons != null)
            {
                Separate(parts).Append("Zuora says: ").Append(reasons);
            }
            else if (failure.Detail != null)
            {
                Separate(parts).Append(failure.Detail);
            }

            if (failure.Error != null && failure.Detail == null && (failure.Kind == ZuoraErrorKind.ConnectionFailed || failure.Kind == ZuoraErrorKind.InvalidResponse))
            {
                Separate(parts).Append(HttpTransport.Describe(failure.Error));
            }

            if (failure.ServerDelay.HasValue)
            {
                Separate(parts).Append("Retry-After ").Append(HttpText.Seconds(failure.ServerDelay.Value));
            }

            if (failure.RequestId != null)
            {
                Separate(parts).Append("request ID: ").Append(failure.RequestId);
            }

            if (trackId != null)
            {
                Separate(parts).Append("track ID: ").Append(trackId);
            }

            return parts.ToString();
        }

        private static string? OrderHeadline(ZuoraErrorKind kind, string target, ApiOperation operation, string after)
        {
            switch (kind)
            {
                case ZuoraErrorKind.OrderRejected:
                    return $"Zuora refused {target} ({operation.Label})";
                case ZuoraErrorKind.IdempotencyKeyMismatch:
                    return $"Zuora refused {target} because its Idempotency-Key '{operation.IdempotencyKey}' was already used for a different request";
                case ZuoraErrorKind.IdempotencyKeyInUse:
                    return $"Zuora kept answering that an earlier request with the Idempotency-Key '{operation.IdempotencyKey}' of {target} is still being processed{after}";
                case ZuoraErrorKind.NotFound:
                    return $"Zuora has no {operation.Path} endpoint for {target}";
                case ZuoraErrorKind.AccessDenied:
                    return $"Zuora denied {operation.Label} for {target}";
                case ZuoraErrorKind.AuthenticationFailed:
                    return null;
                case ZuoraErrorKind.ServiceError:
                    return $"Zuora failed to accept {target}{after}";
                default:
                    return null;
            }
        }

        private static string? OrderAdvice(AttemptFailure failure, ApiOperation operation)
        {
            var key = operation.IdempotencyKey;
            switch (failure.Kind)
            {
                case ZuoraErrorKind.OrderRejected:
                    return key == null
                        ? "Fix the order as Zuora's reasons say and submit it again."
                        : "Fix the order as Zuora's reasons say and submit it with a new Idempotency-Key: for 24 hours Zuora answers this key with this refusal.";
                case ZuoraErrorKind.IdempotencyKeyMismatch:
                    return "An order was already sent under this key (perhaps by an earlier run) and may exist: check for it before sending this one under a new key.";
                case ZuoraErrorKind.IdempotencyKeyInUse:
                case ZuoraErrorKind.RateLimited:
                case ZuoraErrorKind.ConnectionFailed:
                case ZuoraErrorKind.RequestTimeout:
                case ZuoraErrorKind.ServiceError:
                case ZuoraErrorKind.InvalidResponse:
                    return key == null
                        ? null
                        : $"Zuora may have accepted it: submit the same order again with -IdempotencyKey '{key}' within 24 hours to get Zuora's first answer instead of a second order.";
                case ZuoraErrorKind.NotFound:
                    return "Check -Environment or -BaseUri, and that the tenant has the Orders feature.";
                case ZuoraErrorKind.AccessDenied:
                    return "The OAuth client lacks the permission to create orders; ask a Zuora administrator to grant it, or check -EntityId.";
                default:
                    return null;
            }
        }

        private static string? Advice(AttemptFailure failure, ApiOperation operation, Uri baseUri)
        {
            if (operation.IsOrder && failure.Kind != ZuoraErrorKind.AuthenticationFailed)
            {
                return OrderAdvice(failure, operation);
            }

            switch (failure.Kind)
            {
                case ZuoraErrorKind.NotFound:
                    return operation.IsToken
                        ? "Check -Environment or -BaseUri."
                        : $"Check that the ID came from an async order call (POST /v1/async/orders or /v1/async/orders/preview) of this tenant and environment ({baseUri.Host}); Zuora may also have discarded an old job.";
                case ZuoraErrorKind.AccessDenied:
                    return "The OAuth client lacks the Orders permission (or the tenant lacks the Orders feature); ask a Zuora administrator to grant it, or check -EntityId.";
                case ZuoraErrorKind.AuthenticationFailed:
                    switch (failure.AuthProblem)
                    {
                        case AuthenticationProblem.SuppliedTokenRejected:
                            return "A supplied token cannot be renewed: run Connect-Zuora again with a fresh -AccessToken, or with -Credential so the module renews tokens itself.";
                        case AuthenticationProblem.NoCredentials:
                            return "Run Connect-Zuora with -Credential or -AccessToken.";
                        case AuthenticationProblem.RenewedTokenRejected:
                            return "Check that the OAuth client is active, belongs to this tenant and environment, and that -EntityId is right.";
                        default:
                            return "Check the client ID and secret and that they belong to this environment (credentials are per tenant and data centre), then run Connect-Zuora again.";
                    }

                case ZuoraErrorKind.RateLimited:
                    return "Retry later or lower the concurrency; Zuora's limits are shared by every integration of the tenant.";
                case ZuoraErrorKind.ConnectionFailed:
                    return "Check the network, proxy and DNS, and the environment or base URI.";
                case ZuoraErrorKind.RequestTimeout:
                    return "Retry later; if it keeps happening, check the network or raise the request timeout.";
                case ZuoraErrorKind.InvalidResponse:
                    return "Something between this machine and Zuora (a proxy or gateway) may be altering responses; retry, and check the base URI.";
                case ZuoraErrorKind.InvalidRequest:
                    return operation.IsToken
                        ? "Check the client ID and secret."
                        : "Check the job ID and the -ZuoraVersion and -EntityId of the connection.";
                default:
                    return failure.RequestId != null
                        ? "Retry later; if it persists, give the request ID to Zuora support."
                        : "Retry later.";
            }
        }

        private static string? Reasons(AttemptFailure failure)
        {
            if (failure.Reasons.Count == 0)
            {
                return null;
            }

            return string.Join("; ", failure.Reasons.Select(r => r.ToString()));
        }

        private static StringBuilder Separate(StringBuilder text) => text.Length > 0 ? text.Append(", ") : text;
    }
}
