using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>
/// <c>POST /v1/async/orders</c> and <c>POST /v1/async/orders/preview</c>, with Zuora's <c>Idempotency-Key</c>
/// semantics: the answer to the first request with a key is stored and replayed (see <see cref="IdempotencyStore"/>).
/// </summary>
internal static class OrderEndpoints
{
    public const int MaxIdempotencyKeyLength = 255;

    /// <param name="request">The order POST.</param>
    /// <param name="preview">Preview instead of create.</param>
    /// <param name="loss">A <see cref="FaultKind.CommitThenLoseResponse"/> to carry out on the answer.</param>
    /// <param name="refusal">
    /// A refusal fault to store as the key's first answer instead of processing (the <c>StoreRefusals</c>
    /// variation); it is not served when the key already has an answer, or when the request never reaches the key.
    /// </param>
    public static async Task HandleAsync(ApiRequest request, bool preview, ResponseLoss? loss, FaultSpec? refusal = null)
    {
        if (!Authentication.IsAuthenticated(request))
        {
            await Authentication.WriteUnauthorizedAsync(request);
            return;
        }

        byte[]? body = await RequestBodyReader.ReadAsync(request, "application/json");
        if (body is null)
        {
            return;
        }

        SimulatorState state = request.State;
        string? key = request.Http.Request.Headers["Idempotency-Key"];
        if (string.IsNullOrEmpty(key) || request.Variations.IgnoreIdempotencyKeys == true)
        {
            await AnswerAsync(request, Process(request, body, preview), null, loss);
            return;
        }

        if (key.Length > MaxIdempotencyKeyLength)
        {
            await request.WriteErrorAsync(StatusCodes.Status400BadRequest, ZuoraErrors.InvalidValue,
                $"The Idempotency-Key header is {key.Length} characters long; at most {MaxIdempotencyKeyLength} are accepted.");
            return;
        }

        IdempotencyStore.Decision decision = state.Idempotency.Begin(request.Endpoint, key, Fingerprint(request, body), state.Clock.UtcNow);
        state.Stats.CountIdempotency(decision.Outcome switch
        {
            IdempotencyOutcome.Stored when refusal is not null => IdempotencyOutcome.StoredRefusal,
            IdempotencyOutcome.Replayed when decision.Replay!.IsRefusal => IdempotencyOutcome.ReplayedRefusal,
            IdempotencyOutcome outcome => outcome,
        });
        switch (decision.Outcome)
        {
            case IdempotencyOutcome.Replayed:
                await AnswerAsync(request, decision.Replay!, null, loss);
                return;
            case IdempotencyOutcome.InProgress:
                await AnswerAsync(request, Error(request, StatusCodes.Status409Conflict, ZuoraErrors.IdempotencyConflict,
                    "A request with the same Idempotency-Key is still being processed. Retry later."), null, loss);
                return;
            case IdempotencyOutcome.Mismatch:
                await AnswerAsync(request, Error(request, StatusCodes.Status422UnprocessableEntity, ZuoraErrors.InvalidValue,
                    "The Idempotency-Key was already used with a different request."), null, loss);
                return;
        }

        IdempotencyStore.Claim claim = decision.Claim!;
        try
        {
            StoredResponse answer;
            if (refusal is not null)
            {
                state.Stats.CountFault(refusal.Kind);
                answer = FaultResponder.Render(request, refusal) with { IsRefusal = true };
            }
            else
            {
                answer = Process(request, body, preview);
            }

            await AnswerAsync(request, answer, claim, loss);
        }
        finally
        {
            // Only a simulator fault leaves the claim without an answer; a real Zuora would not keep it either.
            state.Idempotency.Abandon(claim);
        }
    }

    public static Task WriteAsync(ApiRequest request, StoredResponse response) => response.WriteAsync(request);

    /// <summary>The answer is stored for the key before it leaves, so a lost answer is still replayed; a slow one holds the key first.</summary>
    private static async Task AnswerAsync(ApiRequest request, StoredResponse response, IdempotencyStore.Claim? claim, ResponseLoss? loss)
    {
        if (loss?.IsSlow == true)
        {
            await loss.HoldAsync(request.State);
        }

        if (claim is not null)
        {
            // Zuora stores the headers too, so a replay names the request that produced the answer.
            response = response with { RequestId = request.RequestId };
            request.State.Idempotency.Complete(claim, response);
        }

        await (loss is null ? WriteAsync(request, response) : loss.DeliverAsync(request, response));
    }

    private static StoredResponse Process(ApiRequest request, byte[] body, bool preview)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return Error(request, StatusCodes.Status400BadRequest, ZuoraErrors.MalformedJson, $"Malformed JSON in request body: {ex.Message}");
        }

        if (parsed is not JsonObject order)
        {
            return Error(request, StatusCodes.Status400BadRequest, ZuoraErrors.MalformedJson, "The request body must be a JSON object.");
        }

        if (Validate(request, order, preview) is { } refusal)
        {
            return refusal;
        }

        bool returnIds = string.Equals(request.Http.Request.Query["returnIds"], "true", StringComparison.OrdinalIgnoreCase);
        SimulatorState state = request.State;
        OrderOutcome outcome = OrderResultBuilder.Build(order, preview, returnIds, state);
        string jobId = state.Random.NextUuid();
        DateTimeOffset? completeAt = outcome.Duration is TimeSpan d ? state.Clock.UtcNow + d : null;
        state.Jobs.Put(new SimJob(jobId, outcome.ResultJson, outcome.FinalStatus, outcome.Errors, null,
            outcome.PollsBeforeCompletion, completeAt, null) { OrderRequest = Encoding.UTF8.GetString(body) });
        state.Stats.CountJobCreated(OrderReader.String(order, "orderNumber"));

        byte[] json = ZuoraJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("jobId", jobId);
            if (!preview)
            {
                w.WriteBoolean("success", true);
            }

            w.WriteEndObject();
        });
        return new StoredResponse(preview ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, json, "/v1/async-jobs/" + jobId);
    }

    private static StoredResponse? Validate(ApiRequest request, JsonObject order, bool preview)
    {
        if (!OrderReader.Has(order, "orderDate"))
        {
            return Error(request, StatusCodes.Status400BadRequest, ZuoraErrors.MissingRequiredField, "orderDate is required.");
        }

        string orderDate = OrderReader.String(order, "orderDate") ?? string.Empty;
        if (!DateOnly.TryParseExact(orderDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return Error(request, StatusCodes.Status400BadRequest, ZuoraErrors.InvalidValue,
                $"Invalid value for orderDate '{orderDate}'; expected yyyy-MM-dd.");
        }

        if (preview && order["previewOptions"] is not JsonObject)
        {
            return Error(request, StatusCodes.Status400BadRequest, ZuoraErrors.MissingRequiredField, "previewOptions is required.");
        }

        return null;
    }

    private static StoredResponse Error(ApiRequest request, int status, string code, string message) =>
        new(status, ZuoraJson.CommonError(code, message, request.CodeAsNumber, request.RequestId), null);

    /// <summary>"The same request" means the same body and the same query string (returnIds changes the answer).</summary>
    private static string Fingerprint(ApiRequest request, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(request.Http.Request.QueryString.Value ?? string.Empty));
        sha.AppendData(new byte[] { 0 });
        sha.AppendData(body);
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
