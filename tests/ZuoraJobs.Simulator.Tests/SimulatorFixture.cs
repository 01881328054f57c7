using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

/// <summary>One simulator per test class; tests reset it in their constructor because xunit runs a class's tests one at a time.</summary>
public class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public SimulatorState State => Host.State;

    protected virtual SimulatorOptions CreateOptions() => new() { Seed = 42 };

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(CreateOptions());
        Client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, UseProxy = false })
        {
            BaseAddress = Host.BaseAddress,
        };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    public async Task<string> TokenAsync()
    {
        using HttpResponseMessage response = await Client.PostAsync("oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = SimulatorDefaults.ClientId,
            ["client_secret"] = SimulatorDefaults.ClientSecret,
            ["grant_type"] = "client_credentials",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json(response))["access_token"]!.GetValue<string>();
    }

    public HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public Task<HttpResponseMessage> GetJobAsync(string jobId, string token) => Client.SendAsync(Get("v1/async-jobs/" + jobId, token));

    public async Task<JsonNode> GetJobJsonAsync(string jobId, string token)
    {
        using HttpResponseMessage response = await GetJobAsync(jobId, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? token, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await Client.SendAsync(request);
    }

    public async Task<JsonNode> ControlAsync(HttpMethod method, string path, string? json = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, "__sim/" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return await Json(response);
    }

    public static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("null body");

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out HeaderStringValues values) ? values.ToString()
        : response.Content.Headers.NonValidated.TryGetValues(name, out values) ? values.ToString()
        : throw new Xunit.Sdk.XunitException($"header {name} missing");

    public static bool HasHeader(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name);

    public static void AssertCommonError(JsonNode body, string code)
    {
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal(16, body["processId"]!.GetValue<string>().Length);
        Assert.Equal(36, body["requestId"]!.GetValue<string>().Length);
        Assert.Equal(code, body["reasons"]![0]!["code"]!.ToString());
        Assert.False(string.IsNullOrEmpty(body["reasons"]![0]!["message"]!.GetValue<string>()));
    }

    public static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString();
}

/// <summary>Base for test classes: reset shared simulator state before every test.</summary>
public abstract class SimulatorTestBase<TFixture> : IClassFixture<TFixture>
    where TFixture : SimulatorFixture
{
    protected SimulatorTestBase(TFixture fixture)
    {
        Sim = fixture;
        fixture.State.Reset();
    }

    protected TFixture Sim { get; }

    protected string Completed(string result = "{\"jobType\":\"AsyncCreateOrder\",\"orderNumber\":\"OM-1\",\"success\":true}") =>
        Sim.State.SeedJob(result);
}
