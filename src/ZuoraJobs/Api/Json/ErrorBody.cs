using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// The error shapes Zuora's v1 API uses: CommonResponse (<c>success, processId, reasons, requestId</c>),
    /// ErrorResponse (<c>reasons</c>), the gateway's 401 (<c>message</c>) and OAuth-style (<c>error, error_description</c>).
    /// </summary>
    internal class ErrorBody
    {
        [JsonPropertyName("success")]
        public bool? Success { get; set; }

        [JsonPropertyName("processId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? ProcessId { get; set; }

        [JsonPropertyName("reasons")]
        public List<ErrorReason>? Reasons { get; set; }

        [JsonPropertyName("requestId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? RequestId { get; set; }

        [JsonPropertyName("message")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Message { get; set; }

        [JsonPropertyName("error")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Error { get; set; }

        [JsonPropertyName("error_description")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? ErrorDescription { get; set; }
    }

    internal sealed class ErrorReason
    {
        /// <summary>A JSON number in Zuora's samples, a string in its spec.</summary>
        [JsonPropertyName("code")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Code { get; set; }

        [JsonPropertyName("message")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Message { get; set; }
    }
}
