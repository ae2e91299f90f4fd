using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// Draws out the facts a design text states: endpoints and URL shapes, names and their casing, status codes,
/// headers, technologies, security mechanisms, retention periods, response shapes, versioning, event names.
/// Pure text analysis; knows nothing about any standard.
/// </summary>
internal static partial class DesignFactExtractor
{
    public static IReadOnlyList<DesignFact> Extract(string design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var facts = new List<DesignFact>();
        foreach (var sentence in DesignText.Sentences(design))
        {
            var sink = new FactSink(facts, sentence);
            UrlFacts.Extract(sentence.Text, sink);
            NameFacts(sentence.Text, sink);
            HttpFacts(sentence.Text, sink);
            TechnologyFacts(sentence.Text, sink);
            SecurityFacts.Extract(sentence.Text, sink);
            PhraseFacts.Extract(sentence.Text, sink);
        }

        return facts
            .GroupBy(f => (f.Kind, Value: f.Value.ToLowerInvariant()))
            .Select(g => g.First())
            .ToList();
    }

    private static void NameFacts(string sentence, FactSink sink)
    {
        var lower = sentence.ToLowerInvariant();
        foreach (Match m in CodeSpan().Matches(sentence))
        {
            var code = m.Groups[1].Value.Trim();
            // "key: value" spans are settings (`additionalProperties: true`, `permissions: write-all`), not names the design defines.
            if (KeyValue().IsMatch(code))
            {
                continue;
            }

            var name = code;
            if (!Identifier().IsMatch(name) || name.Length < 2 || IsKeyword(name))
            {
                continue;
            }

            var before = lower[..m.Index];
            var style = NamingStyles.Of(name);
            if (EventContext().IsMatch(before[Math.Max(0, before.Length - 40)..]))
            {
                sink.Add(FactKinds.EventName, name);
                sink.Add(FactKinds.EventNameCasing, style.ToWire() + ": " + name);
            }
            else if (EnumContext().IsMatch(lower) && !FieldContext().IsMatch(before[Math.Max(0, before.Length - 12)..]))
            {
                sink.Add(FactKinds.EnumValue, name);
                sink.Add(FactKinds.EnumCasing, style.ToWire() + ": " + name);
            }
            else if (!lower.Contains("scope", StringComparison.Ordinal) && !lower.Contains("trigger", StringComparison.Ordinal) && !lower.Contains("runs on", StringComparison.Ordinal))
            {
                sink.Add(FactKinds.Field, name);
                sink.Add(FactKinds.FieldCasing, style.ToWire() + ": " + name);
            }
        }
    }

    private static bool IsKeyword(string name) => name.ToLowerInvariant() is "true" or "false" or "null" or "get" or "post" or "put" or "patch" or "delete";

    private static void HttpFacts(string sentence, FactSink sink)
    {
        var lower = sentence.ToLowerInvariant();
        foreach (Match m in StatusCode().Matches(sentence))
        {
            var code = m.Groups["code"].Value;
            var reason = m.Groups["reason"].Value.Trim();
            if (reason.Length > 0 || StatusContext().IsMatch(lower))
            {
                sink.Add(FactKinds.StatusCode, reason.Length > 0 ? $"{code} {reason}" : code);
            }
        }

        foreach (Match m in Header().Matches(sentence))
        {
            var name = m.Value;
            if (name.StartsWith("X-", StringComparison.OrdinalIgnoreCase) || lower.Contains("header", StringComparison.Ordinal))
            {
                sink.Add(FactKinds.Header, name);
            }
        }
    }

    private static void TechnologyFacts(string sentence, FactSink sink)
    {
        foreach (var (name, category, _) in Technologies.Find(sentence))
        {
            sink.Add(FactKinds.Technology, name);
            if (category == Technologies.DataStore)
            {
                sink.Add(FactKinds.DataStore, name);
            }
            else if (category == Technologies.Protocol)
            {
                sink.Add(FactKinds.Protocol, name);
            }
        }
    }

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^([A-Za-z_][\w-]*)\s*[:=]\s*\S+$")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\bevents?\b[\w\s-]{0,30}\b(named|called|type|name)?\s*$")]
    private static partial Regex EventContext();

    [GeneratedRegex(@"\benum(eration)?s?\b|\bvalues?\b")]
    private static partial Regex EnumContext();

    [GeneratedRegex(@"\b(field|property|attribute|the)\s*$")]
    private static partial Regex FieldContext();

    [GeneratedRegex(@"(?<![\w./:-])(?<code>[1-5]\d\d)(?![\w.:/-])(?<reason>(?:\s+(?:OK|[A-Z][a-z]+|Multi-Status|No|Not|Too|Many|Request|Requests|Content|Found|Error|Entity|Unavailable|Server|Gateway|Service|Method|Allowed|Media|Type|Required|Conflict))*)")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"\b(status|code|http|respond|responds|response|return|returns|answer|answers|reply|replies|error)\b")]
    private static partial Regex StatusContext();

    [GeneratedRegex(@"\b(?:X-[A-Za-z0-9-]+|[A-Z][a-z]+(?:-[A-Z][a-z]*)+)\b")]
    private static partial Regex Header();
}

/// <summary>Collects the facts of one sentence.</summary>
internal sealed class FactSink(List<DesignFact> facts, DesignSentence sentence)
{
    public string Text => sentence.Text;

    public void Add(string kind, string value) => facts.Add(new DesignFact(kind, value, sentence.Line, sentence.Text));
}
