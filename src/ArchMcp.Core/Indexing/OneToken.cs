using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Core.Indexing;

/// <summary>A stream of exactly one token, fed to the filters when a word is seen for the first time.</summary>
internal sealed class OneToken : TokenStream
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private readonly ITypeAttribute _type;
    private char[] _word = new char[16];
    private int _length;
    private int _span;
    private string _kind = TypeAttribute.DEFAULT_TYPE;
    private bool _given;

    public OneToken()
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public void Set(ReadOnlySpan<char> word, string type, int span)
    {
        if (_word.Length < word.Length)
        {
            _word = new char[Math.Max(word.Length, _word.Length * 2)];
        }

        word.CopyTo(_word);
        _length = word.Length;
        _span = span;
        _kind = type;
    }

    public override bool IncrementToken()
    {
        if (_given)
        {
            return false;
        }

        ClearAttributes();
        _term.CopyBuffer(_word, 0, _length);
        _offset.SetOffset(0, _span);
        _position.PositionIncrement = 1;
        _type.Type = _kind;
        _given = true;
        return true;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(_span, _span);
    }

    public override void Reset()
    {
        base.Reset();
        _given = false;
    }
}
