using System;
using System.Threading.Tasks;
using Xunit;

namespace ZuoraJobs.Simulator.Tests;

public sealed class StandaloneTests
{
    [Fact]
    public void Command_line_maps_to_options()
    {
        CommandLine parsed = CommandLine.Parse(new[]
        {
            "--urls", "http://127.0.0.1:5099", "--seed", "5", "--token-lifetime", "120", "--concurrency-limit", "3",
            "--client", "abc=d=ef", "--polls", "4", "--job-duration-ms", "1500", "--rate-limit", "10",
        });
        Assert.Equal("http://127.0.0.1:5099", parsed.Url);
        Assert.Equal(5, parsed.Options.Seed);
        Assert.Equal(120, parsed.Options.TokenLifetimeSeconds);
        Assert.Equal(3, parsed.Options.ConcurrencyLimit);
        Assert.Equal("d=ef", parsed.Options.Clients["abc"]);
        Assert.Equal(SimulatorDefaults.ClientSecret, parsed.Options.Clients[SimulatorDefaults.ClientId]);
        Assert.Equal(4, parsed.Options.DefaultPollsBeforeCompletion);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), parsed.Options.DefaultCompletionDelay);
        Assert.Equal(10, parsed.Options.RateLimitPerMinute);
        Assert.False(parsed.Bench);
    }

    [Theory]
    [InlineData("--seed", "x")]
    [InlineData("--client", "novalue")]
    [InlineData("--what", "1")]
    public void Bad_command_lines_are_rejected(string name, string value) =>
        Assert.Throws<FormatException>(() => CommandLine.Parse(new[] { name, value }));

    [Fact]
    public void Bench_switch_is_parsed()
    {
        CommandLine parsed = CommandLine.Parse(new[] { "--bench", "--requests", "100", "--concurrency", "8" });
        Assert.True(parsed.Bench);
        Assert.Equal(100, parsed.BenchRequests);
        Assert.Equal(8, parsed.BenchConcurrency);
    }

    [Fact]
    public async Task Benchmark_helper_runs_without_failures()
    {
        Benchmark.Measurement measurement = await Benchmark.MeasureAsync(500, 16);
        Assert.Equal(0, measurement.Failures);
        Assert.True(measurement.RequestsPerSecond > 0);
    }

    [Fact]
    public async Task Base_address_has_trailing_slash_and_loopback_port()
    {
        await using SimulatorHost host = await SimulatorHost.StartAsync();
        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.NotEqual(0, host.BaseAddress.Port);
        Assert.EndsWith("/", host.BaseAddress.AbsoluteUri, StringComparison.Ordinal);
    }
}
