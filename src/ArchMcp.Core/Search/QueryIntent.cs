using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Search;

/// <summary>What a search query asks beyond its words.</summary>
internal sealed record QueryIntent
{
    /// <summary>Explicit decision numbers named in the query ("ADR 21", "decision 0013", "ADR-0013").</summary>
    public IReadOnlyList<int> DecisionNumbers { get; init; } = [];

    /// <summary>Rule or document identifiers named in the query ("rule 176", "#118", "SEGAS-00006", "API-001").</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>The relation the query asks to follow from the decision it names ("what superseded X" → SupersededBy).</summary>
    public RelationKind? Follow { get; init; }

    /// <summary>A status the query lists decisions by ("which ADRs are still pending?"), as the word used.</summary>
    public string? StatusWord { get; init; }

    /// <summary>The query asks for a decision ("the decision about runners", "which ADRs cover caching").</summary>
    public bool AsksForDecision { get; init; }

    /// <summary>The query with reference and intent words removed, for the text search that finds the subject.</summary>
    public required string Subject { get; init; }
}

/// <summary>Reads references, relation questions and status listings out of free-text queries.</summary>
internal static partial class QueryInterpreter
{
    /// <summary>Only the start of a query is read for references and intent; longer texts are free text.</summary>
    public const int MaxIntentChars = 300;

    public static QueryIntent Interpret(string query)
    {
        query = query.Length > MaxIntentChars ? query[..MaxIntentChars] : query;
        var numbers = new List<int>();
        var rules = new List<string>();
        var rest = query;

        foreach (Match m in DecisionRef().Matches(query))
        {
            if (int.TryParse(m.Groups["n"].Value, out var n))
            {
                numbers.Add(n);
            }

            rest = rest.Replace(m.Value, " ", StringComparison.Ordinal);
        }

        foreach (Match m in RuleRef().Matches(rest))
        {
            rules.Add(m.Groups["id"].Value);
            rest = rest.Replace(m.Value, " ", StringComparison.Ordinal);
        }

        foreach (Match m in DocumentId().Matches(rest))
        {
            rules.Add(m.Value);
            rest = rest.Replace(m.Value, " ", StringComparison.Ordinal);
        }

        RelationKind? follow = null;
        var lower = query.ToLowerInvariant();
        if (AskSuccessor().IsMatch(lower))
        {
            follow = RelationKind.SupersededBy;
        }
        else if (AskAmender().IsMatch(lower))
        {
            follow = RelationKind.AmendedBy;
        }
        else if (AskPredecessor().IsMatch(lower))
        {
            follow = RelationKind.Supersedes;
        }

        string? statusWord = null;
        var status = StatusListing().Match(lower);

        // "what superseded ADR 2?" follows a relation from a named decision; it is not a listing of superseded ones
        if (status.Success && !(follow is not null && numbers.Count + rules.Count > 0))
        {
            statusWord = status.Groups["s"].Value;
        }

        var subject = IntentWords().Replace(rest, " ");
        subject = string.Join(' ', subject.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new QueryIntent
        {
            DecisionNumbers = numbers,
            RuleIds = rules,
            Follow = follow,
            StatusWord = statusWord,
            Subject = subject,
            AsksForDecision = AskDecision().IsMatch(lower),
        };
    }

    [GeneratedRegex(@"\b(?:adrs?|decisions?|records?|dr|proposals?)\s*[-#:]?\s*(?<n>\d{1,5})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionRef();

    [GeneratedRegex(@"(?:\brules?\s*#?\s*|(?<![\w/])#)(?<id>[A-Za-z0-9][\w.-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex RuleRef();

    // "API-001", requirement ids with series parts and dotted numbers ("OSPS-VM-05.03"), checklist codes ("RE:07").
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]{1,11}(?:-[A-Z][A-Z0-9]{0,11}){0,3}-\d{1,6}(?:\.\d{1,6}){0,3}\b|\b[A-Z]{2,5}:\d{1,3}\b")]
    private static partial Regex DocumentId();

    [GeneratedRegex(@"\b(what|which|who)\b.*\b(superseded|supersedes|replaced|replaces|succeeded|obsoleted|overrode|overrides)\b|\b(successor|replacement|newer decision|decision in force)\b")]
    private static partial Regex AskSuccessor();

    [GeneratedRegex(@"\b(what|which)\b.*\b(amends|amended|changes|changed|modifies|modified|extends|extended)\b")]
    private static partial Regex AskAmender();

    [GeneratedRegex(@"\b(what|which)\b.*\b(did|does)\b.*\b(supersede|replace)\b")]
    private static partial Regex AskPredecessor();

    // The records may be called ADRs, decisions, records, proposals, enhancements or design docs; a plural status word
    // ("still drafts") is the status; the first status word after the records is the one asked for ("at RFC stage rather than decided").
    [GeneratedRegex(@"\b(which|what|list|show|all|any)\b.*?\b(adrs?|decisions?|records?|proposals?|enhancements?|rfcs|design docs?)\b.*?\b(?<s>pending|proposed|accepted|approved|rejected|deprecated|superseded|draft|open|on hold|final|rfc|decided|implemented|active|in review|under review)s?\b|\b(?<s>pending|proposed|accepted|approved|rejected|deprecated|superseded|draft|final)\s+(adrs?|decisions?|records?|proposals?|design docs?)\b")]
    private static partial Regex StatusListing();

    // a decision record is where a team writes down why: a question asking why something is so asks for the decision
    [GeneratedRegex(@"\b(decisions?|decided|adrs?|why)\b")]
    private static partial Regex AskDecision();

    [GeneratedRegex(@"\b(what|which|who|superseded|supersedes|supersede|replaced|replaces|replace|amends|amended|amend|the|decision|record|adr|did|does|do|is|are|still|from|original|on|about|of|by)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IntentWords();

}
