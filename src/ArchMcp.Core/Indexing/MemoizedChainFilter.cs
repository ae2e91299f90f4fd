using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Runs the word filters (compound split, lower case, stop words, stemming) once per distinct word and replays what
/// they made for every later occurrence. Those filters see one tokenizer token at a time, so their output for a token
/// depends on its text alone; only position gaps left by stop words carry across tokens, and they are carried here the
/// same way. Used while indexing, where the same few thousand words recur millions of times: the filters were a fifth
/// of a full build's CPU. A bounded number of words is kept (the first seen, which are mostly the common ones).
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
    private readonly Dictionary<string, Replay> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Replay>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<Output> _scratch = [];
    private Output[] _pending = [];
    private int _next;
    private int _tokenStart;
    private int _carry;

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
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override bool IncrementToken()
    {
        if (_next < _pending.Length)
        {
            Emit(_pending[_next], _pending[_next].Increment);
            _next++;
            return true;
        }

        while (m_input.IncrementToken())
        {
            var increment = _position.PositionIncrement;
            var replay = ReplayOf(_term.Buffer.AsSpan(0, _term.Length));
            if (replay.Outputs.Length == 0)
            {
                // every token it made was a stop word: its positions pass on to the next token kept
                _carry += replay.Trailing + increment - 1;
                continue;
            }

            _tokenStart = _offset.StartOffset;
            _pending = replay.Outputs;
            Emit(_pending[0], _pending[0].Increment + increment - 1 + _carry);
            _carry = replay.Trailing;
            _next = 1;
            return true;
        }

        return false;
    }

    public override void End()
    {
        base.End();
        _position.PositionIncrement += _carry;
    }

    public override void Reset()
    {
        base.Reset();
        _pending = [];
        _next = 0;
        _carry = 0;
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
        if (_lookup.TryGetValue(word, out var known))
        {
            return known;
        }

        // the tokenizer's offsets span its term (no char filter), so offsets are kept relative to the token's start
        var replay = Run(word);
        if (word.Length <= MaxWordLength && _words.Count < MaxWords && _offset.EndOffset - _offset.StartOffset == word.Length)
        {
            _lookup[word] = replay;
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chain.Dispose();
        }

        base.Dispose(disposing);
    }

    private readonly record struct Output(char[] Term, int Increment, int Start, int End, string Type);

    /// <summary>The tokens made from one word, and the positions of the stop words after the last of them.</summary>
    private sealed record Replay(Output[] Outputs, int Trailing);

    /// <summary>A stream of exactly one token, fed to the filters when a word is seen for the first time.</summary>
    private sealed class OneToken : TokenStream
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
}
