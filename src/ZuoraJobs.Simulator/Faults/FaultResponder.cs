using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>Writes the response for a terminal fault (every kind except <see cref="FaultKind.Latency"/>).</summary>
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

    public static Task WriteAsync(ApiRequest request, FaultSpec fault)
    {
        HttpContext http = request.Http;
        switch (fault.Kind)
        {
            case FaultKind.RateLimited:
            case FaultKind.RateLimitedHttpDate:
            case FaultKind.RateLimitedNoRetryAfter:
                return WriteRateLimitedAsync(request, fault);

            case FaultKind.ConcurrencyLimited:
                return WriteConcurrencyLimitedAsync(request, fault.RetryAfterSeconds);

            case FaultKind.InternalServerError:
                return fault.Html
                    ? WriteHtmlAsync(request, 500, "Internal Server Error")
                    : request.WriteAsync(500, ZuoraJson.ReasonsOnly(ZuoraErrors.InternalError,
                        "An internal error occurred. Please retry later.", request.CodeAsNumber));

            case FaultKind.BadGateway:
                return WriteBadGatewayAsync(request, fault.Html);
            case FaultKind.ServiceUnavailable:
                return ProxyStatusAsync(request, fault, 503, "Service Temporarily Unavailable");
            case FaultKind.GatewayTimeout:
                return ProxyStatusAsync(request, fault, 504, "Gateway Time-out");

            case FaultKind.LockCompetition:
                return request.WriteErrorAsync(200, ZuoraErrors.LockCompetition, ZuoraErrors.LockCompetitionMessage);
            case FaultKind.TemporaryError:
                return request.WriteErrorAsync(200, ZuoraErrors.TemporaryError, ZuoraErrors.TemporaryErrorMessage);
            case FaultKind.AccessDenied:
                return request.WriteErrorAsync(403, ZuoraErrors.PermissionDenied,
                    "You do not have permission to perform this operation.");

            case FaultKind.ConnectionReset:
                return ResetMidBodyAsync(http, 200, SampleJobBody);
            case FaultKind.TruncatedGzip:
                return WriteTruncatedGzipAsync(http);

            case FaultKind.MalformedJson:
                return request.WriteAsync(200, Encoding.UTF8.GetBytes(
                    "{\"errors\":null,\"result\":{\"jobType\":\"AsyncCreateOrder\",\"orderNumber\":\"OM-00001\",,\"status\":\"Compl"));

            case FaultKind.HtmlPage:
                return WriteHtmlAsync(request, fault.Status ?? 200, "Please sign in");

            case FaultKind.TokenExpired:
                if (request.BearerToken is { } token)
                {
                    request.State.Tokens.Expire(token);
                }

                return Authentication.WriteUnauthorizedAsync(request);

            default:
                throw new InvalidOperationException($"Fault {fault.Kind} is not terminal.");
        }

        static Task ProxyStatusAsync(ApiRequest request, FaultSpec fault, int status, string title) =>
            ProxyErrorAsync(request, fault.Html, status, title);
    }

    public static Task WriteBadGatewayAsync(ApiRequest request, bool html) => ProxyErrorAsync(request, html, 502, "Bad Gateway");

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

    private static Task ProxyErrorAsync(ApiRequest request, bool html, int status, string title) =>
        html
            ? WriteHtmlAsync(request, status, title)
            : request.WriteErrorAsync(status, status == 502 ? ZuoraErrors.InternalError : ZuoraErrors.TemporaryError,
                $"{title}. Please retry later.");

    public static Task WriteConcurrencyLimitedAsync(ApiRequest request, int retryAfterSeconds)
    {
        IHeaderDictionary headers = request.Http.Response.Headers;
        headers.RetryAfter = Seconds(retryAfterSeconds);
        headers["Concurrency-Limit-Remaining"] = "0";
        return request.WriteErrorAsync(429, ZuoraErrors.LimitExceeded,
            "The number of concurrent requests has exceeded the limit. Please retry after the time given in the Retry-After header.");
    }

    public static Task WriteRateLimitedAsync(ApiRequest request, FaultSpec fault)
    {
        IHeaderDictionary headers = request.Http.Response.Headers;
        headers["RateLimit-Remaining"] = "0";
        headers["RateLimit-Reset"] = Seconds(fault.RateLimitResetSeconds);
        if (fault.Kind == FaultKind.RateLimited)
        {
            headers.RetryAfter = Seconds(fault.RetryAfterSeconds);
        }
        else if (fault.Kind == FaultKind.RateLimitedHttpDate)
        {
            // RFC 9110 IMF-fixdate; computed from the real clock because that is what a client compares it with.
            headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(fault.RetryAfterSeconds).ToString("R", CultureInfo.InvariantCulture);
        }

        return request.WriteErrorAsync(429, ZuoraErrors.LimitExceeded, "The request rate limit has been exceeded.");
    }

    private static Task WriteHtmlAsync(ApiRequest request, int status, string title)
    {
        string code = status.ToString(CultureInfo.InvariantCulture);
        string page = "<html>\r\n<head><title>" + code + " " + title + "</title></head>\r\n<body>\r\n<center><h1>" + code + " "
            + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return request.WriteAsync(status, Encoding.UTF8.GetBytes(page), ResponseWriter.Html);
    }

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
