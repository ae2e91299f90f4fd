using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>
/// Conventions a change's files state in their structure rather than in words (facts read from a schema or a manifest):
/// the letter case of enum values and of the names of a kind of object, and null allowed for a type.
/// </summary>
public sealed class ConventionChecksTests
{
    /// <summary>The verdict of one rule against a design whose only facts are <paramref name="facts"/> ("kind|value").</summary>
    private static CheckOutcome Outcome(RuleLevel level, string statement, string text, params string[] facts)
    {
        var retriever = new InMemoryRetriever().AddRule("R-1", level, statement, text);
        var candidate = Candidate.For(retriever.FindRules(statement, 1).Single().Rule);
        const string design = "schema: added lines";
        var read = facts.Select(f => f.Split('|', 2)).Select(f => new DesignFact(f[0], f[1], 1, design)).ToList();
        return DesignReviewer.Evaluate(candidate, DesignContext.Create(design, read));
    }

    [Theory]
    [InlineData("snake_case: awaiting_pickup", Verdicts.Violated)]
    [InlineData("camelCase: inTransit", Verdicts.Violated)]
    [InlineData("UPPER_SNAKE_CASE: IN_TRANSIT", Verdicts.Met)]
    public void Evaluate_WhenASchemaListsEnumValues_TheirCaseIsCheckedAgainstTheRule(string value, string verdict) =>
        Assert.Equal(verdict, Outcome(RuleLevel.Should, "Write enum values in UPPER_SNAKE_CASE", "", $"{FactKinds.EnumCasing}|{value}").Verdict);

    [Theory]
    [InlineData("queue: BillingJobs", Verdicts.Violated)]
    [InlineData("queue: billing.invoice-jobs.v1", Verdicts.Met)] // lowercase alone allows any separator
    [InlineData("stream: BillingJobs", null)] // an object of another kind
    public void Evaluate_WhenARuleGivesTheCaseOfAKindOfObject_ObjectsOfThatKindNamedOtherwiseBreakIt(string named, string? verdict)
    {
        var outcome = Outcome(RuleLevel.Must, "Name queues `<team>.<purpose>` in lowercase", "", $"{FactKinds.Named}|{named}");

        if (verdict is null)
        {
            Assert.NotEqual(Verdicts.Violated, outcome.Verdict);
            return;
        }

        Assert.Equal(verdict, outcome.Verdict);
        Assert.Contains(verdict == Verdicts.Violated ? "queue `BillingJobs`" : "queue", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snake_case: shipping_labels", Verdicts.Violated)]
    [InlineData("kebab-case: shipping-labels", Verdicts.Met)]
    public void Evaluate_WhenLowercaseQualifiesAnotherStyle_TheNameMustBeInThatStyle(string path, string verdict) =>
        Assert.Equal(verdict, Outcome(RuleLevel.Must, "Use lowercase kebab-case for path segments", "", $"{FactKinds.PathCasing}|{path}").Verdict);

    [Theory]
    [InlineData(RuleLevel.MustNot, "Use `null` for boolean properties", "boolean", true)]
    [InlineData(RuleLevel.Must, "Boolean fields must not be nullable", "boolean", true)]
    [InlineData(RuleLevel.ShouldNot, "Use nullable booleans", "boolean", true)]
    [InlineData(RuleLevel.MustNot, "Use `null` for boolean properties", "string", false)] // null is forbidden for another type
    [InlineData(RuleLevel.ShouldNot, "Use `null` for empty arrays", "array", false)] // whether the array is empty the schema does not say
    [InlineData(RuleLevel.Must, "Use the same semantics for `null` and absent properties", "boolean", false)]
    public void Evaluate_WhenASchemaLetsATypeBeNull_ARuleForbiddingNullForThatTypeIsBroken(RuleLevel level, string statement, string type, bool violated) =>
        Assert.Equal(violated, Outcome(level, statement, "", $"{FactKinds.NullableType}|{type}").Verdict == Verdicts.Violated);
}
