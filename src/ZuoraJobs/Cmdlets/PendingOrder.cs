using System.Management.Automation;
using System.Threading.Tasks;

namespace ZuoraJobs.Cmdlets
{
    /// <summary>One order of a Start cmdlet on its way to the output: its request under way, or the error that replaced it.</summary>
    internal readonly struct PendingOrder
    {
        private PendingOrder(OrderReference? reference, SentOrder? sent, Task<AsyncOrderSubmission>? request, ErrorRecord? error)
        {
            Reference = reference;
            Sent = sent;
            Request = request;
            Error = error;
        }

        /// <summary>Nothing to write: -WhatIf, or a "no" to -Confirm.</summary>
        public static PendingOrder Nothing => default;

        public OrderReference? Reference { get; }

        /// <summary>The order's line in the connection's ledger.</summary>
        public SentOrder? Sent { get; }

        public Task<AsyncOrderSubmission>? Request { get; }

        public ErrorRecord? Error { get; }

        public bool IsNothing => Request == null && Error == null;

        public static PendingOrder Started(OrderReference reference, SentOrder sent, Task<AsyncOrderSubmission> request) =>
            new PendingOrder(reference, sent, request, null);

        public static PendingOrder Failed(ErrorRecord error) => new PendingOrder(error.TargetObject as OrderReference, null, null, error);
    }
}
