using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>A model refining a review: only "needs judgement" items, bounded, strictly read, marked as the model's.</summary>
public sealed class ModelJudgementTests
{
    private static readonly JudgementBounds Generous = new(3, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    internal static ReviewItem Item(string id, string level, string verdict) => new()
    {
        Item = new ChecklistItem
        {
            Id = id, Kind = "rule", Level = level, Statement = $"Statement of {id}.", Source = "Security", Uri = $"arch://standards/SEC/rules/{id}",
            Path = "standards/sec.md", Line = 12, Root = "knowledge",
        },
        Verdict = verdict,
        Reason = "deterministic reason",
    };

    private static ReviewResult Review(params ReviewItem[] items) => new(items, DesignReviewer.Summarise(items), []);

    /// <summary>Answers from a script by rule id, recording what it was asked.</summary>
    private sealed class ScriptedJudge(Func<string, CancellationToken, Task<JudgeAnswer?>> answer) : IDesignJudge
    {
        public List<string> Asked { get; } = [];

        public Task<JudgeAnswer?> AskAsync(JudgementPrompt prompt, CancellationToken cancellationToken)
        {
            var id = prompt.User.Split(' ', 3)[1];
            Asked.Add(id);
            return answer(id, cancellationToken);
        }

        public static ScriptedJudge Always(string text, string? model = "test-model") => new((_, _) => Task.FromResult<JudgeAnswer?>(new JudgeAnswer(text, model)));
    }

    [Fact]
    public async Task JudgeAsync_WhenModelAnswersInFormat_ReplacesOnlyNeedsJudgementVerdictsAndMarksThem()
    {
        var review = Review(
            Item("R-1", "MUST", Verdicts.Violated),
            Item("R-2", "MUST", Verdicts.NeedsJudgement),
            Item("R-3", "SHOULD", Verdicts.NotAddressed),
            Item("R-4", "SHOULD", Verdicts.NeedsJudgement));
        var judge = ScriptedJudge.Always("VERDICT: violated\nREASON: The excerpt contradicts the rule.");

        var judged = await ModelJudgement.JudgeAsync(review, judge, Generous, CancellationToken.None);

        Assert.Equal(["R-2", "R-4"], judge.Asked);
        Assert.Equal(review.Items[0], judged.Items[0]);
        Assert.Equal(review.Items[2], judged.Items[2]);
        Assert.All([judged.Items[1], judged.Items[3]], i =>
        {
            Assert.Equal(Verdicts.Violated, i.Verdict);
            Assert.Equal("The excerpt contradicts the rule.", i.Reason);
            Assert.Equal(ModelJudgement.JudgedByModel, i.JudgedBy);
            Assert.Equal("test-model", i.Model);
        });
        var risk = judged.Risk;
        Assert.Equal((3, 2, 1, 0, 2, 0), (risk.Violated, risk.High, risk.Medium, risk.NeedsJudgement, risk.JudgedByModel, risk.JudgedByRule - 1));
        Assert.Equal("high", risk.Overall);
    }

    [Fact]
    public async Task JudgeAsync_WhenMoreItemsNeedJudgementThanTheBound_AsksOnlyTheFirstOnes()
    {
        var review = Review([.. Enumerable.Range(1, 5).Select(n => Item($"R-{n}", "MAY", Verdicts.NeedsJudgement))]);
        var judge = ScriptedJudge.Always("VERDICT: met\nREASON: It does what the rule asks.");

        var judged = await ModelJudgement.JudgeAsync(review, judge, Generous with { MaxItems = 2 }, CancellationToken.None);

        Assert.Equal(["R-1", "R-2"], judge.Asked);
        Assert.Equal((2, 3), (judged.Risk.JudgedByModel, judged.Risk.NeedsJudgement));
    }

    [Theory]
    [InlineData("It is probably fine.")]
    [InlineData("VERDICT: undecided\nREASON: The excerpt is too short.")]
    public async Task JudgeAsync_WhenAnswerIsNotInTheFormat_LeavesTheItemAsItWas(string answer)
    {
        var review = Review(Item("R-1", "MUST", Verdicts.NeedsJudgement));

        var judged = await ModelJudgement.JudgeAsync(review, ScriptedJudge.Always(answer), Generous, CancellationToken.None);

        Assert.Equal(review.Items, judged.Items);
        Assert.Equal(review.Risk, judged.Risk);
    }

    [Fact]
    public async Task JudgeAsync_WhenModelCannotBeAsked_LeavesTheItemAsItWas()
    {
        var review = Review(Item("R-1", "MUST", Verdicts.NeedsJudgement));
        var judge = new ScriptedJudge((_, _) => Task.FromResult<JudgeAnswer?>(null));

        var judged = await ModelJudgement.JudgeAsync(review, judge, Generous, CancellationToken.None);

        Assert.Equal(review.Items, judged.Items);
    }

    [Fact]
    public async Task JudgeAsync_WhenOneItemRunsOutOfTime_LeavesItAndAsksTheNext()
    {
        var review = Review(Item("R-1", "MUST", Verdicts.NeedsJudgement), Item("R-2", "MUST", Verdicts.NeedsJudgement));
        var judge = new ScriptedJudge(async (id, ct) =>
        {
            if (id == "R-1")
            {
                await Task.Delay(Timeout.Infinite, ct); // answers only when its time is up
            }

            return new JudgeAnswer("VERDICT: met\nREASON: It does what the rule asks.", null);
        });

        var judged = await ModelJudgement.JudgeAsync(review, judge, Generous with { ItemTimeout = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);

        Assert.Equal(["R-1", "R-2"], judge.Asked);
        Assert.Equal(review.Items[0], judged.Items[0]);
        Assert.Equal((Verdicts.Met, ModelJudgement.JudgedByModel, (string?)null), (judged.Items[1].Verdict, judged.Items[1].JudgedBy, judged.Items[1].Model));
    }

    [Fact]
    public async Task JudgeAsync_WhenTotalTimeRunsOut_StopsAskingAndKeepsTheRest()
    {
        var review = Review(Item("R-1", "MUST", Verdicts.NeedsJudgement), Item("R-2", "MUST", Verdicts.NeedsJudgement));
        var judge = new ScriptedJudge(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });

        var judged = await ModelJudgement.JudgeAsync(review, judge, Generous with { TotalTimeout = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);

        Assert.Equal(["R-1"], judge.Asked);
        Assert.Equal(review.Items, judged.Items);
    }

    [Fact]
    public async Task JudgeAsync_WhenCallerCancels_Throws()
    {
        var review = Review(Item("R-1", "MUST", Verdicts.NeedsJudgement), Item("R-2", "MUST", Verdicts.NeedsJudgement));
        using var caller = new CancellationTokenSource();
        var judge = new ScriptedJudge(async (_, ct) =>
        {
            await caller.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelJudgement.JudgeAsync(review, judge, Generous, caller.Token));
        Assert.Equal(["R-1"], judge.Asked);
    }

    [Fact]
    public async Task ReviewMarkdown_WhenModelJudgedAnItem_NamesTheModelAndCountsItApart()
    {
        var review = Review(Item("R-1", "MUST", Verdicts.NeedsJudgement), Item("R-2", "MUST", Verdicts.NeedsJudgement));
        var judge = new ScriptedJudge((id, _) => Task.FromResult<JudgeAnswer?>(
            id == "R-1" ? new JudgeAnswer("VERDICT: met\nREASON: The excerpt encrypts every call.", "test-model") : null));

        var text = ChecklistMarkdown.Review(await ModelJudgement.JudgeAsync(review, judge, Generous, CancellationToken.None));

        Assert.Contains("0 judged by rule, 1 by the client's model, 1 need a person", text);
        Assert.Contains("↳ _judged by test-model_: The excerpt encrypts every call.", text);
        Assert.DoesNotContain("by the client's model", ChecklistMarkdown.Review(review));
    }
}
