using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using System.Threading.Tasks;
using ZuoraJobs.Api;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// What Start-ZuoraOrder and Start-ZuoraOrderPreview share: reading orders from the pipeline or files, refusing
    /// what Zuora would certainly refuse, the idempotency key of each order, -WhatIf/-Confirm, and submitting
    /// concurrently while writing results in input order.
    /// </summary>
    public abstract class AsyncOrderCmdlet : ZuoraRequestCmdlet
    {
        private protected const string OrderParameterSet = "Order";
        private protected const string PathParameterSet = "Path";

        // Enough to keep the connection's request slots busy without buffering an unbounded pipeline in memory.
        private const int MaxPending = 64;

        private InputOrderQueue<Pending>? _pending;
        private readonly HashSet<string> _keysUsed = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The order: a hashtable, ordered dictionary, PSCustomObject or JSON string.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OrderParameterSet, ValueFromPipeline = true)]
        [AllowNull]
        public object? Order { get; set; }

        /// <summary>JSON files, one order each.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathParameterSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The key for a single order; the same key is sent on every retry.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 255)]
        public string? IdempotencyKey { get; set; }

        /// <summary>The top-level field of each order whose value is its key (case-insensitive), e.g. orderNumber.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? IdempotencyKeyProperty { get; set; }

        private protected abstract AsyncOrderOperation Operation { get; }

        /// <summary>Sets the operation's query flag on a request.</summary>
        private protected abstract void Configure(AsyncOrderRequest request);

        /// <summary>The ShouldProcess action: what the request does, in words.</summary>
        private protected abstract string Action { get; }

        protected override void BeginProcessing()
        {
            if (IdempotencyKey != null && IdempotencyKeyProperty != null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(
                    "IdempotencyKeyConflict",
                    "Use -IdempotencyKey (one order) or -IdempotencyKeyProperty (a key from each order), not both.",
                    IdempotencyKey));
            }

            if (IdempotencyKey != null)
            {
                var problem = KeyProblem(IdempotencyKey);
                if (problem != null)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidIdempotencyKey", $"The idempotency key '{IdempotencyKey}' cannot be sent: {problem}.", IdempotencyKey));
                }
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            _pending ??= new InputOrderQueue<Pending>(Mailbox, Write);
            UntilStopped(() =>
            {
                foreach (var (target, read) in Inputs())
                {
                    var entry = Prepare(target, read);
                    if (entry.HasValue)
                    {
                        _pending.Add(entry.Value, entry.Value.Request);
                    }

                    _pending.WriteFinished(block: _pending.Count > MaxPending, Cancellation);
                }
            });
        }

        protected override void EndProcessing() => UntilStopped(() => _pending?.WriteAll(Cancellation));

        /// <summary>Each order of this record with the target its errors name, and how to read its body.</summary>
        private IEnumerable<(object? Target, Func<byte[]> Read)> Inputs()
        {
            if (ParameterSetName == PathParameterSet)
            {
                foreach (var path in Path)
                {
                    foreach (var file in ResolvePaths(path))
                    {
                        yield return (file, () => ReadFile(file));
                    }
                }

                yield break;
            }

            var order = OrderJson.Unwrap(Order);
            if (order is FileInfo fileInfo)
            {
                // Get-ChildItem *.json | Start-ZuoraOrder: a file is read, not serialized.
                yield return (fileInfo.FullName, () => ReadFile(fileInfo.FullName));
                yield break;
            }

            if (order is IEnumerable many && !(order is string) && !(order is IDictionary))
            {
                foreach (var item in many)
                {
                    yield return (OrderJson.Unwrap(item), () => OrderJson.Serialize(item!));
                }

                yield break;
            }

            yield return (order, () => OrderJson.Serialize(order!));
        }

        /// <summary>Builds one order's request and starts it, or returns the error that stops it; null after -WhatIf or a "no" to -Confirm.</summary>
        private Pending? Prepare(object? target, Func<byte[]> read)
        {
            byte[] body;
            try
            {
                if (target == null)
                {
                    throw new OrderInputException("The order is null.");
                }

                body = read();
            }
            catch (Exception e) when (e is OrderInputException || e is IOException || e is UnauthorizedAccessException)
            {
                return Pending.Failed(InvalidOrder(e.Message, target));
            }

            var facts = OrderFacts.Inspect(body, Operation);
            if (facts.Problem != null)
            {
                return Pending.Failed(InvalidOrder($"Zuora would refuse {Subject(facts)}: {facts.Problem}.", target));
            }

            var key = KeyFor(body, facts, target, out var keyError);
            if (keyError != null)
            {
                return Pending.Failed(keyError);
            }

            var request = new AsyncOrderRequest(Operation, body, facts, key);
            Configure(request);
            var what = string.Format(
                CultureInfo.InvariantCulture,
                "{0} ({1} subscription(s), {2} order line item(s), {3} bytes, Idempotency-Key '{4}')",
                facts.Describe(),
                facts.Subscriptions,
                facts.OrderLineItems,
                body.Length,
                key);
            if (!ShouldProcess(what, $"{Action}: POST {new Uri(BaseWithSlash(Connection.BaseUri), request.RelativeUri)}"))
            {
                return null;
            }

            _keysUsed.Add(key!);
            WriteVerbose($"Submitting {what}.");
            return Pending.Started(target, Connection.Client.StartOrderAsync(request, RequestContext, Cancellation));
        }

        private static Uri BaseWithSlash(Uri baseUri) =>
            baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

        /// <summary>"order OM-1 for account A-1", or for a preview "the preview of order OM-1 ...".</summary>
        private string Subject(OrderFacts facts) =>
            Operation == AsyncOrderOperation.PreviewOrder ? "the preview of " + facts.Describe() : facts.Describe();

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        /// <summary>The order's key: the one given, the one it carries, or a new UUID. Null with an error when there can be none.</summary>
        private string? KeyFor(byte[] body, OrderFacts facts, object? target, out ErrorRecord? error)
        {
            error = null;
            string? key;
            if (IdempotencyKeyProperty != null)
            {
                key = KeyFromProperty(body, IdempotencyKeyProperty);
                if (key == null)
                {
                    error = ErrorRecords.InvalidArgument(
                        "IdempotencyKeyMissing",
                        $"{Capitalized(Subject(facts))} was not sent: it has no field '{IdempotencyKeyProperty}' with a text or number value to use as its idempotency key.",
                        target);
                    return null;
                }
            }
            else
            {
                key = IdempotencyKey ?? Guid.NewGuid().ToString("D");
            }

            var problem = KeyProblem(key);
            if (problem != null)
            {
                error = ErrorRecords.InvalidArgument("InvalidIdempotencyKey", $"{Capitalized(Subject(facts))} was not sent: its idempotency key '{key}' {problem}.", target);
                return null;
            }

            if (_keysUsed.Contains(key))
            {
                var how = IdempotencyKey != null
                    ? "-IdempotencyKey names a single order; for several, use -IdempotencyKeyProperty or let each order get a new key"
                    : "two orders of one run must not share a key (Zuora would answer the second with the first's result, or refuse it)";
                error = ErrorRecords.InvalidArgument("DuplicateIdempotencyKey", $"{Capitalized(Subject(facts))} was not sent: the key '{key}' was already used by an earlier order of this command; {how}.", target);
                return null;
            }

            return key;
        }

        private static string? KeyFromProperty(byte[] body, string name)
        {
            using (var document = JsonDocument.Parse(body))
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        var value = property.Value;
                        var text = value.ValueKind == JsonValueKind.String ? value.GetString()
                            : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
                            : null;
                        return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
                    }
                }
            }

            return null;
        }

        /// <summary>Zuora takes at most 255 characters; an HTTP header takes printable ASCII.</summary>
        private static string? KeyProblem(string key)
        {
            if (key.Length > 255)
            {
                return $"is {key.Length} characters long; Zuora accepts at most 255";
            }

            foreach (var c in key)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    return $"contains the character U+{(int)c:X4}; an HTTP header takes printable ASCII only";
                }
            }

            return null;
        }

        private IEnumerable<string> ResolvePaths(string path)
        {
            Collection<string> resolved;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException)
            {
                WriteError(new ErrorRecord(e, "OrderFileNotFound", ErrorCategory.ObjectNotFound, path));
                yield break;
            }

            foreach (var file in resolved)
            {
                yield return file;
            }
        }

        private static byte[] ReadFile(string path)
        {
            var bytes = File.ReadAllBytes(path);

            // A UTF-8 byte order mark (Windows PowerShell's Out-File) is not part of the JSON.
            return bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
                ? Slice(bytes, 3)
                : bytes;
        }

        private static byte[] Slice(byte[] bytes, int start)
        {
            var result = new byte[bytes.Length - start];
            Buffer.BlockCopy(bytes, start, result, 0, result.Length);
            return result;
        }

        private static ErrorRecord InvalidOrder(string message, object? target) =>
            ErrorRecords.InvalidArgument("InvalidOrder", message.EndsWith(".", StringComparison.Ordinal) ? message + " Nothing was sent." : message + ". Nothing was sent.", target);

        private void Write(Pending entry)
        {
            if (entry.Error != null)
            {
                WriteError(entry.Error);
                return;
            }

            try
            {
                WriteObject(entry.Request!.GetAwaiter().GetResult());
            }
            catch (ZuoraApiException e)
            {
                WriteError(ErrorRecords.FromOrderApi(e, entry.Target));
            }
        }

        private readonly struct Pending
        {
            private Pending(object? target, Task<AsyncOrderSubmission>? request, ErrorRecord? error)
            {
                Target = target;
                Request = request;
                Error = error;
            }

            public object? Target { get; }
            public Task<AsyncOrderSubmission>? Request { get; }
            public ErrorRecord? Error { get; }

            public static Pending Started(object? target, Task<AsyncOrderSubmission> request) => new Pending(target, request, null);
            public static Pending Failed(ErrorRecord error) => new Pending(error.TargetObject, null, error);
        }
    }
}
