using ArchMcp.Server.Cli;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>The checks of issue 6 through the CLI: lint of the repository's knowledge/ folder and three developer questions.</summary>
[Collection(CliCollection.Name)]
public sealed class ShippedKnowledgeCliTests : IDisposable
{
    private readonly TempKnowledgeFolder _index = new(null);

    public void Dispose() => _index.Dispose();

    /// <summary>knowledge/ beside ArchMcp.sln, found by walking up from the test assembly.</summary>
    public static string? KnowledgePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ArchMcp.sln")))
                {
                    var knowledge = Path.Combine(dir.FullName, "knowledge");
                    return Directory.Exists(knowledge) ? knowledge : null;
                }
            }

            return null;
        }
    }

    private const string SkipReason = "The repository's knowledge/ folder was not found next to ArchMcp.sln.";

    [SkippableFact]
    public async Task Lint_WhenShippedKnowledge_ExitsZeroAndCountsEveryFileOfEachKind()
    {
        Skip.If(KnowledgePath is null, SkipReason);

        var result = await CliFixture.RunRawAsync("lint", "--knowledge", KnowledgePath!, "--index", _index.Path, "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var summary = result.Json().GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("errors").GetInt32());
        var expected = KnowledgeCounts.Of(KnowledgePath!);
        Assert.Equal(expected.Decisions, summary.GetProperty("decisions").GetInt32());
        Assert.Equal(expected.Standards, summary.GetProperty("standards").GetInt32());
        Assert.Equal(expected.Rules, summary.GetProperty("rules").GetInt32());
        Assert.Equal(expected.ReferenceArchitectures, summary.GetProperty("references").GetInt32()); // templates are not references
    }

    [SkippableTheory]
    [InlineData("circuit breaker settings", "standards/reliability.md")]
    [InlineData("how to version an API", "standards/api-design.md")]
    [InlineData("where do secrets live", "standards/security.md")]
    public async Task Search_WhenDeveloperQuestion_FirstCardIsTheRightStandardAtARuleLine(string query, string path)
    {
        Skip.If(KnowledgePath is null, SkipReason);

        var json = await CliFixture.RunRawAsync("search", query, "--knowledge", KnowledgePath!, "--index", _index.Path, "--format", "json");
        var text = await CliFixture.RunRawAsync("search", query, "--knowledge", KnowledgePath!, "--index", _index.Path);

        var first = json.Json().GetProperty("hits")[0];
        Assert.Equal(path, first.GetProperty("path").GetString());
        // the card cites the line its snippet quotes
        var line = File.ReadAllLines(Path.Combine(KnowledgePath!, path))[first.GetProperty("line").GetInt32() - 1];
        var quoted = first.GetProperty("snippet").GetString()!.Replace("**", "", StringComparison.Ordinal).Split(' ')[0];
        Assert.Contains(quoted, line, StringComparison.Ordinal);
        Assert.Contains($"{path}:{first.GetProperty("line").GetInt32()}", text.Stdout);
    }
}
