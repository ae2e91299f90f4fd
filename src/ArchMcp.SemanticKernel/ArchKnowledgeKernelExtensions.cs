using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ArchMcp.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ArchMcp.SemanticKernel;

/// <summary>One-line registration of the ArchMcp knowledge service and its Semantic Kernel plugin.</summary>
public static class ArchKnowledgeKernelExtensions
{
    /// <summary>The plugin name the functions are registered under: <c>arch</c> (so <c>arch-search_knowledge</c> for a model).</summary>
    public const string DefaultPluginName = "arch";

    /// <summary>
    /// How arguments are read and results written: camelCase, like the MCP tools' structured content.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>
    /// Registers the knowledge service and adds <see cref="ArchKnowledgePlugin"/> to the kernel under
    /// <paramref name="pluginName"/>. Invalid options fail when the kernel is built.
    /// </summary>
    /// <example><code>builder.AddArchKnowledge(o => o.Roots.Add("knowledge"));</code></example>
    public static IKernelBuilder AddArchKnowledge(this IKernelBuilder builder, Action<KnowledgeOptions> configure, string pluginName = DefaultPluginName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddArchKnowledgePlugin(configure, pluginName);
        return builder;
    }

    /// <summary>
    /// Registers the knowledge service, <see cref="ArchKnowledgePlugin"/> and a <see cref="KernelPlugin"/> that every
    /// kernel resolved from this container picks up (<c>services.AddKernel()</c>). Options are validated when the
    /// plugin is first resolved and, in a host, at start-up.
    /// </summary>
    public static IServiceCollection AddArchKnowledgePlugin(this IServiceCollection services, Action<KnowledgeOptions>? configure = null, string pluginName = DefaultPluginName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);

        services.AddArchKnowledge(configure);
        services.AddOptions<KnowledgeOptions>().ValidateOnStart();
        services.TryAddSingleton<ArchKnowledgePlugin>();
        services.AddSingleton(sp =>
        {
            // Reading Value runs the data-annotation validators: a bad option throws OptionsValidationException here.
            _ = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return KernelPluginFactory.CreateFromObject(
                sp.GetRequiredService<ArchKnowledgePlugin>(), JsonOptions, pluginName, sp.GetService<ILoggerFactory>());
        });
        return services;
    }
}
