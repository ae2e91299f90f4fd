using ArchMcp.Server.Cli;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>`archmcp new`: the next ADR from the root's template or the built-in MADR skeleton.</summary>
[Collection(CliCollection.Name)]
public sealed class NewCommandTests : IDisposable
{
    private const string Template = """
        ---
        kind: template
        status: "{{status}}"
        date: "{{date}}"
        ---
        # {{title}}

        <!-- ADR-{{number}} -->

        ## Context and Problem Statement

        {context}

        ## Decision Outcome

        {outcome}

        ## More Information

        {links}
        """;

    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task New_WhenFixtures_WritesTheNextNumberIntoTheDecisionsFolderFromTheTemplateBesideThem()
    {
        var result = await _cli.RunAsync("new", "Use Redis for sessions", "--date", "2025-02-03");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var expected = _cli.Folder.FullPath("decisions/0009-use-redis-for-sessions.md");
        Assert.Equal(expected, result.Stdout.Trim());
        var text = File.ReadAllText(expected);
        // decisions/adr-template.md (MADR placeholders): status quoted as the template quotes it, the date not
        Assert.StartsWith("---\nstatus: \"proposed\"\ndate: 2025-02-03\n---\n# Use Redis for sessions\n", text);
        Assert.Contains("{Describe the context.}", text);
        Assert.DoesNotContain("{{", text);
    }

    [Fact]
    public async Task New_WhenWritten_EngineReadsItAsTheNextDecision()
    {
        await _cli.RunAsync("new", "Use", "Redis", "for", "sessions", "--status", "accepted", "--date", "2025-02-03");

        var show = await _cli.RunAsync("show", "ADR-0009", "--format", "json");
        var lint = await _cli.RunAsync("lint", "--format", "json");

        Assert.True(show.ExitCode == ExitCodes.Success, show.ToString());
        var decision = show.Json();
        Assert.Equal("Use Redis for sessions", decision.GetProperty("title").GetString());
        Assert.Equal("accepted", decision.GetProperty("status").GetString());
        Assert.Equal("2025-02-03", decision.GetProperty("date").GetString());
        Assert.DoesNotContain(lint.Json().GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("path").GetString() == "decisions/0009-use-redis-for-sessions.md" && f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public async Task New_WhenTemplateBesideTheRecords_FillsPlaceholdersAndDropsTheTemplateKind()
    {
        _cli.Folder.Write("decisions/adr-template.md", Template);

        var result = await _cli.RunAsync("new", "Cache prices in Redis", "--date", "2025-02-03");

        var text = File.ReadAllText(result.Stdout.Trim());
        Assert.StartsWith("---\nstatus: \"proposed\"\ndate: \"2025-02-03\"\n---\n# Cache prices in Redis\n", text);
        Assert.Contains("<!-- ADR-0009 -->", text);
        Assert.Contains("{context}", text);
        Assert.DoesNotContain("kind: template", text);
    }

    [Fact]
    public async Task New_WhenRelatedDecisionsExist_ListsThemUnderMoreInformation()
    {
        _cli.Folder.Write("decisions/adr-template.md", Template);

        var result = await _cli.RunAsync("new", "Move Kafka topics to managed brokers", "--date", "2025-02-03");

        var text = File.ReadAllText(result.Stdout.Trim());
        var more = text[text.IndexOf("## More Information", StringComparison.Ordinal)..];
        Assert.Contains("[ADR-0001](0001-use-kafka-for-events.md) Use Kafka for domain events (accepted)", more);
        Assert.Contains("{links}", more);
    }

    [Fact]
    public async Task New_WhenJson_PrintsIdPathAndRelated()
    {
        var result = await _cli.RunAsync("new", "Partition Kafka topics by region", "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal("ADR-0009", json.GetProperty("id").GetString());
        Assert.Equal(9, json.GetProperty("number").GetInt32());
        Assert.Equal("decisions/0009-partition-kafka-topics-by-region.md", json.GetProperty("relativePath").GetString());
        Assert.Contains("ADR-0001", json.GetProperty("related").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).ToString("yyyy-MM-dd"), json.GetProperty("date").GetString());
    }

    [Fact]
    public async Task New_WhenRootHasNoDecisions_Writes0001IntoTheFolderItselfFromTheBuiltInSkeleton()
    {
        using var empty = new TempKnowledgeFolder(null);

        var result = await CliFixture.RunRawAsync("new", "Record architecture decisions", "--date", "2025-01-01",
            "--knowledge", empty.Path, "--index", Path.Combine(empty.Path, ".index"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(empty.FullPath("0001-record-architecture-decisions.md"), result.Stdout.Trim());
        Assert.False(Directory.Exists(empty.FullPath("decisions")));
        var text = File.ReadAllText(result.Stdout.Trim());
        Assert.Contains("## Context and Problem Statement", text);
        Assert.Contains("## Decision Outcome", text);
        Assert.Contains("## Considered Options", text);
    }

    [Fact]
    public async Task New_WhenDecisionsLiveInAnotherFolder_WritesWhereMostDecisionsAre()
    {
        using var root = new TempKnowledgeFolder(null);
        root.Write("docs/adr/0001-one.md", "# 1. One\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n");
        root.Write("docs/adr/0002-two.md", "# 2. Two\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n");
        root.Write("decisions/0007-lone.md", "# 7. Lone\n\nDate: 2020-01-03\n\n## Status\n\nAccepted\n");

        var result = await CliFixture.RunRawAsync("new", "Three", "--knowledge", root.Path, "--index", Path.Combine(root.Path, ".index"));

        Assert.Equal(root.FullPath("docs/adr/0008-three.md"), result.Stdout.Trim());
    }

    [Fact]
    public async Task New_WhenSeveralRoots_WritesIntoTheFirst()
    {
        using var second = new TempKnowledgeFolder(null);
        second.Write("decisions/0040-far.md", "# 40. Far\n\nDate: 2020-01-03\n\n## Status\n\nAccepted\n");

        var result = await CliFixture.RunRawAsync("new", "Near", "-k", $"first={_cli.Folder.Path}", "-k", $"second={second.Path}", "--index", _cli.IndexPath);

        Assert.Equal(_cli.Folder.FullPath("decisions/0009-near.md"), result.Stdout.Trim());
    }

    [Fact]
    public async Task New_WhenFileExists_RefusesToOverwrite()
    {
        // a guide (not a decision) already holds the name the next decision would get
        var existing = _cli.Folder.Write("decisions/0009-use-redis.md", "---\nkind: guide\n---\n# Redis notes\n\nKeep me.\n");

        var result = await _cli.RunAsync("new", "Use Redis");

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("already exists", line);
        Assert.Contains("Keep me.", File.ReadAllText(existing));
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("--status", "maybe")]
    public async Task New_WhenStatusUnknown_FailsWithInvalidOptions(string option, string value)
    {
        var result = await _cli.RunAsync("new", "Use Redis", option, value);

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.StartsWith("archmcp: ", Assert.Single(result.ErrorLines));
        Assert.False(Directory.EnumerateFiles(_cli.Folder.FullPath("decisions"), "0009-*").Any());
    }

    [Fact]
    public async Task New_WhenTitleHasNoLetters_FailsWithInvalidOptions()
    {
        var result = await _cli.RunAsync("new", "!!!");

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    private static Task<CliResult> NewInAsync(TempKnowledgeFolder root, params string[] args) =>
        CliFixture.RunRawAsync(["new", .. args, "--knowledge", root.Path, "--index", Path.Combine(root.Path, ".index")]);

    [Fact]
    public async Task New_WhenRecordsAreAdrToolsWithThreeDigitsAndATemplate_FollowsThem()
    {
        using var root = new TempKnowledgeFolder(null);
        root.Write("doc/adr/001-record-architecture-decisions.md", "# 1. Record architecture decisions\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a log.\n");
        root.Write("doc/adr/002-use-kafka.md", "# 2. Use Kafka\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nEvents.\n");
        root.Write("doc/adr/template.md", "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\n## Decision\n\n## Consequences\n");

        var result = await NewInAsync(root, "Cache sessions in Redis", "--date", "2025-02-03", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var json = result.Json();
        Assert.Equal("doc/adr/003-cache-sessions-in-redis.md", json.GetProperty("relativePath").GetString());
        Assert.Equal("doc/adr/template.md", json.GetProperty("template").GetString());
        Assert.StartsWith("# 3. Cache sessions in Redis\n\nDate: 2025-02-03\n\n## Status\n\nProposed\n", File.ReadAllText(root.FullPath("doc/adr/003-cache-sessions-in-redis.md")));
    }

    [Fact]
    public async Task New_WhenRecordsAreDatePrefixedBullets_WritesADatePrefixedBulletRecord()
    {
        using var root = new TempKnowledgeFolder(null);
        root.Write("decisions/2024-01-15-adopt-opentelemetry.md", "# Adopt OpenTelemetry\n\n- Status: accepted\n- Date: 2024-01-15\n\n## Context and Problem Statement\n\nTracing.\n");
        root.Write("decisions/2024-03-01-use-kafka.md", "# Use Kafka\n\n- Status: accepted\n- Date: 2024-03-01\n\n## Context and Problem Statement\n\nEvents.\n");

        var result = await NewInAsync(root, "Cache sessions in Redis", "--date", "2025-02-03");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(root.FullPath("decisions/2025-02-03-cache-sessions-in-redis.md"), result.Stdout.Trim());
        Assert.StartsWith("# Cache sessions in Redis\n\n* Status: proposed\n* Date: 2025-02-03\n", File.ReadAllText(result.Stdout.Trim()));
    }

    [Fact]
    public async Task New_ListsOnlyRelatedDecisionsAboveTheFloor()
    {
        using var root = new TempKnowledgeFolder(null);
        root.Write("0001-use-kafka-for-events.md", "# 1. Use Kafka for events\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nWe publish domain events to Kafka topics.\n");
        root.Write("0002-choose-postgresql.md", "# 2. Choose PostgreSQL for orders\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n## Decision\n\nWe store orders in PostgreSQL; use it for the order topics too.\n");

        var kafka = await NewInAsync(root, "Partition Kafka topics by tenant", "--format", "json");
        var unrelated = await NewInAsync(root, "Adopt a style guide for user interface copy", "--format", "json");

        Assert.True(kafka.ExitCode == ExitCodes.Success, kafka.ToString());
        Assert.Equal(["ADR-0001"], kafka.Json().GetProperty("related").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(unrelated.Json().GetProperty("related").EnumerateArray());
        Assert.DoesNotContain("Related decisions", File.ReadAllText(unrelated.Json().GetProperty("path").GetString()!));
    }

    [Fact]
    public async Task New_WhenFolderMissing_FailsUnlessCreateIsGiven()
    {
        using var parent = new TempKnowledgeFolder(null);
        var missing = Path.Combine(parent.Path, "docs", "adr");
        string[] common = ["--knowledge", missing, "--index", Path.Combine(parent.Path, ".index")];

        var refused = await CliFixture.RunRawAsync(["new", "Use Redis", .. common]);
        var created = await CliFixture.RunRawAsync(["new", "Use Redis", "--create", "--date", "2025-02-03", .. common]);

        Assert.Equal(ExitCodes.InvalidOptions, refused.ExitCode);
        Assert.Contains("--create", Assert.Single(refused.ErrorLines));
        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        Assert.Equal(Path.Combine(missing, "0001-use-redis.md"), created.Stdout.Trim());
    }
}
