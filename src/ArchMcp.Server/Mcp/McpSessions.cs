using System.Collections.Concurrent;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// The connected sessions that can receive server-to-client notifications (the stdio session, or each stateful
/// HTTP session), the client that opened each one, and the resource URIs each one subscribed to. Sessions are keyed
/// by their session id; the single stdio/stream session has none. A session's subscriptions are bounded in number
/// and in URI length, and are dropped with the session.
/// </summary>
public sealed class McpSessions
{
    private const string SingleSession = "";
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Most resource subscriptions one session may hold. Default 100.</summary>
    public int MaxSubscriptionsPerSession { get; init; } = 100;

    /// <summary>Longest resource URI accepted in a subscription, in characters. Default 1,024.</summary>
    public int MaxSubscriptionUriLength { get; init; } = 1024;

    public int Count => _sessions.Count;

    public IReadOnlyCollection<Session> All => [.. _sessions.Values];

    /// <summary>Adds a running session opened by <paramref name="owner"/> (a client identity, or null); dispose the result when the session ends.</summary>
    public IDisposable Add(McpServer server, string? owner = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var key = KeyOf(server);
        var session = new Session(server, owner);
        _sessions[key] = session;
        return new Removal(() =>
        {
            _sessions.TryRemove(new KeyValuePair<string, Session>(key, session));
            session.Subscriptions.Clear();
        });
    }

    /// <summary>How many sessions <paramref name="owner"/> has open.</summary>
    public int CountOwnedBy(string owner)
    {
        var count = 0;
        foreach (var session in _sessions.Values)
        {
            count += string.Equals(session.Owner, owner, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    public bool IsSubscribed(McpServer server, string uri) => _sessions.GetValueOrDefault(KeyOf(server))?.Subscriptions.ContainsKey(uri) == true;

    /// <summary>Records a subscription unless the session already holds <see cref="MaxSubscriptionsPerSession"/>.</summary>
    public SubscribeOutcome Subscribe(McpServer server, string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Length > MaxSubscriptionUriLength)
        {
            return SubscribeOutcome.UriTooLong;
        }

        if (_sessions.GetValueOrDefault(KeyOf(server)) is not { } session)
        {
            return SubscribeOutcome.NoSession;
        }

        lock (session)
        {
            if (session.Subscriptions.ContainsKey(uri))
            {
                return SubscribeOutcome.Subscribed;
            }

            if (session.Subscriptions.Count >= MaxSubscriptionsPerSession)
            {
                return SubscribeOutcome.LimitReached;
            }

            session.Subscriptions.TryAdd(uri, 0);
            return SubscribeOutcome.Subscribed;
        }
    }

    public void Unsubscribe(McpServer server, string uri) => _sessions.GetValueOrDefault(KeyOf(server))?.Subscriptions.TryRemove(uri, out _);

    private static string KeyOf(McpServer server) => server.SessionId ?? SingleSession;

    /// <summary>What became of a <c>resources/subscribe</c> request.</summary>
    public enum SubscribeOutcome
    {
        Subscribed,
        LimitReached,
        UriTooLong,
        NoSession,
    }

    /// <summary>One connected client: its server handle, who opened it and the resources it subscribed to.</summary>
    public sealed class Session(McpServer server, string? owner = null)
    {
        public McpServer Server { get; } = server;

        /// <summary>The identity of the client that opened the session (HTTP), or null (stdio).</summary>
        public string? Owner { get; } = owner;

        public ConcurrentDictionary<string, byte> Subscriptions { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                remove();
            }
        }
    }
}
