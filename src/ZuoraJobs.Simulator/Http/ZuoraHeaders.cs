using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>Headers Zuora puts on every response.</summary>
internal static class ZuoraHeaders
{
    public const string WwwAuthenticate = "Basic realm=Zuora API, ZSession realm=Zuora API, Bearer realm=Zuora API";

    public static void ApplyCommon(ApiRequest request, RateWindow.Reading rate, int concurrencyLimit, int inFlight)
    {
        IHeaderDictionary headers = request.Http.Response.Headers;
        headers["Zuora-Request-Id"] = request.RequestId;
        string? trackId = request.Http.Request.Headers["Zuora-Track-Id"];
        if (!string.IsNullOrEmpty(trackId))
        {
            headers["Zuora-Track-Id"] = trackId;
        }

        headers["RateLimit-Limit"] = rate.LimitHeader;
        headers["RateLimit-Remaining"] = Invariant(Math.Max(0, rate.Remaining));
        headers["RateLimit-Reset"] = Invariant(rate.ResetSeconds);
        headers["Concurrency-Limit-Type"] = "Default";
        headers["Concurrency-Limit-Limit"] = Invariant(concurrencyLimit);
        headers["Concurrency-Limit-Remaining"] = Invariant(Math.Max(0, concurrencyLimit - inFlight));
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
