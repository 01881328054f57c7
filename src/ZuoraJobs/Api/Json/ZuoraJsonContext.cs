using System.Text.Json.Serialization;

namespace ZuoraJobs.Api.Json
{
    /// <summary>Source-generated (reflection-free) serialization for the fixed shapes: token, error and order-answer bodies.</summary>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        GenerationMode = JsonSourceGenerationMode.Metadata)]
    [JsonSerializable(typeof(TokenResponse))]
    [JsonSerializable(typeof(ErrorBody))]
    [JsonSerializable(typeof(OrderAnswer))]
    internal sealed partial class ZuoraJsonContext : JsonSerializerContext
    {
    }
}
