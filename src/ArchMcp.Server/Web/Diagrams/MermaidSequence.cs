using System.Text;
using System.Text.RegularExpressions;

namespace ArchMcp.Server.Web.Diagrams;

/// <summary>
/// A Mermaid <c>sequenceDiagram</c> read and drawn as SVG: participants and actors (<c>participant A as Label</c>, or
/// named by their first message) side by side with their lifelines, then one row per message (<c>-&gt;&gt;</c>,
/// <c>--&gt;&gt;</c>, <c>-&gt;</c>, <c>--&gt;</c>, <c>-x</c>, <c>-)</c>, dashed with two dashes), note
/// (<c>Note over A,B: …</c>, <c>left of</c>, <c>right of</c>) and block label (alt, else, opt, loop, par, and,
/// critical, break). Activations, autonumber, boxes and colours are not drawn. Any other line is a
/// <see cref="FormatException"/> naming it.
/// </summary>
internal static partial class MermaidSequence
{
    private const double Margin = 8;
    private const double BoxPadding = 10;
    private const double MinSpacing = 150;

    private abstract record Step;

    private sealed record Message(int From, int To, string Text, bool Dashed, bool Arrow) : Step;

    private sealed record Note(int From, int To, string Text) : Step;

    private sealed record Block(string Text) : Step;

    public static bool Handles(string header) => header.Trim().Equals("sequenceDiagram", StringComparison.Ordinal);

    /// <summary>The diagram as SVG (role="img", with <paramref name="id"/> as the prefix of its own ids).</summary>
    public static string Render(string source, string id)
    {
        var (participants, steps) = Parse(source);
        var labels = participants.Select(p => SvgText.Lines(p.Label)).ToList();
        var boxWidth = Math.Max(90, labels.Max(l => SvgText.Width(l)) + 2 * BoxPadding);
        var boxHeight = labels.Max(l => l.Count) * SvgText.LineHeight + 2 * BoxPadding;
        var longest = steps.OfType<Message>().Where(m => m.From != m.To).Select(m => SvgText.Width(SvgText.Lines(m.Text))).DefaultIfEmpty(0).Max();
        var spacing = Math.Max(Math.Max(MinSpacing, boxWidth + 20), longest + 30);
        double X(int participant) => Margin + boxWidth / 2 + participant * spacing;

        var body = new StringBuilder();
        var y = Margin + boxHeight + 16;
        var width = 2 * Margin + boxWidth + (participants.Count - 1) * spacing + 40;
        foreach (var step in steps)
        {
            switch (step)
            {
                case Message m:
                    var lines = SvgText.Lines(m.Text);
                    var textHeight = m.Text.Length == 0 ? 0 : lines.Count * SvgText.LineHeight;
                    var (x1, x2) = (X(m.From), X(m.To));
                    var css = m.Dashed ? "edge dotted" : "edge";
                    if (m.From == m.To)
                    {
                        var top = y + textHeight + 4;
                        body.Append("<path").Attr("class", css).Append(" fill=\"none\" d=\"M").Append(SvgText.N(x1)).Append(',').Append(SvgText.N(top))
                            .Append(" h30 v18 h-30\"").Append(m.Arrow ? GraphSvg.ArrowEnd(id) : "").Append("/>");
                        if (textHeight > 0)
                        {
                            SvgText.AppendLines(body, lines, x1 + 30 + SvgText.Width(lines) / 2, y, "edge-text");
                        }

                        width = Math.Max(width, x1 + 40 + SvgText.Width(lines) + Margin);
                        y = top + 30;
                    }
                    else
                    {
                        var arrowY = y + textHeight + 6;
                        SvgText.AppendLines(body, lines, (x1 + x2) / 2, y, "edge-text");
                        body.Append("<line").Attr("class", css).Append(" x1=\"").Append(SvgText.N(x1)).Append("\" y1=\"").Append(SvgText.N(arrowY))
                            .Append("\" x2=\"").Append(SvgText.N(x2)).Append("\" y2=\"").Append(SvgText.N(arrowY)).Append('"').Append(m.Arrow ? GraphSvg.ArrowEnd(id) : "").Append("/>");
                        y = arrowY + 14;
                    }

                    break;
                case Note n:
                    var note = SvgText.Lines(n.Text);
                    var (left, right) = (Math.Min(X(n.From), X(n.To)), Math.Max(X(n.From), X(n.To)));
                    var w = Math.Max(right - left + 40, SvgText.Width(note) + 2 * BoxPadding);
                    var h = note.Count * SvgText.LineHeight + BoxPadding;
                    var centre = (left + right) / 2;
                    body.Append("<rect class=\"note\" x=\"").Append(SvgText.N(centre - w / 2)).Append("\" y=\"").Append(SvgText.N(y)).Append("\" width=\"")
                        .Append(SvgText.N(w)).Append("\" height=\"").Append(SvgText.N(h)).Append("\"/>");
                    SvgText.AppendLines(body, note, centre, y + 2);
                    width = Math.Max(width, centre + w / 2 + Margin);
                    y += h + 12;
                    break;
                case Block b:
                    body.Append("<line class=\"block\" x1=\"").Append(SvgText.N(Margin)).Append("\" y1=\"").Append(SvgText.N(y)).Append("\" x2=\"")
                        .Append(SvgText.N(width - Margin)).Append("\" y2=\"").Append(SvgText.N(y)).Append("\"/><text class=\"block-text\" x=\"").Append(SvgText.N(Margin + 4))
                        .Append("\" y=\"").Append(SvgText.N(y + SvgText.FontSize + 2)).Append("\">").Text(b.Text).Append("</text>");
                    y += SvgText.LineHeight + 10;
                    break;
            }
        }

        var height = y + Margin;
        var svg = new StringBuilder();
        var names = string.Join(", ", participants.Select(p => p.Label.Replace('\n', ' ')));
        GraphSvg.Open(svg, width, height, id, "Sequence diagram", $"Messages between {names}.", image: true);
        for (var i = 0; i < participants.Count; i++)
        {
            var x = X(i);
            svg.Append("<line class=\"lifeline\" x1=\"").Append(SvgText.N(x)).Append("\" y1=\"").Append(SvgText.N(Margin + boxHeight)).Append("\" x2=\"")
                .Append(SvgText.N(x)).Append("\" y2=\"").Append(SvgText.N(height - Margin)).Append("\"/><g class=\"node\"><rect x=\"").Append(SvgText.N(x - boxWidth / 2))
                .Append("\" y=\"").Append(SvgText.N(Margin)).Append("\" width=\"").Append(SvgText.N(boxWidth)).Append("\" height=\"").Append(SvgText.N(boxHeight))
                .Append("\" rx=\"").Append(participants[i].Actor ? "14" : "2").Append("\"/>");
            SvgText.AppendLines(svg, labels[i], x, Margin + (boxHeight - labels[i].Count * SvgText.LineHeight) / 2 - 3).Append("</g>");
        }

        return svg.Append(body).Append("</svg>").ToString();
    }

    private static (List<(string Id, string Label, bool Actor)> Participants, List<Step> Steps) Parse(string source)
    {
        var participants = new List<(string Id, string Label, bool Actor)>();
        var steps = new List<Step>();
        int Of(string name)
        {
            var key = name.Trim();
            var i = participants.FindIndex(p => p.Id == key);
            if (i >= 0)
            {
                return i;
            }

            participants.Add((key, key, false));
            return participants.Count - 1;
        }

        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var started = false;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim().TrimEnd(';');
            if (line.Length == 0 || line.StartsWith("%%", StringComparison.Ordinal))
            {
                continue;
            }

            if (!started)
            {
                started = Handles(line) ? true : throw new FormatException("a sequence diagram starts with 'sequenceDiagram'");
                continue;
            }

            if (Participant().Match(line) is { Success: true } p)
            {
                var i = Of(p.Groups["id"].Value);
                participants[i] = (participants[i].Id, p.Groups["label"].Success ? Text(p.Groups["label"].Value) : participants[i].Label, p.Groups["kind"].Value.Equals("actor", StringComparison.OrdinalIgnoreCase));
            }
            else if (MessageLine().Match(line) is { Success: true } m)
            {
                var arrow = m.Groups["arrow"].Value;
                steps.Add(new Message(Of(m.Groups["from"].Value), Of(m.Groups["to"].Value), Text(m.Groups["text"].Value), arrow.StartsWith("--", StringComparison.Ordinal), arrow != "->" && arrow != "-->"));
            }
            else if (NoteLine().Match(line) is { Success: true } note)
            {
                var who = note.Groups["who"].Value.Split(',');
                steps.Add(new Note(Of(who[0]), Of(who[^1]), Text(note.Groups["text"].Value)));
            }
            else if (BlockLine().IsMatch(line))
            {
                steps.Add(new Block(Text(line)));
            }
            else if (!Ignored().IsMatch(line))
            {
                throw new FormatException($"line {n + 1}: '{(line.Length > 40 ? line[..40] + "…" : line)}' is not a participant, message, note or block");
            }
        }

        return participants.Count == 0 ? throw new FormatException("the sequence diagram has no participants") : (participants, steps);
    }

    /// <summary>Text as shown: &lt;br&gt; as a line break, other tags removed, entities as characters.</summary>
    private static string Text(string raw) =>
        System.Net.WebUtility.HtmlDecode(Tag().Replace(LineBreak().Replace(raw.Trim(), "\n"), "")).Trim();

    [GeneratedRegex(@"^(?<kind>participant|actor)\s+(?<id>.+?)(?:\s+as\s+(?<label>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Participant();

    [GeneratedRegex(@"^(?<from>[^:]+?)\s*(?<arrow>--?>>|--?>|--?x|--?\))\s*[+-]?\s*(?<to>[^:]+?)\s*(?::\s*(?<text>.*))?$")]
    private static partial Regex MessageLine();

    [GeneratedRegex(@"^note\s+(?:left of|right of|over)\s+(?<who>[^:]+?)\s*:\s*(?<text>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoteLine();

    [GeneratedRegex(@"^(alt|else|opt|loop|par|and|critical|option|break)\b")]
    private static partial Regex BlockLine();

    [GeneratedRegex(@"^(end|rect\b.*|box\b.*|activate\s.*|deactivate\s.*|autonumber\b.*|title\b.*|create\s.*|destroy\s.*)$")]
    private static partial Regex Ignored();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
