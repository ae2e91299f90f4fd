using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace ArchMcp.Search;

/// <summary>
/// An untokenized field (a <see cref="StringField"/>) whose single-token stream is reused per thread. Lucene makes a
/// new stream for every new field instance, and each new stream registers its attributes under a process-wide lock:
/// with several entries per file and all cores indexing, that lock dominated indexing (see docs/performance.md).
/// The stream is consumed on the indexing thread before the next field asks for it.
/// </summary>
internal sealed class KeywordField(string name, string value, bool stored)
    : Field(name, value, stored ? StringField.TYPE_STORED : StringField.TYPE_NOT_STORED)
{
    [ThreadStatic]
    private static SingleTokenStream? _stream;

    public override TokenStream GetTokenStream(Analyzer analyzer)
    {
        var stream = _stream ??= new SingleTokenStream();
        stream.Value = GetStringValue();
        return stream;
    }

    private sealed class SingleTokenStream : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private bool _used = true;

        public SingleTokenStream()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public string Value { get; set; } = "";

        public override bool IncrementToken()
        {
            if (_used)
            {
                return false;
            }

            ClearAttributes();
            _term.SetEmpty().Append(Value);
            _offset.SetOffset(0, Value.Length);
            _used = true;
            return true;
        }

        public override void End()
        {
            base.End();
            _offset.SetOffset(Value.Length, Value.Length);
        }

        public override void Reset()
        {
            base.Reset();
            _used = false;
        }
    }
}
