using System;
using System.Collections.Generic;

namespace ZuoraJobs.Api
{
    /// <summary>What an error response said, whatever its shape: Zuora JSON, a gateway message, HTML or nothing.</summary>
    internal sealed class ErrorResponseInfo
    {
        public IReadOnlyList<ZuoraReason> Reasons { get; set; } = Array.Empty<ZuoraReason>();
        public string? ProcessId { get; set; }
        public string? RequestId { get; set; }

        /// <summary>A free-text message (<c>message</c>, <c>error_description</c>) when there were no reasons.</summary>
        public string? Message { get; set; }

        /// <summary>Set when the body was not Zuora JSON: says what it was instead, for the error message.</summary>
        public string? BodyProblem { get; set; }
    }
}
