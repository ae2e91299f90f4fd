using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ArchMcp.Server.Hosting;

/// <summary>
/// The checks in front of /mcp: foreign Host or Origin (DNS rebinding) → 403, missing or wrong bearer token → 401,
/// the client named for session ownership. The body of a POST is bounded by <see cref="McpRequestBody"/>. Rejections
/// are JSON-RPC error bodies with the matching HTTP status.
/// </summary>
public static partial class HttpGuards
{
    public const string McpPath = "/mcp";

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    public static IApplicationBuilder UseOriginGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!IsMcp(context))
        {
            return next(context);
        }

        var allowed = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.AllowedHosts;
        if (!IsAllowedHost(context.Request.Host.Host, allowed))
        {
            return RejectAsync(context, StatusCodes.Status403Forbidden, $"Host '{context.Request.Host}' is not allowed. Add it to Server:AllowedHosts.");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowedOrigin(origin, context, allowed))
        {
            return RejectAsync(context, StatusCodes.Status403Forbidden, $"Origin '{origin}' is not allowed. Add its host to Server:AllowedHosts.");
        }

        return next(context);
    });

    /// <summary>
    /// An Origin is accepted when it is this server itself — a loopback name with the scheme of this request and the
    /// port of its Host header or of the connection (a page served by another local port is another origin) — or a
    /// host named in Server:AllowedHosts
    /// ("host" for any port, "host:port" for that port only; e.g. behind a reverse proxy).
    /// </summary>
    public static bool IsAllowedOrigin(string origin, HttpContext context, IEnumerable<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(allowed);
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        foreach (var entry in allowed)
        {
            var colon = entry.LastIndexOf(':');
            var hasPort = colon > 0 && !entry.EndsWith(']') && int.TryParse(entry.AsSpan(colon + 1), out _);
            if (hasPort
                ? string.Equals(entry[..colon], uri.Host, StringComparison.OrdinalIgnoreCase) && int.Parse(entry.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture) == uri.Port
                : string.Equals(entry, uri.Host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // The port the browser believes it talks to is the Host header's (a published container port may differ
        // from the one the server listens on); the listening port itself is accepted too.
        var hostPort = context.Request.Host.Port ?? (context.Request.IsHttps ? 443 : 80);
        return LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
            && string.Equals(uri.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase)
            && (uri.Port == hostPort || uri.Port == context.Connection.LocalPort);
    }

    /// <summary>
    /// Names the client behind a request for session ownership: its address and, where a token is configured, the
    /// token it presented. Set as the request's user, which the MCP SDK binds each session to (a request on a session
    /// from another client is refused with 403).
    /// </summary>
    public static IApplicationBuilder UseClientIdentity(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (IsMcp(context))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ClientIdOf(context))], "archmcp-client"));
        }

        return next(context);
    });

    public static string ClientIdOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var token = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.Token;
        if (string.IsNullOrEmpty(token))
        {
            return address;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString()));
        return $"{address} {Convert.ToHexString(presented, 0, 8)}";
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: {Reason}")]
    public static partial void LogRefused(ILogger logger, string method, string path, int status, string reason);

    public static IApplicationBuilder UseBearerToken(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var token = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.Token;
        if (!IsMcp(context) || string.IsNullOrEmpty(token) || TokenMatches(context.Request.Headers.Authorization.ToString(), token))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return RejectAsync(context, StatusCodes.Status401Unauthorized, "Missing or invalid bearer token.");
    });

    public static bool IsAllowedHost(string host, IEnumerable<string> extra) =>
        LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || extra.Contains(host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Compares "Bearer X" with the token in constant time (hashes first, so the length does not leak either).</summary>
    public static bool TokenMatches(string authorization, string token)
    {
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public static Task RejectAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(ErrorBody(-32600, message), context.RequestAborted);
    }

    public static string ErrorBody(int code, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WriteNull("id");
            json.WriteStartObject("error");
            json.WriteNumber("code", code);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static bool IsMcp(HttpContext context) => context.Request.Path.StartsWithSegments(McpPath, StringComparison.OrdinalIgnoreCase);
}
