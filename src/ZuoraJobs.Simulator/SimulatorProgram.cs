using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.Simulator;

/// <summary>Standalone entry point: parse options, start, print how to connect, wait for Ctrl+C.</summary>
internal static class SimulatorProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine command;
        try
        {
            command = CommandLine.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(CommandLine.Usage);
            return 2;
        }

        if (command.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (command.Bench)
        {
            return await Benchmark.RunAsync(command.BenchRequests, command.BenchConcurrency);
        }

        await using SimulatorHost host = await SimulatorHost.StartAsync(command.Options, command.Url);
        Console.WriteLine($"Zuora simulator listening on {host.BaseAddress}");
        Console.WriteLine($"  client_id     = {SimulatorDefaults.ClientId}");
        Console.WriteLine($"  client_secret = {SimulatorDefaults.ClientSecret}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  seed = {(command.Options.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none")}, token lifetime = {command.Options.TokenLifetimeSeconds}s, concurrency limit = {(command.Options.ConcurrencyLimit?.ToString(CultureInfo.InvariantCulture) ?? "unlimited")}"));
        Console.WriteLine("Press Ctrl+C to stop.");

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Normal shutdown.
        }

        return 0;
    }
}
