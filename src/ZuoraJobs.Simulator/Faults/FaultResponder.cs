using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>Writes the response for a terminal fault (every kind except <see cref="FaultKind.Latency"/> and <see cref="FaultKind.SlowBody"/>).</summary>
internal static class FaultResponder
{
    /// <summary>A realistic completed-job body, long enough (&gt;1000 bytes) that cutting it in half leaves a broken prefix.</summary>
    private static readonly byte[] SampleJobBody = Encoding.UTF8.GetBytes(
        "{\"errors\":null,\"result\":{\"jobType\":\"AsyncCreateOrder\",\"accountNumber\":\"A00000001\","
        + "\"invoiceNumbers\":[\"INV00000001\"],\"orderLineItems\":["
        + string.Join(",", Enumerable.Range(1, 12).Select(i =>
            $"{{\"id\":\"{i:x32}\",\"itemNumber\":\"{i}\"}}"))
        + "],\"orderNumber\":\"OM-00002\",\"paidAmount\":\"300.00\",\"paymentNumber\":\"P-00000002\",\"status\":\"Completed\","
        + "\"subscriptions\":[{\"status\":\"Active\",\"subscriptionNumber\":\"SM-00001\"},{\"status\":\"Active\",\"subscriptionNumber\":\"SM-00002\"}],"
        + "\"success\":true},\"status\":\"Completed\",\"success\":true}");

    /// <summary>
    /// The kinds that answer in place of processing, with an answer that can be stored under an idempotency key
    /// and replayed; the others damage the transport, delay, or depend on the token and cannot be replayed as bytes.
    /// </summary>
    public static bool Answers(FaultKind kind) => kind is FaultKind.RateLimited or FaultKind.RateLimitedHttpDate
        or FaultKind.RateLimitedNoRetryAfter or FaultKind.ConcurrencyLimited or FaultKind.InternalServerError
        or FaultKind.BadGateway or FaultKind.ServiceUnavailable or FaultKind.GatewayTimeout or FaultKind.LockCompetition
        or FaultKind.TemporaryError or FaultKind.AccessDenied;

    public static Task WriteAsync(ApiRequest request, FaultSpec fault)
    {
        if (Answers(fault.Kind))
        {
            return Render(request, fault).WriteAsync(request);
        }

        HttpContext http = request.Http;
        switch (fault.Kind)
        {
            case FaultKind.ConnectionReset:
                return ResetMidBodyAsync(http, 200, SampleJobBody);
            case FaultKind.TruncatedGzip:
                return WriteTruncatedGzipAsync(http);

            case FaultKind.MalformedJson:
                return request.WriteAsync(200, Encoding.UTF8.GetBytes(
                    "{\"errors\":null,\"result\":{\"jobType\":\"AsyncCreateOrder\",\"orderNumber\":\"OM-00001\",,\"status\":\"Compl"));

            case FaultKind.HtmlPage:
                return Html(fault.Status ?? 200, "Please sign in").WriteAsync(request);

            case FaultKind.TokenExpired:
                if (request.BearerToken is { } token)
                {
                    request.State.Tokens.Expire(token);
                }

                return Authentication.WriteUnauthorizedAsync(request);

            default:
                throw new InvalidOperationException($"Fault {fault.Kind} is not terminal.");
        }
    }

    /// <summary>The answer of a kind for which <see cref="Answers"/> is true, naming this request's ID.</summary>
    public static StoredResponse Render(ApiRequest request, FaultSpec fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.RateLimited:
            case FaultKind.RateLimitedHttpDate:
            case FaultKind.RateLimitedNoRetryAfter:
                return RateLimited(request, fault);

            case FaultKind.ConcurrencyLimited:
                return ConcurrencyLimited(request, fault.RetryAfterSeconds);

            case FaultKind.InternalServerError:
                return fault.Html
                    ? Html(500, "Internal Server Error")
                    : new StoredResponse(500, ZuoraJson.ReasonsOnly(ZuoraErrors.InternalError,
                        "An internal error occurred. Please retry later.", request.CodeAsNumber), null);

            case FaultKind.BadGateway:
                return ProxyError(request, fault.Html, 502, "Bad Gateway");
            case FaultKind.ServiceUnavailable:
                return ProxyError(request, fault.Html, 503, "Service Temporarily Unavailable");
            case FaultKind.GatewayTimeout:
                return ProxyError(request, fault.Html, 504, "Gateway Time-out");

            case FaultKind.LockCompetition:
                return Error(request, 200, ZuoraErrors.LockCompetition, ZuoraErrors.LockCompetitionMessage);
            case FaultKind.TemporaryError:
                return Error(request, 200, ZuoraErrors.TemporaryError, ZuoraErrors.TemporaryErrorMessage);
            case FaultKind.AccessDenied:
                return Error(request, 403, ZuoraErrors.PermissionDenied, "You do not have permission to perform this operation.");

            default:
                throw new InvalidOperationException($"Fault {fault.Kind} does not answer in place of processing.");
        }
    }

    public static Task WriteBadGatewayAsync(ApiRequest request, bool html) => ProxyError(request, html, 502, "Bad Gateway").WriteAsync(request);

    /// <summary>Status, headers and the first half of a body of declared length, then the connection is aborted.</summary>
    public static async Task ResetMidBodyAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ResponseWriter.Json;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2));
        await http.Response.Body.FlushAsync();
        http.Abort();
    }

    private static StoredResponse ProxyError(ApiRequest request, bool html, int status, string title) =>
        html
            ? Html(status, title)
            : Error(request, status, status == 502 ? ZuoraErrors.InternalError : ZuoraErrors.TemporaryError, $"{title}. Please retry later.");

    public static Task WriteConcurrencyLimitedAsync(ApiRequest request, int retryAfterSeconds) =>
        ConcurrencyLimited(request, retryAfterSeconds).WriteAsync(request);

    public static Task WriteRateLimitedAsync(ApiRequest request, FaultSpec fault) => RateLimited(request, fault).WriteAsync(request);

    private static StoredResponse ConcurrencyLimited(ApiRequest request, int retryAfterSeconds) =>
        Error(request, 429, ZuoraErrors.LimitExceeded,
            "The number of concurrent requests has exceeded the limit. Please retry after the time given in the Retry-After header.")
        with
        {
            Headers = new[] { Header("Retry-After", Seconds(retryAfterSeconds)), Header("Concurrency-Limit-Remaining", "0") },
        };

    private static StoredResponse RateLimited(ApiRequest request, FaultSpec fault)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            Header("RateLimit-Remaining", "0"),
            Header("RateLimit-Reset", Seconds(fault.RateLimitResetSeconds)),
        };
        if (fault.Kind == FaultKind.RateLimited)
        {
            headers.Add(Header("Retry-After", Seconds(fault.RetryAfterSeconds)));
        }
        else if (fault.Kind == FaultKind.RateLimitedHttpDate)
        {
            // RFC 9110 IMF-fixdate; computed from the real clock because that is what a client compares it with.
            headers.Add(Header("Retry-After", DateTimeOffset.UtcNow.AddSeconds(fault.RetryAfterSeconds).ToString("R", CultureInfo.InvariantCulture)));
        }

        return Error(request, 429, ZuoraErrors.LimitExceeded, "The request rate limit has been exceeded.") with { Headers = headers };
    }

    private static StoredResponse Error(ApiRequest request, int status, string code, string message) =>
        new(status, ZuoraJson.CommonError(code, message, request.CodeAsNumber, request.RequestId), null);

    private static StoredResponse Html(int status, string title)
    {
        string code = status.ToString(CultureInfo.InvariantCulture);
        string page = "<html>\r\n<head><title>" + code + " " + title + "</title></head>\r\n<body>\r\n<center><h1>" + code + " "
            + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new StoredResponse(status, Encoding.UTF8.GetBytes(page), null) { ContentType = ResponseWriter.Html };
    }

    private static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    private static async Task WriteTruncatedGzipAsync(HttpContext http)
    {
        byte[] gzip = ResponseWriter.Gzip(SampleJobBody);
        http.Response.StatusCode = 200;
        http.Response.ContentType = ResponseWriter.Json;
        http.Response.Headers.ContentEncoding = "gzip";

        // No Content-Length: the HTTP message ends cleanly, only the gzip stream inside it is cut short.
        await http.Response.Body.WriteAsync(gzip.AsMemory(0, gzip.Length / 2));
    }

    private static string Seconds(int seconds) => Math.Max(0, seconds).ToString(CultureInfo.InvariantCulture);
}
