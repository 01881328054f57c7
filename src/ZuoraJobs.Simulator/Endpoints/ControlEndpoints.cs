using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>
/// JSON twin of <see cref="SimulatorState"/> under <c>/__sim/</c>. No auth, no faults, not counted in statistics,
/// so tests can steer the simulator without disturbing what they measure.
/// </summary>
internal sealed class ControlEndpoints(SimulatorState state)
{
    public async Task HandleAsync(HttpContext context, string path)
    {
        var request = new ApiRequest(context, state, SimEndpoint.None, null);
        context.Response.Headers["Zuora-Request-Id"] = request.RequestId;
        string method = context.Request.Method;
        string route = path.TrimEnd('/');
        try
        {
            switch (method, route)
            {
                case ("GET", "/health"):
                    await OkAsync(request, new { ok = true });
                    return;
                case ("POST", "/jobs"):
                    await SeedJobAsync(request);
                    return;
                case ("POST", "/faults"):
                    await ScriptFaultsAsync(request);
                    return;
                case ("DELETE", "/faults"):
                    state.ClearFaults();
                    await OkAsync(request, new { cleared = true });
                    return;
                case ("GET", "/stats"):
                    await OkAsync(request, state.GetStatistics());
                    return;
                case ("POST", "/reset"):
                    state.Reset();
                    await OkAsync(request, new { reset = true });
                    return;
                case ("GET", "/variations"):
                    await OkAsync(request, state.Variations);
                    return;
                case ("PUT", "/variations"):
                    if (await ReadAsync<SimulatorVariations>(request) is { } variations)
                    {
                        state.Variations = variations;
                        await OkAsync(request, state.Variations);
                    }

                    return;
                case ("POST", "/tokens/expire"):
                    state.ExpireAllTokens();
                    await OkAsync(request, new { expired = true });
                    return;
                case ("POST", "/clock/advance"):
                    if (await ReadAsync<ClockAdvance>(request) is { } advance)
                    {
                        state.AdvanceClock(TimeSpan.FromSeconds(advance.Seconds));
                        await OkAsync(request, new { utcNow = state.UtcNow });
                    }

                    return;
                case ("POST", "/delays/release"):
                    state.ReleaseDelayedRequests();
                    await OkAsync(request, new { released = true });
                    return;
                case ("POST", "/clients"):
                    if (await ReadAsync<ClientPair>(request) is { ClientId.Length: > 0, ClientSecret.Length: > 0 } client)
                    {
                        state.AddClient(client.ClientId, client.ClientSecret);
                        await OkAsync(request, new { added = client.ClientId });
                    }
                    else if (!context.Response.HasStarted)
                    {
                        await BadAsync(request, ZuoraErrors.MissingRequiredField, "clientId and clientSecret are required.");
                    }

                    return;
            }

            if (route.StartsWith("/jobs/", StringComparison.Ordinal))
            {
                await JobRouteAsync(request, method, route.Substring("/jobs/".Length));
                return;
            }

            await request.WriteErrorAsync(404, ZuoraErrors.NotFound, $"No control route {method} /__sim{route}.");
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // Bad control input (wrong JSON types, invalid probability...) is the caller's mistake, not a crash.
            await BadAsync(request, ZuoraErrors.InvalidValue, ex.Message);
        }
    }

    private async Task JobRouteAsync(ApiRequest request, string method, string rest)
    {
        const string variationsSuffix = "/variations";
        if (method == "PUT" && rest.EndsWith(variationsSuffix, StringComparison.Ordinal))
        {
            string jobId = rest[..^variationsSuffix.Length];
            if (await ReadAsync<SimulatorVariations>(request) is { } variations)
            {
                await (state.SetJobVariations(jobId, variations)
                    ? OkAsync(request, variations)
                    : request.WriteErrorAsync(404, ZuoraErrors.NotFound, $"The job {jobId} does not exist."));
            }

            return;
        }

        if (method == "GET" && !rest.Contains('/', StringComparison.Ordinal))
        {
            await (state.GetJob(rest) is { } info
                ? OkAsync(request, info)
                : request.WriteErrorAsync(404, ZuoraErrors.NotFound, $"The job {rest} does not exist."));
            return;
        }

        await request.WriteErrorAsync(404, ZuoraErrors.NotFound, $"No control route {method} /__sim/jobs/{rest}.");
    }

    private async Task SeedJobAsync(ApiRequest request)
    {
        byte[]? body = await ReadBodyAsync(request);
        if (body is null)
        {
            return;
        }

        using JsonDocument document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            await BadAsync(request, ZuoraErrors.MalformedJson, "The body must be a JSON object.");
            return;
        }

        var seed = new JobSeed
        {
            JobId = Text(root, "jobId"),
            Status = Text(root, "status") ?? "Completed",
            Errors = Text(root, "errors"),
            PollsBeforeCompletion = root.TryGetProperty("pollsBeforeCompletion", out JsonElement polls) ? polls.GetInt32() : 0,
        };
        if (root.TryGetProperty("result", out JsonElement result) && result.ValueKind != JsonValueKind.Null)
        {
            // Keep the caller's exact text so a seeded sample body comes back byte for byte.
            seed.ResultJson = result.GetRawText();
        }

        if (root.TryGetProperty("lifecycle", out JsonElement lifecycle) && lifecycle.ValueKind == JsonValueKind.Array)
        {
            seed.Lifecycle = lifecycle.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList();
        }

        if (root.TryGetProperty("completeAfterMs", out JsonElement after) && after.ValueKind == JsonValueKind.Number)
        {
            seed.CompleteAfter = TimeSpan.FromMilliseconds(after.GetDouble());
        }

        if (root.TryGetProperty("variations", out JsonElement variations) && variations.ValueKind == JsonValueKind.Object)
        {
            seed.Variations = variations.Deserialize<SimulatorVariations>(ZuoraJson.SerializerOptions);
        }

        string jobId = state.SeedJob(seed);
        request.Http.Response.Headers.Location = "/v1/async-jobs/" + jobId;
        await request.WriteAsync(201, ZuoraJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("jobId", jobId);
            w.WriteEndObject();
        }));
    }

    private async Task ScriptFaultsAsync(ApiRequest request)
    {
        if (await ReadAsync<FaultScript>(request) is not { } script)
        {
            return;
        }

        List<FaultSpec> sequence = script.Sequence?.ToList() ?? new List<FaultSpec>();
        if (script.Fault is { } single)
        {
            if (script.Probability is double probability)
            {
                state.AddRandomFault(single, probability, script.JobId);
            }
            else
            {
                sequence.AddRange(Enumerable.Repeat(single, Math.Max(1, script.Count ?? 1)));
            }
        }

        if (sequence.Count == 0 && script.Fault is null)
        {
            await BadAsync(request, ZuoraErrors.MissingRequiredField, "Give 'sequence' (array of faults) or 'fault' (with optional 'count' or 'probability').");
            return;
        }

        if (sequence.Count > 0)
        {
            state.EnqueueFaults(sequence, script.JobId);
        }

        await OkAsync(request, new { jobId = script.JobId, pending = state.PendingFaults(script.JobId) });
    }

    private static async Task<T?> ReadAsync<T>(ApiRequest request)
        where T : class
    {
        byte[]? body = await ReadBodyAsync(request);
        if (body is null)
        {
            return null;
        }

        try
        {
            T? value = JsonSerializer.Deserialize<T>(body.Length == 0 ? "{}"u8 : body, ZuoraJson.SerializerOptions);
            if (value is null)
            {
                await BadAsync(request, ZuoraErrors.MalformedJson, "The body must be a JSON object.");
            }

            return value;
        }
        catch (JsonException ex)
        {
            await BadAsync(request, ZuoraErrors.MalformedJson, $"Malformed JSON in request body: {ex.Message}");
            return null;
        }
    }

    /// <summary>An empty body is fine for control calls; otherwise it must be JSON within the size limit.</summary>
    private static Task<byte[]?> ReadBodyAsync(ApiRequest request)
    {
        HttpRequest http = request.Http.Request;
        if (http.ContentLength == 0 || (http.ContentLength is null && string.IsNullOrEmpty(http.ContentType)))
        {
            return Task.FromResult<byte[]?>(Array.Empty<byte>());
        }

        return RequestBodyReader.ReadAsync(request, "application/json");
    }

    private static Task OkAsync<T>(ApiRequest request, T value) =>
        request.WriteAsync(200, JsonSerializer.SerializeToUtf8Bytes(value, ZuoraJson.SerializerOptions));

    private static Task BadAsync(ApiRequest request, string code, string message) =>
        request.WriteErrorAsync(400, code, message);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class FaultScript
    {
        public string? JobId { get; set; }

        public FaultSpec[]? Sequence { get; set; }

        public FaultSpec? Fault { get; set; }

        public int? Count { get; set; }

        public double? Probability { get; set; }
    }

    private sealed class ClockAdvance
    {
        public double Seconds { get; set; }
    }

    private sealed class ClientPair
    {
        public string ClientId { get; set; } = string.Empty;

        public string ClientSecret { get; set; } = string.Empty;
    }
}
