using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;

namespace ZuoraJobs.Simulator;

/// <summary>Issued bearer tokens. "Expire all" bumps a generation instead of touching every entry.</summary>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private int _generation;
    private long _issued;

    public long Issued => Interlocked.Read(ref _issued);

    public string[] AccessTokens => _tokens.Keys.ToArray();

    public IssuedToken Issue(string accessToken, string jti, string clientId, DateTimeOffset expiresAt)
    {
        var token = new IssuedToken(accessToken, jti, clientId, expiresAt, Volatile.Read(ref _generation));
        _tokens[accessToken] = token;
        Interlocked.Increment(ref _issued);
        return token;
    }

    public bool IsValid(string accessToken, DateTimeOffset now) =>
        _tokens.TryGetValue(accessToken, out IssuedToken? token)
        && !token.Revoked
        && token.Generation == Volatile.Read(ref _generation)
        && now < token.ExpiresAt;

    /// <summary>Makes one token invalid from now on, as if it had expired on the server.</summary>
    public void Expire(string accessToken)
    {
        if (_tokens.TryGetValue(accessToken, out IssuedToken? token))
        {
            token.Revoked = true;
        }
    }

    public void ExpireAll() => Interlocked.Increment(ref _generation);
}

internal sealed class IssuedToken(string accessToken, string jti, string clientId, DateTimeOffset expiresAt, int generation)
{
    private volatile bool _revoked;

    public string AccessToken { get; } = accessToken;

    public string Jti { get; } = jti;

    public string ClientId { get; } = clientId;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public int Generation { get; } = generation;

    public bool Revoked
    {
        get => _revoked;
        set => _revoked = value;
    }
}
