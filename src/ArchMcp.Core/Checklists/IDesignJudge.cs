namespace ArchMcp.Core.Checklists;

/// <summary>
/// A language model that judges one "needs judgement" review item (over MCP: the client's model, through sampling).
/// Hosts without a model supply none, and the review stays deterministic. The prompt and the strict reading of the
/// answer are host-neutral (<see cref="JudgementFormat"/>); an implementation only carries the prompt to a model.
/// </summary>
public interface IDesignJudge
{
    /// <returns>The model's answer, or null when the model could not be asked (the client refused or failed).</returns>
    Task<JudgeAnswer?> AskAsync(JudgementPrompt prompt, CancellationToken cancellationToken);
}

/// <summary>What to ask: a system prompt fixing the answer format, the user message quoting rule and design, and a cap on the answer's length.</summary>
public sealed record JudgementPrompt(string System, string User, int MaxTokens);

/// <summary>The model's raw answer and, when the host reports it, the model's name.</summary>
public sealed record JudgeAnswer(string Text, string? Model);
