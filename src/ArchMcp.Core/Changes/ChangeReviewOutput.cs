using System.Text;
using System.Text.Json;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Changes;

/// <summary>
/// A change review laid out for people (text, a pull-request comment in Markdown) and for CI: GitHub workflow-command
/// annotations and SARIF 2.1.0 for code-scanning tools. Every finding carries the diff's file and new-side line and
/// the rule's citation (path:line).
/// </summary>
public static class ChangeReviewOutput
{
    /// <summary>Plain text: a line per file with its governing records, then its findings.</summary>
    public static string Text(ChangeReviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.AppendLine(Headline(result));
        foreach (var file in result.Files)
        {
            sb.AppendLine().Append(file.Path).Append(" (").Append(file.Change).AppendLine(")");
            foreach (var g in file.Governing)
            {
                sb.Append("  governed by ").Append(g.Id).Append(" — ").Append(g.Why).Append(" — ").AppendLine(g.Cite);
            }

            foreach (var f in file.Findings)
            {
                sb.Append("  ").Append(file.Path).Append(':').Append(f.Line).Append(": ").Append(f.Level).Append(' ')
                    .Append(f.Id).Append(": ").AppendLine(f.Reason);
                if (f.Review.Design is { } design)
                {
                    sb.Append("    change: ").AppendLine(design.Quote);
                }

                sb.Append("    rule:   ").Append(f.Rule).Append(" (").Append(f.Cite).AppendLine(")");
            }
        }

        return sb.ToString();
    }

    /// <summary>A Markdown pull-request comment: the risk, a table of findings, then the governing records per file.</summary>
    public static string Markdown(ChangeReviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.AppendLine("## Architecture review of this change").AppendLine().AppendLine(Headline(result)).AppendLine();
        var findings = result.Files.SelectMany(f => f.Findings.Select(x => (File: f, Finding: x))).ToList();
        if (findings.Count > 0)
        {
            sb.AppendLine("| Where | Level | Rule | Finding | Rule says |").AppendLine("|---|---|---|---|---|");
            foreach (var (file, f) in findings)
            {
                sb.Append("| `").Append(file.Path).Append(':').Append(f.Line).Append("` | ").Append(f.Level).Append(" | **")
                    .Append(Cell(f.Id)).Append("** (`").Append(f.Cite).Append("`) | ").Append(Cell(f.Reason)).Append(" | ")
                    .Append(Cell(f.Rule)).AppendLine(" |");
            }

            sb.AppendLine();
        }

        var governed = result.Files.Where(f => f.Governing.Count > 0).ToList();
        if (governed.Count > 0)
        {
            sb.AppendLine("### Decisions and standards governing the changed files").AppendLine();
            foreach (var file in governed)
            {
                sb.Append("- `").Append(file.Path).Append("`: ")
                    .AppendLine(string.Join(", ", file.Governing.Select(g => $"**{g.Id}** ({g.Why}; `{g.Cite}`)")));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// GitHub Actions workflow commands, one per finding: <c>::error</c> for MUST and MUST NOT, <c>::warning</c> for
    /// SHOULD and SHOULD NOT, <c>::notice</c> otherwise, with the file, the line and the rule as the title.
    /// </summary>
    public static string GitHub(ChangeReviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        foreach (var file in result.Files)
        {
            foreach (var f in file.Findings)
            {
                var command = Level(f.Level) switch { "error" => "error", "warning" => "warning", _ => "notice" };
                sb.Append("::").Append(command)
                    .Append(" file=").Append(Property(file.Path))
                    .Append(",line=").Append(f.Line)
                    .Append(",title=").Append(Property($"{f.Level} {f.Id}"))
                    .Append("::").AppendLine(Data(Message(f)));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// SARIF 2.1.0: one run whose driver lists each rule found (id, statement, helpUri = the rule's resource URI,
    /// the citation as help text), and one result per finding with its level, message and the diff's file and line.
    /// </summary>
    public static string Sarif(ChangeReviewResult result, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(result);
        var findings = result.Files.SelectMany(f => f.Findings.Select(x => (File: f, Finding: x))).ToList();
        var rules = findings.Select(x => x.Finding.Review.Item).DistinctBy(i => i.Id, StringComparer.Ordinal).ToList();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "ArchMcp");
            w.WriteString("version", toolVersion);
            w.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", rule.Statement);
                w.WriteEndObject();
                w.WriteString("helpUri", rule.Uri);
                w.WriteStartObject("help");
                w.WriteString("text", $"{rule.Level} {rule.Id} in {rule.Source}: {rule.Path}:{rule.Line}");
                w.WriteEndObject();
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Level(rule.Level));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var (file, f) in findings)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", f.Id);
                w.WriteNumber("ruleIndex", rules.FindIndex(r => r.Id == f.Id));
                w.WriteString("level", Level(f.Level));
                w.WriteStartObject("message");
                w.WriteString("text", Message(f));
                w.WriteEndObject();
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString)));
                w.WriteEndObject();
                w.WriteStartObject("region");
                w.WriteNumber("startLine", Math.Max(1, f.Line));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Headline(ChangeReviewResult result)
    {
        var r = result.Summary;
        var governed = result.Files.Sum(f => f.Governing.Count);
        return $"Risk: {r.Overall.ToUpperInvariant()} — {r.Violated} violation(s) ({r.High} MUST, {r.Medium} SHOULD, {r.Low} other) in "
            + $"{result.Files.Count} changed file(s); {governed} governing record(s).";
    }

    /// <summary>The SARIF level (and GitHub command) of a rule level: MUST → error, SHOULD → warning, else note.</summary>
    private static string Level(string level) => level switch
    {
        "MUST" or "MUST NOT" => "error",
        "SHOULD" or "SHOULD NOT" => "warning",
        _ => "note",
    };

    private static string Message(ChangeFinding f) => $"{f.Reason} Rule: {f.Rule} ({f.Cite})";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>A workflow command's message, escaped as the runner reads it (%, CR, LF).</summary>
    private static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A workflow command's property value, escaped as the runner reads it (also : and ,).</summary>
    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
