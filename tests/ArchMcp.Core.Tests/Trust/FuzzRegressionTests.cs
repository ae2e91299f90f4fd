using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Trust;

/// <summary>Replays every input kept under tests/fuzz-regressions (see its README).</summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string> Markdown() => Files("markdown", "*.md");

    public static TheoryData<string> Queries() => Files("queries", "*.txt");

    [SkippableTheory]
    [MemberData(nameof(Markdown))]
    public void Parse_WhenRegressionInputIsReplayed_ParsesWithinBudget(string file)
    {
        Skip.If(file.Length == 0, "tests/fuzz-regressions not found next to the test assembly.");
        var content = File.ReadAllText(file);
        foreach (var path in new[] { Path.GetFileName(file), ".md", "decisions/0001-x.md" })
        {
            ParserFuzzTests.AssertParses(path, content);
        }
    }

    [SkippableFact]
    public async Task Index_WhenRegressionInputsAreIndexed_SearchFindsEveryFile()
    {
        var folder = Fuzz.RegressionsFolder;
        Skip.If(folder is null, "tests/fuzz-regressions not found next to the test assembly.");
        using var knowledge = new TempKnowledgeFolder(Path.Combine(folder, "markdown"));
        using var service = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [knowledge.Path], IndexPath = Path.Combine(knowledge.Path, ".archmcp-index") }),
            NullLogger<KnowledgeService>.Instance);
        var info = await service.RefreshAsync();
        var files = Directory.GetFiles(Path.Combine(folder, "markdown"), "*.md").Length;
        Assert.Equal(files, info.Documents);
        var docs = await service.ListDocumentsAsync();
        Assert.Equal(files, docs.Count);
        var result = await service.SearchAsync(new SearchRequest { Query = "laughs emphasis relations", Limit = 10 });
        Assert.NotEmpty(result.Hits);
    }

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task Search_WhenRegressionQueryIsReplayed_AnswersWithinBudget(string file)
    {
        Skip.If(file.Length == 0, "tests/fuzz-regressions not found next to the test assembly.");
        var query = await File.ReadAllTextAsync(file);
        using var fixture = new FixtureIndex();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            _ = await fixture.Service.SearchAsync(new SearchRequest { Query = query });
        }
        catch (KnowledgeException ex)
        {
            QueryFuzzTests.AssertReadable(ex, query);
        }

        foreach (var lookup in new Func<Task>[]
        {
            () => fixture.Service.GetDecisionAsync(new GetDecisionRequest { Reference = query }),
            () => fixture.Service.GetRuleAsync(query),
            () => fixture.Service.DesignChecklistAsync(new ChecklistRequest { Design = query }),
        })
        {
            try
            {
                await lookup();
            }
            catch (KnowledgeException ex)
            {
                QueryFuzzTests.AssertReadable(ex, query);
            }
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{Path.GetFileName(file)} took {watch.ElapsedMilliseconds} ms.");
    }

    private static TheoryData<string> Files(string kind, string pattern)
    {
        var data = new TheoryData<string>();
        var folder = Fuzz.RegressionsFolder;
        if (folder is null || !Directory.Exists(Path.Combine(folder, kind)))
        {
            data.Add("");
            return data;
        }

        foreach (var f in Directory.GetFiles(Path.Combine(folder, kind), pattern).Order(StringComparer.Ordinal))
        {
            data.Add(f);
        }

        return data;
    }
}
