using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace ZuoraJobs.Simulator;

/// <summary>
/// An answer as it is stored for replay. Zuora keeps the status, headers and body of a key's first answer, so
/// the headers that describe it (its <c>Zuora-Request-Id</c>, <c>Location</c>, and a refusal's <c>Retry-After</c>
/// and limit headers) travel with the body.
/// </summary>
internal sealed record StoredResponse(int Status, byte[] Body, string? Location)
{
    public string ContentType { get; init; } = ResponseWriter.Json;

    /// <summary>Headers that belong to this answer and override the ones every response gets.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>The <c>Zuora-Request-Id</c> of the request that produced the answer; null until it is stored.</summary>
    public string? RequestId { get; init; }

    /// <summary>A refusal fault stored in place of processing, counted apart from processed answers.</summary>
    public bool IsRefusal { get; init; }

    public Task WriteAsync(ApiRequest request)
    {
        Microsoft.AspNetCore.Http.IHeaderDictionary headers = request.Http.Response.Headers;
        if (RequestId is not null)
        {
            headers["Zuora-Request-Id"] = RequestId;
        }

        if (Location is not null)
        {
            headers.Location = Location;
        }

        foreach (KeyValuePair<string, string> header in Headers)
        {
            headers[header.Key] = header.Value;
        }

        return request.WriteAsync(Status, Body, ContentType);
    }
}
