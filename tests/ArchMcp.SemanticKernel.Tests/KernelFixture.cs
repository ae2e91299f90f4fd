using ArchMcp.Tests.Shared;
using Microsoft.SemanticKernel;

namespace ArchMcp.SemanticKernel.Tests;

/// <summary>One kernel with the "arch" plugin over a copy of the shared fixtures, indexed once per test class.</summary>
public sealed class KernelFixture : IDisposable
{
    public KernelFixture()
    {
        Knowledge = new TempKnowledgeFolder();
        Index = new TempKnowledgeFolder(source: null);
        Kernel = CreateKernel(Knowledge.Path, Index.Path);
    }

    public TempKnowledgeFolder Knowledge { get; }

    public TempKnowledgeFolder Index { get; }

    public Kernel Kernel { get; }

    public static Kernel CreateKernel(string knowledge, string index)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddArchKnowledge(o =>
        {
            o.Roots.Add(knowledge);
            o.IndexPath = index;
        });
        return builder.Build();
    }

    public async Task<T> InvokeAsync<T>(string function, KernelArguments arguments)
    {
        var result = await Kernel.InvokeAsync(ArchKnowledgeKernelExtensions.DefaultPluginName, function, arguments);
        return result.GetValue<T>() ?? throw new InvalidOperationException($"{function} returned null.");
    }

    public void Dispose()
    {
        (Kernel.Services as IDisposable)?.Dispose();
        Index.Dispose();
        Knowledge.Dispose();
    }
}
