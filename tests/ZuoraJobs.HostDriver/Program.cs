using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ZuoraJobs.HostDriver
{
    /// <summary>
    /// Loads the module folder the way Windows PowerShell 5.1 or PowerShell 7.4 does and runs one script against a
    /// Zuora simulator: a token, a job, an error body, a connection failure. Prints one line per step
    /// ("step NAME ok|FAIL detail") and the copies of the JSON stack that ended up loaded ("loaded NAME VERSION PATH").
    /// Exit code 0 when every step behaved as the module promises.
    /// </summary>
    internal static class Program
    {
        private static readonly string[] Watched =
        {
            "System.Text.Json", "System.Text.Encodings.Web", "System.Memory", "System.Runtime.CompilerServices.Unsafe",
            "System.Buffers", "Microsoft.Bcl.AsyncInterfaces",
        };

        private static int Main(string[] args)
        {
            Options options;
            try
            {
                options = Options.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(Options.Usage);
                return 2;
            }

            Console.WriteLine("runtime " + RuntimeInformation.FrameworkDescription);
            var failures = 0;

            // Another module imported first: its copies load from its own folder, as Import-Module would load them.
            foreach (var file in options.Neighbours == null ? Array.Empty<string>() : Directory.GetFiles(options.Neighbours, "*.dll"))
            {
                var neighbour = Assembly.LoadFrom(file);
                Console.WriteLine($"neighbour {neighbour.GetName().Name} {neighbour.GetName().Version}");
            }

            var module = Assembly.LoadFrom(Path.Combine(options.ModuleDirectory, "ZuoraJobs.dll"));
            var api = new ModuleApi(module);
            var attached = options.Resolver && api.RegisterResolver(options.ModuleDirectory, RuntimeInformation.FrameworkDescription);
            Console.WriteLine("resolver " + (attached ? "attached" : "not attached"));

            var context = api.NewContext();
            var client = api.NewClient(options.BaseUri, options.ClientId, options.ClientSecret);

            failures += Step("token", () =>
            {
                api.Authenticate(client, context);
                return "expires " + ModuleApi.Get(client, "TokenExpiresAt");
            });
            failures += Step("job", () =>
            {
                var job = api.GetAsyncJob(client, options.JobId, context);
                var subscriptions = (Array)ModuleApi.Get(job, "Subscriptions")!;
                return string.Join(" ", new[]
                {
                    "JobId=" + ModuleApi.Get(job, "JobId"),
                    "Status=" + ModuleApi.Get(job, "Status"),
                    "AccountNumber=" + ModuleApi.Get(job, "AccountNumber"),
                    "InvoiceNumbers=" + string.Join(",", (string[])ModuleApi.Get(job, "InvoiceNumbers")!),
                    "PaidAmount=" + Convert.ToString(ModuleApi.Get(job, "PaidAmount"), System.Globalization.CultureInfo.InvariantCulture),
                    "Subscriptions=" + subscriptions.Length,
                });
            });
            failures += ExpectApiError("error-body", () => api.GetAsyncJob(client, options.MissingJobId, context));
            failures += ExpectApiError("connection-failure", () =>
            {
                var unreachable = api.NewClient(options.UnreachableUri, options.ClientId, options.ClientSecret);
                return api.GetAsyncJob(unreachable, options.JobId, context);
            });

            failures += Step("order-bytes", api.CanonicalSample);

            // Beyond int.MaxValue ms (about 24.8 days) .NET Framework's timers throw; a wake-up must still end the wait.
            failures += Step("long-wait", () => api.PumpMailboxCutShort(TimeSpan.FromDays(30)));

            if (attached)
            {
                failures += NeighbourRequestIsDeclined();
            }

            var loadedCopies = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => Watched.Contains(a.GetName().Name, StringComparer.OrdinalIgnoreCase))
                .OrderBy(a => a.GetName().Name, StringComparer.Ordinal).ThenBy(a => a.GetName().Version)
                .ToList();

            if (attached)
            {
                failures += RemovalDetachesTheResolver(api, options.ModuleDirectory);
            }

            foreach (var loaded in loadedCopies)
            {
                Console.WriteLine($"loaded {loaded.GetName().Name} {loaded.GetName().Version} {loaded.Location}");
            }

            Console.WriteLine(failures == 0 ? "result ok" : $"result {failures} step(s) failed");
            return failures == 0 ? 0 : 1;
        }

        private static int Step(string name, Func<string> body)
        {
            try
            {
                Console.WriteLine($"step {name} ok {body()}");
                return 0;
            }
            catch (Exception e)
            {
                Console.WriteLine($"step {name} FAIL {OneLine(ModuleApi.Unwrap(e))}");
                return 1;
            }
        }

        /// <summary>The module's own error type, with its kind and Zuora's details, is the promised outcome.</summary>
        private static int ExpectApiError(string name, Func<object> body)
        {
            try
            {
                body();
                Console.WriteLine($"step {name} FAIL no error");
                return 1;
            }
            catch (Exception thrown)
            {
                var e = ModuleApi.Unwrap(thrown);
                if (e.GetType().FullName != "ZuoraJobs.Api.ZuoraApiException")
                {
                    Console.WriteLine($"step {name} FAIL {OneLine(e)}");
                    return 1;
                }

                Console.WriteLine($"step {name} ok Kind={ModuleApi.Get(e, "Kind")} HttpStatus={ModuleApi.Get(e, "HttpStatus")} Reasons={ModuleApi.Get(e, "ReasonCodes")} Message={OneLine(e.Message)}");
                return 0;
            }
        }

        /// <summary>
        /// A request made by someone else for a version the module's folder cannot honestly serve (an old
        /// System.Text.Json asking for Encodings.Web 4.0.5.0) must stay unanswered rather than get the module's 8.0.
        /// </summary>
        private static int NeighbourRequestIsDeclined()
        {
            const string request = "System.Text.Encodings.Web, Version=4.0.5.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
            try
            {
                var answered = Assembly.Load(request);
                Console.WriteLine($"step neighbour-request FAIL answered with {answered.GetName().Version} {answered.Location}");
                return 1;
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException)
            {
                Console.WriteLine("step neighbour-request ok declined");
                return 0;
            }
        }

        /// <summary>
        /// Removing the last import detaches the resolver: a request for Unsafe 4.0.4.0 (a version no copy here has),
        /// which it answers for anyone while attached, goes unanswered afterwards. A second import (another runspace)
        /// keeps it attached through the first removal.
        /// </summary>
        private static int RemovalDetachesTheResolver(ModuleApi api, string moduleDirectory)
        {
            const string request = "System.Runtime.CompilerServices.Unsafe, Version=4.0.4.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a";
            var before = TryLoad(request);
            api.RegisterResolver(moduleDirectory, RuntimeInformation.FrameworkDescription);
            var firstRemoval = api.UnregisterResolver();
            var between = TryLoad(request);
            var lastRemoval = api.UnregisterResolver();
            var after = TryLoad(request);
            var ok = before != null && !firstRemoval && between != null && lastRemoval && after == null;
            Console.WriteLine($"step cleanup {(ok ? "ok" : "FAIL")} before={Describe(before)} first-removal-detached={firstRemoval} between={Describe(between)} last-removal-detached={lastRemoval} after={Describe(after)}");
            return ok ? 0 : 1;
        }

        private static string Describe(Assembly? answer) => answer?.GetName().Version?.ToString() ?? "unanswered";

        private static Assembly? TryLoad(string name)
        {
            try
            {
                return Assembly.Load(name);
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException)
            {
                return null;
            }
        }

        private static string OneLine(Exception e) => OneLine(e.GetType().FullName + ": " + e.Message + (e.InnerException == null ? string.Empty : " -> " + OneLine(e.InnerException)));

        private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
    }
}
