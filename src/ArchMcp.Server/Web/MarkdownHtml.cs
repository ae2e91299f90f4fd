using ArchMcp.Server.Web.Diagrams;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ArchMcp.Server.Web;

/// <summary>
/// A knowledge file's Markdown as HTML for a page: raw HTML in the file is shown as text (never passed through), a
/// link is kept only when it is relative or http(s)/mailto, a relative link to another indexed file goes to that file's
/// page, and a Mermaid flowchart or sequence diagram is drawn as inline SVG on the server (no diagram script is shipped).
/// </summary>
internal static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    /// <summary>
    /// Renders <paramref name="markdown"/> without its front matter and without its first level-1 heading (the page
    /// shows the title); its headings go one level down, under the page's own section heading. <paramref name="pageOf"/> maps a relative link's target (the URL without its fragment) to a
    /// page, or null to keep the link as written.
    /// </summary>
    public static string Render(string markdown, Func<string, string?> pageOf)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        if (document.Descendants<HeadingBlock>().FirstOrDefault() is { Level: 1 } title && title.Parent == document)
        {
            document.Remove(title);
        }

        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 1);
        }

        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = Target(link.Url, pageOf);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        var code = renderer.ObjectRenderers.FindExact<CodeBlockRenderer>();
        if (code is not null)
        {
            renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new DiagramRenderer(code));
        }

        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Whether a URL may be a link: relative (no scheme), a fragment, or http, https or mailto.</summary>
    public static bool IsSafe(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var end = url.IndexOfAny(['/', '?', '#']);
        return colon < 0 || (end >= 0 && end < colon)
            || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Target(string? url, Func<string, string?> pageOf)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url;
        }

        if (!IsSafe(url))
        {
            return "#";
        }

        if (url.Contains(':', StringComparison.Ordinal) || url.StartsWith('#') || url.StartsWith('/'))
        {
            return url;
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? url : url[..hash];
        return pageOf(Uri.UnescapeDataString(file)) is { } page ? page + (hash < 0 ? "" : url[hash..]) : url;
    }

    /// <summary>
    /// A ```mermaid block drawn as inline SVG (<see cref="Mermaid"/>) with its source under a disclosure; a block that
    /// is not drawn is shown as its source with the reason. Any other code block as Markdig writes it.
    /// </summary>
    private sealed class DiagramRenderer(CodeBlockRenderer inner) : HtmlObjectRenderer<CodeBlock>
    {
        private int _diagrams;

        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            if (obj is not FencedCodeBlock { Info: { } info } || !info.Equals("mermaid", StringComparison.OrdinalIgnoreCase))
            {
                ((IMarkdownObjectRenderer)inner).Write(renderer, obj);
                return;
            }

            var (svg, reason) = Mermaid.Draw(obj.Lines.ToString(), $"diagram-{++_diagrams}");
            renderer.EnsureLine();
            if (svg is null)
            {
                renderer.Write("<figure class=\"diagram\"><pre><code class=\"language-mermaid\">");
                renderer.WriteLeafRawLines(obj, true, true);
                renderer.Write("</code></pre><figcaption>").Write(Html.Encode(reason)).Write("</figcaption></figure>");
            }
            else
            {
                renderer.Write("<figure class=\"diagram\">").Write(svg).Write("<figcaption>Mermaid diagram, drawn by the server</figcaption>")
                    .Write("<details><summary>Diagram source</summary><pre><code class=\"language-mermaid\">");
                renderer.WriteLeafRawLines(obj, true, true);
                renderer.Write("</code></pre></details></figure>");
            }

            renderer.EnsureLine();
        }
    }
}
