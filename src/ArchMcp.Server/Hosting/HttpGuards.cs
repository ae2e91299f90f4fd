using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArchMcp.Server.Hosting;

/// <summary>
/// The checks in front of /mcp: foreign Host or Origin (DNS rebinding) → 403, oversized body → 413, missing or
/// wrong bearer token → 401. Rejections are JSON-RPC error bodies with the matching HTTP status.
/// </summary>
public static class HttpGuards
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
        if (origin.Length > 0 && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && IsAllowedHost(uri.Host, allowed)))
        {
            return RejectAsync(context, StatusCodes.Status403Forbidden, $"Origin '{origin}' is not allowed. Add its host to Server:AllowedHosts.");
        }

        return next(context);
    });

    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var max = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MaxRequestBodyBytes;
        return IsMcp(context) && context.Request.ContentLength > max
            ? RejectAsync(context, StatusCodes.Status413PayloadTooLarge, $"Request body larger than {max} bytes.")
            : next(context);
    });

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
