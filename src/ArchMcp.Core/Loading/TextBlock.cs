namespace ArchMcp.Core.Loading;

/// <summary>What a flattened Markdown block is.</summary>
internal enum BlockType
{
    Heading,
    Paragraph,
    Code,
    Html,
}

/// <summary>A link inside a block's plain text: characters [Start, End) of <see cref="TextBlock.Text"/>.</summary>
internal readonly record struct InlineLink(int Start, int End, string Url);

/// <summary>One leaf block of the document as plain text, in reading order.</summary>
internal sealed class TextBlock
{
    public required BlockType Type { get; init; }

    /// <summary>1-based line of the block's first line.</summary>
    public required int Line { get; set; }

    public required string Text { get; init; }

    public int Level { get; init; }

    /// <summary>Explicit anchor attached to the block (<c>&lt;a name&gt;</c>, <c>{#id}</c>), if any.</summary>
    public string? Anchor { get; set; }

    /// <summary>True for the first paragraph of a list item.</summary>
    public bool StartsListItem { get; init; }

    /// <summary>For the first paragraph of an item of a numbered list: the item's number.</summary>
    public int? ListNumber { get; init; }

    /// <summary>True for a paragraph that starts in bold (<c>**…**</c>).</summary>
    public bool StartsBold { get; init; }

    /// <summary>For a table row whose first cell is a checklist code (<c>RE:05</c>): the code; the block holds "code: rest of the row".</summary>
    public string? RowCode { get; init; }

    public string? CodeLanguage { get; init; }

    public IReadOnlyList<InlineLink> InlineLinks { get; init; } = [];

    /// <summary>1-based line of the character at <paramref name="offset"/> of <see cref="Text"/>.</summary>
    public int LineAt(int offset)
    {
        var line = Line;
        for (var i = 0; i < offset && i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
