using ArchMcp.Core;
using ArchMcp.Server.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Mcp;

/// <summary>Registers the ArchMcp MCP surface: six tools, the resources, the prompts, completions and notifications.</summary>
public static class McpServerSetup
{
    public const string Instructions =
        "ArchMcp serves this organisation's architecture knowledge: architecture decision records (ADRs), engineering " +
        "standards with numbered rules, and reference architectures. Before proposing a technology, pattern or API " +
        "shape, call search_knowledge or design_checklist; before approving a design, call review_design. Respect the " +
        "decisions in force (a superseded decision names its successor) and cite ids with path:line.";

    /// <summary>The SDK's logger for request handling (its failures are logged by <see cref="KnowledgeRequestFilters"/> instead).</summary>
    public const string SdkServerLogCategory = "ModelContextProtocol.Server.McpServer";

    public static IMcpServerBuilder AddArchMcpServer(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgeReadiness>();
        services.TryAddSingleton<McpSessions>();
        services.TryAddSingleton<ResourceListing>();
        services.TryAddSingleton<IdCompletions>();
        services.TryAddSingleton<AdrDrafts>();
        services.PostConfigure<McpServerOptions>(o => ToolSchemas.Apply(o.ToolCollection ?? []));
        // The SDK logs every exception a handler throws as a failure with its stack trace — a client's wrong argument
        // and an unknown id included. KnowledgeRequestFilters logs the unexpected ones itself.
        services.Configure<LoggerFilterOptions>(o => o.AddFilter(SdkServerLogCategory, LogLevel.Critical));

        return services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation
                {
                    Name = "archmcp",
                    Title = "ArchMcp — architecture decisions and standards",
                    Version = typeof(McpServerSetup).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                };
                o.ServerInstructions = Instructions;
                o.Capabilities = new ServerCapabilities
                {
                    Resources = new ResourcesCapability { Subscribe = true, ListChanged = true },
                };
            })
            .WithTools<SearchTools>(McpJson.Options)
            .WithTools<DecisionTools>(McpJson.Options)
            .WithTools<RuleTools>(McpJson.Options)
            .WithTools<DesignTools>(McpJson.Options)
            .WithTools<HistoryTools>(McpJson.Options)
            .WithTools<ChangeTools>(McpJson.Options)
            .WithResources<KnowledgeResources>()
            .WithResources(KnowledgeResources.Templates())
            .WithPrompts<KnowledgePrompts>(McpJson.Options)
            .WithListResourcesHandler((context, cancellationToken) =>
                new ValueTask<ListResourcesResult>(Service<ResourceListing>(context.Services).ListAsync(context.Params?.Cursor, cancellationToken)))
            .WithSubscribeToResourcesHandler(SubscribeAsync)
            .WithUnsubscribeFromResourcesHandler((context, _) =>
            {
                Service<McpSessions>(context.Services).Unsubscribe(context.Server, context.Params!.Uri);
                return ValueTask.FromResult(new EmptyResult());
            })
            .WithCompleteHandler((context, _) => ValueTask.FromResult(Service<IdCompletions>(context.Services).Complete(context.Params)))
            .WithMessageFilters(filters => filters.AddIncomingFilter(RequestParamsCheck.Filter))
            .WithRequestFilters(filters => filters.AddKnowledgeFilters());
    }

    /// <summary>
    /// Registers the index warm-up and the change notifications. Call it after the transport: the host constructs its
    /// hosted services in registration order, and these two need the knowledge service, which the stdio host opens on
    /// another core meanwhile (<see cref="StdioHost"/>); constructed first, they would wait for it.
    /// </summary>
    public static IServiceCollection AddKnowledgeHostedServices(this IServiceCollection services)
    {
        services.AddHostedService<IndexWarmup>();
        services.AddHostedService<ChangeNotifier>();
        return services;
    }

    /// <summary>
    /// resources/subscribe: only a URI this server can read is recorded, at most
    /// <see cref="McpSessions.MaxSubscriptionsPerSession"/> per session and <see cref="McpSessions.MaxSubscriptionUriLength"/>
    /// characters long; anything else is refused with the reason, so subscriptions cannot grow memory without bound.
    /// </summary>
    private static async ValueTask<EmptyResult> SubscribeAsync(RequestContext<SubscribeRequestParams> context, CancellationToken cancellationToken)
    {
        var sessions = Service<McpSessions>(context.Services);
        var uri = context.Params?.Uri;
        if (string.IsNullOrEmpty(uri))
        {
            throw new McpProtocolException("Missing 'uri': name the resource to subscribe to.", McpErrorCode.InvalidParams);
        }

        if (uri.Length > sessions.MaxSubscriptionUriLength)
        {
            throw new McpProtocolException($"'uri' is {uri.Length} characters long; the limit is {sessions.MaxSubscriptionUriLength}.", McpErrorCode.InvalidParams);
        }

        if (!sessions.IsSubscribed(context.Server, uri) && !await CanReadAsync(context, uri, cancellationToken).ConfigureAwait(false))
        {
            throw new McpProtocolException($"Unknown resource URI '{uri}': only resources this server lists or reads can be subscribed to.", McpErrorCode.ResourceNotFound);
        }

        return sessions.Subscribe(context.Server, uri) switch
        {
            McpSessions.SubscribeOutcome.LimitReached => throw new McpProtocolException(
                $"This session already holds {sessions.MaxSubscriptionsPerSession} subscriptions, the limit: unsubscribe from one first.", McpErrorCode.InvalidParams),
            McpSessions.SubscribeOutcome.UriTooLong => throw new McpProtocolException(
                $"'uri' is longer than {sessions.MaxSubscriptionUriLength} characters.", McpErrorCode.InvalidParams),
            _ => new EmptyResult(),
        };
    }

    /// <summary>Whether a resource of this server reads <paramref name="uri"/> (the same resources and templates resources/read uses).</summary>
    private static async Task<bool> CanReadAsync(RequestContext<SubscribeRequestParams> context, string uri, CancellationToken cancellationToken)
    {
        if (context.Server.ServerOptions.ResourceCollection is not { } resources || resources.FirstOrDefault(r => r.IsMatch(uri)) is not { } resource)
        {
            return false;
        }

        if (context.Services?.GetService<KnowledgeReadiness>() is { } readiness)
        {
            await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var read = new RequestContext<ReadResourceRequestParams>(context.Server, context.JsonRpcRequest, new ReadResourceRequestParams { Uri = uri })
            {
                Services = context.Services,
            };
            var result = await resource.ReadAsync(read, cancellationToken).ConfigureAwait(false);
            return result.Contents.Count > 0;
        }
        catch (KnowledgeException)
        {
            return false;
        }
    }

    private static T Service<T>(IServiceProvider? services) where T : notnull => services!.GetRequiredService<T>();
}
