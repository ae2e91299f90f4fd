using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// The one format a model's judgement of a review item must take, and its strict reading: exactly two lines,
/// <c>VERDICT: met|violated|undecided</c> and <c>REASON: one sentence</c>. Anything else — extra text, another
/// verdict word, a missing or overlong reason — is no judgement, and the item keeps its deterministic verdict.
/// </summary>
internal static partial class JudgementFormat
{
    /// <summary>Longest reason accepted, in characters (one sentence).</summary>
    public const int MaxReasonChars = 300;

    /// <summary>Enough tokens for the two lines; a longer answer is cut by the client and then fails the strict reading.</summary>
    public const int MaxTokens = 150;

    private const string System =
        "You check one excerpt of a software design against one architecture rule, using only the two quoted texts. " +
        "Answer with exactly two lines and nothing else:\n" +
        "VERDICT: met | violated | undecided\n" +
        "REASON: one sentence of at most 300 characters\n" +
        "met: the excerpt does what the rule requires (mentioning the rule's topic is not enough). " +
        "violated: the excerpt does what the rule forbids or contradicts what it requires. " +
        "undecided: anything else, including when the excerpt is not enough to tell.";

    /// <summary>The prompt for one item: the rule (id, level, quoted sentence, path:line) and the design excerpt it was matched with.</summary>
    public static JudgementPrompt Prompt(ReviewItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var i = item.Item;
        var rule = item.Rule ?? new Evidence(i.Statement, i.Line);
        var user = $"Rule {i.Id} ({i.Level}), {i.Path}:{rule.Line}:\n\"\"\"\n{rule.Quote}\n\"\"\"\n";
        user += item.Design is { } design
            ? $"Design excerpt (line {design.Line}):\n\"\"\"\n{design.Quote}\n\"\"\""
            : "Design excerpt: (none)";
        return new JudgementPrompt(System, user, MaxTokens);
    }

    /// <summary>The verdict and reason of an answer in the format, or null for anything else (and for "undecided").</summary>
    public static ModelVerdict? Parse(string? answer)
    {
        var match = answer is null ? null : Answer().Match(answer.Trim());
        if (match is null || !match.Success || match.Groups["verdict"].Value == "undecided")
        {
            return null;
        }

        var reason = match.Groups["reason"].Value.Trim();
        return reason.Length <= MaxReasonChars ? new ModelVerdict(match.Groups["verdict"].Value, reason) : null;
    }

    [GeneratedRegex(@"\AVERDICT: (?<verdict>met|violated|undecided)\r?\nREASON: (?<reason>[^\r\n]*\S[^\r\n]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Answer();
}

/// <summary>A model's verdict on one item (<see cref="Verdicts.Met"/> or <see cref="Verdicts.Violated"/>) and its one-sentence reason.</summary>
internal sealed record ModelVerdict(string Verdict, string Reason);
