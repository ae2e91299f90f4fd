using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>A verdict cites the rule sentence at its own line in the source file, not the line of the rule's heading.</summary>
public sealed class ReviewEvidenceLineTests : IDisposable
{
    private readonly EngineHarness _harness = new(EngineHarness.Empty);

    [Fact]
    public async Task ReviewDesign_WhenRuleBodySentenceIsTheEvidence_CitesThatSentencesLine()
    {
        _harness.Folder.Write("standards/platform-secrets.md", """
            # Platform secrets

            ## MUST handle credentials safely [SEC-9]

            Credentials are part of every deployment.
            Teams rotate them every quarter.
            All secrets are encrypted with sops before they are committed.
            """);

        var result = await _harness.Service.ReviewDesignAsync(new ChecklistRequest { Design = "Deployment notes.\nWe commit the secrets in plain text in the repo." });

        var item = Assert.Single(result.Items, i => i.Item.Id == "SEC-9");
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.Equal(2, item.Design!.Line);
        Assert.Equal("All secrets are encrypted with sops before they are committed.", item.Rule!.Quote);
        Assert.Equal(_harness.FindLine("standards/platform-secrets.md", "All secrets are encrypted"), item.Rule.Line);
        Assert.Equal(_harness.FindLine("standards/platform-secrets.md", "## MUST handle"), item.Item.Line);
    }

    [Fact]
    public async Task ReviewDesign_WhenDesignBringsBackWhatDecisionReplaced_CitesTheReplacementWithItsLine()
    {
        _harness.Folder.Write("decisions/0005-image-builds.md", """
            # 5. Image builds

            Date: 2024-01-01

            ## Status

            Accepted

            ## Decision

            We use Buildah instead of Kaniko, which is no longer maintained.
            """);

        var result = await _harness.Service.ReviewDesignAsync(new ChecklistRequest { Design = "The connector image is built with Kaniko." });

        var item = Assert.Single(result.Items, i => i.Item.Id == "ADR-0005");
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.StartsWith("Re-proposal: the design proposes Kaniko", item.Reason, StringComparison.Ordinal);
        Assert.Contains("Buildah instead of Kaniko", item.Rule!.Quote, StringComparison.Ordinal);
        Assert.Equal(_harness.FindLine("decisions/0005-image-builds.md", "We use Buildah"), item.Rule.Line);
    }

    [Fact]
    public async Task ReviewDesign_WhenDecisionDriversComeBeforeTheDecision_JudgesByTheDecisionSection()
    {
        _harness.Folder.Write("decisions/0006-image-builds.md", """
            # 6. Image builds

            ## Status

            Accepted

            ## Decision Drivers

            * Builds run without a privileged daemon.

            ## Decision

            We use Buildah instead of Kaniko, which is no longer maintained.
            """);

        var result = await _harness.Service.ReviewDesignAsync(new ChecklistRequest { Design = "The connector image is built with Kaniko." });

        var item = Assert.Single(result.Items, i => i.Item.Id == "ADR-0006");
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.Equal(_harness.FindLine("decisions/0006-image-builds.md", "We use Buildah"), item.Rule!.Line);
    }

    private const string MadrQueueDecision = """
        ---
        status: accepted
        ---
        # Pick a message queue

        ## Context and Problem Statement

        Orders are lost when the billing service restarts.

        ## Considered Options

        * [RabbitMQ](https://example.org/rabbitmq) – a broker we run ourselves
        * Amazon SQS

        ## Decision Outcome

        Chosen option: "Amazon SQS", because it is managed and keeps messages for fourteen days.
        """;

    [Fact]
    public async Task ReviewDesign_WhenDesignAdoptsAnOptionTheDecisionDidNotChoose_IsReProposalCitingTheChosenOption()
    {
        _harness.Folder.Write("decisions/0004-pick-a-queue.md", MadrQueueDecision);

        var result = await _harness.Service.ReviewDesignAsync(new ChecklistRequest { Design = "Billing publishes each invoice to a RabbitMQ queue." });

        var item = Assert.Single(result.Items, i => i.Item.Id == "ADR-0004");
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.StartsWith("Re-proposal: the design adopts RabbitMQ, an option decision ADR-0004 considered and did not choose", item.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Chosen option: \"Amazon SQS\", because", item.Rule!.Quote, StringComparison.Ordinal);
        Assert.Equal(_harness.FindLine("decisions/0004-pick-a-queue.md", "Chosen option"), item.Rule.Line);
    }

    [Fact]
    public async Task ReviewDesign_WhenDesignUsesTheChosenOption_IsNoReProposal()
    {
        _harness.Folder.Write("decisions/0004-pick-a-queue.md", MadrQueueDecision);

        var result = await _harness.Service.ReviewDesignAsync(new ChecklistRequest { Design = "Billing publishes each invoice to Amazon SQS instead of the old RabbitMQ queue." });

        Assert.DoesNotContain(result.Items, i => i.Verdict == Verdicts.Violated);
    }

    public void Dispose() => _harness.Dispose();
}
