using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Lint;

/// <summary>
/// Finds template placeholders left in a decision record. Principle: a template marks where the author's text goes
/// with an instruction in brackets or a marker, and a record that still holds one was not finished. So a heading, a
/// line, a table cell or a metadata value ("Date: &lt;date&gt;") that is nothing but <c>{words}</c>, <c>&lt;words&gt;</c>
/// or <c>[words words]</c> (not a link, checkbox or footnote), a date format (<c>YYYY-MM-DD</c>), or that starts with a
/// TODO / TBD / TBC / FIXME / XXX marker. Code blocks, `quoted` text and table rows of more than two cells (data, not
/// metadata) are skipped; in AsciiDoc, where braces are attribute references
/// and square brackets block attributes, only the angle brackets and the markers count.
/// </summary>
internal static partial class TemplatePlaceholders
{
    private const int MaxPerFile = 10;

    [GeneratedRegex(@"^\{[A-Za-z][\w \-/.']*\}$")]
    private static partial Regex Braces();

    [GeneratedRegex(@"^\[[A-Za-z][^\[\]()]*\s[^\[\]()]*\]$")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"^<[A-Za-z][\w \-/.']*>$")]
    private static partial Regex Angles();

    [GeneratedRegex(@"^(?:TODO|TBD|TBC|FIXME|XXX)\b")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^(?:YYYY|yyyy)-(?:MM|mm)-(?:DD|dd)$")]
    private static partial Regex DateFormat();

    // "Status: …", "- Date: …", "**Deciders:** …": a short key, then the value
    [GeneratedRegex(@"^[A-Za-z][\w \-]{0,30}:\s*(?<value>.+)$")]
    private static partial Regex MetaValue();

    [GeneratedRegex(@"^(?:#{1,6}|={1,6}|>|[-*+]|\d{1,3}[.)])\s+")]
    private static partial Regex LineMarker();

    /// <summary>Findings for the placeholders in <paramref name="content"/> (the record's text as written), at most ten.</summary>
    public static IEnumerable<Finding> Find(string path, string content)
    {
        var asciiDoc = AsciiDocConverter.IsAsciiDoc(path);
        var lines = content.Split('\n');
        var fence = (string?)null;
        var found = 0;
        for (var i = 0; i < lines.Length && found < MaxPerFile; i++)
        {
            var line = lines[i].Trim();
            var delimiter = line.StartsWith("```", StringComparison.Ordinal) ? "```" : line.StartsWith("~~~", StringComparison.Ordinal) ? "~~~"
                : asciiDoc && line is "----" or "...." ? line : null;
            if (delimiter is not null && (fence is null || fence == delimiter))
            {
                fence = fence is null ? delimiter : null;
                continue;
            }

            if (fence is not null || Placeholder(line, asciiDoc) is not { } placeholder)
            {
                continue;
            }

            found++;
            yield return new Finding(FindingSeverity.Warning, LintCodes.TemplatePlaceholder, path, i + 1,
                $"The template placeholder '{placeholder}' is still in the record. Replace it with the record's own text, or delete it.");
        }
    }

    private static string? Placeholder(string line, bool asciiDoc)
    {
        // "# 1. {title}", "> - Date: <date>": every leading marker off
        var text = line;
        for (var stripped = LineMarker().Replace(text, ""); stripped != text; stripped = LineMarker().Replace(text, ""))
        {
            text = stripped;
        }

        // a table row counts as metadata only with two cells (key | value); wider rows are data
        var candidates = text.StartsWith('|') ? text.Trim().Trim('|').Split('|') : [text];
        if (text.StartsWith('|') && candidates.Length != 2)
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            // `quoted` text is an example of a placeholder, not one
            var cell = candidate.Trim().Trim('*', '_').Trim();
            var value = MetaValue().Match(cell) is { Success: true } meta ? meta.Groups["value"].Value.Trim().Trim('*', '_').Trim() : null;
            foreach (var part in value is null ? [cell] : new[] { cell, value })
            {
                if (Marker().IsMatch(part) || DateFormat().IsMatch(part)
                    || (!asciiDoc && (Braces().IsMatch(part) || Brackets().IsMatch(part)))
                    // a lone <word> line is HTML (<details>); as a value, or with spaces, it is an instruction
                    || (Angles().IsMatch(part) && (part.Contains(' ') || ReferenceEquals(part, value))))
                {
                    return part;
                }
            }
        }

        return null;
    }
}
