using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using static ArchMcp.Server.Hosting.HttpGuards;

namespace ArchMcp.Server.Hosting;

/// <summary>
/// The body of a POST to /mcp, read before the MCP handler sees it: a body that is not JSON → 415, an oversized one
/// → 413, an initialize past the session caps → 429/503. Rejections are JSON-RPC error bodies (<see cref="HttpGuards"/>).
/// </summary>
public static class McpRequestBody
{
    /// <summary>How much of an oversized body Kestrel may read past the limit, and discard, after the 413.</summary>
    private const long DiscardedBodyBytes = 32L * 1024 * 1024;

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
}
