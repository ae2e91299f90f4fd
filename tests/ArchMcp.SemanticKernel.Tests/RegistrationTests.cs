using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ArchMcp.SemanticKernel.Tests;

public sealed class RegistrationTests
{
    /// <summary>The MCP tool names of PRODUCT.md, and recent_changes and review_change (issue 27): the plugin must expose exactly these.</summary>
    public static readonly string[] McpToolNames =
        ["search_knowledge", "get_decision", "list_decisions", "get_rule", "design_checklist", "review_design", "recent_changes", "review_change"];

    [Fact]
    public void AddArchKnowledge_WhenKernelIsBuilt_AddsTheArchPluginWithTheMcpToolNames()
    {
        using var knowledge = new TempKnowledgeFolder();
        using var index = new TempKnowledgeFolder(source: null);
        var kernel = KernelFixture.CreateKernel(knowledge.Path, index.Path);

        var plugin = kernel.Plugins["arch"];

        Assert.Equal(McpToolNames.Order(), plugin.Select(f => f.Name).Order());
        Assert.All(plugin, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
        Assert.All(plugin.SelectMany(f => f.Metadata.Parameters), p => Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name));
        (kernel.Services as IDisposable)?.Dispose();
    }

    [Fact]
    public void AddArchKnowledge_WhenDescribingParameters_GivesDefaultsAndMarksOnlyTheMainArgumentRequired()
    {
        using var knowledge = new TempKnowledgeFolder();
        using var index = new TempKnowledgeFolder(source: null);
        var kernel = KernelFixture.CreateKernel(knowledge.Path, index.Path);

        var search = kernel.Plugins.GetFunction("arch", "search_knowledge").Metadata;

        Assert.Equal(["query"], search.Parameters.Where(p => p.IsRequired).Select(p => p.Name));
        Assert.Equal("5", search.Parameters.Single(p => p.Name == "limit").DefaultValue?.ToString());
        Assert.DoesNotContain(search.Parameters, p => p.Name == "cancellationToken");
        (kernel.Services as IDisposable)?.Dispose();
    }

    [Fact]
    public void AddArchKnowledge_WhenAnOptionIsOutOfRange_FailsWhenTheKernelIsBuilt()
    {
        using var knowledge = new TempKnowledgeFolder();
        var builder = Kernel.CreateBuilder();
        builder.AddArchKnowledge(o =>
        {
            o.Roots.Add(knowledge.Path);
            o.MaxFileBytes = 0;
        });

        var ex = Assert.Throws<OptionsValidationException>(() => builder.Build());

        Assert.Contains("MaxFileBytes", ex.Message);
    }

    [Fact]
    public void AddArchKnowledge_WhenRootDoesNotExist_FailsWhenTheKernelIsBuilt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "archmcp-tests", "missing-" + Guid.NewGuid().ToString("N"));
        var builder = Kernel.CreateBuilder();
        builder.AddArchKnowledge(o => o.Roots.Add(missing));

        var ex = Assert.Throws<KnowledgeRootNotFoundException>(() => builder.Build());

        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void AddArchKnowledge_WhenConfigureIsNull_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Kernel.CreateBuilder().AddArchKnowledge(null!));
    }

    [Fact]
    public async Task AddArchKnowledgePlugin_WhenKernelComesFromTheContainer_InvokesTheSameService()
    {
        using var knowledge = new TempKnowledgeFolder();
        using var index = new TempKnowledgeFolder(source: null);
        var services = new ServiceCollection();
        services.AddArchKnowledgePlugin(o =>
        {
            o.Roots.Add(knowledge.Path);
            o.IndexPath = index.Path;
        });
        services.AddKernel();
        await using var provider = services.BuildServiceProvider();

        var kernel = provider.GetRequiredService<Kernel>();
        var result = await kernel.InvokeAsync("arch", "get_decision", new() { ["id"] = "ADR-0005" });

        Assert.Equal("Use managed PostgreSQL", result.GetValue<DecisionView>()!.Title);
        Assert.Same(provider.GetRequiredService<IKnowledgeService>(), provider.GetRequiredService<KnowledgeService>());
    }
}
