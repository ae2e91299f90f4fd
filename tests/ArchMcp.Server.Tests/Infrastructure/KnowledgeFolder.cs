namespace ArchMcp.Server.Tests.Infrastructure;

/// <summary>
/// A private copy of the server's test knowledge (tests/Shared/Fixtures/server-knowledge: four decisions about the
/// search engine, one standard, a reference architecture, the ADR template) plus an index folder.
/// </summary>
public sealed class KnowledgeFolder : IDisposable
{
    public KnowledgeFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "archmcp-server-tests", Guid.NewGuid().ToString("n"));
        Knowledge = Path.Combine(Root, "knowledge");
        Index = Path.Combine(Root, "index");
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "server-knowledge");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Knowledge, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public string Knowledge { get; }

    public string Index { get; }

    public string PathOf(string relative) => Path.Combine(Knowledge, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a watcher or the index may still hold a handle for a moment; the temp folder is cleaned up later
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
