using System.Text;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArchMcp.Core.Loading;

/// <summary>Flattens a Markdig syntax tree into plain-text blocks and links.</summary>
internal static partial class MarkdownOutline
{
    [GeneratedRegex("""<a\s+[^>]*?\b(?:name|id)\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

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
                    var (text, inlineLinks, firstAnchor) = RenderInlines(heading.Inline, links);
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

                case ParagraphBlock paragraph:
                {
                    var (text, inlineLinks, firstAnchor) = RenderInlines(paragraph.Inline, links);
                    if (text.Length == 0)
                    {
                        pendingAnchor = firstAnchor ?? pendingAnchor;
                        break;
                    }

                    var startsItem = paragraph.Parent is ListItemBlock item && ReferenceEquals(item.FirstOrDefault(), paragraph);
                    var (clean, attr) = SplitAttributeAnchor(text);
                    blocks.Add(new TextBlock
                    {
                        Type = BlockType.Paragraph, Line = paragraph.Line + 1, Text = clean,
                        Anchor = attr ?? firstAnchor ?? pendingAnchor,
                        StartsListItem = startsItem, InlineLinks = WithinText(inlineLinks, clean),
                    });
                    pendingAnchor = null;
                    break;
                }

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

                case ContainerBlock inner:
                    Walk(inner, blocks, links, ref pendingAnchor);
                    break;
            }
        }
    }

    /// <summary>
    /// The links that still lie in <paramref name="clean"/> after its attribute anchor was cut, each ending at the
    /// text's end at the latest (a link whose text ended in whitespace once reached past it).
    /// </summary>
    private static IReadOnlyList<InlineLink> WithinText(List<InlineLink> links, string clean) =>
        links.Count == 0 ? [] : links.Where(l => l.Start < clean.Length).Select(l => l with { End = Math.Min(l.End, clean.Length) }).ToList();

    /// <summary>What rendering a block's inlines needs, kept per thread: most blocks have no link and no anchor.</summary>
    private sealed class Rendering
    {
        public StringBuilder Text = new(256);
        public readonly List<InlineLink> Links = [];
        public readonly List<string> Anchors = [];
    }

    [ThreadStatic]
    private static Rendering? t_rendering;

    /// <summary>
    /// The plain text of a block's inlines without leading or trailing whitespace, its links (offsets in that text;
    /// the list is the thread's own, read before the next block is rendered) and its first HTML anchor.
    /// </summary>
    private static (string Text, List<InlineLink> Links, string? FirstAnchor) RenderInlines(ContainerInline? root, List<DocumentLink> documentLinks)
    {
        var rendering = t_rendering ??= new Rendering();
        if (rendering.Text.Capacity > 1 << 16)
        {
            rendering.Text = new(256); // one huge block does not keep its buffer for the thread's lifetime
        }

        var sb = rendering.Text.Clear();
        var inlineLinks = rendering.Links;
        var anchors = rendering.Anchors;
        inlineLinks.Clear();
        anchors.Clear();
        if (root is not null)
        {
            Append(sb, root, inlineLinks, anchors, documentLinks, 0);
        }

        // Leading whitespace is cut here, so link offsets shift with it.
        var lead = 0;
        while (lead < sb.Length && char.IsWhiteSpace(sb[lead]))
        {
            lead++;
        }

        var end = sb.Length;
        while (end > lead && char.IsWhiteSpace(sb[end - 1]))
        {
            end--;
        }

        var text = sb.ToString(lead, end - lead);
        if (lead > 0)
        {
            for (var i = 0; i < inlineLinks.Count; i++)
            {
                inlineLinks[i] = new InlineLink(Math.Max(0, inlineLinks[i].Start - lead), Math.Max(0, inlineLinks[i].End - lead), inlineLinks[i].Url);
            }
        }

        return (text, inlineLinks, anchors.Count > 0 ? anchors[0] : null);
    }

    /// <summary>Inline nesting beyond which the rest is rendered as plain text without recursion (hostile "*****x*****" overflowed the stack).</summary>
    private const int MaxInlineDepth = 64;

    private static void Append(StringBuilder sb, Inline inline, List<InlineLink> inlineLinks, List<string> anchors, List<DocumentLink> documentLinks, int depth)
    {
        if (depth > MaxInlineDepth)
        {
            AppendFlat(sb, inline);
            return;
        }

        if (AppendText(sb, inline))
        {
            return;
        }

        switch (inline)
        {
            case AutolinkInline auto:
                sb.Append(auto.Url);
                break;
            case HtmlInline html:
            {
                var m = HtmlAnchor().Match(html.Tag ?? "");
                if (m.Success)
                {
                    anchors.Add(m.Groups[1].Value);
                }

                if (html.Tag is { } tag && (tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase)))
                {
                    sb.Append('\n');
                }

                break;
            }

            case LinkInline link:
            {
                var start = sb.Length;
                foreach (var child in link)
                {
                    Append(sb, child, inlineLinks, anchors, documentLinks, depth + 1);
                }

                var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
                if (!link.IsImage && url.Length > 0)
                {
                    inlineLinks.Add(new InlineLink(start, sb.Length, url));
                    var text = sb.ToString(start, sb.Length - start).Trim();
                    documentLinks.Add(new DocumentLink(text, url, link.Line + 1));
                }

                break;
            }

            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(sb, child, inlineLinks, anchors, documentLinks, depth + 1);
                }

                break;
        }
    }

    /// <summary>Appends the text of a leaf inline; false when <paramref name="inline"/> is not a plain-text leaf.</summary>
    private static bool AppendText(StringBuilder sb, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sb.Append(literal.Content.AsSpan());
                return true;
            case CodeInline code:
                sb.Append(code.Content);
                return true;
            case LineBreakInline:
                sb.Append('\n');
                return true;
            case HtmlEntityInline entity:
                sb.Append(entity.Transcoded.AsSpan());
                return true;
            default:
                return false;
        }
    }

    /// <summary>The text of an inline subtree, depth-first with an explicit stack.</summary>
    private static void AppendFlat(StringBuilder sb, Inline root)
    {
        var pending = new Stack<Inline>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (AppendText(sb, next))
            {
                continue;
            }

            switch (next)
            {
                case ContainerInline container:
                    for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }
    }
}
