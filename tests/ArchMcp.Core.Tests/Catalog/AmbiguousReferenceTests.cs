using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Catalog;

/// <summary>
/// References that name several items, through the service every adapter (MCP tool, SK function, CLI verb) calls:
/// the candidates come back, nothing is picked silently; and the identifiers a lookup answers with.
/// </summary>
public sealed class AmbiguousReferenceTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);

    public AmbiguousReferenceTests()
    {
        _engine.Folder.Write("adr/0005-use-queues.md", "# 5. Use queues\n\nStatus: Accepted\n\n## Decision\n\nQueues between services.\n");
        _engine.Folder.Write("enhancements/XEP-0005.md", "# XEP-5: Signed messages\n\nStatus: Accepted\n\n## Decision\n\nSign every message.\n");
        _engine.Folder.Write("standards/api.md", "# API\n\n## MUST version APIs [SEC-01]\n\nPut the version in the path.\n");
        _engine.Folder.Write("standards/security.md", "# Security\n\n## MUST encrypt traffic [SEC-01]\n\nUse TLS 1.2 or later.\n");
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task GetDecision_WhenTwoRecordsShareTheNumber_ListsBothWithTheirPaths()
    {
        var error = await Assert.ThrowsAsync<AmbiguousReferenceException>(
            () => _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "5" }));

        Assert.Equal(2, error.Candidates.Count);
        Assert.Contains(error.Candidates, c => c.Contains("Use queues (adr/0005-use-queues.md)", StringComparison.Ordinal));
        Assert.Contains(error.Candidates, c => c.Contains("Signed messages (enhancements/XEP-0005.md)", StringComparison.Ordinal));
        Assert.StartsWith("'5' names 2 decisions: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDecision_WhenTheReferenceIsOneOfTheIds_ReturnsItWithItsAliases()
    {
        var decision = await _engine.Service.GetDecisionAsync(new GetDecisionRequest { Reference = "XEP-5" });

        Assert.Equal("Signed messages", decision.Title);
        Assert.Contains("XEP-5", decision.Aliases);
        Assert.Contains("enhancements/XEP-0005.md", decision.Aliases);
    }

    [Fact]
    public async Task GetRule_WhenTwoStandardsUseTheId_ListsBothRules()
    {
        var error = await Assert.ThrowsAsync<AmbiguousReferenceException>(() => _engine.Service.GetRuleAsync("SEC-01"));

        Assert.Equal(2, error.Candidates.Count);
        Assert.Contains(error.Candidates, c => c.Contains("version APIs (standards/api.md:3)", StringComparison.Ordinal));
        Assert.Contains(error.Candidates, c => c.Contains("encrypt traffic (standards/security.md:3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetRule_WhenTheUriNamesOneOfThem_ReturnsIt()
    {
        var standard = await _engine.Service.GetRuleAsync("security");
        var uri = Assert.Single(standard.Standard!.Rules).Uri;

        var rule = (await _engine.Service.GetRuleAsync(uri)).Rule!;

        Assert.Equal("encrypt traffic", rule.Statement);
    }
}
