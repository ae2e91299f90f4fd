using ArchMcp.Core.Catalog;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>Smoke test over the repository's own knowledge/ folder.</summary>
public class ShippedKnowledgeTests
{
    [SkippableFact]
    public void LoadAll_WhenShippedKnowledge_EveryDecisionHasStatusAndStandardsHaveIdRules()
    {
        var root = KnowledgeRoots.FindDefault();
        Skip.If(root is null, "The repository's knowledge/ folder was not found.");
        var findings = new List<Finding>();

        var docs = KnowledgeLoader.LoadAll(new KnowledgeRoot("knowledge", root!), 1 << 22, findings).Select(f => f.Document!).ToList();
        var report = KnowledgeLinter.Lint(KnowledgeCatalog.Build(docs), findings);

        Assert.Empty(findings);
        Assert.All(docs.Where(d => d.Kind == DocumentKind.Decision), d =>
        {
            Assert.Matches("^ADR-\\d{4}$", d.Id);
            Assert.NotEqual(DecisionStatus.Unknown, d.Decision!.Status);
        });
        Assert.Contains(docs.SelectMany(d => d.Rules), r => r.Id == "API-001" && r.Level == RuleLevel.Must);
        Assert.Equal(0, report.Summary.Errors);
    }
}
