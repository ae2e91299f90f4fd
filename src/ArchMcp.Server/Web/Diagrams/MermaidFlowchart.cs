using System.Text.RegularExpressions;

namespace ArchMcp.Server.Web.Diagrams;

/// <summary>
/// Reads a Mermaid <c>flowchart</c> / <c>graph</c> into a <see cref="Graph"/>: the direction (TD, TB, BT, LR, RL),
/// nodes with the shapes <c>[ ]</c>, <c>( )</c>, <c>([ ])</c>, <c>[[ ]]</c>, <c>[( )]</c>, <c>(( ))</c>, <c>{ }</c>,
/// <c>{{ }}</c> and quoted or plain labels, edges <c>--&gt;</c>, <c>---</c>, <c>-.-&gt;</c>, <c>==&gt;</c>,
/// <c>~~~</c> with a label as <c>|text|</c> or <c>-- text --&gt;</c>, chains (<c>A --&gt; B --&gt; C</c>) and
/// <c>&amp;</c> (<c>A &amp; B --&gt; C</c>). Subgraphs are read for their nodes and not drawn as boxes; styling lines
/// (classDef, class, style, linkStyle, click) and %% comments are skipped. Anything else is a
/// <see cref="FormatException"/> naming the line.
/// </summary>
internal static partial class MermaidFlowchart
{
    /// <summary>More nodes than this is not a diagram a page can show readably.</summary>
    public const int MaxNodes = 300;

    private static readonly (string Open, string Close, NodeShape Shape)[] Shapes =
    [
        ("(((", ")))", NodeShape.Circle), ("((", "))", NodeShape.Circle), ("([", "])", NodeShape.Stadium), ("[(", ")]", NodeShape.Round),
        ("[[", "]]", NodeShape.Rect), ("{{", "}}", NodeShape.Hexagon), ("[/", "/]", NodeShape.Rect), ("[\\", "\\]", NodeShape.Rect),
        (">", "]", NodeShape.Rect), ("[", "]", NodeShape.Rect),
        ("(", ")", NodeShape.Round), ("{", "}", NodeShape.Diamond),
    ];

    /// <summary>Whether the first line names a flowchart.</summary>
    public static bool Handles(string header) => Header().IsMatch(header);

    public static Graph Parse(string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, l => !IsSkipped(l));
        var header = first < 0 ? null : Header().Match(lines[first].Trim());
        if (header is not { Success: true })
        {
            throw new FormatException("a flowchart starts with 'flowchart' or 'graph' and a direction");
        }

        var direction = header.Groups["dir"].Value.ToUpperInvariant() switch
        {
            "BT" => FlowDirection.BottomUp,
            "LR" => FlowDirection.LeftRight,
            "RL" => FlowDirection.RightLeft,
            _ => FlowDirection.TopDown,
        };
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        for (var i = first + 1; i < lines.Length; i++)
        {
            foreach (var statement in Statements(lines[i]))
            {
                if (IsSkipped(statement) || Structure().IsMatch(statement))
                {
                    continue;
                }

                try
                {
                    Statement(statement.Trim(), nodes, edges);
                }
                catch (FormatException ex)
                {
                    throw new FormatException($"line {i + 1}: {ex.Message}", ex);
                }
            }
        }

        if (nodes.Count == 0)
        {
            throw new FormatException("the flowchart has no nodes");
        }

        return nodes.Count > MaxNodes
            ? throw new FormatException($"the flowchart has {nodes.Count} nodes; at most {MaxNodes} are drawn")
            : new Graph(direction, nodes, edges);
    }

    /// <summary>A line's statements: split at each ';' outside double quotes.</summary>
    private static IEnumerable<string> Statements(string line)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ';' && !quoted)
            {
                yield return line[start..i];
                start = i + 1;
            }
        }

        yield return line[start..];
    }

    private static bool IsSkipped(string line) => line.Trim() is var t && (t.Length == 0 || t.StartsWith("%%", StringComparison.Ordinal));

    /// <summary>One statement: a group of nodes, then any number of (edge, group of nodes).</summary>
    private static void Statement(string text, List<GraphNode> nodes, List<GraphEdge> edges)
    {
        var at = 0;
        var previous = Group(text, ref at, nodes);
        while (SkipSpaces(text, ref at) < text.Length)
        {
            var link = Link().Match(text, at);
            if (!link.Success)
            {
                throw new FormatException($"expected an edge (-->, ---, -.->, ==>, ~~~) at '{Excerpt(text, at)}'");
            }

            at = link.Index + link.Length;
            var line = link.Value.Contains('~', StringComparison.Ordinal) ? EdgeLine.Invisible
                : link.Value.Contains('=', StringComparison.Ordinal) ? EdgeLine.Thick
                : link.Groups["open"].Value.EndsWith('.') || link.Groups["line"].Value.Contains('.', StringComparison.Ordinal) ? EdgeLine.Dotted
                : EdgeLine.Solid;
            var arrow = link.Groups["line"].Value.EndsWith('>') || link.Groups["close"].Value.EndsWith('>');
            var label = link.Groups["label"].Success ? link.Groups["label"].Value : link.Groups["text"].Value;
            var next = Group(text, ref at, nodes);
            foreach (var from in previous)
            {
                foreach (var to in next)
                {
                    edges.Add(new GraphEdge(from, to, label.Length == 0 ? null : Label(label), line, arrow));
                }
            }

            previous = next;
        }
    }

    /// <summary>Nodes joined by '&amp;'; returns their ids.</summary>
    private static List<string> Group(string text, ref int at, List<GraphNode> nodes)
    {
        var ids = new List<string> { Node(text, ref at, nodes) };
        while (SkipSpaces(text, ref at) < text.Length && text[at] == '&')
        {
            at++;
            ids.Add(Node(text, ref at, nodes));
        }

        return ids;
    }

    /// <summary>A node: its id, then optionally its shape and label; the first label given to an id is kept.</summary>
    private static string Node(string text, ref int at, List<GraphNode> nodes)
    {
        SkipSpaces(text, ref at);
        var id = Id().Match(text, at);
        if (!id.Success || id.Index != at)
        {
            throw new FormatException($"expected a node id at '{Excerpt(text, at)}'");
        }

        at += id.Length;
        string? label = null;
        var shape = NodeShape.Rect;
        foreach (var (open, close, s) in Shapes)
        {
            if (string.CompareOrdinal(text, at, open, 0, open.Length) != 0)
            {
                continue;
            }

            var start = at + open.Length;
            int end;
            if (start < text.Length && text[start] == '"')
            {
                var quote = text.IndexOf('"', start + 1);
                end = quote < 0 ? -1 : text.IndexOf(close, quote + 1, StringComparison.Ordinal);
                label = quote < 0 ? null : text[(start + 1)..quote];
            }
            else
            {
                end = text.IndexOf(close, start, StringComparison.Ordinal);
                label = end < 0 ? null : text[start..end];
            }

            if (end < 0 || label is null)
            {
                throw new FormatException($"the shape of node '{id.Value}' is not closed with '{close}'");
            }

            at = end + close.Length;
            shape = s;
            break;
        }

        var css = ClassSuffix().Match(text, at);
        if (css.Success && css.Index == at)
        {
            at += css.Length;
        }

        var existing = nodes.FindIndex(n => n.Id == id.Value);
        if (existing < 0)
        {
            nodes.Add(new GraphNode(id.Value, label is null ? id.Value : Label(label), shape));
        }
        else if (label is not null && nodes[existing].Label == id.Value)
        {
            nodes[existing] = nodes[existing] with { Label = Label(label), Shape = shape };
        }

        return id.Value;
    }

    /// <summary>A label as plain text: &lt;br&gt; and "\n" as line breaks, other tags and quotes removed, entities as characters.</summary>
    private static string Label(string raw)
    {
        var text = LineBreak().Replace(raw.Trim().Trim('"'), "\n");
        text = Tag().Replace(text, "");
        return System.Net.WebUtility.HtmlDecode(text.Replace("#quot;", "\"", StringComparison.Ordinal)).Trim();
    }

    private static int SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    private static string Excerpt(string text, int at) => text[at..].Length > 30 ? text[at..(at + 30)] + "…" : text[at..];

    [GeneratedRegex(@"^(flowchart|graph)(\s+(?<dir>TD|TB|BT|LR|RL))?\s*;?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Header();

    /// <summary>Lines that shape or style the drawing but add no node or edge of their own.</summary>
    [GeneratedRegex(@"^\s*(subgraph\b.*|end\s*|direction\s+\w+\s*|(classDef|class|style|linkStyle|click)\s.*)$")]
    private static partial Regex Structure();

    [GeneratedRegex(@"[\p{L}\p{N}_][\p{L}\p{N}_.'`$]*")]
    private static partial Regex Id();

    [GeneratedRegex(@":::[\w-]+")]
    private static partial Regex ClassSuffix();

    /// <summary>
    /// An edge: text between its two halves (<c>-- text --&gt;</c>, <c>-. text .-&gt;</c>, <c>== text ==&gt;</c>), or a
    /// plain line (<c>--&gt;</c>, <c>---</c>, <c>-.-&gt;</c>, <c>==&gt;</c>, <c>~~~</c>, <c>&lt;--&gt;</c>) optionally followed by <c>|text|</c>.
    /// </summary>
    [GeneratedRegex(@"\G\s*(?:(?<open><?(?:--|==|-\.))(?![->=.])\s*(?<text>[^|>]+?)\s*(?<close>-{2,}>|={2,}>|\.-+>|-{3,}|={3,}|\.-+)|(?<line><?(?:-{2,}>|={2,}>|-\.+->|-{3,}|={3,}|-\.+-|~{3,})))(?:\s*\|(?<label>[^|]*)\|)?")]
    private static partial Regex Link();

    [GeneratedRegex(@"<br\s*/?>|\\n", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
