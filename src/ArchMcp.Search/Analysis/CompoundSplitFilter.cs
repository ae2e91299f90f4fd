using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Search;

/// <summary>
/// Splits compound tokens into their word parts after emitting the token itself: <c>camelCase</c> →
/// camelCase, camel, Case; <c>snake_case</c>, <c>Fuse.js</c>, <c>can't</c> likewise; a trailing English possessive
/// (<c>team's</c>) is dropped from the parts. Parts start at the token's position and follow it one by one.
/// Letters and digits stay together (<c>v2</c>, <c>S3</c>); parts that start with a digit are not emitted.
/// <para>
/// Lucene's WordDelimiterFilter does the same for our flags but captures the state of every attribute for every
/// part it buffers; this filter keeps only the offsets of the pending parts, which made indexing markedly cheaper.
/// </para>
/// </summary>
internal sealed class CompoundSplitFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private readonly List<(int Start, int End)> _parts = [];
    private char[] _original = new char[64];
    private int _startOffset;
    private bool _offsetsMatch;
    private int _next;

    public CompoundSplitFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next < _parts.Count)
        {
            var (start, end) = _parts[_next];
            ClearAttributes();
            _term.CopyBuffer(_original, start, end - start);
            _position.PositionIncrement = _next == 0 ? 0 : 1;
            if (_offsetsMatch)
            {
                _offset.SetOffset(_startOffset + start, _startOffset + end);
            }

            _next++;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        _parts.Clear();
        _next = 0;
        var buffer = _term.Buffer;
        var length = _term.Length;
        Split(buffer, length, _parts);
        if (_parts.Count == 1 && _parts[0] == (0, length))
        {
            _parts.Clear(); // a plain word
        }
        else if (_parts.Count > 0)
        {
            if (_original.Length < length)
            {
                _original = new char[Math.Max(length, _original.Length * 2)];
            }

            Array.Copy(buffer, _original, length);
            _startOffset = _offset.StartOffset;
            _offsetsMatch = _offset.EndOffset - _offset.StartOffset == length;
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _parts.Clear();
        _next = 0;
    }

    /// <summary>The word parts of <paramref name="text"/>: runs of letters and digits, broken at lower→upper case changes.</summary>
    internal static void Split(char[] text, int length, List<(int Start, int End)> parts)
    {
        var end = length;
        if (end >= 2 && text[end - 2] is '\'' or '’' && text[end - 1] is 's' or 'S')
        {
            end -= 2; // team's → team
        }

        var i = 0;
        while (i < end)
        {
            while (i < end && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i == end)
            {
                break;
            }

            var start = i;
            i++;
            while (i < end && char.IsLetterOrDigit(text[i]) && !(char.IsLower(text[i - 1]) && char.IsUpper(text[i])))
            {
                i++;
            }

            if (!char.IsDigit(text[start]))
            {
                parts.Add((start, i));
            }
        }
    }
}
