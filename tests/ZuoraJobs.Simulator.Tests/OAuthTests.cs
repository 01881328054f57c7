using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class OAuthTests(SimulatorFixture fixture) : SimulatorTestBase<SimulatorFixture>(fixture)
{
    private Task<HttpResponseMessage> PostForm(params (string Key, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>>();
        foreach ((string k, string v) in fields)
        {
            form.Add(new KeyValuePair<string, string>(k, v));
        }

        return Sim.Client.PostAsync("oauth/token", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Valid_credentials_return_a_bearer_token_in_zuora_shape()
    {
        using HttpResponseMessage response = await PostForm(("client_id", SimulatorDefaults.ClientId),
            ("client_secret", SimulatorDefaults.ClientSecret), ("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode body = await SimulatorFixture.Json(response);
        Assert.Equal("bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3599, body["expires_in"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["access_token"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body["scope"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body["jti"]!.GetValue<string>()));
        Assert.Equal(36, SimulatorFixture.Header(response, "Zuora-Request-Id").Length);
        Assert.True(SimulatorFixture.HasHeader(response, "X-RateLimit-Limit-minute"));
    }

    [Fact]
    public async Task Wrong_secret_gets_401_with_auth_reason_code()
    {
        using HttpResponseMessage response = await PostForm(("client_id", SimulatorDefaults.ClientId),
            ("client_secret", "nope"), ("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonNode body = await SimulatorFixture.Json(response);
        SimulatorFixture.AssertCommonError(body, "90000011");
        Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_client_gets_401()
    {
        using HttpResponseMessage response = await PostForm(("client_id", "00000000-0000-0000-0000-000000000000"),
            ("client_secret", SimulatorDefaults.ClientSecret), ("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "90000023")]
    [InlineData("password", "90000020")]
    public async Task Missing_or_invalid_grant_type_gets_400(string? grantType, string code)
    {
        var fields = new List<(string, string)> { ("client_id", SimulatorDefaults.ClientId), ("client_secret", SimulatorDefaults.ClientSecret) };
        if (grantType is not null)
        {
            fields.Add(("grant_type", grantType));
        }

        using HttpResponseMessage response = await PostForm(fields.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), code);
    }

    [Fact]
    public async Task Json_body_on_token_endpoint_gets_415()
    {
        using HttpResponseMessage response = await Sim.Client.PostAsync("oauth/token",
            new StringContent("{\"client_id\":\"x\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        SimulatorFixture.AssertCommonError(await SimulatorFixture.Json(response), "50000020");
    }

    [Fact]
    public async Task Clients_added_at_runtime_and_token_lifetime_are_honoured()
    {
        await using SimulatorHost host = await SimulatorHost.StartAsync(new SimulatorOptions { TokenLifetimeSeconds = 60 });
        host.State.AddClient("11111111-2222-3333-4444-555555555555", "s3cret");
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using HttpResponseMessage response = await client.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "11111111-2222-3333-4444-555555555555",
            ["client_secret"] = "s3cret",
            ["grant_type"] = "client_credentials",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(60, (await SimulatorFixture.Json(response))["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime_on_the_simulator_clock()
    {
        string token = await Sim.TokenAsync();
        string jobId = Completed();
        using (HttpResponseMessage ok = await Sim.GetJobAsync(jobId, token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Sim.State.AdvanceClock(System.TimeSpan.FromSeconds(3600));
        using HttpResponseMessage expired = await Sim.GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Basic realm=Zuora API, ZSession realm=Zuora API, Bearer realm=Zuora API", SimulatorFixture.Header(expired, "WWW-Authenticate"));
    }
}
