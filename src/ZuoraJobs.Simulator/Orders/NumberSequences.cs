using System.Globalization;
using System.Threading;

namespace ZuoraJobs.Simulator;

/// <summary>Zuora-looking document numbers, each from its own counter so they read like a fresh tenant's.</summary>
internal sealed class NumberSequences
{
    private int _account;
    private int _order;
    private int _subscription;
    private int _invoice;
    private int _payment;
    private int _creditMemo;

    public string NextAccount() => "A" + Next(ref _account, "D8");

    public string NextOrder() => "OM-" + Next(ref _order, "D5");

    public string NextSubscription() => "SM-" + Next(ref _subscription, "D5");

    public string NextInvoice() => "INV" + Next(ref _invoice, "D8");

    public string NextPayment() => "P-" + Next(ref _payment, "D8");

    public string NextCreditMemo() => "CM" + Next(ref _creditMemo, "D8");

    public void Reset()
    {
        Interlocked.Exchange(ref _account, 0);
        Interlocked.Exchange(ref _order, 0);
        Interlocked.Exchange(ref _subscription, 0);
        Interlocked.Exchange(ref _invoice, 0);
        Interlocked.Exchange(ref _payment, 0);
        Interlocked.Exchange(ref _creditMemo, 0);
    }

    private static string Next(ref int counter, string format) =>
        Interlocked.Increment(ref counter).ToString(format, CultureInfo.InvariantCulture);
}
