using System.Text.Json.Serialization;

namespace ZuoraJobs.Api.Json
{
    /// <summary>
    /// The answer of the async order POSTs: create sends <c>{jobId, success}</c>, preview <c>{jobId}</c>; a refusal
    /// is a CommonResponse (<c>success:false, reasons</c>), which the base class reads.
    /// </summary>
    internal sealed class OrderAnswer : ErrorBody
    {
        [JsonPropertyName("jobId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? JobId { get; set; }
    }
}
