using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>
/// An AsciiDoc file rewritten as Markdown: the Markdown text, the AsciiDoc line each Markdown line came from, and the
/// document attributes (header entries such as <c>:status: accepted</c>, and the rows of a two-column table before the
/// first section), which are read as front matter.
/// </summary>
internal sealed record AsciiDocText(string Markdown, IReadOnlyList<int> SourceLines, FrontMatter Attributes)
{
    /// <summary>The 1-based AsciiDoc line of the 1-based Markdown line <paramref name="markdownLine"/>.</summary>
    public int SourceLine(int markdownLine) =>
        SourceLines.Count == 0 ? 1 : SourceLines[Math.Clamp(markdownLine, 1, SourceLines.Count) - 1];
}

/// <summary>
/// Converts the AsciiDoc that decision records and standards use into equivalent Markdown, line by line, so that the
/// Markdown reader builds the same document model and citations point at the AsciiDoc lines. Understood: document
/// title and section titles (<c>=</c>, <c>==</c> …), <c>.Block titles</c>, header attribute entries and
/// <c>{attribute}</c> references, paragraphs, lists (<c>*</c>, <c>-</c>, <c>.</c>, <c>term::</c>), tables
/// (<c>|===</c>), anchors (<c>[[id]]</c>, <c>[#id]</c>), links (<c>link:</c>, <c>xref:</c>, URLs with <c>[text]</c>,
/// <c>&lt;&lt;id,text&gt;&gt;</c>), admonitions, listing/literal blocks (kept as code, <c>[source,lang]</c> and
/// <c>[mermaid]</c> give the language). Dropped: comments, <c>include::</c> (never followed), other block macros,
/// conditional directives (their content is kept). This file reads line by line (titles, attributes, anchors, paragraphs,
/// lists); <c>AsciiDocConverter.Blocks.cs</c> reads the blocks that span lines (delimited blocks, tables).
/// </summary>
internal static partial class AsciiDocConverter
{
    [GeneratedRegex(@"^:(?<name>[A-Za-z0-9_][A-Za-z0-9_-]*):(?:\s+(?<value>.*))?$")]
    private static partial Regex AttributeEntry();

    [GeneratedRegex(@"^(?<marks>={1,6}|#{1,6})\s+(?<text>\S.*?)(?:\s+=+)?\s*$")]
    private static partial Regex SectionTitle();

    [GeneratedRegex(@"^\[\[(?<id>[^\]\s,]+)(?:,[^\]]*)?\]\]$")]
    private static partial Regex AnchorLine();

    [GeneratedRegex(@"^\[(?<attrs>[^\[\]]*)\]$")]
    private static partial Regex BlockAttributes();

    [GeneratedRegex(@"^\.(?<title>[^.\s].*)$")]
    private static partial Regex BlockTitle();

    [GeneratedRegex(@"^\s*(?<marks>\*{1,5}|-)\s+(?<text>.*)$")]
    private static partial Regex UnorderedItem();

    [GeneratedRegex(@"^\s*(?<marks>\.{1,5})\s+(?<text>.*)$")]
    private static partial Regex OrderedItem();

    [GeneratedRegex(@"^(?<term>[^:\s][^:]*?)(?:::|;;)(?:\s+(?<text>.*))?$")]
    private static partial Regex DescriptionItem();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+::\S*\[.*\]\s*$")]
    private static partial Regex BlockMacro();

    [GeneratedRegex(@"^(?:ifdef|ifndef|ifeval|endif)::.*\]\s*$")]
    private static partial Regex Conditional();

    [GeneratedRegex(@"^(?<delim>-{4,}|\.{4,}|\+{4,}|={4,}|\*{4,}|_{4,}|--)\s*$")]
    private static partial Regex Delimiter();

    [GeneratedRegex(@"^v?\d[\w.-]*,\s*(?<date>[^:]+)(?::.*)?$")]
    private static partial Regex RevisionLine();

    [GeneratedRegex(@":[a-z0-9_+-]+:")]
    private static partial Regex EmojiShortcode();

    private static readonly string[] Admonitions = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

    /// <summary>True for <c>*.adoc</c> and <c>*.asciidoc</c>.</summary>
    public static bool IsAsciiDoc(string path) =>
        path.EndsWith(".adoc", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".asciidoc", StringComparison.OrdinalIgnoreCase);

    public static AsciiDocText Convert(string content)
    {
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var state = new State(lines);
        state.Run();
        return new AsciiDocText(string.Join('\n', state.Output), state.SourceLines, state.Attributes);
    }

    /// <summary>The conversion of one file: input lines, output lines with their source lines, attributes.</summary>
    private sealed partial class State(string[] lines)
    {
        public List<string> Output { get; } = [];
        public List<int> SourceLines { get; } = [];
        public FrontMatter Attributes { get; } = new();

        private string? _pendingAnchor;
        private string? _pendingStyle;
        private const int MaxDepth = 16;

        private bool _seenSection;
        private int _depth;
        private Dictionary<string, List<int>>? _delimiterLines;

        public void Run()
        {
            var i = 0;
            while (i < lines.Length)
            {
                i = Line(i);
            }
        }

        private void Emit(string text, int index)
        {
            Output.Add(text);
            SourceLines.Add(index + 1);
        }

        /// <summary>Handles the line at <paramref name="i"/> (and the block it opens); returns the next line to read.</summary>
        private int Line(int i)
        {
            var line = lines[i];
            var trimmed = line.Trim();

            if (trimmed.Length == 0)
            {
                Emit("", i);
                return i + 1;
            }

            // Comments: a "////" block, or a line starting with "//".
            if (trimmed.StartsWith("////", StringComparison.Ordinal) && trimmed.Trim('/').Length == 0)
            {
                var end = Closing(i, trimmed);
                for (var k = i; k <= end && k < lines.Length; k++)
                {
                    Emit("", k);
                }

                return end + 1;
            }

            if (trimmed.StartsWith("//", StringComparison.Ordinal) || Conditional().IsMatch(trimmed) || trimmed is "'''" or "<<<"
                || trimmed.StartsWith("include::", StringComparison.Ordinal) || BlockMacro().IsMatch(trimmed))
            {
                Emit("", i);
                return i + 1;
            }

            var attribute = AttributeEntry().Match(trimmed);
            if (attribute.Success)
            {
                var name = attribute.Groups["name"].Value.ToLowerInvariant();
                Attributes.Flat[name] = MetadataValue(attribute.Groups["value"].Value.Trim());
                Emit("", i);
                return i + 1;
            }

            var anchor = AnchorLine().Match(trimmed);
            if (anchor.Success)
            {
                _pendingAnchor = anchor.Groups["id"].Value;
                Emit("", i);
                return i + 1;
            }

            if (trimmed.StartsWith("|===", StringComparison.Ordinal))
            {
                return Table(i);
            }

            var attrs = BlockAttributes().Match(trimmed);
            if (attrs.Success)
            {
                ReadBlockAttributes(attrs.Groups["attrs"].Value);
                Emit("", i);
                return i + 1;
            }

            var delimiter = Delimiter().Match(trimmed);
            if (delimiter.Success)
            {
                return Delimited(i, delimiter.Groups["delim"].Value);
            }

            var section = SectionTitle().Match(line);
            if (section.Success)
            {
                var level = section.Groups["marks"].Value.Length;
                _seenSection |= level > 1;
                TakeStyle();
                var text = Inline(section.Groups["text"].Value);
                var id = TakeAnchor();
                Emit("", i);
                Emit(new string('#', level) + " " + text + (id is null ? "" : " {#" + id + "}"), i);
                Emit("", i);
                if (level == 1)
                {
                    return Header(i + 1);
                }

                return i + 1;
            }

            var title = BlockTitle().Match(trimmed);
            if (title.Success)
            {
                Emit("", i);
                Emit("**" + Inline(title.Groups["title"].Value.Trim()) + "**", i);
                Emit("", i);
                return i + 1;
            }

            if (trimmed == "+")
            {
                Emit("", i); // list continuation: the next block follows as its own block
                return i + 1;
            }

            var admonition = TakeStyle() is { } style && Admonitions.Contains(style.ToUpperInvariant()) ? style.ToUpperInvariant() + ": " : "";
            Emit(TakeAnchorHtml() + admonition + TextLine(line), i);
            return i + 1;
        }

        /// <summary>The lines right after the document title: author and revision lines are skipped, attributes read.</summary>
        private int Header(int i)
        {
            var skipped = 0;
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                var trimmed = lines[i].Trim();
                if (AttributeEntry().IsMatch(trimmed) || trimmed.StartsWith("//", StringComparison.Ordinal) || Conditional().IsMatch(trimmed))
                {
                    i = Line(i);
                    continue;
                }

                if (skipped >= 2 || _seenSection)
                {
                    break;
                }

                // The author line, then the revision line ("v1.2, 2021-03-04: remark"), whose date is kept as revdate.
                var revision = RevisionLine().Match(trimmed);
                if (revision.Success && !Attributes.Flat.ContainsKey("revdate"))
                {
                    Attributes.Flat["revdate"] = revision.Groups["date"].Value.Trim();
                }

                skipped++;
                Emit("", i);
                i++;
            }

            return i;
        }

        private void ReadBlockAttributes(string text)
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries);
            var first = parts.Length > 0 ? parts[0] : "";
            if (first.StartsWith('#'))
            {
                var id = first[1..];
                var cut = id.IndexOfAny(['.', '%']);
                _pendingAnchor = cut >= 0 ? id[..cut] : id;
                first = "";
            }

            if (first.Length > 0 && !first.Contains('=', StringComparison.Ordinal))
            {
                // "[source,java]" → code language java; "[mermaid]" → mermaid; "[NOTE]" → an admonition block.
                _pendingStyle = first.StartsWith("source", StringComparison.OrdinalIgnoreCase) && parts.Length > 1 ? parts[1] : first;
            }
            else if (text.Length > 0)
            {
                _pendingStyle = "[" + text + "]";
            }
        }

        private string? TakeAnchor()
        {
            var id = _pendingAnchor;
            _pendingAnchor = null;
            return id;
        }

        private string TakeAnchorHtml()
        {
            var id = TakeAnchor();
            return id is null ? "" : "<a name=\"" + id + "\"></a>";
        }

        private string? TakeStyle()
        {
            var style = _pendingStyle;
            _pendingStyle = null;
            return style;
        }

        /// <summary>A paragraph or list line in Markdown.</summary>
        private string TextLine(string line)
        {
            var unordered = UnorderedItem().Match(line);
            if (unordered.Success)
            {
                var marks = unordered.Groups["marks"].Value;
                var depth = marks == "-" ? 1 : marks.Length;
                return new string(' ', 2 * (depth - 1)) + "- " + Inline(unordered.Groups["text"].Value);
            }

            var ordered = OrderedItem().Match(line);
            if (ordered.Success)
            {
                var depth = ordered.Groups["marks"].Value.Length;
                return new string(' ', 3 * (depth - 1)) + "1. " + Inline(ordered.Groups["text"].Value);
            }

            var trimmed = line.TrimStart();
            if (!trimmed.StartsWith("http", StringComparison.OrdinalIgnoreCase) && DescriptionItem().Match(trimmed) is { Success: true } item)
            {
                return item.Groups["term"].Value.Trim() + ": " + Inline(item.Groups["text"].Value);
            }

            var text = line.EndsWith(" +", StringComparison.Ordinal) ? line[..^2] : line;
            return Inline(text);
        }

        private string Inline(string text) => AsciiDocInline.ToMarkdown(text, Attributes.Flat);

        private string MetadataValue(string value) => AsciiDocInline.MetadataValue(value, Attributes.Flat);
    }
}
