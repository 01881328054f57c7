using System.Collections.Generic;
using System.Threading;

namespace ZuoraJobs.Simulator;

/// <summary>
/// Faults scripted for one scope (global or one job): an ordered sequence consumed first, then random rules.
/// A cheap volatile emptiness check keeps the no-fault path free of locks.
/// </summary>
internal sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly List<FaultSpec> _sequence = new();
    private readonly List<(double Probability, FaultSpec Fault)> _rules = new();
    private volatile bool _hasAny;

    public void Enqueue(IEnumerable<FaultSpec> faults)
    {
        lock (_gate)
        {
            _sequence.AddRange(faults);
            _hasAny = _sequence.Count + _rules.Count > 0;
        }
    }

    public void AddRule(double probability, FaultSpec fault)
    {
        lock (_gate)
        {
            _rules.Add((probability, fault));
            _hasAny = true;
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _sequence.Count;
            }
        }
    }

    public FaultSpec? Next(SimEndpoint endpoint, bool newKey, SeededRandom random)
    {
        if (!_hasAny)
        {
            return null;
        }

        lock (_gate)
        {
            for (int i = 0; i < _sequence.Count; i++)
            {
                FaultSpec candidate = _sequence[i];
                if (candidate.Applies(endpoint, newKey))
                {
                    _sequence.RemoveAt(i);
                    _hasAny = _sequence.Count + _rules.Count > 0;
                    return candidate;
                }
            }

            foreach ((double probability, FaultSpec fault) in _rules)
            {
                if (fault.Applies(endpoint, newKey) && random.NextDouble() < probability)
                {
                    return fault;
                }
            }
        }

        return null;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _sequence.Clear();
            _rules.Clear();
            _hasAny = false;
        }
    }
}

/// <summary>Global plan plus one plan per job id; the job's own plan is asked first.</summary>
internal sealed class FaultBook
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FaultPlan> _perJob =
        new(System.StringComparer.OrdinalIgnoreCase);

    private int _jobPlans;

    public FaultPlan Global { get; } = new();

    public FaultPlan ForJob(string jobId)
    {
        return _perJob.GetOrAdd(jobId, _ =>
        {
            Interlocked.Increment(ref _jobPlans);
            return new FaultPlan();
        });
    }

    public FaultSpec? Next(SimEndpoint endpoint, string? jobId, bool newKey, SeededRandom random)
    {
        if (jobId is not null && Volatile.Read(ref _jobPlans) > 0 && _perJob.TryGetValue(jobId, out FaultPlan? plan)
            && plan.Next(endpoint, newKey, random) is { } jobFault)
        {
            return jobFault;
        }

        return Global.Next(endpoint, newKey, random);
    }

    public void Clear()
    {
        Global.Clear();
        _perJob.Clear();
        Interlocked.Exchange(ref _jobPlans, 0);
    }
}
