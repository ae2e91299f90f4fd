using ArchMcp.Core;

namespace ArchMcp.Benchmarks;

/// <summary>
/// One index of the five corpora (named roots "madr", "govuk-aws", …) built once per process and shared by the
/// query benchmarks; its folder is deleted when the process exits.
/// </summary>
public static class SharedIndex
{
    private static readonly Lazy<KnowledgeService> Instance = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _folder;

    public static KnowledgeService Service => Instance.Value;

    private static KnowledgeService Build()
    {
        _folder = BenchData.TempFolder("shared-index");
        var service = BenchData.Service(BenchData.RootSpecs(), _folder);
        service.RefreshAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            service.Dispose();
            BenchData.Delete(_folder);
        };
        return service;
    }
}
