using System.CommandLine;
using System.Threading.RateLimiting;
using ArchMcp.Server.Cli;
using ArchMcp.Server.Mcp;
using ArchMcp.Server.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace ArchMcp.Server.Hosting;

/// <summary>`archmcp serve --http`: Streamable HTTP at /mcp with /healthz and /readyz, and the web view at /, hardened for a shared machine.</summary>
public static partial class HttpHost
{
    /// <summary>
    /// Builds the web application. <paramref name="urls"/> (the --urls value) wins over the "urls" setting; the
    /// default is <see cref="ServerOptions.DefaultUrls"/>. <paramref name="overrides"/> are applied last (tests).
    /// Throws <see cref="InsecureBindException"/> for a non-loopback bind without a token. <paramref name="configureServices"/>
    /// runs after every registration (tests add a logger or a tool).
    /// </summary>
    public static WebApplication Build(ParseResult parse, string? urls = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        Action<IServiceCollection>? configureServices = null)
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
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(services =>
        {
            var server = services.GetRequiredService<IOptions<ServerOptions>>().Value;
            return new McpSessions { MaxSubscriptionsPerSession = server.MaxSubscriptionsPerSession };
        });
        builder.Services.AddArchMcpServer().WithHttpTransport(o =>
        {
            o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCPEXP002 // RunSessionHandler is experimental: it is the one hook that sees each session start and end.
            o.RunSessionHandler = RunSessionAsync;
#pragma warning restore MCPEXP002
        }).WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellationToken) =>
        {
            // A tool's work stops when the HTTP client that asked for it goes away.
            var aborted = context.Services?.GetService<IHttpContextAccessor>()?.HttpContext?.RequestAborted ?? CancellationToken.None;
            if (!aborted.CanBeCanceled)
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, aborted);
            return await next(context, linked.Token).ConfigureAwait(false);
        }));
        builder.Services.AddOptions<HttpServerTransportOptions>().Configure<IOptions<ServerOptions>>((transport, server) =>
        {
            // Our own caps (HttpGuards) refuse new sessions long before the SDK's idle-session limit, which would
            // close the oldest idle session — a live client's — to make room.
#pragma warning disable MCP9006 // stateful sessions are what 2025-11-25 clients (and notifications) need; their bounds are not optional
            transport.IdleTimeout = TimeSpan.FromSeconds(server.Value.SessionIdleTimeoutSeconds);
            transport.MaxIdleSessionCount = server.Value.MaxSessions * 2 + 100;
#pragma warning restore MCP9006
        });
        builder.Services.AddKnowledgeHostedServices();
        configureServices?.Invoke(builder.Services);
        builder.Services.UseOneLineClientErrors();
        var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        var insecure = BindAddresses.Configured(configuration).FirstOrDefault(u => !BindAddresses.IsLoopback(u));
        if (insecure is not null && string.IsNullOrEmpty(options.Token))
        {
            throw new InsecureBindException(insecure);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ArchMcp.Server");
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // One line per failed request, not the middleware's own stack trace.
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = context => HandleFailureAsync(context, logger),
        });
        app.UseOriginGuard();
        app.UseRateLimiter();
        app.UseWebViewGuard();
        app.UseBearerToken();
        app.UseClientIdentity();
        app.UseMcpRequestBody();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (KnowledgeReadiness readiness) =>
        {
            var (status, text) = readiness.Report();
            return Results.Text(text, statusCode: status);
        });
        app.MapMcp(HttpGuards.McpPath);
        app.MapWebView();

        app.Lifetime.ApplicationStarted.Register(() => LogListening(logger, string.Join(", ", app.Urls.Select(u => u.TrimEnd('/') + HttpGuards.McpPath)),
            string.IsNullOrEmpty(options.Token) ? "no token (loopback only)" : "bearer token required (ARCHMCP_TOKEN)"));
        return app;
    }

    private static Task HandleFailureAsync(HttpContext context, ILogger logger)
    {
        var error = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        if (error is Microsoft.AspNetCore.Http.BadHttpRequestException bad)
        {
            HttpGuards.LogRefused(logger, context.Request.Method, context.Request.Path.ToString(), bad.StatusCode, bad.Message);
            return HttpGuards.RejectAsync(context, bad.StatusCode, bad.Message);
        }

        // One line for what a client caused (ClientGoneLogging); a bug keeps its stack trace, in the log only.
        LogFailed(logger, error, context.Request.Method, context.Request.Path.ToString());
        return HttpGuards.RejectAsync(context, StatusCodes.Status500InternalServerError, "Internal error.");
    }

    private static async Task RunSessionAsync(HttpContext context, ModelContextProtocol.Server.McpServer server, CancellationToken cancellationToken)
    {
        using var registration = server.SessionId is null ? null : context.RequestServices.GetRequiredService<McpSessions>().Add(server, HttpGuards.ClientIdOf(context));
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void ConfigureRateLimit(RateLimiterOptions limiter, int perMinute)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !context.Request.Path.StartsWithSegments(HttpGuards.McpPath, StringComparison.OrdinalIgnoreCase) && !WebView.IsPage(context)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogFailed(ILogger logger, Exception? error, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ArchMcp MCP endpoint: {Endpoints} — {Auth}")]
    private static partial void LogListening(ILogger logger, string endpoints, string auth);
}
