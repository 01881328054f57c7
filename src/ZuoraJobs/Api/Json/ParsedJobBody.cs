namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// A 200 body read as a job. Zuora also answers 200 with an error body (<c>success: false</c>, reasons, no job
    /// status), so the client needs to know whether a job status was present before it trusts the result.
    /// </summary>
    internal sealed class ParsedJobBody
    {
        public AsyncJob Job { get; } = new AsyncJob();

        /// <summary>True when the body had a non-null top-level <c>status</c>: only then is it a job.</summary>
        public bool HasStatus { get; set; }

        /// <summary>The top-level <c>success</c>, distinct from the job's merged value.</summary>
        public bool? Success { get; set; }

        /// <summary>A top-level <c>message</c> (proxy-style error bodies), when it is text.</summary>
        public string? Message => Job.AdditionalFields.TryGetValue("message", out var m) ? m as string : null;
    }
}
