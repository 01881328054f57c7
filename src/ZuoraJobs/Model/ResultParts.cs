using System;
using System.Collections.Generic;

namespace ZuoraJobs
{
    /// <summary>An object that keeps the fields Zuora sent which this version of the module does not know.</summary>
    public interface IHasAdditionalFields
    {
        IDictionary<string, object?> AdditionalFields { get; }
    }

    /// <summary>A reason code and message as Zuora reports them; the code arrives as a number or a string.</summary>
    public sealed class ZuoraReason
    {
        public ZuoraReason(string? code, string? message)
        {
            Code = code;
            Message = message;
        }

        public string? Code { get; }
        public string? Message { get; }

        /// <summary>The last two digits of an eight-digit code: Zuora's error category (40 = not found, 70 = limit).</summary>
        public int? Category => Code != null && Code.Length >= 2 && int.TryParse(Code.Substring(Code.Length - 2), out var c) ? c : (int?)null;

        public override string ToString() => Code == null ? Message ?? string.Empty : $"{Code}: {Message}";
    }

    public sealed class Ramp : IHasAdditionalFields
    {
        internal Ramp()
        {
        }

        /// <summary>Fields Zuora sent that this version of the module does not know.</summary>
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public string? RampNumber { get; internal set; }
        public string? SubscriptionNumber { get; internal set; }
        public override string ToString() => RampNumber ?? string.Empty;
    }

    public sealed class Refund : IHasAdditionalFields
    {
        internal Refund()
        {
        }

        /// <summary>Fields Zuora sent that this version of the module does not know.</summary>
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public string? Number { get; internal set; }
        public string[] RefundInvoiceNumbers { get; internal set; } = Array.Empty<string>();
        public string? Status { get; internal set; }
        public override string ToString() => Number ?? string.Empty;
    }

    public sealed class WriteOff : IHasAdditionalFields
    {
        internal WriteOff()
        {
        }

        /// <summary>Fields Zuora sent that this version of the module does not know.</summary>
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public decimal? Amount { get; internal set; }
        public string? FailedReason { get; internal set; }
        public string? InvoiceNumber { get; internal set; }
        public string? Status { get; internal set; }
        public string? WriteOffCreditMemoNumber { get; internal set; }
        public override string ToString() => InvoiceNumber ?? string.Empty;
    }

    public sealed class Commitment : IHasAdditionalFields
    {
        internal Commitment()
        {
        }

        /// <summary>Fields Zuora sent that this version of the module does not know.</summary>
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

        public string? Id { get; internal set; }
        public string? CommitmentNumber { get; internal set; }
        public string? Type { get; internal set; }
        public string? PrepaymentType { get; internal set; }
        public string? Status { get; internal set; }
        public string? StartDate { get; internal set; }
        public string? EndDate { get; internal set; }
        public decimal? TotalAmount { get; internal set; }
        public object?[] Schedules { get; internal set; } = Array.Empty<object?>();
        public override string ToString() => CommitmentNumber ?? Id ?? string.Empty;
    }

    /// <summary>An invoice or credit memo that a preview job says the order would produce.</summary>
    public sealed class PreviewDocument : IHasAdditionalFields
    {
        internal PreviewDocument()
        {
        }

        public decimal? Amount { get; internal set; }
        public decimal? AmountWithoutTax { get; internal set; }
        public decimal? TaxAmount { get; internal set; }
        public string? TargetDate { get; internal set; }
        public object?[] Items { get; internal set; } = Array.Empty<object?>();
        public IDictionary<string, object?> AdditionalFields { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
        public override string ToString() => Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
