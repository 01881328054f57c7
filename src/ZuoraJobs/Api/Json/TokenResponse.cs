using System.Text.Json.Serialization;

namespace ZuoraJobs.Api.Json
{
    /// <summary><c>POST /oauth/token</c> 200 body. Holds the token: never log or format it.</summary>
    internal sealed class TokenResponse
    {
        [JsonPropertyName("access_token")]
        public string? AccessToken { get; set; }

        // Documented as a number; some gateways quote numbers.
        [JsonPropertyName("expires_in")]
        [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
        public double? ExpiresIn { get; set; }

        [JsonPropertyName("token_type")]
        public string? TokenType { get; set; }

        public override string ToString() => "TokenResponse";
    }
}
