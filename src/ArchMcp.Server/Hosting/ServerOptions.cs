using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ArchMcp.Server.Hosting;

/// <summary>HTTP mode settings, bound from the "Server" configuration section (ARCHMCP_Server__Name variables).</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Where Kestrel listens when neither --urls nor a "urls" setting says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>
    /// Bearer token required on /mcp. Also read from ARCHMCP_TOKEN. Required when listening on a non-loopback
    /// address; when set, required on every bind.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Host names accepted in the Host and Origin headers besides localhost, 127.0.0.1 and [::1]. Default none.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Largest accepted request body, in bytes; larger requests get 413. Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per minute accepted from one client address on /mcp; more get 429. Default 12,000 (200 a second: an assistant bursts, a runaway loop does not get through).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 12000;

    /// <summary>
    /// Most open MCP sessions in all; an initialize past it gets 503 (no live session is ever evicted to make room).
    /// Default 1,000.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSessions { get; set; } = 1000;

    /// <summary>Most open MCP sessions one client (address and token) may hold; an initialize past it gets 429. Default 50.</summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerClient { get; set; } = 50;

    /// <summary>Seconds a session may stay without any request before it is closed (a client then starts a new one). Default 1,800 (30 minutes).</summary>
    [Range(1, 7 * 24 * 3600)]
    public int SessionIdleTimeoutSeconds { get; set; } = 1800;

    /// <summary>Most resource subscriptions one session may hold. Default 100.</summary>
    [Range(1, 100_000)]
    public int MaxSubscriptionsPerSession { get; set; } = 100;
}

/// <summary>Checks the [Range] limits of <see cref="ServerOptions"/> with code generated at build time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class ServerOptionsValidator : IValidateOptions<ServerOptions>;
