using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArchMcp.Core.Loading;

/// <summary>Flattens a Markdig syntax tree into plain-text blocks and links.</summary>
internal static partial class MarkdownOutline
{
    [GeneratedRegex("""<a\s+[^>]*?\b(?:name|id)\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    internal static partial Regex HtmlAnchor();

    // An anchor tag alone on the first line of an HTML block (<a id="x"/>, <a name="x">): CommonMark runs the block on
    // to the next blank line, swallowing the Markdown paragraph written under it.
    [GeneratedRegex("""^\s*<a\s+[^>]*?\b(?:name|id)\s*=\s*["']([^"']+)["'][^>]*>\s*(?:</a>\s*)?\n""", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingAnchorLine();

    // Format: a checklist code in a table's first cell ("RE:05"): a series of capitals, a colon, a number.
    [GeneratedRegex(@"^[A-Z]{2,5}:\d{1,3}$")]
    private static partial Regex ChecklistCode();

    // A pipe table's delimiter row of two or more columns: "|---|---|", "| :--- | ---: |".
    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")]
    private static partial Regex DelimiterRow();

    private static readonly MarkdownPipeline TablePipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    // Format: a tick-box cell of a checklist table, empty or one box (☐, ☑, ☒, ✅, ✓, [ ], [x]).
    [GeneratedRegex(@"^(?:[☐☑☒✅✓✔\uFE0F]|\[[ xX]?\])?$")]
    private static partial Regex TickBox();

    [GeneratedRegex(@"\s*\{#([A-Za-z0-9_.:-]+)[^}]*\}\s*$")]
    private static partial Regex AttributeAnchor();

    // NonBacktracking (here and below): linear time on hostile HTML blocks full of unclosed "<!--" or "<".
    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<%.*?%>|<[^>]+>", RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex HtmlTag();

    public static (List<TextBlock> Blocks, List<DocumentLink> Links) Build(MarkdownDocument document)
    {
        var blocks = new List<TextBlock>();
        var links = new List<DocumentLink>();
        string? pendingAnchor = null;
        Walk(document, blocks, links, ref pendingAnchor);
        return (blocks, links);
    }

    /// <summary>The explicit <c>{#anchor}</c> at the end of a heading text, and the text without it.</summary>
    public static (string Text, string? Anchor) SplitAttributeAnchor(string text)
    {
        if (!text.AsSpan().TrimEnd().EndsWith('}'))
        {
            return (text, null);
        }

        var m = AttributeAnchor().Match(text);
        return m.Success ? (text[..m.Index].TrimEnd(), m.Groups[1].Value) : (text, null);
    }

    private static void Walk(ContainerBlock container, List<TextBlock> blocks, List<DocumentLink> links, ref string? pendingAnchor)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                case LinkReferenceDefinitionGroup:
                case LinkReferenceDefinition:
                case ThematicBreakBlock:
                    break;
                case HeadingBlock heading:
                {
                    var (text, inlineLinks, firstAnchor) = InlineText.Render(heading.Inline, links);
                    var (clean, attr) = SplitAttributeAnchor(text.Replace('\n', ' '));
                    var anchor = attr ?? firstAnchor ?? pendingAnchor;
                    pendingAnchor = null;
                    blocks.Add(new TextBlock
                    {
                        Type = BlockType.Heading, Line = heading.Line + 1, Text = clean, Level = heading.Level,
                        Anchor = anchor, InlineLinks = WithinText(inlineLinks, clean),
                    });
                    break;
                }

                case ParagraphBlock paragraph when HeaderlessTable(paragraph, blocks) is { } table:
                    links.AddRange(table.Links);
                    WalkShifted(table.Markdown, paragraph.Line - 1, blocks, links, ref pendingAnchor, TablePipeline);
                    break;

                case ParagraphBlock paragraph:
                {
                    var (text, inlineLinks, firstAnchor) = InlineText.Render(paragraph.Inline, links);
                    if (text.Length == 0)
                    {
                        pendingAnchor = firstAnchor ?? pendingAnchor;
                        break;
                    }

                    var item = paragraph.Parent as ListItemBlock;
                    var startsItem = item is not null && ReferenceEquals(item.FirstOrDefault(), paragraph);
                    var (clean, attr) = SplitAttributeAnchor(text);
                    blocks.Add(new TextBlock
                    {
                        Type = BlockType.Paragraph, Line = paragraph.Line + 1, Text = clean,
                        Anchor = attr ?? firstAnchor ?? pendingAnchor,
                        StartsListItem = startsItem, InlineLinks = WithinText(inlineLinks, clean),
                        ListNumber = startsItem && item!.Parent is ListBlock { IsOrdered: true } ? item.Order : null,
                        StartsBold = paragraph.Inline?.FirstChild is EmphasisInline { DelimiterCount: 2 },
                    });
                    pendingAnchor = null;
                    break;
                }

                case HtmlBlock html when LeadingAnchorLine().Match(html.Lines.ToString()) is { Success: true } anchorLine
                                         && !html.Lines.ToString()[anchorLine.Length..].TrimStart().StartsWith('<'):
                    pendingAnchor = anchorLine.Groups[1].Value;
                    WalkShifted(html.Lines.ToString()[anchorLine.Length..], html.Line + 1, blocks, links, ref pendingAnchor);
                    break;

                case HtmlBlock html:
                {
                    var raw = html.Lines.ToString();
                    var anchor = HtmlAnchor().Match(raw);
                    var text = HtmlTag().Replace(HtmlComment().Replace(raw, " "), " ");
                    text = System.Net.WebUtility.HtmlDecode(string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)));
                    if (text.Length == 0)
                    {
                        if (anchor.Success)
                        {
                            pendingAnchor = anchor.Groups[1].Value;
                        }

                        break;
                    }

                    blocks.Add(new TextBlock { Type = BlockType.Html, Line = html.Line + 1, Text = text });
                    break;
                }

                case CodeBlock code:
                {
                    var text = code.Lines.ToString();
                    var language = (code as FencedCodeBlock)?.Info;
                    blocks.Add(new TextBlock
                    {
                        Type = BlockType.Code, Line = code.Line + 1, Text = text, CodeLanguage = string.IsNullOrWhiteSpace(language) ? null : language,
                    });
                    break;
                }

                case Table table when IsMetadataTable(table, blocks):
                    AddMetadataRows(table, blocks, links);
                    break;

                case TableRow row when CodeCell(row) is { } at:
                {
                    var code = CellText(row[at], links).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]; // its link (the code's guide page) is a link of the document
                    var rest = string.Join(' ', row.Skip(at + 1).Select(cell => CellText(cell, links)).Where(t => t.Length > 0));
                    blocks.Add(new TextBlock { Type = BlockType.Paragraph, Line = row.Line + 1, Text = $"{code}: {rest}", RowCode = code });
                    break;
                }

                case ContainerBlock inner:
                    Walk(inner, blocks, links, ref pendingAnchor);
                    break;
            }
        }
    }

    /// <summary>
    /// The Markdown after an anchor line that opened an HTML block, read as Markdown; its lines counted from
    /// <paramref name="anchorLine"/> (1-based), the line of the anchor.
    /// </summary>
    private static void WalkShifted(string markdown, int anchorLine, List<TextBlock> blocks, List<DocumentLink> links, ref string? pendingAnchor, MarkdownPipeline? pipeline = null)
    {
        var firstBlock = blocks.Count;
        var firstLink = links.Count;
        Walk(Markdig.Markdown.Parse(markdown, pipeline), blocks, links, ref pendingAnchor);
        for (var i = firstBlock; i < blocks.Count; i++)
        {
            blocks[i].Line += anchorLine;
        }

        for (var i = firstLink; i < links.Count; i++)
        {
            links[i] = links[i] with { Line = links[i].Line + anchorLine };
        }
    }

    /// <summary>
    /// Format: a key/value table typed without its header row, the delimiter row first (<c>|---|---|</c> then
    /// <c>| Status | Final |</c>), before the first section: CommonMark reads it as a paragraph. Returned with an empty
    /// header row put above, to be read as the table it is (its first line is then the delimiter's line); null otherwise.
    /// </summary>
    private static (string Markdown, List<DocumentLink> Links)? HeaderlessTable(ParagraphBlock paragraph, List<TextBlock> blocks)
    {
        if (paragraph.Parent is not MarkdownDocument || blocks.Exists(b => b.Type == BlockType.Heading && b.Level >= 2))
        {
            return null;
        }

        // the paragraph's text as rendered (its links, kept for the document, are plain text in it)
        var links = new List<DocumentLink>();
        var lines = InlineText.Render(paragraph.Inline, links).Text.Split('\n');
        return lines.Length >= 2 && DelimiterRow().IsMatch(lines[0]) && lines.Skip(1).All(l => l.TrimStart().StartsWith('|'))
            ? ("| | |\n" + string.Join('\n', lines), links)
            : null;
    }

    /// <summary>
    /// Format: a two-column key/value table before the first section (often with an empty header row, sometimes inside
    /// a blockquote) is a metadata block, like front matter: <c>| Status | Accepted |</c>. A table whose rows start with
    /// two or more checklist codes (<c>| RE:01 | … |</c>) is a checklist, not metadata.
    /// </summary>
    private static bool IsMetadataTable(Table table, List<TextBlock> blocks)
    {
        if (blocks.Exists(b => b.Type == BlockType.Heading && b.Level >= 2))
        {
            return false;
        }

        var rows = 0;
        var codes = 0;
        foreach (var row in table)
        {
            if (row is not TableRow r || r.Count != 2)
            {
                return false;
            }

            rows++;
            codes += CodeCell(r) is null ? 0 : 1;
        }

        return rows > 0 && codes < 2;
    }

    /// <summary>Each row of a metadata table as one "Key: Value" paragraph, which the metadata readers know; empty rows are skipped.</summary>
    private static void AddMetadataRows(Table table, List<TextBlock> blocks, List<DocumentLink> links)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            var key = CellText(row[0], links);
            var value = CellText(row[1], links);
            if (key.Length == 0 && value.Length == 0)
            {
                continue;
            }

            blocks.Add(new TextBlock
            {
                Type = BlockType.Paragraph, Line = row.Line + 1, Text = key.Length == 0 ? value : value.Length == 0 ? key : $"{key}: {value}",
            });
        }
    }

    /// <summary>
    /// Format: the cell of a checklist row that holds its code (<c>| RE:05 | … |</c>), the first cell or the first after
    /// a tick-box column (<c>| ☐ | RE:05 | … |</c>, or an empty cell); null when the row has no code or nothing after it.
    /// </summary>
    private static int? CodeCell(TableRow row)
    {
        for (var i = 0; i < row.Count - 1; i++)
        {
            var text = CellText(row[i], []);
            // one code, sometimes linked twice (to the two pages that elaborate it: "[OE:07](a.md) <br> [OE:07](b.md)")
            var codes = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
            if (codes.Count == 1 && ChecklistCode().IsMatch(codes[0]))
            {
                return i;
            }

            if (!TickBox().IsMatch(text))
            {
                return null;
            }
        }

        return null;
    }

    private static string CellText(Block cell, List<DocumentLink> links)
    {
        var parts = new List<string>();
        foreach (var paragraph in ((ContainerBlock)cell).OfType<ParagraphBlock>())
        {
            var (text, _, _) = InlineText.Render(paragraph.Inline, links);
            parts.Add(text.Replace('\n', ' ').Trim());
        }

        return string.Join(' ', parts).Trim();
    }

    /// <summary>
    /// The links that still lie in <paramref name="clean"/> after its attribute anchor was cut, each ending at the
    /// text's end at the latest (a link whose text ended in whitespace once reached past it).
    /// </summary>
    private static IReadOnlyList<InlineLink> WithinText(List<InlineLink> links, string clean) =>
        links.Count == 0 ? [] : links.Where(l => l.Start < clean.Length).Select(l => l with { End = Math.Min(l.End, clean.Length) }).ToList();
}
