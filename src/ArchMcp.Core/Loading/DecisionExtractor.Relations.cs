using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>Relations between decisions: phrases in status lines and text, links, and front matter keys.</summary>
internal static partial class DecisionExtractor
{
    // Format: the phrases of status lines and prose ("superseded by", "deprecated in favour of" in a revision-history
    // row), and "Updates:" / "Updated by:" as a metadata key (only there: "updates" is a common word in prose).
    [GeneratedRegex(@"\b(?<kind>superseded\s+by|superseeded\s+by|superceded\s+by|replaced\s+by|supersedes|supersede|replaces|amended\s+by|amends|extended\s+by|extends|deprecated\s+in\s+favou?r\s+of)\b|^[\s*_]*(?<kind>updates|updated\s+by)[\s*_]*(?=[:：])", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex RelationPhrase();

    /// <summary>
    /// A word every relation phrase has, each found by a vectorised search of its own: the phrase regex tries every s, r,
    /// a and e of a text, and most blocks name no relation (a search for all four words at once is no faster, their first
    /// letters being those of common words; figures in docs/performance.md).
    /// </summary>
    private static readonly SearchValues<string>[] RelationWords =
        [.. new[] { "super", "replace", "amend", "xtend", "in favo", "update" }.Select(w => SearchValues.Create([w], StringComparison.OrdinalIgnoreCase))];

    private static bool MayNameRelation(ReadOnlySpan<char> text)
    {
        foreach (var word in RelationWords)
        {
            if (text.IndexOfAny(word) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> has a relation phrase.</summary>
    private static bool HasRelationPhrase(string text) => MayNameRelation(text) && RelationPhrase().IsMatch(text);

    [GeneratedRegex(@"^[\s:：*_]*(?:the\s+)?(?:(?:ADR|decision|record)s?\s*)?[#-]?\s*(?<n>\d{1,5})\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberReference();

    // Between the numbers of a list: "ADR-3, ADR-4", "#12 and #14", "3 & 4".
    [GeneratedRegex(@"^\s*(?:,|;|&|\band\b|/)\s*")]
    private static partial Regex ListSeparator();

    /// <summary>Relation phrases in block text [start, end): a link after the phrase, an ADR number, or (status lines) a title.</summary>
    private static void ReadRelations(TextBlock block, int start, int end, List<DecisionRelation> relations, bool allowTitles)
    {
        if (block.Type is not (BlockType.Paragraph or BlockType.Heading))
        {
            return;
        }

        var text = block.Text;
        if (!MayNameRelation(text.AsSpan(start, end - start)))
        {
            return;
        }

        var read = 0;
        foreach (Match m in RelationPhrase().Matches(text[start..end]))
        {
            // a status line names a few relations; thousands of phrases are hostile input (each costs a scan of the block)
            if (++read > MaxRelationPhrases)
            {
                break;
            }

            var phraseEnd = start + m.Index + m.Length;
            var kind = KindOf(m.Groups["kind"].Value);
            var line = block.LineAt(start + m.Index);
            var nextPhrase = RelationPhrase().Match(text, phraseEnd);
            var limit = Math.Min(end, nextPhrase.Success ? nextPhrase.Index : end);
            var targets = block.InlineLinks.Where(l => l.Start >= phraseEnd && l.Start <= Math.Min(limit, phraseEnd + 80) && IsMarkdownLinkOrAdr(l.Url, text, l))
                .ToList();
            if (targets.Count > 0)
            {
                foreach (var link in targets)
                {
                    var linkText = text[link.Start..link.End].Trim();
                    if (!IsMarkdownLink(link.Url))
                    {
                        relations.Add(new DecisionRelation(kind, linkText, line));
                        continue;
                    }

                    // Format: a link whose text names the number: the number stands in when the target names no file.
                    var number = NumberReference().Match(linkText);
                    relations.Add(new DecisionRelation(kind, StripFragment(link.Url), line, number.Success ? AdrId(number) : null));
                }

                continue;
            }

            var tail = text[phraseEnd..limit];
            if (ReadNumbers(tail, kind, line, relations))
            {
                continue;
            }

            if (allowTitles)
            {
                var title = tail.Split('\n')[0].Trim().Trim('.', ':', ',', '"', '\'', '“', '”', ' ');
                if (title.Length > 0)
                {
                    relations.Add(new DecisionRelation(kind, title, line));
                }
            }
        }
    }

    /// <summary>The decision numbers listed at the start of <paramref name="tail"/> ("ADR-3, ADR-4", "#12 and #14"), each a relation.</summary>
    private static bool ReadNumbers(string tail, RelationKind kind, int line, List<DecisionRelation> relations)
    {
        var at = 0;
        var read = false;
        while (at < tail.Length && NumberReference().Match(tail[at..]) is { Success: true } number)
        {
            relations.Add(new DecisionRelation(kind, AdrId(number), line));
            read = true;
            at += number.Length;
            var separator = ListSeparator().Match(tail[at..]);
            if (!separator.Success)
            {
                break;
            }

            at += separator.Length;
        }

        return read;
    }

    private static string AdrId(Match number) => $"ADR-{int.Parse(number.Groups["n"].Value, CultureInfo.InvariantCulture):D4}";

    /// <summary>The most relation phrases read from one block.</summary>
    private const int MaxRelationPhrases = 64;

    private static void ReadRelationsInText(string text, int line, List<DecisionRelation> relations) =>
        ReadRelations(new TextBlock { Type = BlockType.Paragraph, Line = line, Text = text }, 0, text.Length, relations, allowTitles: true);

    private static void AddFrontMatterRelations(FrontMatter fm, List<DecisionRelation> relations)
    {
        (string[] Keys, RelationKind Kind)[] map =
        [
            (["supersedes", "replaces"], RelationKind.Supersedes),
            (["superseded-by", "superseded_by", "supersededby", "superseded by", "replaced-by", "replaced_by"], RelationKind.SupersededBy),
            (["amends", "extends"], RelationKind.Amends),
            (["amended-by", "amended_by", "amendedby", "extended-by"], RelationKind.AmendedBy),
            (["related", "related-to", "related_to", "relates-to", "relates_to", "related-decisions", "related_decisions", "see-also", "links"], RelationKind.RelatesTo),
        ];
        foreach (var (keys, kind) in map)
        {
            foreach (var key in keys)
            {
                foreach (var value in fm.GetList(key))
                {
                    var target = value.Trim().Trim('"', '\'');
                    var link = Regex.Match(target, @"\]\((?<url>[^)]+)\)");
                    if (link.Success)
                    {
                        target = StripFragment(link.Groups["url"].Value);
                    }

                    if (target.Length > 0)
                    {
                        relations.Add(new DecisionRelation(kind, target, 1));
                    }
                }
            }
        }
    }

    private static void Dedupe(List<DecisionRelation> relations)
    {
        var seen = new HashSet<(RelationKind, string)>();
        relations.RemoveAll(r => !seen.Add((r.Kind, r.Target.ToLowerInvariant())));
    }

    private static RelationKind KindOf(string phrase)
    {
        var p = phrase.ToLowerInvariant();
        if (p.StartsWith("deprecated", StringComparison.Ordinal))
        {
            return RelationKind.SupersededBy;
        }

        if (p.StartsWith("update", StringComparison.Ordinal))
        {
            return p.EndsWith(" by", StringComparison.Ordinal) ? RelationKind.AmendedBy : RelationKind.Amends;
        }

        if (p.EndsWith(" by", StringComparison.Ordinal))
        {
            return p.StartsWith("amended", StringComparison.Ordinal) || p.StartsWith("extended", StringComparison.Ordinal)
                ? RelationKind.AmendedBy
                : RelationKind.SupersededBy;
        }

        return p.StartsWith("amend", StringComparison.Ordinal) || p.StartsWith("extend", StringComparison.Ordinal)
            ? RelationKind.Amends
            : RelationKind.Supersedes;
    }

    internal static bool IsMarkdownLink(string url)
    {
        if (url.Contains("://", StringComparison.Ordinal) || url.StartsWith('#') || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = StripFragment(url);
        return KnowledgeLoader.IsKnowledgeFile(path)
            || !Path.HasExtension(path);
    }

    private static bool IsMarkdownLinkOrAdr(string url, string text, InlineLink link) =>
        IsMarkdownLink(url) || NumberReference().IsMatch(text[link.Start..link.End]);

    internal static string StripFragment(string url)
    {
        var i = url.IndexOfAny(['#', '?']);
        return (i < 0 ? url : url[..i]).Trim();
    }
}
