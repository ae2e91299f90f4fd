using System.Globalization;
using System.Text;

namespace ArchMcp.Server.Web.Diagrams;

/// <summary>
/// Text in the server's SVG diagrams: an estimate of its size (no font is measured on the server, so a line is given
/// room for its characters at an average width), word wrapping, and numbers written the same in every culture. Every
/// text goes into the SVG encoded (<see cref="Html.Text"/>).
/// </summary>
internal static class SvgText
{
    public const double FontSize = 13;
    public const double CharWidth = 7.4;
    public const double LineHeight = 17;

    /// <summary>Longest line of a label before it wraps at a space.</summary>
    public const int WrapAt = 30;

    public static double Width(string line) => line.Length * CharWidth;

    public static double Width(IReadOnlyList<string> lines) => lines.Count == 0 ? 0 : lines.Max(l => Width(l));

    /// <summary>A label's lines: its own line breaks kept, each line wrapped at spaces to <see cref="WrapAt"/> characters.</summary>
    public static IReadOnlyList<string> Lines(string label)
    {
        var lines = new List<string>();
        foreach (var line in label.Split('\n'))
        {
            var current = new StringBuilder();
            foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (current.Length > 0 && current.Length + 1 + word.Length > WrapAt)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                }

                current.Append(current.Length > 0 ? " " : "").Append(word);
            }

            lines.Add(current.ToString());
        }

        return lines;
    }

    /// <summary>A coordinate as SVG writes it: invariant, at most one decimal.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Appends a &lt;text&gt; centred on <paramref name="x"/>, its lines from <paramref name="top"/> down.</summary>
    public static StringBuilder AppendLines(StringBuilder svg, IReadOnlyList<string> lines, double x, double top, string? cssClass = null)
    {
        svg.Append("<text");
        if (cssClass is not null)
        {
            svg.Attr("class", cssClass);
        }

        svg.Append(" x=\"").Append(N(x)).Append("\" y=\"").Append(N(top + FontSize)).Append("\" text-anchor=\"middle\">");
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Append("<tspan x=\"").Append(N(x)).Append('"');
            if (i > 0)
            {
                svg.Append(" dy=\"").Append(N(LineHeight)).Append('"');
            }

            svg.Append('>').Text(lines[i]).Append("</tspan>");
        }

        return svg.Append("</text>");
    }
}
