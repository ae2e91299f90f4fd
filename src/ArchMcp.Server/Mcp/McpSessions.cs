using System.Collections.Concurrent;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>
/// The connected sessions that can receive server-to-client notifications (the stdio session, or each stateful
/// HTTP session) and the resource URIs each one subscribed to. Sessions are keyed by their session id; the
/// single stdio/stream session has none.
/// </summary>
public sealed class McpSessions
{
    private const string SingleSession = "";
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public IReadOnlyCollection<Session> All => [.. _sessions.Values];

    /// <summary>Adds a running session; dispose the result when the session ends.</summary>
    public IDisposable Add(McpServer server)
    {
        var key = KeyOf(server);
        var session = new Session(server);
        _sessions[key] = session;
        return new Removal(() => _sessions.TryRemove(new KeyValuePair<string, Session>(key, session)));
    }

    public void Subscribe(McpServer server, string uri) => _sessions.GetValueOrDefault(KeyOf(server))?.Subscriptions.TryAdd(uri, 0);

    public void Unsubscribe(McpServer server, string uri) => _sessions.GetValueOrDefault(KeyOf(server))?.Subscriptions.TryRemove(uri, out _);

    private static string KeyOf(McpServer server) => server.SessionId ?? SingleSession;

    public sealed class Session(McpServer server)
    {
        public McpServer Server { get; } = server;

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
