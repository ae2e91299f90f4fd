using System.Text.Json;
using ArchMcp.Server.Cli;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>What one in-process run of <c>archmcp</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        try
        {
            using var doc = JsonDocument.Parse(Stdout);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout is not JSON ({ex.Message}):\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>The stderr lines that are not blank.</summary>
    public IReadOnlyList<string> ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs the root command in-process with captured stdout and stderr (as sign's SignCommandTests do), over a copy
/// of the fixtures with the index inside it (in <c>.index</c>, which the engine skips as a dot folder).
/// </summary>
public sealed class CliFixture : IDisposable
{
    public CliFixture(string? source = "")
    {
        Folder = new TempKnowledgeFolder(source == "" ? TempKnowledgeFolder.FixturesPath : source);
    }

    public TempKnowledgeFolder Folder { get; }

    public string IndexPath => Path.Combine(Folder.Path, ".index");

    /// <summary>Runs <c>archmcp ARGS</c> exactly as given.</summary>
    public static async Task<CliResult> RunRawAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ArchMcpCli.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>archmcp ARGS --knowledge FOLDER --index FOLDER/.index</c>.</summary>
    public Task<CliResult> RunAsync(params string[] args) =>
        RunRawAsync([.. args, "--knowledge", Folder.Path, "--index", IndexPath]);

    public void Dispose() => Folder.Dispose();
}

/// <summary>CLI tests share static option instances and the console logger: run them one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli";
}
