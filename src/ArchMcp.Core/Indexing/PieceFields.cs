using Lucene.Net.Analysis;
using Lucene.Net.Documents;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// A file's whole text and the pieces of it (sections, rules) indexed on entries of their own. The whole is analysed
/// and recorded once; each piece is replayed from that recording when it is found in the whole with whitespace on both
/// sides (see <see cref="MemoizedChainFilter"/>). With any other analyzer they are plain text fields.
/// </summary>
public sealed class PieceFields(string whole)
{
    /// <summary>Pieces shorter than this are analysed alone: finding them costs about as much, and they may repeat.</summary>
    public const int MinPieceLength = 64;

    private int _sectionsFrom;
    private int _rulesFrom;

    /// <summary>The field of the whole text; it must be indexed before the pieces' entries.</summary>
    public Field Whole(string name, FieldType type) => new WholeField(name, whole, type);

    /// <summary>A section's text; sections are asked for in the order they appear.</summary>
    public Field Section(string name, string text, FieldType type) => new PieceField(name, text, type, whole, Find(text, ref _sectionsFrom));

    /// <summary>A rule's text; rules are asked for in the order they appear.</summary>
    public Field Rule(string name, string text, FieldType type) => new PieceField(name, text, type, whole, Find(text, ref _rulesFrom));

    /// <summary>Where <paramref name="piece"/> is in the whole with whitespace or an edge on both sides, at or after <paramref name="from"/> first; -1 when nowhere.</summary>
    public int Find(string piece, ref int from)
    {
        if (piece.Length < MinPieceLength)
        {
            return -1;
        }

        var at = FindFrom(piece, from);
        if (at < 0 && from > 0)
        {
            at = FindFrom(piece, 0);
        }

        if (at >= 0)
        {
            from = at + piece.Length;
        }

        return at;
    }

    private int FindFrom(string piece, int from)
    {
        for (var at = whole.IndexOf(piece, from, StringComparison.Ordinal); at >= 0; at = whole.IndexOf(piece, at + 1, StringComparison.Ordinal))
        {
            var end = at + piece.Length;
            if ((at == 0 || char.IsWhiteSpace(whole[at - 1])) && (end == whole.Length || char.IsWhiteSpace(whole[end])))
            {
                return at;
            }
        }

        return -1;
    }

    private sealed class WholeField(string name, string text, FieldType type) : Field(name, text, type)
    {
        public override TokenStream GetTokenStream(Analyzer analyzer)
        {
            var stream = base.GetTokenStream(analyzer);
            (stream as MemoizedChainFilter)?.Record(GetStringValue());
            return stream;
        }
    }

    private sealed class PieceField(string name, string text, FieldType type, string whole, int start) : Field(name, text, type)
    {
        public override TokenStream GetTokenStream(Analyzer analyzer)
        {
            var stream = base.GetTokenStream(analyzer);
            if (start >= 0)
            {
                (stream as MemoizedChainFilter)?.ReplayPiece(whole, start, GetStringValue().Length);
            }

            return stream;
        }
    }
}
