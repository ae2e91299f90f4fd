using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>The answer format a model's judgement must take, read strictly: anything else is no judgement.</summary>
public sealed class JudgementFormatTests
{
    [Theory]
    [InlineData("VERDICT: met\nREASON: The excerpt sends every call over TLS.", "met", "The excerpt sends every call over TLS.")]
    [InlineData("  VERDICT: violated\r\nREASON: Passwords are stored.  \n", "violated", "Passwords are stored.")]
    public void Parse_WhenAnswerIsInTheFormat_ReturnsVerdictAndReason(string answer, string verdict, string reason)
    {
        Assert.Equal(new ModelVerdict(verdict, reason), JudgementFormat.Parse(answer));
    }

    [Theory]
    [InlineData("VERDICT: undecided\nREASON: The excerpt does not say how calls are secured.")] // the model's own abstention
    [InlineData("The design looks fine to me.")]
    [InlineData("Sure! VERDICT: met\nREASON: It is fine.")] // text before the format
    [InlineData("VERDICT: met\nREASON: It is fine.\nAnything else?")] // text after it
    [InlineData("VERDICT: met\n\nREASON: It is fine.")] // a blank line between
    [InlineData("VERDICT: MET\nREASON: It is fine.")] // verdict words are lower case
    [InlineData("VERDICT: partially met\nREASON: Half of it.")]
    [InlineData("VERDICT: met")]
    [InlineData("VERDICT: met\nREASON: ")]
    [InlineData("REASON: It is fine.\nVERDICT: met")]
    [InlineData("verdict: met\nreason: It is fine.")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_WhenAnswerIsNotInTheFormat_ReturnsNull(string? answer)
    {
        Assert.Null(JudgementFormat.Parse(answer));
    }

    [Fact]
    public void Parse_WhenReasonIsLongerThanOneSentenceAllows_ReturnsNull()
    {
        var reason = new string('x', JudgementFormat.MaxReasonChars + 1);

        Assert.Null(JudgementFormat.Parse("VERDICT: violated\nREASON: " + reason));
        Assert.NotNull(JudgementFormat.Parse("VERDICT: violated\nREASON: " + reason[1..]));
    }

    [Fact]
    public void Prompt_WhenItemHasBothQuotes_QuotesRuleAndDesignWithLinesAndFixesTheFormat()
    {
        var item = ModelJudgementTests.Item("SEC-9", "MUST", Verdicts.NeedsJudgement) with
        {
            Design = new Evidence("Services call each other over the mesh.", 4),
            Rule = new Evidence("Traffic between services must be encrypted.", 12),
        };

        var prompt = JudgementFormat.Prompt(item);

        Assert.Contains("VERDICT: met | violated | undecided", prompt.System);
        Assert.Contains("Rule SEC-9 (MUST), standards/sec.md:12:", prompt.User);
        Assert.Contains("Traffic between services must be encrypted.", prompt.User);
        Assert.Contains("Design excerpt (line 4):", prompt.User);
        Assert.Contains("Services call each other over the mesh.", prompt.User);
        Assert.Equal(JudgementFormat.MaxTokens, prompt.MaxTokens);
    }
}
