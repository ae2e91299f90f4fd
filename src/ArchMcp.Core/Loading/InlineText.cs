using System.Text;
using ArchMcp.Core.Model;
using Markdig.Syntax.Inlines;

namespace ArchMcp.Core.Loading;

/// <summary>The plain text of a Markdown block's inlines, with its links and HTML anchors.</summary>
internal static class InlineText
{
    /// <summary>What rendering a block's inlines needs, kept per thread: most blocks have no link and no anchor.</summary>
    private sealed class Rendering
    {
        public StringBuilder Text = new(256);
        public readonly List<InlineLink> Links = [];
        public readonly List<string> Anchors = [];
    }

    [ThreadStatic]
    private static Rendering? _rendering;

    /// <summary>
    /// The plain text of a block's inlines without leading or trailing whitespace, its links (offsets in that text;
    /// the list is the thread's own, read before the next block is rendered) and its first HTML anchor.
    /// </summary>
    public static (string Text, List<InlineLink> Links, string? FirstAnchor) Render(ContainerInline? root, List<DocumentLink> documentLinks)
    {
        var rendering = _rendering ??= new Rendering();
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
                var m = MarkdownOutline.HtmlAnchor().Match(html.Tag ?? "");
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
