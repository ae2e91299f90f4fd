using ArchMcp.Server.Cli;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>`archmcp inspect`: how each file is read and why, through the indexer's loading path, with no index.</summary>
[Collection(CliCollection.Name)]
public sealed class InspectCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Inspect_WhenFolderAsJson_ShowsEachFileAsReadAndBuildsNoIndex()
    {
        var result = await _cli.RunAsync("inspect", _cli.Folder.Path, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        var files = json.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        var adr = files["decisions/0001-use-kafka-for-events.md"];
        Assert.Equal("decision", adr.GetProperty("kind").GetString());
        Assert.Equal("ADR-0001", adr.GetProperty("id").GetString());
        Assert.Contains("decisions", adr.GetProperty("why").GetString());
        Assert.Equal("Accepted", adr.GetProperty("status").GetProperty("raw").GetString());
        Assert.Equal("accepted", adr.GetProperty("status").GetProperty("mapped").GetString());
        Assert.Equal("2021-03-04", adr.GetProperty("date").GetString());
        Assert.Contains(adr.GetProperty("relations").EnumerateArray(), r => r.GetProperty("kind").GetString() == "amended-by");
        Assert.Contains(adr.GetProperty("aliases").EnumerateArray(), a => a.GetString() == "1");
        var rules = files["standards/rest-api-rules.md"].GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "176" && r.GetProperty("level").GetString() == "MUST");
        Assert.Equal("template", files["decisions/adr-template.md"].GetProperty("kind").GetString());
        Assert.Equal(9, json.GetProperty("summary").GetProperty("decisions").GetInt32());
        Assert.False(Directory.Exists(_cli.IndexPath));
    }

    [Fact]
    public async Task Inspect_WhenAStatusIsATemplatesListOfChoices_CountsItAsNoneStated()
    {
        _cli.Folder.Write("designs/unfilled.md", "# Unfilled\n\n| | |\n|---|---|\n| Status | _Draft / In Review / Final_ |\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n");
        _cli.Folder.Write("designs/odd.md", "# Odd\n\n| | |\n|---|---|\n| Status | Bananas |\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n");

        var result = await _cli.RunAsync("inspect", _cli.Folder.FullPath("designs"), "--format", "json");

        var summary = result.Json().GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("decisions").GetInt32());
        Assert.Equal(1, summary.GetProperty("unknownStatus").GetInt32());
        Assert.Equal(1, summary.GetProperty("noStatus").GetInt32());
    }

    [Fact]
    public async Task Inspect_WhenFileIsAPlainGuide_SaysWhyInText()
    {
        _cli.Folder.Write("notes/kafka.md", "# Kafka notes\n\nSome notes.\n");

        var result = await _cli.RunAsync("inspect", _cli.Folder.FullPath("notes/kafka.md"));

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("notes/kafka.md: guide kafka \"Kafka notes\"", result.Stdout);
        Assert.Contains("why: not a decision: no status", result.Stdout);
    }

    [Fact]
    public async Task Inspect_WhenFilesAreLeftOut_SaysWhy()
    {
        _cli.Folder.Write("archmcp.yaml", "exclude: [\"drafts/**\"]\nstatuses:\n  shipped: finished\n");
        _cli.Folder.Write("drafts/idea.md", "# Idea\n");
        _cli.Folder.Write("decisions/.hidden.md", "# Hidden\n");

        var result = await _cli.RunAsync("inspect", _cli.Folder.Path, "--format", "json");

        var json = result.Json();
        Assert.Equal("archmcp.yaml", json.GetProperty("settings").GetString());
        var problem = Assert.Single(json.GetProperty("settingsFindings").EnumerateArray());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        var files = json.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.Contains("excluded by 'drafts/**' in archmcp.yaml", files["drafts"].GetProperty("why").GetString());
        Assert.Contains("hidden file", files["decisions/.hidden.md"].GetProperty("why").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, files["decisions/.hidden.md"].GetProperty("kind").ValueKind);
    }

    [Fact]
    public async Task Inspect_WhenPathDoesNotExist_FailsWithOneLine()
    {
        var result = await _cli.RunAsync("inspect", Path.Combine(_cli.Folder.Path, "nowhere.md"));

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.StartsWith("archmcp: ", Assert.Single(result.ErrorLines));
    }
}
