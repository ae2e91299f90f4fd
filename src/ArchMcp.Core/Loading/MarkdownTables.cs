using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace ArchMcp.Core.Loading;

/// <summary>
/// The tables <see cref="MarkdownOutline"/> reads as more than text: key/value metadata tables (with or without their
/// header row) and checklist tables whose rows carry a code.
/// </summary>
internal static partial class MarkdownTables
{
    // Format: a checklist code in a table's first cell ("RE:05"): a series of capitals, a colon, a number.
    [GeneratedRegex(@"^[A-Z]{2,5}:\d{1,3}$")]
    private static partial Regex ChecklistCode();

    // A pipe table's delimiter row of two or more columns: "|---|---|", "| :--- | ---: |".
    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")]
    private static partial Regex DelimiterRow();

    internal static readonly MarkdownPipeline TablePipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    // Format: a tick-box cell of a checklist table, empty or one box (☐, ☑, ☒, ✅, ✓, [ ], [x]).
    [GeneratedRegex(@"^(?:[☐☑☒✅✓✔\uFE0F]|\[[ xX]?\])?$")]
    private static partial Regex TickBox();

    /// <summary>
    /// Format: a key/value table typed without its header row, the delimiter row first (<c>|---|---|</c> then
    /// <c>| Status | Final |</c>), before the first section: CommonMark reads it as a paragraph. Returned with an empty
    /// header row put above, to be read as the table it is (its first line is then the delimiter's line); null otherwise.
    /// </summary>
    internal static (string Markdown, List<DocumentLink> Links)? HeaderlessTable(ParagraphBlock paragraph, List<TextBlock> blocks)
    {
        if (paragraph.Parent is not MarkdownDocument || blocks.Exists(b => b.Type == BlockType.Heading && b.Level >= 2))
        {
            return null;
        }

        // the paragraph's text as rendered (its links, kept for the document, are plain text in it)
        var links = new List<DocumentLink>();
        var lines = InlineText.Render(paragraph.Inline, links).Text.Split('\n');
        return lines.Length >= 2 && DelimiterRow().IsMatch(lines[0]) && lines.Skip(1).All(l => l.TrimStart().StartsWith('|'))
            ? ("| | |\n" + string.Join('\n', lines), links)
            : null;
    }

    /// <summary>
    /// Format: a two-column key/value table before the first section (often with an empty header row, sometimes inside
    /// a blockquote) is a metadata block, like front matter: <c>| Status | Accepted |</c>. A table whose rows start with
    /// two or more checklist codes (<c>| RE:01 | … |</c>) is a checklist, not metadata.
    /// </summary>
    internal static bool IsMetadataTable(Table table, List<TextBlock> blocks)
    {
        if (blocks.Exists(b => b.Type == BlockType.Heading && b.Level >= 2))
        {
            return false;
        }

        var rows = 0;
        var codes = 0;
        foreach (var row in table)
        {
            if (row is not TableRow r || r.Count != 2)
            {
                return false;
            }

            rows++;
            codes += CodeCell(r) is null ? 0 : 1;
        }

        return rows > 0 && codes < 2;
    }

    /// <summary>Each row of a metadata table as one "Key: Value" paragraph, which the metadata readers know; empty rows are skipped.</summary>
    internal static void AddMetadataRows(Table table, List<TextBlock> blocks, List<DocumentLink> links)
    {
        foreach (var row in table.OfType<TableRow>())
        {
            var key = CellText(row[0], links);
            var value = CellText(row[1], links);
            if (key.Length == 0 && value.Length == 0)
            {
                continue;
            }

            blocks.Add(new TextBlock
            {
                Type = BlockType.Paragraph, Line = row.Line + 1, Text = key.Length == 0 ? value : value.Length == 0 ? key : $"{key}: {value}",
            });
        }
    }

    /// <summary>
    /// Format: the cell of a checklist row that holds its code (<c>| RE:05 | … |</c>), the first cell or the first after
    /// a tick-box column (<c>| ☐ | RE:05 | … |</c>, or an empty cell); null when the row has no code or nothing after it.
    /// </summary>
    internal static int? CodeCell(TableRow row)
    {
        for (var i = 0; i < row.Count - 1; i++)
        {
            var text = CellText(row[i], []);
            // one code, sometimes linked twice (to the two pages that elaborate it: "[OE:07](a.md) <br> [OE:07](b.md)")
            var codes = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
            if (codes.Count == 1 && ChecklistCode().IsMatch(codes[0]))
            {
                return i;
            }

            if (!TickBox().IsMatch(text))
            {
                return null;
            }
        }

        return null;
    }

    internal static string CellText(Block cell, List<DocumentLink> links)
    {
        var parts = new List<string>();
        foreach (var paragraph in ((ContainerBlock)cell).OfType<ParagraphBlock>())
        {
            var (text, _, _) = InlineText.Render(paragraph.Inline, links);
            parts.Add(text.Replace('\n', ' ').Trim());
        }

        return string.Join(' ', parts).Trim();
    }
}
