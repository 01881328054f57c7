using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>Bearer check shared by the API endpoints, answering like Zuora's gateway does.</summary>
internal static class Authentication
{
    public static bool IsAuthenticated(ApiRequest request) =>
        request.BearerToken is { } token && request.State.Tokens.IsValid(token, request.State.Clock.UtcNow);

    public static Task WriteUnauthorizedAsync(ApiRequest request)
    {
        request.Http.Response.Headers.WWWAuthenticate = ZuoraHeaders.WwwAuthenticate;
        return request.WriteAsync(StatusCodes.Status401Unauthorized, "{\"message\":\"Authentication error\"}"u8.ToArray());
    }
}
