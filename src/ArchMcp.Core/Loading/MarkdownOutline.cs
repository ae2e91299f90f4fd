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

                case ParagraphBlock paragraph when MarkdownTables.HeaderlessTable(paragraph, blocks) is { } table:
                    links.AddRange(table.Links);
                    WalkShifted(table.Markdown, paragraph.Line - 1, blocks, links, ref pendingAnchor, MarkdownTables.TablePipeline);
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

                case Table table when MarkdownTables.IsMetadataTable(table, blocks):
                    MarkdownTables.AddMetadataRows(table, blocks, links);
                    break;

                case TableRow row when MarkdownTables.CodeCell(row) is { } at:
                {
                    var code = MarkdownTables.CellText(row[at], links).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]; // its link (the code's guide page) is a link of the document
                    var rest = string.Join(' ', row.Skip(at + 1).Select(cell => MarkdownTables.CellText(cell, links)).Where(t => t.Length > 0));
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
    /// The links that still lie in <paramref name="clean"/> after its attribute anchor was cut, each ending at the
    /// text's end at the latest (a link whose text ended in whitespace once reached past it).
    /// </summary>
    private static IReadOnlyList<InlineLink> WithinText(List<InlineLink> links, string clean) =>
        links.Count == 0 ? [] : links.Where(l => l.Start < clean.Length).Select(l => l with { End = Math.Min(l.End, clean.Length) }).ToList();
}
