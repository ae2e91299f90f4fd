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
/// conditional directives (their content is kept).
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
    private sealed class State(string[] lines)
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

        /// <summary>The index of the line closing the block opened at <paramref name="open"/> (the last line if none does).</summary>
        private int Closing(int open, string delimiter)
        {
            // Looked up in an index of the delimiter lines, so that many unclosed blocks cost no rescans of the file.
            _delimiterLines ??= IndexDelimiters();
            if (_delimiterLines.TryGetValue(delimiter, out var at))
            {
                var next = at.BinarySearch(open + 1);
                next = next < 0 ? ~next : next;
                if (next < at.Count)
                {
                    return at[next];
                }
            }

            return lines.Length - 1;
        }

        private Dictionary<string, List<int>> IndexDelimiters()
        {
            var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var k = 0; k < lines.Length; k++)
            {
                var t = lines[k].Trim();
                if (t.Length >= 2 && (Delimiter().IsMatch(t) || t.StartsWith("|===", StringComparison.Ordinal)
                                     || (t.StartsWith("////", StringComparison.Ordinal) && t.Trim('/').Length == 0)))
                {
                    if (!map.TryGetValue(t, out var list))
                    {
                        map[t] = list = [];
                    }

                    list.Add(k);
                }
            }

            return map;
        }

        private int Delimited(int i, string delimiter)
        {
            var style = TakeStyle();
            var close = Closing(i, delimiter);
            var verbatim = delimiter[0] is '-' or '.' or '+' && delimiter.Length >= 4;
            var anchor = TakeAnchorHtml();
            if (verbatim)
            {
                // Listing, literal and passthrough blocks are code; the style names the language (mermaid for diagrams).
                var body = lines.AsSpan(i + 1, Math.Max(0, close - i - 1)).ToArray();
                var fence = Fence(body);
                var language = style is null || style.StartsWith('[') || Admonitions.Contains(style.ToUpperInvariant()) ? "" : style;
                Emit(anchor, i);
                Emit(fence + language, i);
                for (var k = 0; k < body.Length; k++)
                {
                    Emit(body[k].StartsWith("include::", StringComparison.Ordinal) ? "" : body[k], i + 1 + k); // includes are not followed
                }

                Emit(fence, close);
                Emit("", close);
                return close + 1;
            }

            // Example, sidebar, quote and open blocks: the delimiters go, the content is read as usual. Past a
            // nesting depth no real document reaches, a delimiter is only a blank line (no deep recursion).
            Emit(anchor, i);
            if (_depth >= MaxDepth)
            {
                return i + 1;
            }

            if (style is not null && Admonitions.Contains(style.ToUpperInvariant()))
            {
                Emit(style.ToUpperInvariant() + ":", i);
                Emit("", i);
            }

            var k2 = i + 1;
            _depth++;
            while (k2 < close)
            {
                k2 = Line(k2);
            }

            _depth--;

            if (k2 == close && close > i && lines[close].Trim() == delimiter)
            {
                Emit("", close);
                return close + 1;
            }

            return k2;
        }

        private static string Fence(string[] body)
        {
            var longest = 0;
            foreach (var line in body)
            {
                var run = line.TrimStart().TakeWhile(c => c == '`').Count();
                longest = Math.Max(longest, run);
            }

            return new string('`', Math.Max(3, longest + 1));
        }

        /// <summary>A <c>|===</c> table as a Markdown pipe table; a two-column table before the first section is also metadata.</summary>
        private int Table(int i)
        {
            var style = TakeStyle() ?? "";
            var anchor = TakeAnchorHtml();
            var close = Closing(i, lines[i].Trim());
            var cells = new List<(string Text, int Line)>();
            int? firstLineCells = null;
            var headerByLayout = false;
            for (var k = i + 1; k < close; k++)
            {
                var text = lines[k].Trim();
                if (text.Length == 0)
                {
                    if (firstLineCells is not null && cells.Count == firstLineCells && k == FirstContentLine(i) + 1)
                    {
                        headerByLayout = true; // the first row alone on its line, then a blank line: the header row
                    }

                    continue;
                }

                var bar = text.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0 || !AsciiDocTable.IsCellSpec(text[..bar]))
                {
                    if (cells.Count > 0)
                    {
                        cells[^1] = (cells[^1].Text + " " + text, cells[^1].Line); // a cell continued on the next line
                    }

                    continue;
                }

                var parts = AsciiDocTable.SplitCells(text[(bar + 1)..], text[..bar]);
                firstLineCells ??= parts.Count;
                foreach (var part in parts)
                {
                    cells.Add((part, k));
                }
            }

            var columns = AsciiDocTable.Columns(style) ?? firstLineCells ?? 1;
            var header = headerByLayout || style.Contains("header", StringComparison.OrdinalIgnoreCase);
            var rows = new List<(string[] Cells, int Line)>();
            for (var c = 0; c < cells.Count; c += columns)
            {
                var row = new string[columns];
                for (var j = 0; j < columns; j++)
                {
                    row[j] = c + j < cells.Count ? Inline(cells[c + j].Text) : "";
                }

                rows.Add((row, cells[c].Line));
            }

            if (columns == 2 && !_seenSection)
            {
                foreach (var (row, _) in rows)
                {
                    AddMetadata(row[0], row[1]);
                }
            }

            Emit(anchor, i);
            var start = 0;
            if (header && rows.Count > 0)
            {
                Emit(AsciiDocTable.Row(rows[0].Cells), rows[0].Line);
                start = 1;
            }
            else
            {
                Emit(AsciiDocTable.Row(new string[columns]), i);
            }

            Emit("|" + string.Concat(Enumerable.Repeat(" --- |", columns)), i);
            for (var r = start; r < rows.Count; r++)
            {
                Emit(AsciiDocTable.Row(rows[r].Cells), rows[r].Line);
            }

            Emit("", close);
            return close + 1;
        }

        private int FirstContentLine(int open)
        {
            var k = open + 1;
            while (k < lines.Length && lines[k].Trim().Length == 0)
            {
                k++;
            }

            return k;
        }

        private void AddMetadata(string key, string value)
        {
            var name = key.Replace("*", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim().TrimEnd(':').Trim();
            var clean = EmojiShortcode().Replace(MetadataValue(value), "").Trim();
            // "Type" and "Kind" rows describe the record in the source's own terms ("Standards Track"), not our kinds.
            if (name.Length is > 0 and <= 30 && clean.Length > 0 && name.All(c => char.IsLetter(c) || c is ' ' or '-')
                && !Attributes.Flat.ContainsKey(name) && !name.Equals("type", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("kind", StringComparison.OrdinalIgnoreCase))
            {
                Attributes.Flat[name.ToLowerInvariant()] = clean;
            }
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
