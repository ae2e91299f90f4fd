using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the knowledge engine: <see cref="IKnowledgeService"/> (a singleton owning the index).</summary>
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
        services.TryAddSingleton<KnowledgeService>();
        services.TryAddSingleton<IKnowledgeService>(sp => sp.GetRequiredService<KnowledgeService>());
        services.TryAddSingleton<Search.IKnowledgeRetriever>(sp => sp.GetRequiredService<KnowledgeService>());
        return services;
    }
}
