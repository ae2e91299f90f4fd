using System.Xml.Linq;
using ArchMcp.Server.Web.Diagrams;

namespace ArchMcp.Server.Tests.Web;

/// <summary>Mermaid flowcharts and sequence diagrams read and drawn as SVG on the server, and the layered layout under them.</summary>
public sealed class DiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Flowchart_ReadsDirectionShapesLabelsChainsAndGroups()
    {
        var graph = MermaidFlowchart.Parse("""
            flowchart LR
              %% a comment
              A[Start here] -->|go| B{Ready?}
              B -- yes --> C((Done)) --> D([End])
              B -.-> E{{Wait}}
              E ==> F("Quoted (with parens)")
              A & B --- G
              subgraph Later
                direction TB
                G ~~~ H[[Sub]]
              end
              classDef hot fill:#f00
            """);

        Assert.Equal(FlowDirection.LeftRight, graph.Direction);
        Assert.Equal(
            [("A", "Start here", NodeShape.Rect), ("B", "Ready?", NodeShape.Diamond), ("C", "Done", NodeShape.Circle), ("D", "End", NodeShape.Stadium),
             ("E", "Wait", NodeShape.Hexagon), ("F", "Quoted (with parens)", NodeShape.Round), ("G", "G", NodeShape.Rect), ("H", "Sub", NodeShape.Rect)],
            graph.Nodes.Select(n => (n.Id, n.Label, n.Shape)));
        Assert.Equal(
            [("A", "B", "go", EdgeLine.Solid, true), ("B", "C", "yes", EdgeLine.Solid, true), ("C", "D", null, EdgeLine.Solid, true),
             ("B", "E", null, EdgeLine.Dotted, true), ("E", "F", null, EdgeLine.Thick, true), ("A", "G", null, EdgeLine.Solid, false),
             ("B", "G", null, EdgeLine.Solid, false), ("G", "H", null, EdgeLine.Invisible, false)],
            graph.Edges.Select(e => (e.From, e.To, e.Label, e.Line, e.Arrow)));
    }

    [Theory]
    [InlineData("graph TD", "TopDown")]
    [InlineData("graph TB", "TopDown")]
    [InlineData("flowchart BT", "BottomUp")]
    [InlineData("flowchart RL", "RightLeft")]
    [InlineData("graph", "TopDown")]
    public void Flowchart_ReadsEachDirection(string header, string expected) =>
        Assert.Equal(Enum.Parse<FlowDirection>(expected), MermaidFlowchart.Parse(header + "\n  A --> B").Direction);

    [Fact]
    public void Flowchart_LabelsWithLineBreaksAndMarkup_BecomePlainTextLines()
    {
        var graph = MermaidFlowchart.Parse("graph TD\n  A[\"First<br/>second\"] -->|<b>1.</b> send| B");

        Assert.Equal("First\nsecond", graph.Nodes[0].Label);
        Assert.Equal("1. send", graph.Edges[0].Label);
    }

    [Theory]
    [InlineData("graph TD\n  A --> ", "expected a node id")]
    [InlineData("graph TD\n  A[unclosed --> B", "not closed")]
    [InlineData("graph TD\n  A --o B", "expected an edge")]
    [InlineData("graph TD\n", "no nodes")]
    public void Flowchart_ThatCannotBeRead_SaysWhere(string source, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MermaidFlowchart.Parse(source));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_Flowchart_IsAnAccessibleSvgWithANodePerNodeAndALinePerVisibleEdge()
    {
        var (svg, reason) = Mermaid.Draw("flowchart TD\n  A[Client] -->|calls| B[Service]\n  B ~~~ C[Store]", "d1");

        Assert.Equal("", reason);
        var root = XElement.Parse(svg!);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("d1-title d1-desc", (string?)root.Attribute("aria-labelledby"));
        Assert.StartsWith("0 0 ", (string?)root.Attribute("viewBox"), StringComparison.Ordinal);
        Assert.Contains("Client → Service (calls).", root.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
        Assert.Equal(["Client", "Service", "Store"], root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node").Select(g => g.Element(Svg + "text")!.Value));
        Assert.Single(root.Descendants(Svg + "line"));
    }

    [Fact]
    public void Draw_EncodesEveryText()
    {
        var (svg, _) = Mermaid.Draw("graph LR\n  A[\"&lt;script&gt;x\"] -->|\"a & b\"| B[\"</text><script>alert(1)</script>\"]", "d1");

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        var root = XElement.Parse(svg!);
        Assert.Contains(root.Descendants(Svg + "tspan"), t => t.Value == "a & b");
        Assert.Contains(root.Descendants(Svg + "tspan"), t => t.Value == "<script>x");
    }

    [Fact]
    public void Sequence_DrawsAParticipantPerColumnAndARowPerMessageNoteAndBlock()
    {
        var (svg, reason) = Mermaid.Draw("""
            sequenceDiagram
              participant C as Client<br/>app
              actor U as User
              U->>C: opens
              C-->>S: fetch data
              Note over C,S: over TLS
              alt cached
                S->>S: reuse
              else
                S-)C: stream
              end
              C->U: shows
            """, "seq");

        Assert.Equal("", reason);
        var root = XElement.Parse(svg!);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal(["Client", "app", "User", "S"], root.Descendants(Svg + "g").SelectMany(g => g.Descendants(Svg + "tspan")).Select(t => t.Value));
        Assert.Equal(3, root.Descendants(Svg + "line").Count(l => (string?)l.Attribute("class") == "lifeline"));
        var messages = root.Descendants(Svg + "line").Where(l => ((string?)l.Attribute("class"))?.StartsWith("edge", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, messages.Count); // the self-message is a path
        Assert.Equal("edge dotted", (string?)messages[1].Attribute("class"));
        Assert.Null(messages[3].Attribute("marker-end")); // "->" has no arrowhead
        Assert.Equal(["alt cached", "else"], root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "block-text").Select(t => t.Value));
        Assert.Single(root.Descendants(Svg + "rect"), r => (string?)r.Attribute("class") == "note");
    }

    [Theory]
    [InlineData("stateDiagram-v2\n  [*] --> Idle", "Mermaid stateDiagram-v2 diagrams are shown as their source")]
    [InlineData("sequenceDiagram\n  A->>B: hi\n  this is not mermaid", "could not be drawn (line 3:")]
    [InlineData("%% only a comment", "This Mermaid block is empty.")]
    public void Draw_OtherTypesAndUnreadableBlocks_AreNotDrawnAndSayWhy(string source, string expected)
    {
        var (svg, reason) = Mermaid.Draw(source, "d1");

        Assert.Null(svg);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_SkipsMermaidFrontMatter()
    {
        var (svg, _) = Mermaid.Draw("---\ntitle: Orders\n---\nflowchart LR\n  A --> B", "d1");

        Assert.NotNull(svg);
    }

    [Theory]
    [InlineData("TopDown")]
    [InlineData("BottomUp")]
    [InlineData("LeftRight")]
    [InlineData("RightLeft")]
    public void Layout_PutsEachNodeALayerPastTheFarthestNodePointingToIt_InTheGraphsDirection(string name)
    {
        var direction = Enum.Parse<FlowDirection>(name);
        var graph = new Graph(direction,
            [new("a", "A"), new("b", "B"), new("c", "C"), new("d", "D")],
            [new("a", "b"), new("b", "c"), new("a", "c"), new("a", "d")]);

        var placed = GraphLayout.Place(graph).Nodes.ToDictionary(p => p.Node.Id);

        Assert.Equal([0, 1, 2, 1], new[] { "a", "b", "c", "d" }.Select(id => placed[id].Layer));
        double Along(PlacedNode p) => direction switch
        {
            FlowDirection.TopDown => p.Y,
            FlowDirection.BottomUp => -p.Y,
            FlowDirection.LeftRight => p.X,
            _ => -p.X,
        };
        Assert.True(Along(placed["a"]) < Along(placed["b"]) && Along(placed["b"]) < Along(placed["c"]));
        Assert.Equal(Along(placed["b"]), Along(placed["d"]));
    }

    [Fact]
    public void Layout_ACycle_IsBrokenAndNodesInALayerDoNotOverlap()
    {
        var graph = new Graph(FlowDirection.TopDown,
            [new("a", "A long label for a node"), new("b", "B"), new("c", "C"), new("d", "Another wide label")],
            [new("a", "b"), new("b", "c"), new("c", "a"), new("a", "d")]);

        var placement = GraphLayout.Place(graph);

        var layer1 = placement.Nodes.Where(p => p.Layer == 1).OrderBy(p => p.X).ToList();
        Assert.Equal(["b", "d"], layer1.Select(p => p.Node.Id).Order());
        Assert.True(layer1[0].X + layer1[0].Width / 2 <= layer1[1].X - layer1[1].Width / 2);
        Assert.All(placement.Nodes, p => Assert.True(p.X - p.Width / 2 >= 0 && p.X + p.Width / 2 <= placement.Width));
    }
}
