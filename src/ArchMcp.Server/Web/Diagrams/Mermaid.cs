namespace ArchMcp.Server.Web.Diagrams;

/// <summary>
/// A Mermaid block drawn on the server (Mermaid's own script is about 3 MB; a page ships at most 200 KB of script):
/// flowcharts (<see cref="MermaidFlowchart"/>) and sequence diagrams (<see cref="MermaidSequence"/>). Any other
/// diagram type, or a block that cannot be read, is not drawn and the reason says why.
/// </summary>
internal static class Mermaid
{
    /// <summary>The SVG of the block, or null and a one-line reason it is shown as its source.</summary>
    /// <param name="source">The block's text.</param>
    /// <param name="id">An id unique in the page, the prefix of the drawing's own ids.</param>
    public static (string? Svg, string Reason) Draw(string source, string id)
    {
        var text = WithoutFrontMatter(source);
        var header = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("%%", StringComparison.Ordinal)) ?? "";
        try
        {
            if (MermaidFlowchart.Handles(header))
            {
                var graph = MermaidFlowchart.Parse(text);
                return (GraphSvg.Render(graph, id, "Flowchart", Describe(graph), image: true), "");
            }

            if (MermaidSequence.Handles(header))
            {
                return (MermaidSequence.Render(text, id), "");
            }
        }
        catch (FormatException ex)
        {
            return (null, $"This Mermaid diagram could not be drawn ({ex.Message}); its source is shown.");
        }

        var type = header.Split(' ', 2)[0];
        return (null, type.Length == 0 ? "This Mermaid block is empty." : $"Mermaid {type} diagrams are shown as their source (this view draws flowcharts and sequence diagrams).");
    }

    /// <summary>The flowchart's edges as a sentence each ("A → B (label)."), for its accessible description.</summary>
    private static string Describe(Graph graph)
    {
        const int most = 40;
        var label = graph.Nodes.ToDictionary(n => n.Id, n => n.Label.Replace('\n', ' '), StringComparer.Ordinal);
        var edges = graph.Edges.Where(e => e.Line != EdgeLine.Invisible).ToList();
        var sentences = edges.Take(most).Select(e => $"{label[e.From]} → {label[e.To]}{(e.Label is null ? "" : $" ({e.Label.Replace('\n', ' ')})")}.");
        return $"{graph.Nodes.Count} nodes, {edges.Count} edges. " + string.Join(' ', sentences) + (edges.Count > most ? " …" : "");
    }

    /// <summary>The text without a leading front matter block (<c>---</c> … <c>---</c>, Mermaid's title and settings).</summary>
    private static string WithoutFrontMatter(string source)
    {
        var text = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.TrimStart().StartsWith("---", StringComparison.Ordinal))
        {
            return text;
        }

        var start = text.IndexOf("---", StringComparison.Ordinal);
        var end = text.IndexOf("\n---", start + 3, StringComparison.Ordinal);
        return end < 0 ? text : text[(text.IndexOf('\n', end + 1) is var eol && eol < 0 ? text.Length : eol + 1)..];
    }
}
