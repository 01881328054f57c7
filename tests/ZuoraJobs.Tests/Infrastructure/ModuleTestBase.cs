using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Xunit;
using ZuoraJobs.Simulator;

namespace ZuoraJobs.Tests.Infrastructure
{
    /// <summary>Tests that drive the imported module against a simulator, each in a fresh runspace.</summary>
    public abstract class ModuleTestBase : IClassFixture<SimulatorFixture>
    {
        protected ModuleTestBase(SimulatorFixture simulator)
        {
            Simulator = simulator;
        }

        protected SimulatorFixture Simulator { get; }

        protected static readonly PSCredential DefaultCredential =
            PowerShellSession.Credential(SimulatorDefaults.ClientId, SimulatorDefaults.ClientSecret);

        /// <summary>A runspace with the module imported and connected to the simulator; fast retries for tests.</summary>
        public PowerShellSession Connected(string extraConnectArguments = "", CapturingHost? host = null)
        {
            var session = new PowerShellSession(host: host);
            var result = session.Run(
                "Connect-Zuora -BaseUri $ZuoraTestUri -Credential $ZuoraTestCredential -RetryIntervalSec 0.01 " + extraConnectArguments,
                Variables());
            Assert.True(result.Errors.Count == 0, result.ErrorSummary);
            return session;
        }

        public Dictionary<string, object?> Variables(params (string Name, object? Value)[] more)
        {
            var variables = new Dictionary<string, object?>
            {
                ["ZuoraTestUri"] = Simulator.BaseAddress,
                ["ZuoraTestCredential"] = DefaultCredential,
            };
            foreach (var (name, value) in more)
            {
                variables[name] = value;
            }

            return variables;
        }

        /// <summary>Seeds a finished job with a small create-order result and returns its ID.</summary>
        protected string SeedCompleted(string orderNumber = "OM-00001", string accountNumber = "A00000001", string status = "Completed",
            string subscriptionStatus = "Active")
        {
            var result = $$"""
                {"jobType":"AsyncCreateOrder","accountNumber":"{{accountNumber}}","orderNumber":"{{orderNumber}}","status":"Completed",
                 "subscriptions":[{"subscriptionNumber":"SUB-{{orderNumber}}","status":"{{subscriptionStatus}}"}],
                 "orderLineItems":[{"id":"{{Guid.NewGuid():N}}","itemNumber":"1"}],"success":true}
                """;
            return Simulator.State.SeedJob(result, status);
        }

        protected long RequestsFor(string jobId) => Simulator.State.GetStatistics().ForJob(jobId);

        protected static string[] Strings(RunResult result, string property) =>
            result.Output.Select(o => RunResult.Prop(o, property)?.ToString() ?? "<null>").ToArray();
    }
}
