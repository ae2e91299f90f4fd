using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using static ArchMcp.Core.Indexing.WordBreak;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Splits text into the tokens Lucene's <see cref="StandardTokenizer"/> makes (UAX #29 word boundaries: terms,
/// offsets, position increments and types alike), without its generated state machine, for text made only of the
/// characters of ordinary English prose: ASCII, Latin-1 letters, and common dashes, quotes, arrows and box drawing.
/// Any other text (another script, an emoji, a combining mark) is handed to <see cref="StandardTokenizer"/> itself.
/// Every <see cref="ArchAnalyzer"/> tokenizes with it: tokenizing was ~7% of a full index build's CPU, and a third of
/// a tenth of a search's snippet making.
/// <para>
/// Within that alphabet a token is a run of letters and digits in which underscores may appear anywhere (not alone),
/// and in which one mid character may join two letters (<c>:</c> <c>.</c> <c>'</c> <c>‘</c> <c>’</c>) or two digits
/// (<c>,</c> <c>;</c> <c>.</c> <c>'</c> <c>‘</c> <c>’</c>); tokens longer than 255 characters are skipped, leaving
/// a position gap. A token without a letter is <c>&lt;NUM&gt;</c>, any other <c>&lt;ALPHANUM&gt;</c>.
/// </para>
/// </summary>
public sealed class QuickTokenizer : Tokenizer
{
    /// <summary>StandardTokenizer's default longest token; longer ones are skipped.</summary>
    public const int MaxTokenLength = StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH;

    private static readonly string AlphanumType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.ALPHANUM];
    private static readonly string NumType = StandardTokenizer.TOKEN_TYPES[StandardTokenizer.NUM];

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private readonly ITypeAttribute _type;

    private char[] _text = new char[4096];
    private int _length;
    private int _at;
    private int _skipped;

    // the reference tokenizer, for text outside the alphabet: its attributes are copied into this stream's
    private StandardTokenizer? _standard;
    private ICharTermAttribute? _standardTerm;
    private IOffsetAttribute? _standardOffset;
    private IPositionIncrementAttribute? _standardPosition;
    private ITypeAttribute? _standardType;
    private bool _delegating;

    public QuickTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override void Reset()
    {
        base.Reset();
        _length = 0;
        int read;
        while ((read = m_input.Read(_text, _length, _text.Length - _length)) > 0)
        {
            _length += read;
            if (_length == _text.Length)
            {
                Array.Resize(ref _text, _text.Length * 2);
            }
        }

        _at = 0;
        _skipped = 0;
        _delegating = !Handles(_text.AsSpan(0, _length));
        if (_delegating)
        {
            var reader = new StringReader(new string(_text, 0, _length));
            if (_standard is null)
            {
                _standard = new StandardTokenizer(ArchAnalyzer.Version, reader);
                _standardTerm = _standard.GetAttribute<ICharTermAttribute>();
                _standardOffset = _standard.GetAttribute<IOffsetAttribute>();
                _standardPosition = _standard.GetAttribute<IPositionIncrementAttribute>();
                _standardType = _standard.GetAttribute<ITypeAttribute>();
            }
            else
            {
                _standard.SetReader(reader);
            }

            _standard.Reset();
        }
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_delegating)
        {
            if (!_standard!.IncrementToken())
            {
                return false;
            }

            _term.CopyBuffer(_standardTerm!.Buffer, 0, _standardTerm.Length);
            _offset.SetOffset(CorrectOffset(_standardOffset!.StartOffset), CorrectOffset(_standardOffset.EndOffset));
            _position.PositionIncrement = _standardPosition!.PositionIncrement;
            _type.Type = _standardType!.Type;
            return true;
        }

        _skipped = 0;
        while (NextToken(out var start, out var end, out var hasLetter))
        {
            if (end - start > MaxTokenLength)
            {
                _skipped++;
                continue;
            }

            _term.CopyBuffer(_text, start, end - start);
            _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
            _position.PositionIncrement = _skipped + 1;
            _type.Type = hasLetter ? AlphanumType : NumType;
            return true;
        }

        return false;
    }

    public override void End()
    {
        base.End();
        if (_delegating)
        {
            _standard!.End();
            _offset.SetOffset(CorrectOffset(_standardOffset!.StartOffset), CorrectOffset(_standardOffset.EndOffset));
            _position.PositionIncrement = _standardPosition!.PositionIncrement;
            return;
        }

        var final = CorrectOffset(_length);
        _offset.SetOffset(final, final);
        _position.PositionIncrement += _skipped;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _delegating)
        {
            _delegating = false;
            _standard!.Dispose(); // closes its reader: it may be given the next text
        }

        if (disposing && _text.Length > 1 << 16)
        {
            _text = new char[4096]; // one huge field does not pin its copy for the analyzer's lifetime
        }

        base.Dispose(disposing);
    }

    /// <summary>The next token at or after <see cref="_at"/>: letters and digits joined by underscores or one fitting mid character.</summary>
    private bool NextToken(out int start, out int end, out bool hasLetter)
    {
        var text = _text;
        var length = _length;
        var classes = Classes;
        var i = _at;
        while (i < length)
        {
            // a token may start with underscores, but only if a letter or digit follows them
            start = i;
            var cls = classes[text[i]];
            if (cls is not (Letter or Digit or Underscore))
            {
                i++;
                continue;
            }

            while (i < length && classes[text[i]] == Underscore)
            {
                i++;
            }

            if (i == length || classes[text[i]] is not (Letter or Digit))
            {
                continue; // underscores alone are no token; the character after them is no token start either
            }

            hasLetter = false;
            while (true)
            {
                // i is at a letter or digit
                var kind = classes[text[i]];
                hasLetter |= kind == Letter;
                i++;
                var next = i;
                while (next < length && classes[text[next]] == Underscore)
                {
                    next++;
                }

                if (next < length && classes[text[next]] is Letter or Digit)
                {
                    i = next; // letters, digits and underscores join freely
                    continue;
                }

                if (next > i)
                {
                    i = next; // trailing underscores belong to the token
                    break;
                }

                // one mid character joins two letters or two digits
                if (i + 1 < length && classes[text[i + 1]] == kind && Joins(classes[text[i]], kind))
                {
                    i++;
                    continue;
                }

                break;
            }

            end = i;
            _at = i;
            return true;
        }

        _at = length;
        start = end = length;
        hasLetter = false;
        return false;
    }
}
