using System.Globalization;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Templates;

/// <summary>
/// Filling an ADR template for a new record: ArchMcp's, adr-tools' and MADR-style placeholders, the title heading,
/// the status and date metadata; and the built-in skeletons, one per metadata style, for a root without a template.
/// </summary>
internal static partial class AdrTemplate
{
    /// <summary>Where a root conventionally keeps its ADR template (one of the places <see cref="AdrConventions.FindTemplate"/> looks).</summary>
    public const string DefaultPath = "templates/adr-template.md";

    /// <summary>A MADR 4 skeleton used when the root has no template.</summary>
    public const string BuiltInTemplate = """
        ---
        status: "{{status}}"
        date: "{{date}}"
        decision-makers: ""
        ---
        # {{title}}

        ## Context and Problem Statement

        {Describe the context and the problem in two or three sentences, ending with the question this record answers.}

        ## Decision Drivers

        * {driver 1}
        * {driver 2}

        ## Considered Options

        * {option 1}
        * {option 2}

        ## Decision Outcome

        Chosen option: "{option 1}", because {justification}.

        ### Consequences

        * Good, because {positive consequence}
        * Bad, because {negative consequence}

        ## More Information

        """;

    /// <summary>
    /// Fills a template: ArchMcp's <c>{{number}} {{title}} {{date}} {{status}}</c>, adr-tools' <c>NUMBER TITLE DATE
    /// STATUS</c>, and MADR-style placeholders (<c>{short title …}</c>, <c>status: "{proposed | …}"</c>,
    /// <c>* Date: [YYYY-MM-DD]</c>, the line under <c>## Status</c>); drops a <c>kind: template</c> front matter line.
    /// </summary>
    public static string Fill(string template, int number, string title, string date, string status, string? numberText = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        numberText ??= number.ToString("D4", CultureInfo.InvariantCulture);
        var text = template.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = DropTemplateKind(text);
        // placeholders are replaced in one pass, so a title holding "{{status}}" or "TITLE" stays as written
        text = Placeholder().Replace(text, m => (m.Groups[1].Success ? m.Groups[1].Value.ToLowerInvariant() : m.Groups[2].Value.ToLowerInvariant()) switch
        {
            "number" => m.Groups[1].Success ? numberText : number.ToString(CultureInfo.InvariantCulture),
            "title" => title,
            "date" => date,
            "status" => status,
            _ => m.Value,
        });
        var lines = text.Split('\n');
        var titled = false;
        var underStatus = false;
        // the front matter's end (YAML comments there start with "# " too, and are no title)
        var frontEnd = lines.Length > 0 && lines[0].TrimEnd() == "---" ? Array.FindIndex(lines, 1, l => l.TrimEnd() == "---") : -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (!titled && i > frontEnd && line.StartsWith("# ", StringComparison.Ordinal))
            {
                titled = true;
                if (!line.Contains(title, StringComparison.Ordinal))
                {
                    lines[i] = NumberedHeading().IsMatch(line) ? $"# {number}. {title}" : $"# {title}";
                }

                continue;
            }

            var meta = MetaValue().Match(line);
            if (meta.Success && LooksLikePlaceholder(meta.Groups[4].Value))
            {
                var quote = meta.Groups[4].Value.TrimStart() is ['"' or '\'', ..] q ? q[0].ToString() : "";
                var value = meta.Groups[2].Value.Equals("date", StringComparison.OrdinalIgnoreCase) ? date : status;
                lines[i] = meta.Groups[1].Value + meta.Groups[2].Value + meta.Groups[3].Value + quote + value + quote;
                continue;
            }

            if (StatusSection().IsMatch(line))
            {
                underStatus = true;
                continue;
            }

            if (underStatus && line.Trim().Length > 0)
            {
                underStatus = false;
                var word = line.Trim();
                if (LooksLikePlaceholder(word) || EnumText.TryParseStatus(word.ToLowerInvariant(), out _) && !word.Contains(' ', StringComparison.Ordinal))
                {
                    lines[i] = status;
                }
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>The built-in template for a metadata style (MADR 4 front matter, MADR 2 bullets, Nygard lines).</summary>
    public static string BuiltIn(RecordStyle style) => style switch
    {
        RecordStyle.Lines => NygardTemplate,
        RecordStyle.Bullets => BulletTemplate,
        _ => BuiltInTemplate,
    };

    /// <summary>An adr-tools (Nygard) skeleton: <c># 7. Title</c>, <c>Date:</c>, <c>## Status</c>.</summary>
    public const string NygardTemplate = """
        # NUMBER. {{title}}

        Date: {{date}}

        ## Status

        {{status}}

        ## Context

        {Describe the forces at play and the problem this record answers.}

        ## Decision

        {The change we are making, in full sentences: "We will …".}

        ## Consequences

        {What becomes easier or harder because of this change.}

        """;

    /// <summary>A MADR 2 skeleton with <c>* Status:</c> and <c>* Date:</c> bullets.</summary>
    public const string BulletTemplate = """
        # {{title}}

        * Status: {{status}}
        * Date: {{date}}

        ## Context and Problem Statement

        {Describe the context and the problem in two or three sentences, ending with the question this record answers.}

        ## Considered Options

        * {option 1}
        * {option 2}

        ## Decision Outcome

        Chosen option: "{option 1}", because {justification}.

        ## More Information

        """;

    private static bool LooksLikePlaceholder(string value)
    {
        var v = value.Trim().Trim('"', '\'');
        return v.Length == 0 || v.IndexOfAny(['{', '[', '<', '|']) >= 0 || AllCapsWord().IsMatch(v);
    }

    private static string DropTemplateKind(string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return text;
        }

        var close = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (close < 0)
        {
            return text;
        }

        var front = text[4..(close + 1)];
        var body = text[(close + 4)..];
        // drop the kind line and the comment lines right below it (the template's notes to its users)
        var kept = new List<string>();
        var dropping = false;
        foreach (var line in front.Split('\n').SkipLast(1))
        {
            if (TemplateKind().IsMatch(line))
            {
                dropping = true;
                continue;
            }

            dropping &= line.TrimStart().StartsWith('#');
            if (!dropping)
            {
                kept.Add(line);
            }
        }

        if (kept.All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#')))
        {
            return body.TrimStart('\n');
        }

        return "---\n" + string.Join("", kept.Select(l => l + "\n")) + "---" + body;
    }

    [GeneratedRegex(@"\{\{\s*(number|title|date|status)\s*\}\}|(?-i:\b(NUMBER|TITLE|DATE|STATUS)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^#\s+\S+\.\s")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^(\s*(?:[-*+]\s*)?(?:\*\*)?)(status|date)((?:\*\*)?\s*:(?:\*\*)?\s*)(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MetaValue();

    [GeneratedRegex(@"^#{2,3}\s*Status\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusSection();

    [GeneratedRegex(@"^[A-Z][A-Z-]*$")]
    private static partial Regex AllCapsWord();

    [GeneratedRegex(@"^kind:\s*[""']?template[""']?\s*(#.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateKind();
}
