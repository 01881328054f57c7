using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>Everything a handler needs about one Zuora API request.</summary>
internal sealed class ApiRequest
{
    public ApiRequest(HttpContext http, SimulatorState state, SimEndpoint endpoint, string? jobId)
    {
        Http = http;
        State = state;
        Endpoint = endpoint;
        JobId = jobId;
        RequestId = Guid.NewGuid().ToString("D");
        Variations = state.GlobalVariations;
        BearerToken = ReadBearer(http.Request);
    }

    public HttpContext Http { get; }

    public SimulatorState State { get; }

    public SimEndpoint Endpoint { get; }

    public string? JobId { get; }

    public string RequestId { get; }

    public string? BearerToken { get; }

    /// <summary>Global variations as they were when the request arrived.</summary>
    public SimulatorVariations Variations { get; }

    public bool CodeAsNumber => Variations.ReasonCodeAsNumber == true;

    public Task WriteAsync(int status, byte[] body, string contentType = ResponseWriter.Json) =>
        ResponseWriter.WriteAsync(Http, status, body, contentType);

    public Task WriteErrorAsync(int status, string code, string message) =>
        WriteAsync(status, ZuoraJson.CommonError(code, message, CodeAsNumber, RequestId));

    private static string? ReadBearer(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        const string scheme = "Bearer ";
        if (header is not null && header.Length > scheme.Length && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return header.Substring(scheme.Length).Trim();
        }

        return null;
    }
}
