using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Search;

/// <summary>
/// Rules found by search carry their whole text, whether it is stored with the rule or — for a rule that is a section
/// of its standard — with that section, and still after files around it were re-indexed.
/// </summary>
public sealed class RuleTextTests
{
    [SkippableTheory]
    [InlineData("")]
    [InlineData("zalando")]
    [InlineData("gds-way")]
    public async Task FindRules_EveryRuleFoundByItsStatement_HasTheTextItWasParsedWith(string source)
    {
        if (source.Length > 0)
        {
            Corpora.Require(source);
        }

        using var engine = new EngineHarness(source.Length == 0 ? "" : Corpora.Folder(source));
        await engine.Service.RefreshAsync();
        // a re-indexed file leaves deleted entries behind and its new ones at the end of the index
        await engine.ReindexFirstFileAsync("\n\nOne more line.\n");

        var root = new KnowledgeRoot(Path.GetFileName(engine.Folder.Path), engine.Folder.Path);
        var rules = KnowledgeLoader.LoadAll(root, new KnowledgeOptions().MaxFileBytes, new List<Finding>())
            .Select(f => f.Document).OfType<KnowledgeDocument>()
            .SelectMany(d => d.Rules.Select(r => (d.Path, Rule: r)))
            .ToList();
        Assert.NotEmpty(rules);

        var checkedRules = 0;
        foreach (var (path, rule) in rules.Where((_, i) => i % Math.Max(1, rules.Count / 150) == 0))
        {
            var found = engine.Service.Retriever.FindRules(rule.Statement + " " + rule.Text[..Math.Min(rule.Text.Length, 200)], 50)
                .FirstOrDefault(r => r.Rule.Path == path && r.Rule.Id == rule.Id);
            if (found is null)
            {
                continue; // a rule among many alike may rank below the first 50: its text is not what is tested here
            }

            Assert.Equal(rule.Text, found.Rule.Text);
            checkedRules++;
        }

        Assert.True(checkedRules >= Math.Min(20, rules.Count), $"only {checkedRules} of {rules.Count} rules found by their own words");
    }

    [Fact]
    public async Task FindRules_WhenARuleTextIsLargerThanAStoredChunk_ReturnsItWholeAfterOtherFilesChanged()
    {
        using var engine = new EngineHarness(EngineHarness.Empty);
        // ~90 KB under one heading: an entry that large is stored across several 16 KB chunks
        var words = string.Join(' ', Enumerable.Range(0, 12_000).Select(i => $"term{i * 7919 % 100_003}"));
        engine.Folder.Write("standards/logging.md", $"# Logging standard\n\n## Services log in JSON\n\n{words}\n\n## Trace ids\n\nServices must propagate trace ids.\n");
        var other = engine.Folder.Write("standards/time.md", "# Time standard\n\n## Use UTC\n\nTimestamps must be in UTC.\n");
        await engine.Service.RefreshAsync();
        File.AppendAllText(other, "\nStored as ISO 8601.\n");
        File.SetLastWriteTimeUtc(other, DateTime.UtcNow.AddMinutes(1));
        await engine.Service.RefreshAsync();

        var big = Assert.Single(engine.Service.Retriever.FindRules("services log in json", 5), r => r.Rule.Statement == "Services log in JSON");
        var small = Assert.Single(engine.Service.Retriever.FindRules("timestamps utc", 5), r => r.Rule.Statement == "Use UTC");

        Assert.Equal(words, big.Rule.Text);
        Assert.Equal("Timestamps must be in UTC.\nStored as ISO 8601.", small.Rule.Text);
    }
}
