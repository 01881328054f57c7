using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace ZuoraJobs.Simulator;

/// <summary><c>POST /oauth/token</c> (client_credentials only).</summary>
internal static class OAuthEndpoint
{
    public static async Task HandleAsync(ApiRequest request)
    {
        SimulatorState state = request.State;
        request.Http.Response.Headers["X-RateLimit-Limit-minute"] = "2000";
        request.Http.Response.Headers["X-RateLimit-Remaining-minute"] = "1999";
        byte[]? body = await RequestBodyReader.ReadAsync(request, "application/x-www-form-urlencoded");
        if (body is null)
        {
            return;
        }

        Dictionary<string, StringValues> form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        string grantType = First(form, "grant_type");
        string clientId = First(form, "client_id");
        string clientSecret = First(form, "client_secret");
        if (grantType.Length == 0)
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.MissingAuthParameter,
                "grant_type is required; use client_credentials.");
            return;
        }

        if (!grantType.Equals("client_credentials", StringComparison.Ordinal))
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.InvalidAuthValue,
                $"Unsupported grant_type '{grantType}'; only client_credentials is supported.");
            return;
        }

        if (clientId.Length == 0 || clientSecret.Length == 0)
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.MissingAuthParameter,
                "client_id and client_secret are required.");
            return;
        }

        if (!state.CredentialsMatch(clientId, clientSecret))
        {
            await WriteInvalidCredentialsAsync(request);
            return;
        }

        int lifetime = state.Options.TokenLifetimeSeconds;
        IssuedToken token = state.Tokens.Issue(state.Random.NextHex(16), state.Random.NextHex(16), clientId,
            state.Clock.UtcNow.AddSeconds(lifetime));
        byte[] json = ZuoraJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token.AccessToken);
            w.WriteString("token_type", "bearer");
            w.WriteNumber("expires_in", lifetime);
            w.WriteString("scope", $"user.{clientId[..Math.Min(8, clientId.Length)]} entity.sim service.echo.read tenant.9999");
            w.WriteString("jti", token.Jti);
            w.WriteEndObject();
        });
        await request.WriteAsync(StatusCodes.Status200OK, json);
    }

    private static Task WriteInvalidCredentialsAsync(ApiRequest request)
    {
        // Zuora does not document this body; the shape mixes ProxyUnauthorizedResponse (message) with CommonResponse (reasons).
        const string message = "Invalid client_id or client_secret.";
        byte[] json = ZuoraJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", false);
            w.WriteString("message", message);
            w.WriteString("processId", ZuoraJson.NewProcessId());
            ZuoraJson.WriteReasons(w, ZuoraErrors.InvalidCredentials, message, request.CodeAsNumber);
            w.WriteString("requestId", request.RequestId);
            w.WriteEndObject();
        });
        return request.WriteAsync(StatusCodes.Status401Unauthorized, json);
    }

    private static string First(Dictionary<string, StringValues> form, string key) =>
        form.TryGetValue(key, out StringValues values) ? values.ToString() : string.Empty;
}
