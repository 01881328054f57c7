using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// The answer of the async order POSTs: create sends <c>{jobId, success}</c>, preview <c>{jobId}</c>; a refusal
    /// is a CommonResponse (<c>success:false, reasons</c>).
    /// </summary>
    internal sealed class OrderAnswer
    {
        [JsonPropertyName("jobId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? JobId { get; set; }

        [JsonPropertyName("success")]
        public bool? Success { get; set; }

        [JsonPropertyName("reasons")]
        public List<ErrorReason>? Reasons { get; set; }

        [JsonPropertyName("processId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? ProcessId { get; set; }

        [JsonPropertyName("requestId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? RequestId { get; set; }

        [JsonPropertyName("message")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Message { get; set; }
    }
}
