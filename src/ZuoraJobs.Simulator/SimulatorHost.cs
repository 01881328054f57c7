using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ZuoraJobs.Simulator;

/// <summary>A running simulator on Kestrel. Dispose to stop it.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatorState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>Root of the simulated API, with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>In-process twin of the <c>/__sim/</c> control surface.</summary>
    public SimulatorState State { get; }

    /// <summary>Starts Kestrel on <paramref name="url"/> (port 0 picks a free port) and returns once it listens.</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, string url = "http://127.0.0.1:0")
    {
        options ??= new SimulatorOptions();
        var state = new SimulatorState(options);
        var dispatcher = new ApiDispatcher(state);

        // Empty args and an explicit application name keep the host from picking up the caller's command line or settings.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = Array.Empty<string>(),
            ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The dispatcher enforces the documented limit itself so that oversized bodies get a Zuora-style 413.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.WebHost.UseUrls(url);

        WebApplication app = builder.Build();
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        return new SimulatorHost(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C or SIGTERM in the standalone process).</summary>
    internal Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Stops Kestrel and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        State.ReleaseDelayedRequests();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
