namespace ArchMcp.Core.Loading;

/// <summary>The converter's delimited blocks (listing, literal, example, sidebar, quote, open, comment) and tables.</summary>
internal static partial class AsciiDocConverter
{
    private sealed partial class State
    {
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
    }
}
