using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>A design that goes without what a rule requires, or does what the rule's text forbids.</summary>
public sealed class RequirementChecksTests
{
    private static string VerdictOf(RuleLevel level, string statement, string design, string text = "")
    {
        var retriever = new InMemoryRetriever().AddRule("R-1", level, statement, text);
        var candidate = retriever.FindRules(statement, 1).Single().Rule;
        return DesignReviewer.Evaluate(Candidate.For(candidate), DesignContext.Create(design)).Verdict;
    }

    [Theory]
    [InlineData("Encrypt all traffic in transit with TLS", "Internal calls between the services go over plain HTTP.")]
    [InlineData("Serve every endpoint over HTTPS", "The admin UI is reachable at http://admin.internal:8080.")]
    [InlineData("Publish state-change events through a transactional outbox", "The service writes to Kafka after the commit, without an outbox.")]
    [InlineData("Protect write endpoints with OAuth scopes", "The import endpoint is called without OAuth because it is internal.")]
    public void Evaluate_WhenDesignGoesWithoutWhatRuleRequires_IsViolated(string statement, string design) =>
        Assert.Equal(Verdicts.Violated, VerdictOf(RuleLevel.Must, statement, design));

    [Theory]
    [InlineData("Encrypt all traffic in transit with TLS", "Internal calls between the services use mutual TLS.")]
    [InlineData("Publish state-change events through a transactional outbox", "Events are written to an outbox table in the same transaction.")]
    [InlineData("Support optimistic locking with If-Match header", "On a quota breach we answer 503 without any extra headers.")]
    public void Evaluate_WhenDesignDoesWhatRuleRequires_IsNotViolated(string statement, string design) =>
        Assert.NotEqual(Verdicts.Violated, VerdictOf(RuleLevel.Must, statement, design));

    [Fact]
    public void Evaluate_WhenDesignDoesWhatRuleTextForbids_IsViolatedQuotingThatSentence()
    {
        var retriever = new InMemoryRetriever().AddRule("R-1", RuleLevel.Must, "Authenticate users through the identity provider",
            "Use the code flow with PKCE. Services never store user passwords themselves.", line: 12);
        var candidate = Candidate.For(retriever.FindRules("authenticate users", 1).Single().Rule);

        var outcome = DesignReviewer.Evaluate(candidate, DesignContext.Create("Sign-up is simple.\nThe account service stores user passwords as MD5 hashes."));

        Assert.Equal(Verdicts.Violated, outcome.Verdict);
        Assert.Equal(2, outcome.Design!.Line);
        Assert.Equal("Services never store user passwords themselves.", outcome.Rule!.Quote);
        Assert.Equal(12, outcome.Rule.Line);
    }

    [Theory]
    [InlineData("The account service stores customer passwords, hashed with MD5.", true)] // customers are the users it serves
    [InlineData("The HR service stores staff passwords in its database.", true)]
    [InlineData("The account service stores customer addresses.", false)]
    public void Evaluate_WhenDesignDoesTheForbiddenActionToThePeopleItServesByAnotherName_IsViolated(string design, bool violated) =>
        Assert.Equal(violated, VerdictOf(RuleLevel.Must, "Authenticate users through the identity provider", design,
            "Services never store user passwords themselves.") == Verdicts.Violated);

    [Fact]
    public void Evaluate_WhenDesignSentenceItselfNegatesTheForbiddenAction_IsNotViolated()
    {
        Assert.NotEqual(Verdicts.Violated, VerdictOf(RuleLevel.Must, "Authenticate users through the identity provider",
            "The service never stores user passwords; sign-in goes through the identity provider.", "Services never store user passwords themselves."));
    }

    [Theory]
    [InlineData("Use Terraform for infrastructure", "We manage the servers with Terraform modules.")]
    [InlineData("Use ElastiCache for Redis", "The new app runs MySQL on an EC2 VM.")]
    public void Evaluate_WhenDecisionOnlyNamesProducts_NeitherMetNorViolatedByNamingOne(string title, string design)
    {
        var retriever = new InMemoryRetriever().AddDecision(1, title, title + ".");
        var decision = retriever.FindDecisions(title, 1).Single();

        var verdict = DesignReviewer.Evaluate(Candidate.For(decision.Decision, decision.Text), DesignContext.Create(design)).Verdict;

        Assert.True(verdict is Verdicts.NeedsJudgement or Verdicts.NotAddressed, verdict);
    }

    [Fact]
    public void Review_WhenDecisionIsProposed_ItIsNotMustAndRiskSaysHowItemsWereJudged()
    {
        var retriever = new InMemoryRetriever()
            .AddDecision(1, "Use snake_case for event names", "We propose snake_case event names.", DecisionStatus.Proposed)
            .AddRule("R-1", RuleLevel.Must, "Encrypt all traffic in transit with TLS");
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest { Design = "Traffic between services goes over plain HTTP. Event names are snake_case." });

        var decision = Assert.Single(result.Items, i => i.Item.Kind == "decision");
        Assert.Equal("MAY", decision.Item.Level);
        Assert.Equal(result.Items.Count(i => i.Verdict is Verdicts.Met or Verdicts.Violated), result.Risk.JudgedByRule);
        Assert.Equal(result.Items.Count(i => i.Verdict == Verdicts.NeedsJudgement), result.Risk.NeedsJudgement);
        Assert.Equal(Verdicts.Violated, Assert.Single(result.Items, i => i.Item.Id == "R-1").Verdict);
    }

    [Theory]
    [InlineData(RuleLevel.MustNot, "Disable TLS certificate validation")]
    [InlineData(RuleLevel.Must, "Verify the server certificate and host name on every TLS connection")]
    public void Evaluate_WhenDesignTurnsCertificateValidationOff_AgainstARuleOnIt_IsViolated(RuleLevel level, string statement) =>
        Assert.Equal(Verdicts.Violated, VerdictOf(level, statement, "The client is built with InsecureSkipVerify: true."));

    [Fact]
    public void Evaluate_WhenDesignTurnsCertificateValidationOff_AgainstARuleOnSomethingElse_IsNotViolatedByIt() =>
        Assert.NotEqual(Verdicts.Violated, VerdictOf(RuleLevel.Must, "Rotate secrets every 90 days", "The client is built with InsecureSkipVerify: true."));

    /// <summary>A rule requiring settings, against a change whose file sets <paramref name="setting"/> (a fact read from its structure).</summary>
    private static CheckOutcome SettingOutcome(string setting, RuleLevel level = RuleLevel.Must)
    {
        var retriever = new InMemoryRetriever().AddRule("R-1", level, "Configure producers with `acks=all`",
            "Set `enable.idempotence=true`. Do not set `linger.ms=0` on busy topics.");
        var candidate = Candidate.For(retriever.FindRules("producers acks", 1).Single().Rule);
        var design = "producer settings";
        return DesignReviewer.Evaluate(candidate, DesignContext.Create(design, [new DesignFact(FactKinds.Setting, setting, 1, design)]));
    }

    [Theory]
    [InlineData("spring.kafka.producer.acks=1")]
    [InlineData("acks=0")]
    [InlineData("producer.enable.idempotence=false")]
    [InlineData("spring.kafka.producer.enable-idempotence=false")] // the same key spelt with dashes
    [InlineData("producer.enableIdempotence=false")] // and in camel case
    public void Evaluate_WhenChangeSetsARequiredKeyToAnotherValue_IsViolated(string setting)
    {
        var outcome = SettingOutcome(setting);

        Assert.Equal(Verdicts.Violated, outcome.Verdict);
        Assert.Equal(1, outcome.Design!.Line);
    }

    [Fact]
    public void Evaluate_WhenRuleWritesTheSettingWithoutACodeSpan_ReadsItToo()
    {
        var retriever = new InMemoryRetriever().AddRule("R-2", RuleLevel.Must, "Configure producers with acks=all and idempotence enabled",
            "Set acks=all and enable.idempotence=true.");
        var candidate = Candidate.For(retriever.FindRules("producers acks", 1).Single().Rule);
        var design = "producer settings";

        var outcome = DesignReviewer.Evaluate(candidate, DesignContext.Create(design, [new DesignFact(FactKinds.Setting, "producer.enable.idempotence=false", 1, design)]));

        Assert.Equal(Verdicts.Violated, outcome.Verdict);
        Assert.Contains("enable.idempotence=true", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spring.kafka.consumer.enable-auto-commit=false", Verdicts.Met)]
    [InlineData("spring.kafka.consumer.enable-auto-commit=true", Verdicts.Violated)]
    public void Evaluate_WhenRuleWritesTheSettingInBrackets_TheBracketIsNoPartOfItsValue(string setting, string verdict)
    {
        var retriever = new InMemoryRetriever().AddRule("R-3", RuleLevel.Must, "Commit consumer offsets after processing",
            "Disable auto-commit (enable.auto.commit=false) or commit only processed offsets.");
        var candidate = Candidate.For(retriever.FindRules("consumer offsets", 1).Single().Rule);

        var outcome = DesignReviewer.Evaluate(candidate, DesignContext.Create("consumer settings", [new DesignFact(FactKinds.Setting, setting, 1, "consumer settings")]));

        Assert.Equal(verdict, outcome.Verdict);
        Assert.DoesNotContain("false)", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Set `ttl.hours=72` on every queue.", true)]
    [InlineData("The default for work queues is three days (`ttl.hours=72`).", false)] // a default, not a requirement
    [InlineData("Work queues keep messages three days; audit queues that keep records\nuse `ttl.hours=720` instead.", false)] // for some queues only
    [InlineData("If a queue feeds a report, set `ttl.hours=720`.", false)]
    [InlineData("Set `ttl.hours=72`; queues that feed reports may keep messages longer.", true)] // the condition is another clause's
    public void Evaluate_WhenTheRuleGivesTheSettingUnderACondition_ItIsNotRequiredOfEveryChange(string text, bool violated)
    {
        var retriever = new InMemoryRetriever().AddRule("R-4", RuleLevel.Must, "Set the message lifetime on every queue", text);
        var candidate = Candidate.For(retriever.FindRules("message lifetime queue", 1).Single().Rule);

        var outcome = DesignReviewer.Evaluate(candidate, DesignContext.Create("queue settings", [new DesignFact(FactKinds.Setting, "spec.ttl.hours=24", 1, "queue settings")]));

        Assert.Equal(violated, outcome.Verdict == Verdicts.Violated);
    }

    [Theory]
    [InlineData("spring.kafka.producer.acks=all", Verdicts.Met)]
    [InlineData("linger.ms=0", null)] // the rule's text forbids it; it does not require it
    [InlineData("clientacks=1", null)] // another key that only ends with the same letters
    public void Evaluate_WhenChangeSetsTheRequiredValueOrAnotherKey_IsNotViolated(string setting, string? verdict)
    {
        var outcome = SettingOutcome(setting);

        Assert.NotEqual(Verdicts.Violated, outcome.Verdict);
        if (verdict is not null)
        {
            Assert.Equal(verdict, outcome.Verdict);
        }
    }
}
