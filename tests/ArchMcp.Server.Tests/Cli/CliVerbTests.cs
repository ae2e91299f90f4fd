using System.Text.Json;
using ArchMcp.Server.Cli;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>Every verb in-process over the fixtures: text and JSON output, exit codes, one-line errors.</summary>
[Collection(CliCollection.Name)]
public sealed class CliVerbTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Version_WhenAsked_PrintsTheVersionAndExitsZero()
    {
        var result = await CliFixture.RunRawAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
    }

    [Fact]
    public async Task Help_WhenAsked_ListsEveryVerb()
    {
        var result = await CliFixture.RunRawAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "serve", "index", "search", "show", "list", "checklist", "review", "lint", "new", "eval", "inspect", "changes", "export" })
        {
            Assert.Contains(verb, result.Stdout);
        }
    }

    [Fact]
    public async Task Index_WhenText_PrintsCountsAndIndexPath()
    {
        var result = await _cli.RunAsync("index");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Indexed 17 documents (9 decisions, 3 standards", result.Stdout);
        Assert.Contains(_cli.IndexPath, result.Stdout);
        Assert.True(Directory.Exists(_cli.IndexPath));
    }

    [Fact]
    public async Task Index_WhenJson_PrintsIndexInfo()
    {
        var result = await _cli.RunAsync("index", "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var info = result.Json().GetProperty("info");
        Assert.Equal(9, info.GetProperty("decisions").GetInt32());
        Assert.Equal(3, info.GetProperty("standards").GetInt32());
        Assert.True(info.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Search_WhenText_PrintsNumberedCardsWithPathAndLine()
    {
        var result = await _cli.RunAsync("search", "why", "do", "we", "use", "Kafka");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("1. **ADR-0001** Use Kafka for domain events (decision, accepted", result.Stdout.TrimStart());
        Assert.Contains("decisions/0001-use-kafka-for-events.md:", result.Stdout);
    }

    [Fact]
    public async Task Search_WhenJson_PrintsTheResultShape()
    {
        var result = await _cli.RunAsync("search", "problem json", "--format", "json", "--limit", "2");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal("problem json", json.GetProperty("query").GetString());
        var hits = json.GetProperty("hits");
        Assert.InRange(hits.GetArrayLength(), 1, 2);
        var first = hits[0];
        foreach (var field in new[] { "id", "kind", "title", "snippet", "uri", "path", "line", "root", "score" })
        {
            Assert.True(first.TryGetProperty(field, out _), $"hit has no '{field}': {first}");
        }

        Assert.Equal("API", first.GetProperty("id").GetString());
        Assert.Equal("standard", first.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Search_WhenSupersededDecisionInText_SaysWhatIsInForce()
    {
        var result = await _cli.RunAsync("search", "Puppet", "virtual", "machines");

        Assert.Contains("⚠ superseded by ADR-0005; in force: ADR-0005", result.Stdout);
    }

    [Theory]
    [InlineData("--kind", "standard")]
    [InlineData("--status", "accepted")]
    public async Task Search_WhenFilterGiven_ReturnsOnlyMatchingCards(string option, string value)
    {
        var result = await _cli.RunAsync("search", "kafka logs api events postgresql", option, value, "--format", "json", "--limit", "10");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var property = option == "--kind" ? "kind" : "status";
        Assert.All(result.Json().GetProperty("hits").EnumerateArray(), h => Assert.Equal(value, h.GetProperty(property).GetString()));
    }

    [Theory]
    [InlineData("--limit", "0")]
    [InlineData("--limit", "51")]
    [InlineData("--kind", "spaceship")]
    [InlineData("--status", "maybe")]
    public async Task Search_WhenOptionValueInvalid_FailsWithOneLineAndInvalidOptions(string option, string value)
    {
        var result = await _cli.RunAsync("search", "kafka", option, value);

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("archmcp: ", result.ErrorLines[0]);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Show_WhenDecisionReference_PrintsTheDecisionWithSections()
    {
        var result = await _cli.RunAsync("show", "ADR", "2");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.StartsWith("# ADR-0002 Run PostgreSQL on our own VMs", result.Stdout);
        Assert.Contains("the decision in force is **ADR-0005**", result.Stdout);
        Assert.Contains("## Decision (line", result.Stdout);
    }

    [Fact]
    public async Task Show_WhenJsonAndSectionOption_PrintsDecisionViewWithThatSection()
    {
        var result = await _cli.RunAsync("show", "choose-api-gateway", "--section", "options", "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        Assert.Equal("ADR-0003", json.GetProperty("id").GetString());
        Assert.Equal("proposed", json.GetProperty("status").GetString());
        var section = Assert.Single(json.GetProperty("sections").EnumerateArray());
        Assert.Equal("Considered Options", section.GetProperty("heading").GetString());
        Assert.Equal("ADR-0003", json.GetProperty("inForce").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Show_WhenRuleId_PrintsTheRule()
    {
        var text = await _cli.RunAsync("show", "176");
        var json = await _cli.RunAsync("show", "176", "--format", "json");

        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.StartsWith("**176** MUST:", text.Stdout.TrimStart());
        Assert.Contains("standards/rest-api-rules.md:", text.Stdout);
        var rule = json.Json().GetProperty("rule");
        Assert.Equal("176", rule.GetProperty("id").GetString());
        Assert.Equal("MUST", rule.GetProperty("level").GetString());
        Assert.Equal(JsonValueKind.Null, json.Json().GetProperty("standard").ValueKind);
    }

    [Fact]
    public async Task Show_WhenStandardId_PrintsTheStandardAndItsRules()
    {
        var result = await _cli.RunAsync("show", "SEGAS-00006");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("# Security logging requirements (SEGAS-00006)", result.Stdout);
        Assert.Contains("**SEGAS-00015** MUST", result.Stdout);
    }

    [Fact]
    public async Task Show_WhenUnknownDecision_FailsWithNotFoundAndOneLine()
    {
        var result = await _cli.RunAsync("show", "ADR-0042");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("archmcp: No decision 'ADR-0042'", line);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task List_WhenText_PrintsOneLinePerDecisionAndTheCount()
    {
        var result = await _cli.RunAsync("list");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("ADR-0002  superseded  2021-04-01  Run PostgreSQL on our own VMs  (superseded by ADR-0005)", result.Stdout);
        Assert.Contains("9 of 9 decisions", result.Stdout);
    }

    [Fact]
    public async Task List_WhenJson_PrintsAnArrayOfDecisionsWithTheDocumentedFields()
    {
        var result = await _cli.RunAsync("list", "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var items = result.Json();
        Assert.Equal(JsonValueKind.Array, items.ValueKind);
        Assert.Equal(9, items.GetArrayLength());
        Assert.All(items.EnumerateArray(), CorporaCliTests.AssertDecisionShape);
        var adr5 = items.EnumerateArray().Single(d => d.GetProperty("id").GetString() == "ADR-0005");
        Assert.Equal(["ADR-0002"], adr5.GetProperty("supersedes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, adr5.GetProperty("number").GetInt32());
        Assert.Equal("Accepted", adr5.GetProperty("rawStatus").GetString());
    }

    [Fact]
    public async Task List_WhenFiltersGiven_AppliesThem()
    {
        var proposed = await _cli.RunAsync("list", "--status", "proposed", "--format", "json");
        var dated = await _cli.RunAsync("list", "--from", "2023-01-01", "--to", "2023-12-31", "--format", "json");
        var paged = await _cli.RunAsync("list", "--offset", "2", "--limit", "2", "--format", "json");

        Assert.Equal(["ADR-0003", "ADR-0007"], proposed.Json().EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(["ADR-0005", "ADR-0006", "ADR-0007"], dated.Json().EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(["ADR-0003", "ADR-0004"], paged.Json().EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Knowledge_WhenRepeatedWithNames_ServesEveryRootByName()
    {
        using var other = new TempKnowledgeFolder(null);
        other.Write("adr/0001-use-go.md", "# 1. Use Go for the CLI\n\nDate: 2020-05-05\n\n## Status\n\nAccepted\n");

        var result = await CliFixture.RunRawAsync("list", "--format", "json",
            "--knowledge", $"main={_cli.Folder.Path}", "-k", $"tools={other.Path}", "--index", _cli.IndexPath);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var roots = result.Json().EnumerateArray().Select(d => d.GetProperty("root").GetString()).Distinct().ToList();
        Assert.Equal(["main", "tools"], roots);
        Assert.Equal(10, result.Json().GetArrayLength());
    }

    [Fact]
    public async Task Knowledge_WhenFolderMissing_FailsWithInvalidOptionsAndOneLine()
    {
        var missing = Path.Combine(_cli.Folder.Path, "no-such-folder");

        var result = await CliFixture.RunRawAsync("list", "--knowledge", missing, "--index", _cli.IndexPath);

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("archmcp: Knowledge folder", line);
        Assert.Contains("no-such-folder", line);
    }

    [Fact]
    public async Task Lint_WhenFixtures_PrintsFindingsAndSummaryLine()
    {
        var result = await _cli.RunAsync("lint");

        Assert.Matches(@"9 decisions, 3 standards, \d+ rules, \d+ references: 0 errors, \d+ warnings", result.Stdout);
        Assert.Contains("warning ARCH014", result.Stdout);
        Assert.Equal(ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public async Task Lint_WhenJson_PrintsSummaryAndFindingsShape()
    {
        var result = await _cli.RunAsync("lint", "--format", "json");

        CorporaCliTests.AssertLintShape(result.Json());
        var errors = result.Json().GetProperty("summary").GetProperty("errors").GetInt32();
        Assert.Equal(errors > 0 ? ExitCodes.Findings : ExitCodes.Success, result.ExitCode);
    }

    [Fact]
    public async Task Lint_WhenDuplicateNumbers_ReportsAnErrorAndExitsWithFindings()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("decisions/0001-use-kafka.md", "# 1. Use Kafka\n\nDate: 2021-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nKafka.\n");
        folder.Write("decisions/0001-use-rabbitmq.md", "# 1. Use RabbitMQ\n\nDate: 2021-01-02\n\n## Status\n\nAccepted\n\n## Decision\n\nRabbitMQ.\n");

        var result = await CliFixture.RunRawAsync("lint", "--format", "json", "--knowledge", folder.Path, "--index", Path.Combine(folder.Path, ".index"));

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var json = result.Json();
        CorporaCliTests.AssertLintShape(json);
        // one error: the second decision numbered 1 is the duplicate (the first keeps its number)
        Assert.Equal(1, json.GetProperty("summary").GetProperty("errors").GetInt32());
        var error = Assert.Single(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "error");
        Assert.Equal("ARCH013", error.GetProperty("code").GetString()); // LintCodes.DuplicateNumber
        Assert.StartsWith("decisions/0001-", error.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checklist_WhenDesignFile_PrintsCitedItems()
    {
        var design = _cli.Folder.Write("design.txt", "The orders API returns HTML error pages and uses /v1/orderItems paths. Events go to Kafka.");

        var text = await _cli.RunAsync("checklist", design);
        var json = await _cli.RunAsync("checklist", design, "--format", "json");

        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.Contains("rest-api-rules.md", text.Stdout);
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        Assert.Equal(JsonValueKind.Object, json.Json().ValueKind);
    }

    [Fact]
    public async Task Eval_WhenSmallQueryFile_PrintsThePublishedJsonShape()
    {
        using var corpora = EvalFiles.FixtureCorpora();

        var result = await CliFixture.RunRawAsync("eval", "--queries", EvalFiles.WriteFixtureQueries(corpora), "--corpora", corpora.Path, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var json = result.Json();
        EvalFiles.AssertMetrics(json.GetProperty("overall"));
        foreach (var kind in new[] { "search", "lookup", "checklist" })
        {
            EvalFiles.AssertMetrics(json.GetProperty("byKind").GetProperty(kind));
        }

        Assert.True(json.GetProperty("byKind").GetProperty("checklist").TryGetProperty("violationRecall10", out _));
        EvalFiles.AssertMetrics(json.GetProperty("byCorpus").GetProperty("fixtures"));
        var queries = json.GetProperty("queries").EnumerateArray().ToList();
        Assert.Equal(4, queries.Count);
        Assert.All(queries, q =>
        {
            Assert.False(string.IsNullOrEmpty(q.GetProperty("id").GetString()));
            Assert.Equal(JsonValueKind.Array, q.GetProperty("ranked").ValueKind);
        });
        var lookup = queries.Single(q => q.GetProperty("id").GetString() == "fx-l01");
        Assert.Equal("decisions/0003-choose-api-gateway.md", lookup.GetProperty("ranked")[0].GetString());
        Assert.Equal(1.0, json.GetProperty("byKind").GetProperty("lookup").GetProperty("mrr10").GetDouble());
    }

    [Fact]
    public async Task Eval_WhenText_PrintsATableWithOverall()
    {
        using var corpora = EvalFiles.FixtureCorpora();

        var result = await CliFixture.RunRawAsync("eval", "--queries", EvalFiles.WriteFixtureQueries(corpora), "--corpora", corpora.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("nDCG@10", result.Stdout);
        Assert.Contains("overall", result.Stdout);
    }

    [Fact]
    public async Task Eval_WhenQueryFileMissing_FailsWithInvalidOptions()
    {
        var result = await CliFixture.RunRawAsync("eval", "--queries", Path.Combine(_cli.Folder.Path, "none.jsonl"), "--corpora", _cli.Folder.Path);

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task Eval_WhenCorpusFolderMissing_FailsWithInvalidOptions()
    {
        using var corpora = new TempKnowledgeFolder(null);
        var queries = corpora.Write("q.jsonl", """{"id":"x","corpus":"nowhere","kind":"search","query":"kafka","relevant":{"a.md":2}}""");

        var result = await CliFixture.RunRawAsync("eval", "--queries", queries, "--corpora", corpora.Path);

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.StartsWith("archmcp: ", Assert.Single(result.ErrorLines));
    }
}

/// <summary>A corpora folder holding the fixtures as corpus "fixtures", and a small graded query file over it.</summary>
public static class EvalFiles
{
    public static TempKnowledgeFolder FixtureCorpora()
    {
        var corpora = new TempKnowledgeFolder(null);
        foreach (var file in Directory.EnumerateFiles(TempKnowledgeFolder.FixturesPath, "*", SearchOption.AllDirectories))
        {
            corpora.Write("fixtures/" + Path.GetRelativePath(TempKnowledgeFolder.FixturesPath, file).Replace('\\', '/'), File.ReadAllText(file));
        }

        return corpora;
    }

    public static string WriteFixtureQueries(TempKnowledgeFolder corpora) => corpora.Write("queries.jsonl", string.Join("\n",
        """{"id":"fx-s01","corpus":"fixtures","kind":"search","query":"why do we publish domain events to Kafka?","relevant":{"decisions/0001-use-kafka-for-events.md":2,"decisions/0006-partition-events-by-tenant.md":1}}""",
        """{"id":"fx-s02","corpus":"fixtures","kind":"search","query":"how long do we keep security logs","relevant":{"standards/segas-logging.md":2,"guides/observability.html.md":1}}""",
        """{"id":"fx-l01","corpus":"fixtures","kind":"lookup","query":"ADR 3","relevant":{"decisions/0003-choose-api-gateway.md":2}}""",
        """{"id":"fx-c01","corpus":"fixtures","kind":"checklist","query":"Our public orders API returns HTML error pages with stack traces and uses /orderItems paths.","relevant":{"standards/rest-api-rules.md":2},"violations":["176","178"]}""",
        ""));

    public static void AssertMetrics(JsonElement metrics)
    {
        foreach (var name in new[] { "recall5", "mrr10", "ndcg10" })
        {
            Assert.True(metrics.TryGetProperty(name, out var value), $"no '{name}' in {metrics}");
            Assert.InRange(value.GetDouble(), 0.0, 1.0);
        }
    }
}
