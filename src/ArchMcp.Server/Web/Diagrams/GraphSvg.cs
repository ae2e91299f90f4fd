using System.Text;

namespace ArchMcp.Server.Web.Diagrams;

/// <summary>
/// A <see cref="Graph"/> as inline SVG laid out by <see cref="GraphLayout"/>: a box per node (a link when the node has
/// one), a straight line per edge from border to border with its label on it. The drawing scales with its viewBox
/// (the page's stylesheet caps its width), so it reads on a phone. Colours come from the stylesheet's classes.
/// </summary>
internal static class GraphSvg
{
    /// <param name="graph">What to draw.</param>
    /// <param name="id">An id unique in the page: the prefix of the drawing's own ids (title, description, arrowhead).</param>
    /// <param name="title">The drawing's accessible name.</param>
    /// <param name="description">Its accessible description, e.g. the edges as sentences.</param>
    /// <param name="image">True: one image to assistive technology (role="img"); false: a drawing whose links stay reachable.</param>
    public static string Render(Graph graph, string id, string title, string description, bool image)
    {
        var placement = GraphLayout.Place(graph);
        var at = placement.Nodes.ToDictionary(p => p.Node.Id, StringComparer.Ordinal);
        var svg = new StringBuilder();
        Open(svg, placement.Width, placement.Height, id, title, description, image);
        svg.Append("<g class=\"edges\">");
        foreach (var edge in graph.Edges.Where(e => e.Line != EdgeLine.Invisible))
        {
            Edge(svg, at[edge.From], at[edge.To], edge, id);
        }

        svg.Append("</g>");
        foreach (var node in placement.Nodes)
        {
            Node(svg, node);
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Opens the &lt;svg&gt; with its title, description and arrowhead marker (shared with the sequence diagram).</summary>
    public static void Open(StringBuilder svg, double width, double height, string id, string title, string description, bool image)
    {
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" viewBox=\"0 0 ").Append(SvgText.N(width)).Append(' ').Append(SvgText.N(height))
            .Append("\" width=\"").Append(SvgText.N(width)).Append("\" height=\"").Append(SvgText.N(height)).Append('"');
        if (image)
        {
            svg.Append(" role=\"img\"");
        }

        svg.Attr("aria-labelledby", $"{id}-title {id}-desc").Append("><title").Attr("id", id + "-title").Append('>').Text(title).Append("</title><desc")
            .Attr("id", id + "-desc").Append('>').Text(description).Append("</desc><defs><marker").Attr("id", id + "-arrow")
            .Append(" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path class=\"arrowhead\" d=\"M0,0L10,5L0,10z\"/></marker></defs>");
    }

    /// <summary>A marker-end attribute for the drawing's arrowhead.</summary>
    public static string ArrowEnd(string id) => $" marker-end=\"url(#{Html.Encode(id)}-arrow)\"";

    private static void Edge(StringBuilder svg, PlacedNode from, PlacedNode to, GraphEdge edge, string id)
    {
        var css = edge.Line switch { EdgeLine.Dotted => "edge dotted", EdgeLine.Thick => "edge thick", _ => "edge" };
        double labelX, labelY;
        if (from == to)
        {
            // a loop on the node's right side
            var (x, y) = (from.X + from.Width / 2, from.Y);
            svg.Append("<path").Attr("class", css).Append(" d=\"M").Append(SvgText.N(x)).Append(',').Append(SvgText.N(y - 6))
                .Append(" c 28,-22 28,34 0,12\" fill=\"none\"").Append(edge.Arrow ? ArrowEnd(id) : "").Append("/>");
            (labelX, labelY) = (x + 26, y - 18);
        }
        else
        {
            var (x1, y1) = Border(from, to.X, to.Y);
            var (x2, y2) = Border(to, from.X, from.Y);
            svg.Append("<line").Attr("class", css).Append(" x1=\"").Append(SvgText.N(x1)).Append("\" y1=\"").Append(SvgText.N(y1))
                .Append("\" x2=\"").Append(SvgText.N(x2)).Append("\" y2=\"").Append(SvgText.N(y2)).Append('"').Append(edge.Arrow ? ArrowEnd(id) : "").Append("/>");
            (labelX, labelY) = ((x1 + x2) / 2, (y1 + y2) / 2);
        }

        if (edge.Label is { Length: > 0 } label)
        {
            Label(svg, SvgText.Lines(label), labelX, labelY);
        }
    }

    /// <summary>A label on a background box centred on (x, y).</summary>
    public static void Label(StringBuilder svg, IReadOnlyList<string> lines, double x, double y)
    {
        var (w, h) = (SvgText.Width(lines) + 6, lines.Count * SvgText.LineHeight + 2);
        svg.Append("<rect class=\"edge-label\" x=\"").Append(SvgText.N(x - w / 2)).Append("\" y=\"").Append(SvgText.N(y - h / 2))
            .Append("\" width=\"").Append(SvgText.N(w)).Append("\" height=\"").Append(SvgText.N(h)).Append("\"/>");
        SvgText.AppendLines(svg, lines, x, y - h / 2 - 2, "edge-text");
    }

    /// <summary>Where the line from the node's centre towards (x, y) leaves its box.</summary>
    private static (double X, double Y) Border(PlacedNode node, double x, double y)
    {
        var (dx, dy) = (x - node.X, y - node.Y);
        if (dx == 0 && dy == 0)
        {
            return (node.X, node.Y);
        }

        var scale = Math.Min(dx == 0 ? double.MaxValue : node.Width / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : node.Height / 2 / Math.Abs(dy));
        return (node.X + dx * scale, node.Y + dy * scale);
    }

    private static void Node(StringBuilder svg, PlacedNode p)
    {
        svg.Append("<g").Attr("class", "node" + (p.Node.CssClass is null ? "" : " " + p.Node.CssClass)).Append('>');
        if (p.Node.Href is not null)
        {
            svg.Append("<a").Attr("href", p.Node.Href).Append('>');
        }

        var (left, top, w, h) = (p.X - p.Width / 2, p.Y - p.Height / 2, p.Width, p.Height);
        switch (p.Node.Shape)
        {
            case NodeShape.Diamond:
                Polygon(svg, [(p.X, top), (left + w, p.Y), (p.X, top + h), (left, p.Y)]);
                break;
            case NodeShape.Hexagon:
                var cut = h * 0.3;
                Polygon(svg, [(left + cut, top), (left + w - cut, top), (left + w, p.Y), (left + w - cut, top + h), (left + cut, top + h), (left, p.Y)]);
                break;
            case NodeShape.Circle:
                svg.Append("<circle cx=\"").Append(SvgText.N(p.X)).Append("\" cy=\"").Append(SvgText.N(p.Y)).Append("\" r=\"").Append(SvgText.N(w / 2)).Append("\"/>");
                break;
            default:
                var radius = p.Node.Shape switch { NodeShape.Round => 8, NodeShape.Stadium => h / 2, _ => 2 };
                svg.Append("<rect x=\"").Append(SvgText.N(left)).Append("\" y=\"").Append(SvgText.N(top)).Append("\" width=\"").Append(SvgText.N(w))
                    .Append("\" height=\"").Append(SvgText.N(h)).Append("\" rx=\"").Append(SvgText.N(radius)).Append("\"/>");
                break;
        }

        SvgText.AppendLines(svg, p.Lines, p.X, p.Y - p.Lines.Count * SvgText.LineHeight / 2 - 3);
        if (p.Node.Href is not null)
        {
            svg.Append("</a>");
        }

        svg.Append("</g>");
    }

    private static void Polygon(StringBuilder svg, (double X, double Y)[] points) =>
        svg.Append("<polygon points=\"").AppendJoin(' ', points.Select(q => SvgText.N(q.X) + "," + SvgText.N(q.Y))).Append("\"/>");
}
