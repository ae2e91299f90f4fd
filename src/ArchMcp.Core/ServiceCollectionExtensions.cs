using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

/// <summary>Registration of the knowledge engine in a service collection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the knowledge engine: one singleton owning the index, served as <see cref="IKnowledgeService"/> (the
    /// answers), <see cref="IKnowledgeIndexer"/> (the index's life cycle, for hosts) and the checklist's retriever.
    /// </summary>
    public static IServiceCollection AddArchKnowledge(this IServiceCollection services, Action<KnowledgeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<KnowledgeOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        // a container without logging (a kernel, a test) still gets a working engine
        services.TryAddSingleton(sp => new KnowledgeService(
            sp.GetRequiredService<IOptions<KnowledgeOptions>>(),
            sp.GetService<ILogger<KnowledgeService>>() ?? NullLogger<KnowledgeService>.Instance));
        services.TryAddSingleton<IKnowledgeService>(sp => sp.GetRequiredService<KnowledgeService>());
        services.TryAddSingleton<IKnowledgeIndexer>(sp => sp.GetRequiredService<KnowledgeService>());
        services.TryAddSingleton(sp => sp.GetRequiredService<KnowledgeService>().Retriever);
        return services;
    }
}
