using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>
/// "Violated" needs a rule sentence that requires what the design contradicts: a sentence that only describes a tool,
/// names the subject for another purpose, or governs something else is no evidence.
/// </summary>
public sealed class VerdictEvidenceTests
{
    private static ReviewItem Review(RuleLevel level, string statement, string body, string design)
    {
        var retriever = new InMemoryRetriever().AddRule("R-1", level, statement, body);
        var candidate = retriever.FindRules(statement, 1).Single().Rule;
        var context = DesignContext.Create(design);
        return DesignReviewer.ToReviewItem(Candidate.For(candidate), DesignReviewer.Evaluate(Candidate.For(candidate), context));
    }

    [Theory]
    // A sentence describing what a tool can do is no requirement for short-lived credentials.
    [InlineData(RuleLevel.Should, "Using your App", "If you are using the App in a workflow, GitHub publishes an action which lets you generate a short-lived access token.", "It authenticates to AWS with an IAM user's access key.")]
    // OIDC for signing people in is not about how a workflow authenticates.
    [InlineData(RuleLevel.Should, "Accounts", "Use single sign-on wherever possible to link accounts using OAuth or OIDC.", "It authenticates to AWS with an IAM user's access key.")]
    // A command naming sops and a setting named encrypt do not ask for secrets to be encrypted.
    [InlineData(RuleLevel.Must, "Requirements", "Install the tools first.\nbrew install git awscli sops\nSet encrypt = true in the backend for the state.", "We commit the secrets in plain text under terraform/data.")]
    // "Personal access tokens" are credentials, not personal data.
    [InlineData(RuleLevel.MustNot, "Use personal access tokens", "", "The alert text includes the affected user's email address.")]
    // A breaking change shipped as a new version while the old one keeps running breaks no client.
    [InlineData(RuleLevel.MustNot, "Break backward compatibility", "", "For the breaking change in the payment API we add a `/v2/` prefix to all paths and keep `/v1/` running.")]
    // Durations are not points in time.
    [InlineData(RuleLevel.Should, "Use standard formats for time duration and interval properties", "", "`createdDate` is epoch milliseconds.")]
    // Idempotent requests are not about duplicate delivery.
    [InlineData(RuleLevel.Should, "Consider to design POST and PATCH idempotent", "", "Consumers may assume every event is delivered exactly once.")]
    // The style is bound to what the clause names: PascalCase for objects, not for properties.
    [InlineData(RuleLevel.May, "CRD documentation", "In particular, use PascalCase for API objects and code style for object properties.", "Errors are defined with `thiserror`.")]
    public void Evaluate_WhenRuleSentenceDoesNotRequireWhatDesignLacks_IsNotViolated(RuleLevel level, string statement, string body, string design) =>
        Assert.NotEqual(Verdicts.Violated, Review(level, statement, body, design).Verdict);

    [Theory]
    [InlineData(RuleLevel.Should, "Publishing", "If trusted publishing is not possible, make sure that any tokens used to publish are short-lived.", "It publishes our npm package using a long-lived automation token.", "short-lived")]
    [InlineData(RuleLevel.Should, "Design for idempotent out-of-order processing", "", "Consumers may assume every event is delivered exactly once.", "idempotent")]
    [InlineData(RuleLevel.Must, "JSON style", "Field names are data. Use snake_case for property names.", "Each order has `orderId`.", "snake_case")]
    [InlineData(RuleLevel.Must, "Data layout", "The data folder holds configuration. Secrets in it are encrypted with sops.", "We commit the secrets in plain text under terraform/data.", "encrypted with sops")]
    public void Evaluate_WhenRuleSentenceRequiresIt_IsViolatedQuotingThatSentence(RuleLevel level, string statement, string body, string design, string quoted)
    {
        var item = Review(level, statement, body, design);
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.Contains(quoted, item.Rule!.Quote, StringComparison.Ordinal);
        Assert.Equal(1, item.Design!.Line);
    }

    [Theory]
    [InlineData("Deprecate and remove EnvVarConfigProvider", "Connector passwords are injected through `io.example.EnvVarConfigProvider`.", "EnvVarConfigProvider", "and remove")]
    [InlineData("Buildah - replacement of Kaniko after its archival", "The connector image is built with Kaniko on Kubernetes.", "chose Buildah", "archival")]
    // "drop X and Y" drops X on its own
    [InlineData("Drop CircleCI and the nightly soak tests", "The pipeline runs on CircleCI.", "proposes CircleCI;", "soak")]
    public void Review_WhenDesignBringsBackWhatDecisionRemovedOrReplaced_IsReProposal(string title, string design, string reason, string notInReason)
    {
        var result = new ChecklistEngine(new InMemoryRetriever().AddDecision(58, title, "")).Review(new ChecklistRequest { Design = design });
        var item = Assert.Single(result.Items);
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.StartsWith("Re-proposal", item.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, item.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(notInReason, item.Reason, StringComparison.Ordinal);
        Assert.Equal(title, item.Rule!.Quote);
    }

    [Fact]
    public void Review_WhenDesignUsesWhatTheDecisionSaysItWillNotUseAnymore_IsReProposal()
    {
        var retriever = new InMemoryRetriever().AddDecision(9, "Identify invoices by their slug", "From now on, we won't use invoice numbers anymore.");
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest { Design = "// An invoice is identified by its number, the prefix of its file name." });

        var item = Assert.Single(result.Items);
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.StartsWith("Re-proposal: the design proposes invoice numbers;", item.Reason, StringComparison.Ordinal);
        Assert.Equal("From now on, we won't use invoice numbers anymore.", item.Rule!.Quote);
    }

    [Theory]
    // a dot inside a word belongs to a name: "Avoid React.FC type" avoids React.FC, not React
    [InlineData("Avoid React.FC type", "import React from \"react\";\nexport const Nav = ({ items }: NavProps) => <nav />;", false)]
    [InlineData("Avoid React.FC type", "import React from \"react\";\nexport const Nav: React.FC<NavProps> = () => <nav />;", true)]
    [InlineData("Stop using System.Text.Json for the audit log", "using System.Text;\nvar reader = new StreamReader(path);", false)]
    public void Review_WhenTitleNamesAThingWithADotInIt_TheWholeNameIsWhatItSettlesAgainst(string title, string design, bool violated)
    {
        var result = new ChecklistEngine(new InMemoryRetriever().AddDecision(6, title, "")).Review(new ChecklistRequest { Design = design });
        var item = result.Items.SingleOrDefault();
        Assert.Equal(violated, item?.Verdict == Verdicts.Violated);
        Assert.True(!violated || item!.Design!.Line == 2, "cited at the line naming React.FC, not at the import");
    }

    [Theory]
    // "remove X as Y" removes X, whatever role it had
    [InlineData("Remove Inkstone as the document renderer", "", "dependencies:\n  inkstone: 2.1", true)]
    // "… will be used instead of `A` and `B`": each name written in code is settled against on its own
    [InlineData("Outbound calls", "A wrapper will be used instead of `FastWire` and `RetryKit`, so retries come for free.", "import fastwire.FastWire;", true)]
    [InlineData("Outbound calls", "A wrapper will be used instead of `FastWire` and `RetryKit`, so retries come for free.", "import lark.http.Wrapper;", false)]
    [InlineData("Outbound calls", "A wrapper will be used instead of FastWire and RetryKit, so retries come for free.", "var retries = new RetryKit(3);", true)]
    // a wrapper introduced around a library: the library is used through it, not directly
    [InlineData("Outbound calls", "A LarkHttp client will be introduced to wrap FastWire and retry functions.", "var client = new FastWire();", true)]
    [InlineData("Outbound calls", "A LarkHttp client will be introduced to wrap FastWire and retry functions.", "var client = new LarkHttp(new FastWire());", false)]
    public void Review_WhenDesignUsesWhatTheDecisionRemovedOrUsesSomethingInsteadOf_IsReProposal(string title, string outcome, string design, bool violated)
    {
        var result = new ChecklistEngine(new InMemoryRetriever().AddDecision(7, title, outcome)).Review(new ChecklistRequest { Design = design });
        Assert.Equal(violated, result.Items.Any(i => i.Verdict == Verdicts.Violated && i.Reason.StartsWith("Re-proposal", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("FROM registry.example.org/zephyr11/zephyr-full:11.2", true)]
    [InlineData("FROM registry.example.org/zephyr12/zephyr-slim:12.1", false)]
    // an image of another product line may be a build stage: it says nothing about the choice
    [InlineData("FROM docker.io/library/alpine:3.20 AS build", false)]
    public void Review_WhenADockerfileBuildsOnAnotherVariantOfTheChosenBaseImage_IsViolated(string from, bool violated)
    {
        var retriever = new InMemoryRetriever().AddDecision(12, "Use zephyr12-slim as the base image", "");
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest { Design = "# the base image of the zephyr service\n" + from + "\nRUN make install" });
        var item = Assert.Single(result.Items);
        Assert.Equal(violated, item.Verdict == Verdicts.Violated);
        Assert.True(!violated || item.Design!.Line == 2, "cited at the FROM line");
    }

    [Theory]
    [InlineData("runs-on: [self-hosted, linux, x64]", true)]
    [InlineData("Build jobs run on self hosted runners in our data centre.", true)]
    [InlineData("runs-on: ubuntu-latest", false)]
    [InlineData("The status page uses self-hosted fonts.", false)]
    [InlineData("We do not use self-hosted runners.", false)]
    public void Review_WhenDesignIsHostedByAnotherPartyThanTheDecisionChose_IsViolated(string design, bool violated)
    {
        var retriever = new InMemoryRetriever().AddDecision(6, "GitHub-hosted runners", "GitHub-hosted runners to be used by default.");
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest { Design = "jobs:\n  build:\n    " + design });
        Assert.Equal(violated, result.Items.Any(i => i.Verdict == Verdicts.Violated));
    }

    [Theory]
    [InlineData("Deprecate secrets field in type: custom authentication in Kafka CR", "The Connect cluster authenticates to the Kafka brokers with `type: oauth`.")]
    // what is removed "from" something is the thing removed, not the place it is removed from
    [InlineData("Deprecate and remove .spec.redis.resources from the Redis custom resource", "Metrics go through the `exporter` section of the Redis custom resource.")]
    public void Review_WhenDesignNamesOnlyTheTechnologyOfARemovedDetail_IsNotReProposal(string title, string design)
    {
        var retriever = new InMemoryRetriever().AddDecision(94, title, "");
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest { Design = design });
        Assert.NotEqual(Verdicts.Violated, Assert.Single(result.Items).Verdict);
    }

    [Fact]
    public void Review_WhenDesignAdoptsWhatARejectedDecisionProposed_IsReProposalNeverMust()
    {
        var retriever = new InMemoryRetriever().AddDecision(7, "Use MongoDB for orders", "We keep orders relational.", DecisionStatus.Rejected);
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest { Design = "Orders are stored in MongoDB collections." });

        var item = Assert.Single(result.Items);
        Assert.Equal(Verdicts.Violated, item.Verdict);
        Assert.Equal("SHOULD NOT", item.Item.Level);
        Assert.StartsWith("Re-proposal: the design adopts MongoDB for orders", item.Reason, StringComparison.Ordinal);
        Assert.Equal("Use MongoDB for orders", item.Rule!.Quote);
        Assert.Equal("medium", result.Risk.Overall);
    }

    [Fact]
    public void ChecklistAndReview_WhenDesignDoesNotBringBackARejectedDecision_ListItNot()
    {
        var retriever = new InMemoryRetriever().AddDecision(7, "Use MongoDB for orders", "We keep orders relational.", DecisionStatus.Rejected);
        var engine = new ChecklistEngine(retriever);
        var request = new ChecklistRequest { Design = "Orders are stored in PostgreSQL tables." };

        Assert.Empty(engine.Review(request).Items);
        Assert.Empty(engine.Checklist(request).Items);
    }
}
