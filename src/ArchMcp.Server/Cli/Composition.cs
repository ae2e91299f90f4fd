using System.CommandLine;
using ArchMcp.Core;

namespace ArchMcp.Server.Cli;

/// <summary>
/// The one place configuration is bound: appsettings.json, then ARCHMCP_* environment variables, then the
/// command line. Every verb, and the server, registers the knowledge services through here.
/// </summary>
public static class Composition
{
    public static IConfigurationBuilder AddArchMcpSources(this IConfigurationBuilder builder)
    {
        builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables("ARCHMCP_");
        return builder;
    }

    /// <summary>Registers the knowledge services with options bound from configuration and the command line.</summary>
    public static IServiceCollection AddConfiguredKnowledge(this IServiceCollection services, IConfiguration configuration, ParseResult parse, bool watch)
    {
        var roots = parse.GetValue(CommonOptions.Knowledge) ?? [];
        var index = parse.GetValue(CommonOptions.Index);
        services.AddArchKnowledge();
        services.AddOptions<KnowledgeOptions>()
            .Bind(configuration.GetSection("Knowledge"))
            .PostConfigure(o =>
            {
                if (roots.Length > 0)
                {
                    o.Roots = [.. roots];
                }

                if (!string.IsNullOrWhiteSpace(index))
                {
                    o.IndexPath = index;
                }

                o.Watch |= watch;
            })
            .ValidateOnStart();
        return services;
    }

    /// <summary>A service provider for a one-shot CLI verb (logs warnings and above to stderr).</summary>
    public static ServiceProvider BuildCliServices(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder().AddArchMcpSources().Build();
        var services = new ServiceCollection();
        // One-shot verbs keep stderr for warnings and errors; the server's log levels come from configuration.
        services.AddLogging(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning));
        services.AddConfiguredKnowledge(configuration, parse, watch: false);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
