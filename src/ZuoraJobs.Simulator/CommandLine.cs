using System;
using System.Globalization;

namespace ZuoraJobs.Simulator;

/// <summary>Hand-rolled parser: the simulator takes no NuGet dependencies.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        Usage: ZuoraJobs.Simulator [options]
          --urls <url>               listen address (default http://127.0.0.1:5080)
          --seed <int>               deterministic ids, tokens and random faults
          --token-lifetime <sec>     expires_in of issued tokens (default 3599)
          --concurrency-limit <n>    429 (category 70) when more than n API requests are in flight
          --client <id>=<secret>     accept another OAuth client (repeatable)
          --polls <n>                polls answered Processing before a POSTed job completes (default 1)
          --job-duration-ms <ms>     POSTed jobs complete after this time instead of after polls
          --rate-limit <n>           requests per minute before 429 (default 50000)
          --bench [--requests n] [--concurrency c]   measure GET /v1/async-jobs throughput and exit
        """;

    public SimulatorOptions Options { get; } = new();

    public string Url { get; private set; } = "http://127.0.0.1:5080";

    public bool Bench { get; private set; }

    public int BenchRequests { get; private set; } = 20_000;

    public int BenchConcurrency { get; private set; } = 64;

    public bool ShowHelp { get; private set; }

    public static CommandLine Parse(string[] args)
    {
        var result = new CommandLine();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{arg} needs a value.");
            switch (arg)
            {
                case "--urls":
                    result.Url = Value().Split(';')[0];
                    break;
                case "--seed":
                    result.Options.Seed = Int(arg, Value());
                    break;
                case "--token-lifetime":
                    result.Options.TokenLifetimeSeconds = Int(arg, Value());
                    break;
                case "--concurrency-limit":
                    result.Options.ConcurrencyLimit = Int(arg, Value());
                    break;
                case "--polls":
                    result.Options.DefaultPollsBeforeCompletion = Int(arg, Value());
                    break;
                case "--job-duration-ms":
                    result.Options.DefaultCompletionDelay = TimeSpan.FromMilliseconds(Int(arg, Value()));
                    break;
                case "--rate-limit":
                    result.Options.RateLimitPerMinute = Int(arg, Value());
                    break;
                case "--client":
                    string pair = Value();
                    int eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0 || eq == pair.Length - 1)
                    {
                        throw new FormatException("--client expects id=secret.");
                    }

                    result.Options.Clients[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--bench":
                    result.Bench = true;
                    break;
                case "--requests":
                    result.BenchRequests = Int(arg, Value());
                    break;
                case "--concurrency":
                    result.BenchConcurrency = Int(arg, Value());
                    break;
                case "--help" or "-h":
                    result.ShowHelp = true;
                    break;
                default:
                    throw new FormatException($"Unknown option {arg}.");
            }
        }

        return result;
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new FormatException($"{name} expects an integer, got '{value}'.");
}
