using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ArchMcp.Server.Hosting;

/// <summary>
/// The checks in front of /mcp: foreign Host or Origin (DNS rebinding) → 403, missing or wrong bearer token → 401,
/// a body that is not JSON → 415, oversized body → 413, session caps → 429/503. Rejections are JSON-RPC error bodies with the matching HTTP status.
/// </summary>
public static partial class HttpGuards
{
    public const string McpPath = "/mcp";

    /// <summary>How much of an oversized body Kestrel may read past the limit, and discard, after the 413.</summary>
    private const long DiscardedBodyBytes = 32L * 1024 * 1024;

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
    /// Reads a POST to /mcp into memory before the MCP handler sees it: a body that is not JSON → 415; more than
    /// Server:MaxRequestBodyBytes, counted on the bytes read (chunked or not) → 413; a client too slow or gone →
    /// one log line. An initialize that would open a session past the caps is refused (429 for one client, 503 for
    /// all), and a second initialize on an open session → 400. Other requests pass untouched.
    /// </summary>
    public static IApplicationBuilder UseMcpRequestBody(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsMcp(context) || !HttpMethods.IsPost(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!IsJson(context.Request.ContentType))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{context.Request.ContentType}' is not supported: send 'application/json'.").ConfigureAwait(false);
            return;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The limit is counted below; Kestrel's own is raised for this request so that, once a 413 is written,
            // it can discard (never keep) the rest of an oversized body and the client, still sending, reads the answer.
            size.MaxRequestBodySize = options.MaxRequestBodyBytes + DiscardedBodyBytes;
        }

        var body = await ReadBoundedAsync(context, options.MaxRequestBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        context.Request.Body = new MemoryStream(body.GetBuffer(), 0, (int)body.Length, writable: false);
        context.Request.ContentLength = body.Length;
        if (string.Equals(MethodOf(body.GetBuffer().AsSpan(0, (int)body.Length)), "initialize", StringComparison.Ordinal))
        {
            var refusal = SessionRefusal(context, options);
            if (refusal is { } r)
            {
                await RejectAsync(context, r.Status, r.Message).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    });

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

    private static (int Status, string Message)? SessionRefusal(HttpContext context, ServerOptions options)
    {
        if (context.Request.Headers.ContainsKey("Mcp-Session-Id"))
        {
            return (StatusCodes.Status400BadRequest, "This session is already initialized: send initialize without Mcp-Session-Id to start a new session.");
        }

        var sessions = context.RequestServices.GetRequiredService<Mcp.McpSessions>();
        if (sessions.CountOwnedBy(ClientIdOf(context)) >= options.MaxSessionsPerClient)
        {
            context.Response.Headers.RetryAfter = "60";
            return (StatusCodes.Status429TooManyRequests,
                $"This client already has {options.MaxSessionsPerClient} open sessions, the limit: close one (DELETE /mcp with its Mcp-Session-Id) or wait for idle ones to expire.");
        }

        if (sessions.Count >= options.MaxSessions)
        {
            context.Response.Headers.RetryAfter = "60";
            return (StatusCodes.Status503ServiceUnavailable, $"The server has {options.MaxSessions} open sessions, its limit: try again later.");
        }

        return null;
    }

    /// <summary>The body, or null once a rejection (or nothing, for a client that went away) has been answered.</summary>
    private static async Task<MemoryStream?> ReadBoundedAsync(HttpContext context, long max)
    {
        if (context.Request.ContentLength > max)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, $"Request body larger than {max} bytes.").ConfigureAwait(false);
            return null;
        }

        var body = new MemoryStream(context.Request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > max)
                {
                    await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, $"Request body larger than {max} bytes.").ConfigureAwait(false);
                    return null;
                }

                body.Write(chunk, 0, read);
            }

            return body;
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits: the body size (413) and the minimum data rate of a slow client (408).
            LogRefused(Logger(context), context.Request.Method, context.Request.Path.ToString(), ex.StatusCode, ex.Message);
            await RejectAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? $"Request body larger than {max} bytes." : ex.Message).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            LogRefused(Logger(context), context.Request.Method, context.Request.Path.ToString(), 499, "the client went away while sending the body");
            return null;
        }
    }

    /// <summary>The top-level "method" of a JSON-RPC message, or null (not an object, no method, not JSON).</summary>
    public static string? MethodOf(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMethod = reader.ValueTextEquals("method"u8);
                reader.Read();
                if (isMethod)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && string.Equals(media.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);

    private static ILogger Logger(HttpContext context) => context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ArchMcp.Server.Http");

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

    private static bool IsMcp(HttpContext context) => context.Request.Path.StartsWithSegments(McpPath, StringComparison.OrdinalIgnoreCase);
}
