using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZuoraJobs.Api;
using ZuoraJobs.Orders;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>
    /// What Start-ZuoraOrder and Start-ZuoraOrderPreview share: reading orders from the pipeline or files, refusing
    /// what Zuora would certainly refuse, the idempotency key of each order, -WhatIf/-Confirm, and submitting
    /// concurrently while writing results in input order. Every order sent is recorded in the connection's ledger, so
    /// one whose answer never reached the pipeline is still accounted for after an early end.
    /// </summary>
    public abstract class AsyncOrderCmdlet : ZuoraRequestCmdlet
    {
        private protected const string OrderParameterSet = "Order";
        private protected const string PathParameterSet = "Path";
        private protected const string LiteralPathParameterSet = "LiteralPath";

        // Enough to keep the connection's request slots busy without buffering an unbounded pipeline in memory.
        private const int MaxPending = 64;

        private readonly HashSet<string> _keysUsed = new HashSet<string>(StringComparer.Ordinal);

        // Cancelled only when a drain at the pipeline's end runs out of time: until then a request on the wire is let
        // finish, so its answer (does the order exist?) is recorded.
        private readonly CancellationTokenSource _abandon = new CancellationTokenSource();
        private InputOrderQueue<PendingOrder>? _pending;
        private OrderInputs? _inputs;

        internal AsyncOrderCmdlet()
        {
        }

        /// <summary>The order: a hashtable, ordered dictionary, PSCustomObject, JSON string or JSON file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = OrderParameterSet, ValueFromPipeline = true)]
        [AllowNull]
        public object? Order { get; set; }

        /// <summary>JSON files, one order each; wildcards are expanded.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathParameterSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>JSON files, one order each, named exactly: no character is taken as a wildcard.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The key for a single order; the same key is sent on every retry.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, IdempotencyKeys.MaxLength)]
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
                var problem = IdempotencyKeys.Problem(IdempotencyKey);
                if (problem != null)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidIdempotencyKey", $"The idempotency key '{IdempotencyKey}' cannot be sent: it {problem}.", IdempotencyKey));
                }
            }

            base.BeginProcessing();
            _inputs = new OrderInputs(this);
            _pending = new InputOrderQueue<PendingOrder>(Mailbox, Write);
        }

        protected override void ProcessRecord()
        {
            var pending = _pending!;
            UntilStopped(() =>
            {
                foreach (var input in Inputs())
                {
                    var entry = Prepare(input);
                    if (!entry.IsNothing)
                    {
                        pending.Add(entry, entry.Request);
                    }

                    pending.WriteFinished(block: pending.Count > MaxPending, Cancellation);
                }
            });
        }

        protected override void EndProcessing() => UntilStopped(() => _pending?.WriteAll(Cancellation));

        /// <summary>
        /// The pipeline ended before every answer was written (an error with -ErrorAction Stop, Select-Object -First,
        /// Ctrl+C): nothing new is sent (the base has cancelled), and what is on the wire is let finish, for at most
        /// the request timeout, so the ledger knows which orders exist.
        /// </summary>
        private protected override void OnPipelineEnd()
        {
            try
            {
                var inFlight = _pending?.InFlight();
                if (inFlight != null && inFlight.Length > 0)
                {
                    Task.WaitAny(new Task[] { Task.WhenAll(inFlight) }, LongWait.Slice(Connection.Client.RequestTimeout + TimeSpan.FromSeconds(1)));
                }
            }
            finally
            {
                _abandon.Cancel();
                _abandon.Dispose();
            }
        }

        private IEnumerable<OrderInput> Inputs() => ParameterSetName switch
        {
            PathParameterSet => _inputs!.FromPaths(Path, literal: false),
            LiteralPathParameterSet => _inputs!.FromPaths(LiteralPath, literal: true),
            _ => _inputs!.FromOrder(Order),
        };

        /// <summary>Builds one order's request and starts it, or returns the error that stops it; nothing to write after -WhatIf or a "no" to -Confirm.</summary>
        private PendingOrder Prepare(OrderInput input)
        {
            var reference = input.Reference;
            if (input.Error != null)
            {
                return PendingOrder.Failed(input.Error);
            }

            byte[] body;
            try
            {
                body = input.Read();
            }
            catch (OrderInputException e)
            {
                return PendingOrder.Failed(InvalidOrder(e.Message, reference));
            }

            var facts = OrderFacts.Inspect(body, Operation, IdempotencyKeyProperty);
            reference.OrderNumber = facts.OrderNumber;
            reference.AccountNumber = facts.AccountNumber;
            if (facts.Problem != null)
            {
                return PendingOrder.Failed(InvalidOrder($"Zuora would refuse {Subject(facts)}: {facts.Problem}.", reference));
            }

            var request = new AsyncOrderRequest(Operation, body, facts, null);
            Configure(request);
            var fingerprint = SubmissionLedger.Fingerprint(request);
            var key = KeyFor(request, fingerprint, reference, out var chosenByModule, out var keyError);
            if (keyError != null)
            {
                return PendingOrder.Failed(keyError);
            }

            request.UseKey(key!);

            // Claimed before asking, so -WhatIf reports the duplicate a real run would refuse.
            _keysUsed.Add(key!);
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
                return PendingOrder.Nothing;
            }

            WriteVerbose($"Submitting {what}.");
            var ledger = Connection.Ledger;
            var sent = ledger.Add(request, fingerprint, chosenByModule);
            var submission = ledger.Track(sent, request, Connection.Client.StartOrderAsync(request, RequestContext, Cancellation, _abandon.Token));
            return PendingOrder.Started(reference, sent, submission);
        }

        private static Uri BaseWithSlash(Uri baseUri) =>
            baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

        /// <summary>"order OM-1 for account A-1", or for a preview "the preview of order OM-1 ...".</summary>
        private string Subject(OrderFacts facts) =>
            Operation == AsyncOrderOperation.PreviewOrder ? "the preview of " + facts.Describe() : facts.Describe();

        private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        /// <summary>
        /// The order's key: the one given, the one it carries, the one an unreported earlier send of the same request
        /// had in this session, or a new UUID. Null with an error when there can be none.
        /// </summary>
        private string? KeyFor(AsyncOrderRequest request, string fingerprint, OrderReference reference, out bool chosenByModule, out ErrorRecord? error)
        {
            var facts = request.Facts;
            error = null;
            chosenByModule = false;
            string? key;
            if (IdempotencyKeyProperty != null)
            {
                key = facts.KeyFromProperty;
                if (key == null)
                {
                    error = ErrorRecords.InvalidArgument(
                        "IdempotencyKeyMissing",
                        $"{Capitalized(Subject(facts))} was not sent: it has no field '{IdempotencyKeyProperty}' with a text or number value to use as its idempotency key.",
                        reference);
                    return null;
                }
            }
            else if (IdempotencyKey != null)
            {
                key = IdempotencyKey;
            }
            else
            {
                chosenByModule = true;
                key = Connection.Ledger.ReusableKey(fingerprint, _keysUsed) ?? Guid.NewGuid().ToString("D");
            }

            reference.IdempotencyKey = key;
            var problem = IdempotencyKeys.Problem(key);
            if (problem != null)
            {
                error = ErrorRecords.InvalidArgument("InvalidIdempotencyKey", $"{Capitalized(Subject(facts))} was not sent: its idempotency key '{key}' {problem}.", reference);
                return null;
            }

            if (_keysUsed.Contains(key))
            {
                var how = IdempotencyKey != null
                    ? "-IdempotencyKey names a single order; for several, use -IdempotencyKeyProperty or let each order get a new key"
                    : "two orders of one run must not share a key (Zuora would answer the second with the first's result, or refuse it)";
                error = ErrorRecords.InvalidArgument("DuplicateIdempotencyKey", $"{Capitalized(Subject(facts))} was not sent: the key '{key}' was already used by an earlier order of this command; {how}.", reference);
                return null;
            }

            return key;
        }

        private static ErrorRecord InvalidOrder(string message, OrderReference reference) =>
            ErrorRecords.InvalidArgument("InvalidOrder", message.EndsWith(".", StringComparison.Ordinal) ? message + " Nothing was sent." : message + ". Nothing was sent.", reference);

        private void Write(PendingOrder entry)
        {
            if (entry.Error != null)
            {
                WriteError(entry.Error);
                return;
            }

            AsyncOrderSubmission submission;
            try
            {
                submission = entry.Request!.GetAwaiter().GetResult();
            }
            catch (ZuoraApiException e)
            {
                Connection.Ledger.Reported(entry.Sent!);
                WriteError(ErrorRecords.FromOrderApi(e, entry.Reference));
                return;
            }

            Connection.Ledger.Reported(entry.Sent!);
            WriteObject(submission);
        }
    }
}
