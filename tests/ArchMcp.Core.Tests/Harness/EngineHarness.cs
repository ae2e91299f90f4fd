using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Harness;

/// <summary>
/// A copy of a knowledge tree in a temp folder with a real on-disk index in its <c>.index</c> sub-folder (dot folders
/// are not knowledge), and the engine over it. Extra services on the same index model a second process.
/// </summary>
public sealed class EngineHarness : IDisposable
{
    private readonly List<KnowledgeService> _services = [];
    private readonly List<TempKnowledgeFolder> _extraFolders = [];

    /// <param name="source">Knowledge tree to copy (default: the shared fixtures); <see cref="Empty"/> for none.</param>
    public EngineHarness(string? source = "")
    {
        Folder = new TempKnowledgeFolder(source == "" ? TempKnowledgeFolder.FixturesPath : source);
        IndexPath = System.IO.Path.Combine(Folder.Path, ".index");
    }

    /// <summary>Pass as the source for an empty folder.</summary>
    public const string? Empty = null;

    public TempKnowledgeFolder Folder { get; }

    public string IndexPath { get; }

    /// <summary>The first engine, over the folder as its only root (created on first use).</summary>
    public KnowledgeService Service => _services.Count > 0 ? _services[0] : NewService();

    /// <summary>A new engine on the same index folder; roots default to the harness folder.</summary>
    public KnowledgeService NewService(params string[] roots)
    {
        var service = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = roots.Length == 0 ? [Folder.Path] : [.. roots], IndexPath = IndexPath, Watch = false }),
            NullLogger<KnowledgeService>.Instance);
        _services.Add(service);
        return service;
    }

    /// <summary>Another empty temp folder disposed with the harness (a second knowledge root).</summary>
    public TempKnowledgeFolder ExtraFolder()
    {
        var folder = new TempKnowledgeFolder(null);
        _extraFolders.Add(folder);
        return folder;
    }

    /// <summary>Disposes one engine early (e.g. before touching its index from outside).</summary>
    public void Close(KnowledgeService service)
    {
        _services.Remove(service);
        service.Dispose();
    }

    public Task<SearchResult> SearchAsync(string query, int limit = 5) =>
        Service.SearchAsync(new SearchRequest { Query = query, Limit = limit });

    /// <summary>Line <paramref name="line"/> (1-based) of a file under the folder.</summary>
    public string LineOf(string relativePath, int line) => File.ReadAllLines(Folder.FullPath(relativePath))[line - 1];

    /// <summary>The 1-based line of the first line of a file containing <paramref name="text"/>.</summary>
    public int FindLine(string relativePath, string text) =>
        Array.FindIndex(File.ReadAllLines(Folder.FullPath(relativePath)), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    /// <summary>
    /// Appends <paramref name="text"/> to the first Markdown file (in path order) and refreshes: the file is indexed
    /// again, leaving its old entries deleted in the index and its new ones after all others.
    /// </summary>
    public async Task ReindexFirstFileAsync(string text)
    {
        var first = Directory.EnumerateFiles(Folder.Path, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.AppendAllText(first, text);
        File.SetLastWriteTimeUtc(first, DateTime.UtcNow.AddMinutes(1));
        await Service.RefreshAsync();
    }

    public void Dispose()
    {
        foreach (var service in _services)
        {
            service.Dispose();
        }

        foreach (var folder in _extraFolders)
        {
            folder.Dispose();
        }

        Folder.Dispose();
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; posts them later on the thread pool).</summary>
public sealed class ProgressLog : IProgress<IndexProgress>
{
    private readonly List<IndexProgress> _reports = [];

    public IReadOnlyList<IndexProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>How many files the refresh re-parsed (0 when it reported nothing).</summary>
    public int Parsed => Reports.Count == 0 ? 0 : Reports.Max(r => r.Total);

    public void Report(IndexProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}
