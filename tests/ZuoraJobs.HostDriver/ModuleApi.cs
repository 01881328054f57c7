using System;
using System.Linq;
using System.Reflection;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace ZuoraJobs.HostDriver
{
    /// <summary>
    /// The module's PowerShell-free API reached by reflection over the assembly the host loaded, so the driver's own
    /// compilation binds nothing of it. Member names are the module's public API; a rename fails here loudly.
    /// </summary>
    internal sealed class ModuleApi
    {
        private readonly Assembly _module;

        public ModuleApi(Assembly module) => _module = module;

        /// <summary>Runs what the module's initializer runs at import; returns whether a resolver was attached.</summary>
        public bool RegisterResolver(string moduleDirectory, string frameworkDescription) =>
            (bool)Call(Type("ZuoraJobs.ModuleAssemblyResolver"), "Register", null, moduleDirectory, frameworkDescription)!;

        /// <summary>Runs what the module's cleanup runs at Remove-Module; returns whether a resolver was detached.</summary>
        public bool UnregisterResolver() => (bool)Call(Type("ZuoraJobs.ModuleAssemblyResolver"), "Unregister", null)!;

        public object NewClient(Uri baseUri, string clientId, string clientSecret)
        {
            var options = Activator.CreateInstance(Type("ZuoraJobs.Api.ZuoraClientOptions"))!;
            Set(options, "BaseUri", baseUri);
            Set(options, "ClientId", clientId);
            Set(options, "ClientSecret", Secure(clientSecret));
            Set(options, "MaxRetryCount", 1);
            Set(options, "RetryBaseDelay", TimeSpan.FromMilliseconds(10));
            Set(options, "RequestTimeout", TimeSpan.FromSeconds(20));
            return Activator.CreateInstance(Type("ZuoraJobs.Api.ZuoraClient"), options)!;
        }

        /// <summary>
        /// Pumps the pipeline mailbox with <paramref name="timeout"/>: once until another thread posts, once until the
        /// token is cancelled. Returns what ended each pump, or throws what the pump threw.
        /// </summary>
        public string PumpMailboxCutShort(TimeSpan timeout)
        {
            var mailbox = Activator.CreateInstance(Type("ZuoraJobs.Cmdlets.PipelineMailbox"))!;
            try
            {
                var ran = false;
                Action post = () => Call(mailbox.GetType(), "Post", mailbox, (Action)(() => ran = true));
                using (new Timer(_ => post(), null, 50, Timeout.Infinite))
                {
                    while (!ran)
                    {
                        Call(mailbox.GetType(), "Pump", mailbox, timeout, CancellationToken.None);
                    }
                }

                using var stop = new CancellationTokenSource();
                stop.CancelAfter(50);
                try
                {
                    Call(mailbox.GetType(), "Pump", mailbox, timeout, stop.Token);
                    return "posted=ran cancelled=returned";
                }
                catch (OperationCanceledException)
                {
                    return "posted=ran cancelled=OperationCanceledException";
                }
            }
            finally
            {
                ((IDisposable)mailbox).Dispose();
            }
        }

        /// <summary>
        /// Writes one order-like object with the module's canonical JSON writer: the numbers whose text differs between
        /// runtimes' own formatters (a third, 0.1 + 0.2, 1e20, negative zero, a float, a decimal's scale) and the escapes.
        /// Zuora compares a repeated key's request byte for byte, so every host must give the same text.
        /// </summary>
        public string CanonicalSample()
        {
            var type = Type("ZuoraJobs.Api.Json.CanonicalJsonWriter");
            var writer = Activator.CreateInstance(type, nonPublic: true)!;
            void Invoke(string method, Type parameter, object value) => Method(type, method, parameter).Invoke(writer, new[] { value });
            void Field(string name, Type parameter, object value)
            {
                Invoke("Name", typeof(string), name);
                Invoke(parameter == typeof(string) ? "String" : parameter == typeof(IFormattable) ? "Integer" : "Number", parameter, value);
            }

            Method(type, "StartObject").Invoke(writer, null);
            Field("third", typeof(double), 1.0 / 3);
            Field("tiny", typeof(double), 0.1 + 0.2);
            Field("big", typeof(double), 1e20);
            Field("negZero", typeof(double), -0.0);
            Field("f", typeof(float), 0.1f);
            Field("m", typeof(decimal), 1.50m);
            Field("l", typeof(IFormattable), 9007199254740993L);
            Field("s", typeof(string), "<b> & \"q\" \\ \t\n\u0001");
            Method(type, "EndObject").Invoke(writer, null);
            return writer.ToString()!;
        }

        private static MethodInfo Method(Type type, string name, params Type[] parameters) =>
            type.GetMethod(name, parameters) ?? throw new MissingMethodException(type.FullName, name);

        public object NewContext() => Activator.CreateInstance(Type("ZuoraJobs.Api.ZuoraRequestContext"))!;

        public void Authenticate(object client, object context) =>
            Await((Task)Call(client.GetType(), "AuthenticateAsync", client, context, CancellationToken.None)!);

        public object GetAsyncJob(object client, string jobId, object context)
        {
            var task = (Task)Call(client.GetType(), "GetAsyncJobAsync", client, jobId, context, CancellationToken.None)!;
            Await(task);
            return task.GetType().GetProperty("Result")!.GetValue(task)!;
        }

        public static object? Get(object target, string property) =>
            (target.GetType().GetProperty(property) ?? throw new MissingMemberException(target.GetType().FullName, property)).GetValue(target);

        /// <summary>The exception a caller of the API sees: no reflection or task wrapping around it.</summary>
        public static Exception Unwrap(Exception e)
        {
            while (true)
            {
                if (e is TargetInvocationException { InnerException: { } invoked })
                {
                    e = invoked;
                }
                else if (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
                {
                    e = aggregate.InnerExceptions[0];
                }
                else
                {
                    return e;
                }
            }
        }

        private Type Type(string name) => _module.GetType(name, throwOnError: true)!;

        private static object? Call(Type type, string method, object? target, params object[] arguments)
        {
            try
            {
                var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
                    .Where(m => m.Name == method && m.IsPublic && m.GetParameters().Length == arguments.Length)
                    .ToList();
                if (candidates.Count != 1)
                {
                    throw new MissingMethodException(type.FullName, method + " with " + arguments.Length + " parameter(s)");
                }

                return candidates[0].Invoke(target, arguments);
            }
            catch (TargetInvocationException e)
            {
                throw Unwrap(e);
            }
        }

        private static void Set(object target, string property, object value) => target.GetType().GetProperty(property)!.SetValue(target, value);

        private static void Await(Task task)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException e)
            {
                throw Unwrap(e);
            }
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
