using System.CommandLine;
using System.Threading.RateLimiting;
using ArchMcp.Server.Cli;
using ArchMcp.Server.Mcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace ArchMcp.Server.Hosting;

/// <summary>`archmcp serve --http`: Streamable HTTP at /mcp with /healthz and /readyz, hardened for a shared machine.</summary>
public static partial class HttpHost
{
    /// <summary>
    /// Builds the web application. <paramref name="urls"/> (the --urls value) wins over the "urls" setting; the
    /// default is <see cref="ServerOptions.DefaultUrls"/>. <paramref name="overrides"/> are applied last (tests).
    /// Throws <see cref="InsecureBindException"/> for a non-loopback bind without a token.
    /// </summary>
    public static WebApplication Build(ParseResult parse, string? urls = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. parse.UnmatchedTokens], ApplicationName = "archmcp" });
        builder.Configuration.AddArchMcpSources();
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Configuration["urls"] = urls ?? builder.Configuration["urls"] ?? ServerOptions.DefaultUrls;
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Warning);

        var configuration = builder.Configuration;
        builder.Services.AddOptions<ServerOptions>()
            .Bind(configuration.GetSection(ServerOptions.Section))
            .PostConfigure(o => o.Token = string.IsNullOrWhiteSpace(o.Token) ? configuration["TOKEN"] : o.Token)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>());
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, server) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = server.Value.MaxRequestBodyBytes;
        });
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ServerOptions>>((limiter, server) => ConfigureRateLimit(limiter, server.Value.RequestsPerMinute));

        builder.Services.AddConfiguredKnowledge(configuration, parse, watch: true);
        builder.Services.AddArchMcpServer().WithHttpTransport(o =>
        {
            o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCPEXP002 // RunSessionHandler is experimental: it is the one hook that sees each session start and end.
            o.RunSessionHandler = RunSessionAsync;
#pragma warning restore MCPEXP002
        });
        builder.Services.AddKnowledgeHostedServices();
        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var insecure = BindAddresses.Configured(configuration).FirstOrDefault(u => !BindAddresses.IsLoopback(u));
        if (insecure is not null && string.IsNullOrEmpty(options.Token))
        {
            throw new InsecureBindException(insecure);
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = context => HttpGuards.RejectAsync(context, StatusCodes.Status500InternalServerError, "Internal error.") });
        app.UseOriginGuard();
        app.UseRateLimiter();
        app.UseBodyLimit();
        app.UseBearerToken();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (KnowledgeReadiness readiness) =>
        {
            var (status, text) = readiness.Report();
            return Results.Text(text, statusCode: status);
        });
        app.MapMcp(HttpGuards.McpPath);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ArchMcp.Server");
        app.Lifetime.ApplicationStarted.Register(() => LogListening(logger, string.Join(", ", app.Urls.Select(u => u.TrimEnd('/') + HttpGuards.McpPath)),
            string.IsNullOrEmpty(options.Token) ? "no token (loopback only)" : "bearer token required (ARCHMCP_TOKEN)"));
        return app;
    }

    private static async Task RunSessionAsync(HttpContext context, ModelContextProtocol.Server.McpServer server, CancellationToken cancellationToken)
    {
        using var registration = server.SessionId is null ? null : context.RequestServices.GetRequiredService<McpSessions>().Add(server);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void ConfigureRateLimit(RateLimiterOptions limiter, int perMinute)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !context.Request.Path.StartsWithSegments(HttpGuards.McpPath, StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetNoLimiter("other")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        limiter.OnRejected = (rejected, cancellationToken) =>
        {
            rejected.HttpContext.Response.Headers.RetryAfter = "60";
            return new ValueTask(HttpGuards.RejectAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, $"Rate limit of {perMinute} requests per minute exceeded."));
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ArchMcp MCP endpoint: {Endpoints} — {Auth}")]
    private static partial void LogListening(ILogger logger, string endpoints, string auth);
}
