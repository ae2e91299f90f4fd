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
    private readonly WordTable<Replay> _words = new(MaxWords);
    private readonly List<Output> _scratch = [];
    private Output[] _pending = [];
    private int _next;
    private int _tokenStart;
    private int _carry;

    // the recorded text: its tokenizer tokens' start offsets and what the filters made of each
    private string? _recorded;
    private bool _recording;
    private bool _recordedWhole;
    private int[] _starts = new int[256];
    private Replay[] _replays = new Replay[256];
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
    }

    public override bool IncrementToken()
    {
        if (_next < _pending.Length)
        {
            Emit(_pending[_next], _pending[_next].Increment);
            _next++;
            return true;
        }

        if (_replaying)
        {
            while (_at < _end)
            {
                var start = _starts[_at] - _pieceStart;
                if (Start(_replays[_at++], 1, start))
                {
                    return true;
                }
            }

            return false;
        }

        while (m_input.IncrementToken())
        {
            var increment = _position.PositionIncrement;
            var replay = ReplayOf(_term.Buffer.AsSpan(0, _term.Length));
            if (_recording)
            {
                Keep(replay, increment);
            }

            if (Start(replay, increment, _offset.StartOffset))
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
        _pending = [];
        _next = 0;
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
            (_recorded, _recordNext, _recordedWhole, _count) = (_recordNext, null, false, 0);
        }
    }

    /// <summary>Emits the first token made from a tokenizer token, or carries its positions on when it made none.</summary>
    private bool Start(Replay replay, int increment, int tokenStart)
    {
        if (replay.Outputs.Length == 0)
        {
            // every token it made was a stop word: its positions pass on to the next token kept
            _carry += replay.Trailing + increment - 1;
            return false;
        }

        _tokenStart = tokenStart;
        _pending = replay.Outputs;
        Emit(_pending[0], _pending[0].Increment + increment - 1 + _carry);
        _carry = replay.Trailing;
        _next = 1;
        return true;
    }

    private void Keep(Replay replay, int increment)
    {
        if (increment != 1 || _offset.EndOffset - _offset.StartOffset != _term.Length)
        {
            (_recorded, _recording) = (null, false); // a token skipped for its length, or offsets not the term's: pieces go alone
            return;
        }

        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _replays, _count * 2);
        }

        _starts[_count] = _offset.StartOffset;
        _replays[_count++] = replay;
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

    private void Emit(Output output, int increment)
    {
        _term.CopyBuffer(output.Term, 0, output.Term.Length);
        _offset.SetOffset(_tokenStart + output.Start, _tokenStart + output.End);
        _position.PositionIncrement = increment;
        _type.Type = output.Type;
    }

    private Replay ReplayOf(ReadOnlySpan<char> word)
    {
        if (_words.Find(word) is { } known)
        {
            return known;
        }

        // the tokenizer's offsets span its term (no char filter), so offsets are kept relative to the token's start
        var replay = Run(word);
        if (word.Length <= MaxWordLength && _offset.EndOffset - _offset.StartOffset == word.Length)
        {
            _words.Add(word, replay);
        }

        return replay;
    }

    /// <summary>The filters' output for one token at position increment 1 and offsets 0 to its length.</summary>
    private Replay Run(ReadOnlySpan<char> word)
    {
        _one.Set(word, _type.Type, _offset.EndOffset - _offset.StartOffset);
        _chain.Reset();
        _scratch.Clear();
        while (_chain.IncrementToken())
        {
            _scratch.Add(new Output(_chainTerm.Buffer.AsSpan(0, _chainTerm.Length).ToArray(), _chainPosition.PositionIncrement, _chainOffset.StartOffset, _chainOffset.EndOffset, _chainType.Type));
        }

        _chain.End();
        return new Replay([.. _scratch], _chainPosition.PositionIncrement);
    }

    private readonly record struct Output(char[] Term, int Increment, int Start, int End, string Type);

    /// <summary>The tokens made from one word, and the positions of the stop words after the last of them.</summary>
    private sealed record Replay(Output[] Outputs, int Trailing);
}
