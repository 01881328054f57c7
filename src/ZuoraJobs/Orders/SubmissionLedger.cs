using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using ZuoraJobs.Api;

namespace ZuoraJobs.Orders
{
    /// <summary>
    /// Every order a connection sent, with what became of it. Its purpose is the early end of a pipeline: POSTs run
    /// ahead of the output, so when a command stops, orders may exist in Zuora whose submissions nobody saw. They stay
    /// here, and the same body sent again in the session with a module-chosen key gets the key it had, so Zuora
    /// replays its first answer instead of creating a second order. Thread-safe.
    /// </summary>
    internal sealed class SubmissionLedger
    {
        /// <summary>Zuora forgets a key 24 hours after it is set; an hour's margin keeps a reused key from meeting an empty slot.</summary>
        internal static readonly TimeSpan KeyReuseWindow = TimeSpan.FromHours(23);

        private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

        private readonly object _gate = new object();
        private readonly List<Entry> _entries = new List<Entry>();
        private readonly Func<DateTimeOffset> _now;

        public SubmissionLedger(Func<DateTimeOffset> now)
        {
            _now = now;
        }

        public SentOrder[] Snapshot()
        {
            lock (_gate)
            {
                Prune();
                var copy = new SentOrder[_entries.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = _entries[i].Order;
                }

                return copy;
            }
        }

        /// <summary>
        /// The key of an earlier send of exactly this request whose outcome never reached the pipeline, claimed so that
        /// no other order of the same command takes it too; null when there is none.
        /// </summary>
        public string? ReusableKey(string fingerprint, ISet<string> taken)
        {
            lock (_gate)
            {
                var now = _now();
                foreach (var entry in _entries)
                {
                    var order = entry.Order;
                    if (!order.Reported && order.State != SentOrderState.Sending && now - order.SentAt < KeyReuseWindow
                        && string.Equals(entry.Fingerprint, fingerprint, StringComparison.Ordinal) && !taken.Contains(order.IdempotencyKey))
                    {
                        return order.IdempotencyKey;
                    }
                }
            }

            return null;
        }

        /// <summary>Records an order about to be sent; a resend under a key already held replaces the older record.</summary>
        public SentOrder Add(AsyncOrderRequest request, string fingerprint, bool keyChosenByModule)
        {
            var order = new SentOrder(request.Operation.ToString(), request.IdempotencyKey!, request.Facts.OrderNumber, request.Facts.AccountNumber,
                keyChosenByModule, _now());
            var entry = new Entry(fingerprint, order);
            lock (_gate)
            {
                Prune();
                _entries.RemoveAll(e => string.Equals(e.Order.IdempotencyKey, order.IdempotencyKey, StringComparison.Ordinal)
                                        && string.Equals(e.Order.Operation, order.Operation, StringComparison.Ordinal));
                _entries.Add(entry);
            }

            return order;
        }

        /// <summary>Follows a submission to its end and records it there, before anyone waiting on the returned task sees it.</summary>
        public async Task<AsyncOrderSubmission> Track(SentOrder order, AsyncOrderRequest request, Task<AsyncOrderSubmission> submission)
        {
            try
            {
                var accepted = await submission.ConfigureAwait(false);
                Update(order, SentOrderState.Accepted, accepted.JobId, null);
                return accepted;
            }
            catch (ZuoraApiException e)
            {
                Update(order, request.MayExist || !ProvesNothingCreated(e.Kind) ? SentOrderState.Unknown : SentOrderState.Refused, null, e.Message);
                throw;
            }
            catch (OperationCanceledException)
            {
                Update(order, request.AttemptsSent == 0 ? SentOrderState.NotSent : SentOrderState.Unknown, null,
                    request.AttemptsSent == 0 ? "The command ended before the order was sent." : "The command ended before Zuora's answer arrived.");
                throw;
            }
        }

        public void Reported(SentOrder order)
        {
            lock (_gate)
            {
                order.Reported = true;
            }
        }

        private void Update(SentOrder order, SentOrderState state, string? jobId, string? message)
        {
            lock (_gate)
            {
                order.State = state;
                order.JobId = jobId;
                order.Message = message;
            }
        }

        /// <summary>Answers in which Zuora says it did not take the order.</summary>
        private static bool ProvesNothingCreated(ZuoraErrorKind kind) =>
            kind == ZuoraErrorKind.OrderRejected || kind == ZuoraErrorKind.IdempotencyKeyMismatch || kind == ZuoraErrorKind.InvalidRequest
            || kind == ZuoraErrorKind.AuthenticationFailed || kind == ZuoraErrorKind.AccessDenied || kind == ZuoraErrorKind.NotFound
            || kind == ZuoraErrorKind.RateLimited;

        private void Prune()
        {
            var oldest = _now() - Retention;
            _entries.RemoveAll(e => e.Order.SentAt < oldest && e.Order.State != SentOrderState.Sending);
        }

        /// <summary>"The same request" as Zuora compares it for a key: endpoint, query and body bytes.</summary>
        public static string Fingerprint(AsyncOrderRequest request)
        {
            using (var sha = SHA256.Create())
            {
                var uri = Encoding.UTF8.GetBytes(request.RelativeUri + "\n");
                sha.TransformBlock(uri, 0, uri.Length, null, 0);
                sha.TransformFinalBlock(request.Body, 0, request.Body.Length);
                return Convert.ToBase64String(sha.Hash);
            }
        }

        private sealed class Entry
        {
            public Entry(string fingerprint, SentOrder order)
            {
                Fingerprint = fingerprint;
                Order = order;
            }

            public string Fingerprint { get; }

            public SentOrder Order { get; }
        }
    }
}
