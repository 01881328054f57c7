using System;
using System.Globalization;
using System.IO;
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

        SimulatorHost host;
        try
        {
            host = await SimulatorHost.StartAsync(command.Options, command.Url);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Cannot listen on {command.Url}: {ex.Message}");
            return 1;
        }

        await using (host)
        {
            Console.WriteLine($"Zuora simulator listening on {host.BaseAddress}");
            Console.WriteLine($"  client_id     = {SimulatorDefaults.ClientId}");
            Console.WriteLine($"  client_secret = {SimulatorDefaults.ClientSecret}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  seed = {(command.Options.Seed?.ToString(CultureInfo.InvariantCulture) ?? "none")}, token lifetime = {command.Options.TokenLifetimeSeconds}s, concurrency limit = {(command.Options.ConcurrencyLimit?.ToString(CultureInfo.InvariantCulture) ?? "unlimited")}"));
            Console.WriteLine("Control surface: " + host.BaseAddress + "__sim/ (see README). Press Ctrl+C to stop.");

            // The host's console lifetime owns Ctrl+C and SIGTERM; waiting on it lets both end the process cleanly.
            await host.WaitForShutdownAsync();
        }

        return 0;
    }
}
