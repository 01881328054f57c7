using System;

namespace ZuoraJobs.Simulator;

/// <summary>One shared, locked <see cref="Random"/> so that a seed reproduces ids and fault draws.</summary>
internal sealed class SeededRandom
{
    private readonly object _gate = new();
    private Random _random;

    public SeededRandom(int? seed) => _random = Create(seed);

    public void Reseed(int? seed)
    {
        lock (_gate)
        {
            _random = Create(seed);
        }
    }

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    public int Next(int minInclusive, int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(minInclusive, maxExclusive);
        }
    }

    public string NextHex(int byteCount)
    {
        byte[] bytes = new byte[byteCount];
        lock (_gate)
        {
            _random.NextBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes);
    }

    public string NextUuid()
    {
        byte[] bytes = new byte[16];
        lock (_gate)
        {
            _random.NextBytes(bytes);
        }

        // Mark as a version-4 RFC 4122 uuid so clients validating the format accept it.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    private static Random Create(int? seed) => seed is int s ? new Random(s) : new Random();
}
