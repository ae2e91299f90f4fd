using System.Text;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>The cells of an AsciiDoc table (<c>|===</c>): cell specs, spans, the column count, a Markdown row.</summary>
internal static partial class AsciiDocTable
{
    [GeneratedRegex(@"^(?:\d+\*)?(?:\d*(?:\.\d+)?\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?$")]
    private static partial Regex CellSpecPattern();

    [GeneratedRegex(@"(?:^|\s)(?<spec>(?:\d+\*)?(?:\d*(?:\.\d+)?\+)?[<^>]?(?:\.[<^>])?[adehlmsv]?)$")]
    private static partial Regex TrailingCellSpec();

    [GeneratedRegex(@"cols\s*=\s*""?(?<spec>[^""\]]+)""?")]
    private static partial Regex ColsAttribute();

    public static string Row(string?[] cells) =>
        "|" + string.Concat(cells.Select(c => " " + (c ?? "").Replace("|", "\\|", StringComparison.Ordinal) + " |"));

    /// <summary>Text before a cell's "|": empty, or a cell spec such as "2+", "a", ".3+^.^s".</summary>
    public static bool IsCellSpec(string text) => CellSpecPattern().IsMatch(text);

    /// <summary>The cells of one table line (after its first "|"); a cell spanning N columns is followed by N-1 empty ones.</summary>
    public static List<string> SplitCells(string text, string firstSpec)
    {
        var cells = new List<string>();
        var spec = firstSpec;
        var sb = new StringBuilder();
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] == '\\' && k + 1 < text.Length && text[k + 1] == '|')
            {
                sb.Append('|');
                k++;
            }
            else if (text[k] == '|')
            {
                // A spec written right before the "|" (after a space) belongs to the next cell: "text 2+|next".
                var raw = sb.ToString();
                var next = TrailingCellSpec().Match(raw).Groups["spec"];
                AddCell(cells, next.Length > 0 ? raw[..next.Index] : raw, spec);
                spec = next.Length > 0 ? next.Value : "";
                sb.Clear();
            }
            else
            {
                sb.Append(text[k]);
            }
        }

        AddCell(cells, sb.ToString(), spec);
        return cells;
    }

    private static void AddCell(List<string> cells, string text, string spec)
    {
        cells.Add(text.Trim());
        var plus = spec.IndexOf('+', StringComparison.Ordinal);
        var digits = plus > 0 ? spec[..plus].Split('.')[0] : "";
        if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var span))
        {
            for (var j = 1; j < Math.Min(span, 64); j++)
            {
                cells.Add("");
            }
        }
    }

    /// <summary>The column count a <c>cols="…"</c> attribute gives, if any.</summary>
    public static int? Columns(string style)
    {
        var m = ColsAttribute().Match(style);
        if (!m.Success)
        {
            return null;
        }

        var spec = m.Groups["spec"].Value.Trim();
        if (int.TryParse(spec, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }

        var count = 0;
        foreach (var part in spec.Split([',', ';'], StringSplitOptions.TrimEntries))
        {
            var star = part.IndexOf('*', StringComparison.Ordinal);
            count += star > 0 && int.TryParse(part[..star], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var times) ? times : 1;
        }

        return count > 0 ? Math.Min(count, 64) : null;
    }
}
