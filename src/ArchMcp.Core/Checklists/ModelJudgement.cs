using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>How much model judgement one review may ask for: the first <see cref="MaxItems"/> "needs judgement" items,
/// each within <see cref="ItemTimeout"/>, all within <see cref="TotalTimeout"/>.</summary>
public sealed record JudgementBounds(int MaxItems, TimeSpan ItemTimeout, TimeSpan TotalTimeout)
{
    /// <summary>The bounds of the contract (<see cref="ToolContract.JudgedItemsMax"/> and its timeouts).</summary>
    public static JudgementBounds Contract { get; } = new(
        ToolContract.JudgedItemsMax, TimeSpan.FromSeconds(ToolContract.JudgeItemSeconds), TimeSpan.FromSeconds(ToolContract.JudgeTotalSeconds));
}

/// <summary>
/// Refines a deterministic review with a model (ADR-0013): only "needs judgement" items are asked about, in review
/// order and within <see cref="JudgementBounds"/>; an answer read strictly by <see cref="JudgementFormat"/> replaces the
/// verdict and reason and marks the item <see cref="JudgedByModel"/>. An item the model did not answer in time, in the
/// format, or at all keeps its verdict. The caller's cancellation is honoured; the timeouts only end the asking.
/// </summary>
public static class ModelJudgement
{
    /// <summary>The <see cref="ReviewItem.JudgedBy"/> of a verdict the model gave.</summary>
    public const string JudgedByModel = "model";

    public static async Task<ReviewResult> JudgeAsync(ReviewResult review, IDesignJudge judge, JudgementBounds bounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(bounds);
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(bounds.TotalTimeout);
        var items = review.Items.ToList();
        var asked = 0;
        for (var i = 0; i < items.Count && asked < bounds.MaxItems && !total.IsCancellationRequested; i++)
        {
            if (items[i].Verdict != Verdicts.NeedsJudgement)
            {
                continue;
            }

            asked++;
            if (await AskAsync(judge, items[i], bounds.ItemTimeout, total.Token, cancellationToken) is { } judged)
            {
                items[i] = judged;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return review with { Items = items, Risk = DesignReviewer.Summarise(items) };
    }

    private static async Task<ReviewItem?> AskAsync(IDesignJudge judge, ReviewItem item, TimeSpan timeout, CancellationToken total, CancellationToken caller)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(total);
        bounded.CancelAfter(timeout);
        JudgeAnswer? answer;
        try
        {
            answer = await judge.AskAsync(JudgementFormat.Prompt(item), bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return null; // out of time: the item stays as it was
        }

        return JudgementFormat.Parse(answer?.Text) is { } verdict
            ? item with { Verdict = verdict.Verdict, Reason = verdict.Reason, JudgedBy = JudgedByModel, Model = answer!.Model }
            : null;
    }
}
