using ArchMcp.Core.Model;
using Args = ArchMcp.Core.ToolContract.Arguments;

namespace ArchMcp.Core.Tests;

/// <summary>
/// The contract the MCP tools, the Semantic Kernel functions and the CLI verbs share: what a schema advertises is what
/// <see cref="RequestArguments"/> accepts, and the limits a description states are the limits enforced.
/// </summary>
public class ToolContractTests
{
    [Fact]
    public void AllowedValues_AreExactlyTheValuesTheArgumentsAccept()
    {
        Assert.Equal(ToolContract.KindValues.Split(", "), new KindValuesAttribute().Values);
        Assert.Equal(ToolContract.StatusValues.Split(", "), new StatusValuesAttribute().Values);
        Assert.All(new KindValuesAttribute().Values, v => Assert.Equal(v, RequestArguments.Kind((string)v!)?.ToWire()));
        Assert.All(new StatusValuesAttribute().Values, v => Assert.Equal(v, RequestArguments.Status((string)v!)?.ToWire()));

        var error = Assert.Throws<InvalidQueryException>(() => RequestArguments.Kind("memo"));
        Assert.Contains(ToolContract.KindValues, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_DescribedAreTheSectionsAccepted()
    {
        Assert.Contains(ToolContract.SectionValues, Args.Sections, StringComparison.Ordinal);
        Assert.Equal(ToolContract.SectionValues.Split(", "), RequestArguments.SectionNames);
        Assert.Equal(["decision", "all"], RequestArguments.Decision("7", ["Decision", "all"], null).Sections);

        var error = Assert.Throws<InvalidQueryException>(() => RequestArguments.Decision("7", ["summary"], null));
        Assert.Contains("'summary'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LimitsStatedInDescriptions_AreTheLimitsEnforced()
    {
        Assert.Contains($"at most {ToolContract.MaxTags}", Args.Tags, StringComparison.Ordinal);
        Assert.Contains($"up to {ToolContract.JudgedItemsMax}", Args.Sampling, StringComparison.Ordinal);

        var tags = Enumerable.Range(0, ToolContract.MaxTags + 1).Select(i => $"t{i}").ToList();
        Assert.Throws<InvalidQueryException>(() => RequestArguments.Search("kafka", null, null, tags, null, 5));
        Assert.Equal(ToolContract.MaxTags, RequestArguments.Search("kafka", null, null, tags.Take(ToolContract.MaxTags), null, 5).Tags.Count);
        Assert.Throws<InvalidQueryException>(() => RequestArguments.Search("kafka", null, null, null, null, ToolContract.SearchLimitMax + 1));
    }

    [Fact]
    public void RequestDefaults_AreTheContractDefaults()
    {
        Assert.Equal(ToolContract.SearchLimitDefault, new SearchRequest { Query = "kafka" }.Limit);
        Assert.Equal(ToolContract.ListLimitDefault, new DecisionQuery().Limit);
        Assert.Equal(ToolContract.ChecklistLimitDefault, new ChecklistRequest { Design = "kafka" }.Limit);
    }
}
