using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>Inline AsciiDoc as Markdown: attribute references, links, cross-references, images and anchors.</summary>
internal static partial class AsciiDocInline
{
    [GeneratedRegex(@"\b(?:link|xref):(?<target>[^\s\[]+)\[(?<text>[^\]]*)\]")]
    private static partial Regex LinkMacro();

    [GeneratedRegex(@"(?<![\w(\[<])(?<target>(?:https?|ftp|mailto):[^\s\[]+)\[(?<text>[^\]]*)\]")]
    private static partial Regex UrlWithText();

    [GeneratedRegex(@"<<(?<target>[^,<>]+)(?:,\s*(?<text>[^<>]*))?>>")]
    private static partial Regex CrossReference();

    [GeneratedRegex(@"\[\[(?<id>[^\]\s,]+)(?:,[^\]]*)?\]\]|\[#(?<id2>[A-Za-z_][\w.:-]*?)\]#")]
    private static partial Regex InlineAnchor();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_][A-Za-z0-9_-]*)\}")]
    private static partial Regex AttributeReference();

    [GeneratedRegex(@"\bimage:(?!:)[^\s\[]+\[(?<alt>[^\],]*)[^\]]*\]")]
    private static partial Regex InlineImage();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\(<(?<target>[^>]*)>\)")]
    private static partial Regex ConvertedLink();

    /// <summary>Inline AsciiDoc as Markdown: attribute references, links and cross-references, anchors.</summary>
    public static string ToMarkdown(string text, IReadOnlyDictionary<string, string> attributes)
    {
        var result = Substitute(text, attributes);
        result = LinkMacro().Replace(result, m => MarkdownLink(m.Groups["text"].Value, m.Groups["target"].Value));
        result = UrlWithText().Replace(result, m => MarkdownLink(m.Groups["text"].Value, m.Groups["target"].Value));
        result = CrossReference().Replace(result, m =>
        {
            var target = m.Groups["target"].Value.Trim();
            var label = m.Groups["text"].Success && m.Groups["text"].Value.Trim().Length > 0 ? m.Groups["text"].Value.Trim() : target;
            return MarkdownLink(label, target.Contains(".adoc", StringComparison.OrdinalIgnoreCase) || target.Contains('#', StringComparison.Ordinal) ? target : "#" + target);
        });
        result = InlineImage().Replace(result, m => m.Groups["alt"].Value);
        result = InlineAnchor().Replace(result, m => "<a name=\"" + (m.Groups["id"].Success ? m.Groups["id"].Value : m.Groups["id2"].Value) + "\"></a>");
        return result;
    }

    /// <summary>A metadata value as front matter would hold it: links as <c>[text](target)</c>.</summary>
    public static string MetadataValue(string value, IReadOnlyDictionary<string, string> attributes) =>
        ConvertedLink().Replace(ToMarkdown(value, attributes), m => "[" + m.Groups["text"].Value + "](" + m.Groups["target"].Value + ")");

    private static string MarkdownLink(string text, string target)
    {
        var label = text.Trim();
        var comma = label.IndexOf(",window=", StringComparison.Ordinal);
        if (comma >= 0)
        {
            label = label[..comma];
        }

        label = AttributeReference().Replace(label, "").Trim('"', '^').Trim(); // "{external-link-icon}" and the like
        if (label.Length == 0)
        {
            label = target;
        }

        return "[" + label.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal) + "](<" + target + ">)";
    }

    /// <summary>Replaces <c>{name}</c> by the value of an attribute set earlier; unknown names are left as written.</summary>
    private static string Substitute(string text, IReadOnlyDictionary<string, string> attributes) =>
        !text.Contains('{', StringComparison.Ordinal) ? text
            : AttributeReference().Replace(text, m => attributes.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Value);
}
