namespace ArchMcp.Server.Web.Diagrams;

/// <summary>A node with its place: the centre (<see cref="X"/>, <see cref="Y"/>), its size, its layer and its label's lines.</summary>
internal sealed record PlacedNode(GraphNode Node, IReadOnlyList<string> Lines, int Layer, double X, double Y, double Width, double Height);

/// <summary>Where every node of a graph goes, and the size of the whole drawing.</summary>
internal sealed record GraphPlacement(IReadOnlyList<PlacedNode> Nodes, double Width, double Height);

/// <summary>
/// A simple layered layout (the first steps of Sugiyama's method): edges that close a cycle are set aside, every
/// node goes one layer past the farthest node that points to it, nodes in a layer are ordered by the mean position
/// of the nodes pointing to them (fewer crossings), and layers are centred on each other. Edges are drawn straight.
/// </summary>
internal static class GraphLayout
{
    private const double Margin = 8;
    private const double PaddingX = 12;
    private const double PaddingY = 8;
    private const double GapInLayer = 24;
    private const double GapBetweenLayers = 44;

    public static GraphPlacement Place(Graph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            index.TryAdd(node.Id, index.Count);
        }

        var edges = graph.Edges.Where(e => e.From != e.To).Select(e => (From: index[e.From], To: index[e.To])).Distinct().ToList();
        var forward = WithoutCycles(graph.Nodes.Count, edges);
        var layers = Layers(graph.Nodes.Count, forward);
        var order = Order(layers, forward);

        var horizontal = graph.Direction is FlowDirection.LeftRight or FlowDirection.RightLeft;
        var sizes = graph.Nodes.Select(n =>
        {
            var lines = SvgText.Lines(n.Label);
            var (w, h) = (SvgText.Width(lines) + 2 * PaddingX, lines.Count * SvgText.LineHeight + 2 * PaddingY);
            return n.Shape switch
            {
                NodeShape.Diamond => (Lines: lines, W: w + h, H: h * 1.6),
                NodeShape.Circle => (Lines: lines, W: Math.Max(w, h), H: Math.Max(w, h)),
                NodeShape.Hexagon => (Lines: lines, W: w + h * 0.6, H: h),
                _ => (Lines: lines, W: w, H: h),
            };
        }).ToList();

        // along a layer ("breadth") and across layers ("depth"), whichever way the graph runs
        double Breadth(int n) => horizontal ? sizes[n].H : sizes[n].W;
        double Depth(int n) => horizontal ? sizes[n].W : sizes[n].H;
        var labelled = graph.Edges.Where(e => e.Label is { Length: > 0 } && e.Line != EdgeLine.Invisible).ToList();
        var gap = GapBetweenLayers + (labelled.Count == 0 ? 0
            : horizontal ? labelled.Max(e => SvgText.Width(SvgText.Lines(e.Label!))) : SvgText.LineHeight * labelled.Max(e => SvgText.Lines(e.Label!).Count));

        var breadths = order.Select(layer => layer.Sum(Breadth) + GapInLayer * Math.Max(0, layer.Count - 1)).ToList();
        var totalBreadth = breadths.Count == 0 ? 0 : breadths.Max();
        var placed = new PlacedNode[graph.Nodes.Count];
        var depthAt = Margin;
        for (var l = 0; l < order.Count; l++)
        {
            var layerDepth = order[l].Max(Depth);
            var at = Margin + (totalBreadth - breadths[l]) / 2;
            foreach (var n in order[l])
            {
                var along = at + Breadth(n) / 2;
                var across = depthAt + layerDepth / 2;
                placed[n] = new PlacedNode(graph.Nodes[n], sizes[n].Lines, l, horizontal ? across : along, horizontal ? along : across, sizes[n].W, sizes[n].H);
                at += Breadth(n) + GapInLayer;
            }

            depthAt += layerDepth + gap;
        }

        var totalDepth = depthAt - gap + Margin;
        var (width, height) = horizontal ? (totalDepth, totalBreadth + 2 * Margin) : (totalBreadth + 2 * Margin, totalDepth);
        var nodes = placed.Select(p => graph.Direction switch
        {
            FlowDirection.BottomUp => p with { Y = height - p.Y },
            FlowDirection.RightLeft => p with { X = width - p.X },
            _ => p,
        }).ToList();
        return new GraphPlacement(nodes, width, height);
    }

    /// <summary>The edges without those that close a cycle (found by a depth-first walk in node order, without recursion).</summary>
    private static List<(int From, int To)> WithoutCycles(int count, List<(int From, int To)> edges)
    {
        var outgoing = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in edges)
        {
            outgoing[from].Add(to);
        }

        var state = new byte[count]; // 0 not seen, 1 on the current path, 2 done
        var back = new HashSet<(int, int)>();
        for (var start = 0; start < count; start++)
        {
            if (state[start] != 0)
            {
                continue;
            }

            var stack = new Stack<(int Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next == outgoing[node].Count)
                {
                    state[node] = 2;
                    continue;
                }

                stack.Push((node, next + 1));
                var to = outgoing[node][next];
                if (state[to] == 1)
                {
                    back.Add((node, to));
                }
                else if (state[to] == 0)
                {
                    state[to] = 1;
                    stack.Push((to, 0));
                }
            }
        }

        return [.. edges.Where(e => !back.Contains(e))];
    }

    /// <summary>Each node's layer: one past the deepest node with an edge to it (longest path, in topological order).</summary>
    private static int[] Layers(int count, List<(int From, int To)> edges)
    {
        var layer = new int[count];
        var incoming = new int[count];
        var outgoing = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        foreach (var (from, to) in edges)
        {
            outgoing[from].Add(to);
            incoming[to]++;
        }

        var ready = new Queue<int>(Enumerable.Range(0, count).Where(n => incoming[n] == 0));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            foreach (var to in outgoing[node])
            {
                layer[to] = Math.Max(layer[to], layer[node] + 1);
                if (--incoming[to] == 0)
                {
                    ready.Enqueue(to);
                }
            }
        }

        return layer;
    }

    /// <summary>The nodes of each layer in drawing order: the first layer as given, each next one by the mean position of its predecessors.</summary>
    private static List<List<int>> Order(int[] layers, List<(int From, int To)> edges)
    {
        var order = Enumerable.Range(0, layers.Length == 0 ? 0 : layers.Max() + 1).Select(l => Enumerable.Range(0, layers.Length).Where(n => layers[n] == l).ToList()).ToList();
        var position = new double[layers.Length];
        for (var l = 0; l < order.Count; l++)
        {
            if (l > 0)
            {
                order[l] = [.. order[l].OrderBy(n =>
                {
                    var from = edges.Where(e => e.To == n && layers[e.From] == l - 1).Select(e => position[e.From]).ToList();
                    return from.Count == 0 ? double.MaxValue : from.Average();
                }).ThenBy(n => n)];
            }

            for (var i = 0; i < order[l].Count; i++)
            {
                position[order[l][i]] = i;
            }
        }

        return order;
    }
}
