using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZuoraJobs.Simulator;

/// <summary>
/// The one request delegate: routes by hand (cheaper than endpoint routing and keeps every error Zuora-shaped),
/// applies common headers, concurrency and rate limits, scripted faults, then the endpoint.
/// </summary>
internal sealed class ApiDispatcher
{
    private const string ControlPrefix = "/__sim";
    private readonly SimulatorState _state;
    private readonly ControlEndpoints _control;
    private int _limitedInFlight;

    public ApiDispatcher(SimulatorState state)
    {
        _state = state;
        _control = new ControlEndpoints(state);
    }

    public async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(ControlPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await _control.HandleAsync(context, path.Substring(ControlPrefix.Length));
            return;
        }

        Route route = Route.Resolve(context.Request.Method, path);
        bool limited = (route.Endpoint & SimEndpoint.Api) != 0;
        _state.Stats.Enter();
        int inFlight = limited ? Interlocked.Increment(ref _limitedInFlight) : Volatile.Read(ref _limitedInFlight);
        var request = new ApiRequest(context, _state, route.Endpoint, route.JobId);
        try
        {
            string? trackId = context.Request.Headers["Zuora-Track-Id"];
            _state.Stats.Count(route.Key, route.JobId, string.IsNullOrEmpty(trackId) ? null : trackId);
            await ServeAsync(request, route, limited, inFlight);
        }
        catch (Exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // Never leak a stack trace: a client must only ever see Zuora-shaped errors.
            context.Response.Clear();
            await request.WriteAsync(500, ZuoraJson.ReasonsOnly(ZuoraErrors.InternalError,
                "An internal error occurred in the simulator.", request.CodeAsNumber));
        }
        catch (Exception) when (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            // The client went away or the body was already under way; nothing sensible can be sent.
            context.Abort();
        }
        finally
        {
            if (limited)
            {
                Interlocked.Decrement(ref _limitedInFlight);
            }

            _state.Stats.Leave();
        }
    }

    private async Task ServeAsync(ApiRequest request, Route route, bool limited, int inFlight)
    {
        SimulatorOptions options = _state.Options;
        int concurrencyLimit = options.ConcurrencyLimit ?? options.ReportedConcurrencyLimit;
        RateWindow.Reading rate = _state.Rate.Hit(_state.Clock.UtcNow, options.RateLimitPerMinute);
        ZuoraHeaders.ApplyCommon(request, rate, concurrencyLimit, inFlight);

        if (route.Endpoint == SimEndpoint.None)
        {
            await (route.MethodNotAllowed
                ? request.WriteErrorAsync(405, ZuoraErrors.MethodNotAllowed, $"Method {request.Http.Request.Method} is not allowed on this path.")
                : request.WriteErrorAsync(404, ZuoraErrors.NotFound, "No such API path in the simulator."));
            return;
        }

        if (limited && options.ConcurrencyLimit is int limit && inFlight > limit)
        {
            _state.Stats.CountFault(FaultKind.ConcurrencyLimited);
            await FaultResponder.WriteConcurrencyLimitedAsync(request, options.ConcurrencyRetryAfterSeconds);
            return;
        }

        if (rate.Remaining < 0)
        {
            _state.Stats.CountFault(FaultKind.RateLimited);
            await FaultResponder.WriteRateLimitedAsync(request,
                new FaultSpec { Kind = FaultKind.RateLimited, RetryAfterSeconds = rate.ResetSeconds, RateLimitResetSeconds = rate.ResetSeconds });
            return;
        }

        ResponseLoss? loss = null;
        FaultSpec? refusal = null;
        string? key = OrderKey(request, route.Endpoint);
        bool newKey = key is not null && !_state.Idempotency.IsLive(route.Endpoint, key, _state.Clock.UtcNow);
        FaultSpec? fault = _state.Faults.Next(route.Endpoint, route.JobId, newKey, _state.Random);
        if (fault is not null && key is not null && FaultResponder.Answers(fault.Kind) && request.Variations.StoreRefusals == true
            && request.Variations.IgnoreIdempotencyKeys != true)
        {
            // Handed to the order endpoint and counted only if served: a key that already has an answer replays that instead.
            refusal = fault;
            fault = null;
        }

        if (fault is not null)
        {
            _state.Stats.CountFault(fault.Kind);
            if (fault.Kind == FaultKind.CommitThenLoseResponse)
            {
                loss = ResponseLoss.Draw(fault, _state.Random);
                _state.Stats.CountLostResponse(loss.Manner);
                bool orders = (route.Endpoint & (SimEndpoint.CreateOrder | SimEndpoint.PreviewOrder)) != 0;
                if (!orders && await loss.ReplaceUnprocessedAsync(request))
                {
                    return;
                }
            }
            else if (fault.Kind == FaultKind.Latency)
            {
                await DelayAsync(fault);
            }
            else if (fault.Kind == FaultKind.SlowBody)
            {
                HttpResponse response = request.Http.Response;
                response.Body = new TrickleStream(response.Body, TimeSpan.FromMilliseconds(DelayMs(fault)), request.Http.RequestAborted);
            }
            else
            {
                await FaultResponder.WriteAsync(request, fault);
                return;
            }
        }

        switch (route.Endpoint)
        {
            case SimEndpoint.OAuthToken:
                await OAuthEndpoint.HandleAsync(request);
                break;
            case SimEndpoint.CreateOrder:
                await OrderEndpoints.HandleAsync(request, preview: false, loss, refusal);
                break;
            case SimEndpoint.PreviewOrder:
                await OrderEndpoints.HandleAsync(request, preview: true, loss, refusal);
                break;
            case SimEndpoint.AsyncJob:
                await AsyncJobEndpoint.HandleAsync(request);
                break;
        }
    }

    /// <summary>The <c>Idempotency-Key</c> of an order POST; null for other endpoints or without one.</summary>
    private static string? OrderKey(ApiRequest request, SimEndpoint endpoint)
    {
        if ((endpoint & (SimEndpoint.CreateOrder | SimEndpoint.PreviewOrder)) == 0)
        {
            return null;
        }

        string? key = request.Http.Request.Headers["Idempotency-Key"];
        return string.IsNullOrEmpty(key) ? null : key;
    }

    private int DelayMs(FaultSpec fault) =>
        fault.LatencyMaxMs is int max && max > fault.LatencyMs
            ? _state.Random.Next(fault.LatencyMs, max + 1)
            : fault.LatencyMs;

    private async Task DelayAsync(FaultSpec fault)
    {
        int ms = DelayMs(fault);
        try
        {
            await Task.Delay(Math.Max(0, ms), _state.DelayRelease);
        }
        catch (OperationCanceledException)
        {
            // Released early by the control surface; answer normally.
        }
    }
}
