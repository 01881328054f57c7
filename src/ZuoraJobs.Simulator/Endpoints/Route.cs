using System;

namespace ZuoraJobs.Simulator;

/// <summary>Which Zuora endpoint a method and path address, plus the statistics key.</summary>
internal readonly record struct Route(SimEndpoint Endpoint, string Key, string? JobId, bool MethodNotAllowed)
{
    public const string TokenKey = "POST /oauth/token";
    public const string CreateOrderKey = "POST /v1/async/orders";
    public const string PreviewOrderKey = "POST /v1/async/orders/preview";
    public const string AsyncJobKey = "GET /v1/async-jobs/{jobId}";
    private const string JobsPrefix = "/v1/async-jobs/";

    public static Route Resolve(string method, string path)
    {
        string trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        bool post = method == "POST";
        if (trimmed.Equals("/oauth/token", StringComparison.OrdinalIgnoreCase))
        {
            return post ? new Route(SimEndpoint.OAuthToken, TokenKey, null, false) : NotAllowed(method, trimmed);
        }

        if (trimmed.Equals("/v1/async/orders", StringComparison.OrdinalIgnoreCase))
        {
            return post ? new Route(SimEndpoint.CreateOrder, CreateOrderKey, null, false) : NotAllowed(method, trimmed);
        }

        if (trimmed.Equals("/v1/async/orders/preview", StringComparison.OrdinalIgnoreCase))
        {
            return post ? new Route(SimEndpoint.PreviewOrder, PreviewOrderKey, null, false) : NotAllowed(method, trimmed);
        }

        if (trimmed.StartsWith(JobsPrefix, StringComparison.OrdinalIgnoreCase) && trimmed.Length > JobsPrefix.Length
            && trimmed.IndexOf('/', JobsPrefix.Length) < 0)
        {
            string jobId = trimmed.Substring(JobsPrefix.Length);
            return method == "GET" ? new Route(SimEndpoint.AsyncJob, AsyncJobKey, jobId, false) : NotAllowed(method, "/v1/async-jobs/{jobId}");
        }

        return new Route(SimEndpoint.None, "other", null, false);
    }

    private static Route NotAllowed(string method, string path) => new(SimEndpoint.None, method + " " + path, null, true);
}
