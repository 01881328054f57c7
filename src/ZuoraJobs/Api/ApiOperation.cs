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

        public string Method { get; }

        /// <summary>The path as Zuora documents it (<c>/v1/async-jobs/{id}</c>), for messages.</summary>
        public string Path { get; }

        public string? JobId { get; }
        public bool IsToken => JobId == null;
        public string Label => Method + " " + Path;
    }
}
