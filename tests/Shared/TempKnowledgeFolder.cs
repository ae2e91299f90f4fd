namespace ArchMcp.Tests.Shared;

/// <summary>A random temp folder holding a copy of a knowledge tree (the shared fixtures by default); deleted on dispose.</summary>
public sealed class TempKnowledgeFolder : IDisposable
{
    public TempKnowledgeFolder()
        : this(FixturesPath)
    {
    }

    /// <param name="source">Folder to copy; null for an empty folder.</param>
    public TempKnowledgeFolder(string? source)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "archmcp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (source is not null)
        {
            CopyTree(source, Path);
        }
    }

    /// <summary>
    /// The hand-written fixtures copied next to the test assembly (tests/Shared/Fixtures/knowledge). The one fixture
    /// tree, tests/Shared/Fixtures, also holds server-knowledge, the smaller set the server tests run against.
    /// </summary>
    public static string FixturesPath => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "knowledge");

    /// <summary>Absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Writes a text file (UTF-8, no BOM) at a path relative to the folder and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = FullPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new System.Text.UTF8Encoding(false));
        return full;
    }

    /// <summary>Writes raw bytes at a path relative to the folder and returns its full path.</summary>
    public string WriteBytes(string relativePath, byte[] content)
    {
        var full = FullPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string FullPath(string relativePath) => System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: temp files are cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void CopyTree(string source, string target)
    {
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file)), overwrite: true);
        }
    }
}
