namespace ZuoraJobs.Api
{
    /// <summary>Which call failed: shapes the wording of messages (a 404 from the token endpoint is not a missing job).</summary>
    internal sealed class ApiOperation
    {
        public ApiOperation(string method, string path, string? jobId)
        {
            Method = method;
            Path = path;
            JobId = jobId;
        }

        /// <summary>An async order POST: named by what the order says, and by the key that makes it safe to resend.</summary>
        public static ApiOperation Order(string path, string subject, string? idempotencyKey) =>
            new ApiOperation("POST", path, null) { Subject = subject, IdempotencyKey = idempotencyKey };

        public string Method { get; }

        /// <summary>The path as Zuora documents it (<c>/v1/async-jobs/{id}</c>), for messages.</summary>
        public string Path { get; }

        public string? JobId { get; }

        /// <summary>What an order POST is about ("order OM-1 for account A-1"); null for other calls.</summary>
        public string? Subject { get; private set; }

        public string? IdempotencyKey { get; private set; }
        public bool IsOrder => Subject != null;
        public bool IsToken => JobId == null && Subject == null;
        public string Label => Method + " " + Path;
    }
}
