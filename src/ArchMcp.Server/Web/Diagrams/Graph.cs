namespace ArchMcp.Server.Web.Diagrams;

/// <summary>Which way a graph's layers run: the first layer at the top, bottom, left or right.</summary>
internal enum FlowDirection
{
    TopDown,
    BottomUp,
    LeftRight,
    RightLeft,
}

/// <summary>How a node is drawn (Mermaid's shapes, the rarer ones drawn as the nearest of these).</summary>
internal enum NodeShape
{
    Rect,
    Round,
    Stadium,
    Diamond,
    Hexagon,
    Circle,
}

/// <summary>How an edge is drawn; an invisible edge only places its nodes.</summary>
internal enum EdgeLine
{
    Solid,
    Dotted,
    Thick,
    Invisible,
}

/// <summary>A node: its label (lines separated by '\n'), shape, and optionally a link and a CSS class.</summary>
internal sealed record GraphNode(string Id, string Label, NodeShape Shape = NodeShape.Rect, string? Href = null, string? CssClass = null);

/// <summary>An edge from one node to another, with an optional label and an arrowhead at its end.</summary>
internal sealed record GraphEdge(string From, string To, string? Label = null, EdgeLine Line = EdgeLine.Solid, bool Arrow = true);

/// <summary>A directed graph to be drawn in layers: every edge's node is one of <see cref="Nodes"/>.</summary>
internal sealed record Graph(FlowDirection Direction, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);
