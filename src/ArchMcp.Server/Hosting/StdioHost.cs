using System.CommandLine;
using ArchMcp.Core;
using ArchMcp.Server.Cli;
using ArchMcp.Server.Mcp;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Hosting;

/// <summary>`archmcp serve`: one MCP session over stdin/stdout (or the given streams); logs go to stderr.</summary>
public static class StdioHost
{
    public static IHost Build(ParseResult parse, Stream? input = null, Stream? output = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        // Not Host.CreateApplicationBuilder: its defaults cost start-up time and add nothing here. Its appsettings reload
        // watches the current folder recursively (an IDE starts the server in the workspace: ~150 ms of CPU for 5,000
        // folders), and it registers log providers that are then cleared. The documented sources are added instead,
        // the command line last.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "archmcp" });
        builder.Configuration.AddArchMcpSources();
        builder.Configuration.AddCommandLine([.. parse.UnmatchedTokens]);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.AddConfiguredKnowledge(builder.Configuration, parse, watch: true);
        var mcp = builder.Services.AddArchMcpServer();
        if (input is null || output is null)
        {
            mcp.WithStdioServerTransport();
        }
        else
        {
            mcp.WithStreamServerTransport(input, output);
        }

        builder.Services.AddHostedService<SingleSessionRegistration>();
        builder.Services.AddKnowledgeHostedServices();
        var host = builder.Build();
        StartKnowledgeEarly(host.Services);
        return host;
    }

    /// <summary>
    /// Constructs the knowledge service and opens the persisted index on another core while this thread builds the MCP
    /// server (its tool and resource schemas are most of the start-up), so the first search finds the index ready.
    /// <see cref="IndexWarmup"/> repeats both steps when the host starts (they are idempotent) and reports their
    /// failures, so this task's own are dropped.
    /// </summary>
    private static void StartKnowledgeEarly(IServiceProvider services) =>
        Task.Run(() => services.GetRequiredService<IKnowledgeIndexer>().StartAsync())
            .ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);

    /// <summary>Registers the one stdio session for notifications for the lifetime of the host.</summary>
    private sealed class SingleSessionRegistration(McpServer server, McpSessions sessions) : IHostedService
    {
        private IDisposable? _registration;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _registration = sessions.Add(server);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _registration?.Dispose();
            return Task.CompletedTask;
        }
    }
}
