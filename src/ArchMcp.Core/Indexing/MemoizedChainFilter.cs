using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Runs the word filters (compound split, lower case, stop words, stemming) once per distinct word and replays what
/// they made for every later occurrence. Those filters see one tokenizer token at a time, so their output for a token
/// depends on its text alone; only position gaps left by stop words carry across tokens, and they are carried here the
/// same way. Used while indexing, where the same few thousand words recur millions of times: the filters were a fifth
/// of a full build's CPU. A bounded number of words is kept (the first seen, which are mostly the common ones).
/// <para>
/// A file's text is indexed whole and again in pieces (each section, each rule). The whole can be recorded
/// (<see cref="Record"/>): the tokenizer's tokens with what the filters made of them. A piece of it that has whitespace or
/// the text's edge on both sides is then replayed from the recording (<see cref="ReplayPiece"/>) instead of analysed
/// again: no token can straddle such edges, and every filter here works token by token, so the piece gets exactly the
/// tokens that analysing it alone would give.
/// </para>
/// </summary>
public sealed class MemoizedChainFilter : TokenFilter
{
    /// <summary>Words kept per analysing thread; with a language's Zipf curve the first ones seen cover nearly all text.</summary>
    public const int MaxWords = 65_536;

    /// <summary>Longer tokens (hashes, URLs, numbers) rarely repeat: they go through the filters every time.</summary>
    public const int MaxWordLength = 40;

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private readonly ITypeAttribute _type;
    private readonly OneToken _one = new();
    private readonly TokenStream _chain;
    private readonly ICharTermAttribute _chainTerm;
    private readonly IOffsetAttribute _chainOffset;
    private readonly IPositionIncrementAttribute _chainPosition;
    private readonly ITypeAttribute _chainType;
    // What the filters made of each word: of the words remembered (handles 0, 1, …) and, until the next recording, of
    // those that are not (handles -1, -2, …). Flat arrays, not an object per word: the hot words' entries sit together
    // in the order they were first seen, and a token costs no chain of dereferences.
    private readonly WordTable _words = new(MaxWords);
    private readonly WordOutputs _remembered = new();
    private readonly WordOutputs _passing = new();

    // the token being emitted: outputs [_next, _last) of _pendingFrom
    private WordOutputs _pendingFrom;
    private int _next;
    private int _last;
    private int _tokenStart;
    private int _carry;

    // the recorded text: its tokenizer tokens' start offsets and what the filters made of each
    private string? _recorded;
    private bool _recording;
    private bool _recordedWhole;
    private int[] _starts = new int[256];
    private int[] _handles = new int[256];
    private int _count;

    // what the next Reset sets up: recording a text, or replaying a piece of the recorded one
    private string? _recordNext;
    private (string Whole, int Start, int Length)? _pieceNext;

    // while replaying: the recorded tokens left, and the piece's start in the recorded text
    private bool _replaying;
    private int _at;
    private int _end;
    private int _pieceStart;
    private int _pieceLength;

    /// <param name="input">The tokenizer.</param>
    /// <param name="chain">Builds the filters over a stream; given a one-token stream here.</param>
    public MemoizedChainFilter(TokenStream input, Func<TokenStream, TokenStream> chain)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _chain = chain(_one);
        _chainTerm = _chain.AddAttribute<ICharTermAttribute>();
        _chainOffset = _chain.AddAttribute<IOffsetAttribute>();
        _chainPosition = _chain.AddAttribute<IPositionIncrementAttribute>();
        _chainType = _chain.AddAttribute<ITypeAttribute>();
        _pendingFrom = _remembered;
    }

    public override bool IncrementToken()
    {
        if (_next < _last)
        {
            ref var output = ref _pendingFrom.Outputs[_next++];
            Emit(ref output, output.Increment);
            return true;
        }

        if (_replaying)
        {
            while (_at < _end)
            {
                var start = _starts[_at] - _pieceStart;
                if (Start(_handles[_at++], 1, start))
                {
                    return true;
                }
            }

            return false;
        }

        while (m_input.IncrementToken())
        {
            var increment = _position.PositionIncrement;
            var handle = HandleOf(_term.Buffer.AsSpan(0, _term.Length));
            if (_recording)
            {
                Keep(handle, increment);
            }

            if (Start(handle, increment, _offset.StartOffset))
            {
                return true;
            }
        }

        _recordedWhole |= _recording;
        _recording = false;
        return false;
    }

    /// <summary>Has the next <see cref="Reset"/> record the tokens of <paramref name="text"/>, the text this stream was given.</summary>
    public void Record(string text) => _recordNext = text;

    /// <summary>
    /// Has the next <see cref="Reset"/> replay the piece of <paramref name="whole"/> at <paramref name="start"/>, the text
    /// this stream was given, from the recording; when <paramref name="whole"/> is not the text fully recorded last, the
    /// piece is analysed as usual. The caller makes sure the piece has whitespace or the text's edge on both sides.
    /// </summary>
    public void ReplayPiece(string whole, int start, int length) => _pieceNext = (whole, start, length);

    public override void End()
    {
        base.End();
        if (_replaying)
        {
            _offset.SetOffset(_pieceLength, _pieceLength); // where the tokenizer, given the piece, would have stopped
        }

        _position.PositionIncrement += _carry;
    }

    public override void Reset()
    {
        base.Reset();
        _next = _last = 0;
        _carry = 0;
        _replaying = false;
        if (_pieceNext is { } piece)
        {
            _pieceNext = null;
            if (_recordedWhole && ReferenceEquals(piece.Whole, _recorded))
            {
                _replaying = true;
                _pieceStart = piece.Start;
                _pieceLength = piece.Length;
                _at = FirstAtOrAfter(piece.Start);
                _end = FirstAtOrAfter(piece.Start + piece.Length);
            }
        }

        _recording = _recordNext is not null;
        if (_recording)
        {
            // what the last recording made of words not remembered is needed no more
            (_recorded, _recordNext, _recordedWhole, _count) = (_recordNext, null, false, 0);
            _passing.Clear();
        }
        else if (!_recordedWhole && _passing.Words > MaxPassingWords)
        {
            _passing.Clear(); // no recording to replay from: texts of words never remembered do not pile up
        }
    }

    /// <summary>Words not remembered whose outputs are kept while nothing recorded is replayed, at most.</summary>
    private const int MaxPassingWords = 4096;

    /// <summary>Emits the first token made from a tokenizer token, or carries its positions on when it made none.</summary>
    private bool Start(int handle, int increment, int tokenStart)
    {
        var from = handle >= 0 ? _remembered : _passing;
        var at = handle >= 0 ? handle : ~handle;
        ref var first = ref from.Outputs[at];
        if (first.Count == 0)
        {
            // every token it made was a stop word: its positions pass on to the next token kept
            _carry += first.Trailing + increment - 1;
            return false;
        }

        _tokenStart = tokenStart;
        (_pendingFrom, _next, _last) = (from, at + 1, at + first.Count);
        Emit(ref first, first.Increment + increment - 1 + _carry);
        _carry = first.Trailing;
        return true;
    }

    private void Keep(int handle, int increment)
    {
        if (increment != 1 || _offset.EndOffset - _offset.StartOffset != _term.Length)
        {
            (_recorded, _recording) = (null, false); // a token skipped for its length, or offsets not the term's: pieces go alone
            return;
        }

        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _handles, _count * 2);
        }

        _starts[_count] = _offset.StartOffset;
        _handles[_count++] = handle;
    }

    private int FirstAtOrAfter(int offset)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_starts[mid] < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void Emit(ref WordOutput output, int increment)
    {
        _term.CopyBuffer(_pendingFrom.Chars, output.TermAt, output.TermLength);
        _offset.SetOffset(_tokenStart + output.Start, _tokenStart + output.End);
        _position.PositionIncrement = increment;
        if (!ReferenceEquals(_type.Type, output.Type))
        {
            _type.Type = output.Type;
        }
    }

    /// <summary>The handle of what the filters make of <paramref name="word"/>: remembered, or run now.</summary>
    private int HandleOf(ReadOnlySpan<char> word)
    {
        var known = _words.Find(word);
        if (known >= 0)
        {
            return known;
        }

        // the tokenizer's offsets span its term (no char filter), so offsets are kept relative to the token's start
        if (word.Length <= MaxWordLength && !_words.IsFull && _offset.EndOffset - _offset.StartOffset == word.Length)
        {
            var handle = Run(word, _remembered);
            _words.Add(word, handle);
            return handle;
        }

        return ~Run(word, _passing);
    }

    /// <summary>Runs the filters over one token at position increment 1 and offsets 0 to its length; what they made goes to <paramref name="into"/>.</summary>
    private int Run(ReadOnlySpan<char> word, WordOutputs into)
    {
        _one.Set(word, _type.Type, _offset.EndOffset - _offset.StartOffset);
        _chain.Reset();
        var first = into.OutputCount;
        while (_chain.IncrementToken())
        {
            into.AddOutput(_chainTerm.Buffer.AsSpan(0, _chainTerm.Length), _chainPosition.PositionIncrement, _chainOffset.StartOffset, _chainOffset.EndOffset, _chainType.Type);
        }

        _chain.End();
        return into.AddWord(first, _chainPosition.PositionIncrement);
    }
}
