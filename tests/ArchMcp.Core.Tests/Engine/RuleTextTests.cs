using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Engine;

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
            Skip.If(Corpora.SkipReason is not null, Corpora.SkipReason);
            Skip.IfNot(Corpora.Has(source), $"Corpus '{source}' is missing from {Corpora.Path}.");
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
            var found = engine.Service.FindRules(rule.Statement + " " + rule.Text[..Math.Min(rule.Text.Length, 200)], 50)
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
}
