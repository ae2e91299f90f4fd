using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// Lucene's 4.6 format with stored fields kept as they are instead of LZ4-compressed: compressing them was 7% of a full
/// index's CPU (Lucene.Net's LZ4 runs at ~35 MB/s here) for ~60 MB of disk on the 19,635-file corpus, and reading a
/// stored entry no longer decompresses the chunk around it. Everything else is <see cref="Lucene46Codec"/>'s.
/// </summary>
[CodecName(CodecName)]
public sealed class ArchCodec : FilterCodec
{
    public const string CodecName = "ArchMcp1";

    public static readonly ArchCodec Instance = new();

    private static readonly StoredFieldsFormat Stored = new CompressingStoredFieldsFormat("ArchMcpStoredFields", PlainBytes.Mode, 1 << 14);

    public ArchCodec()
        : base(new Lucene46Codec())
    {
    }

    public override StoredFieldsFormat StoredFieldsFormat => Stored;

    /// <summary>Makes the codec known to Lucene by its name (written into every segment); idempotent.</summary>
    public static void Register()
    {
        lock (Stored)
        {
            if (Codec.GetCodecFactory() is not Factory)
            {
                Codec.SetCodecFactory(new Factory(Codec.GetCodecFactory()));
            }
        }
    }

    /// <summary>Ours by name, the rest from the factory that was there (explicit: no type scanning, nothing trimmed).</summary>
    private sealed class Factory(ICodecFactory others) : ICodecFactory
    {
        public Codec GetCodec(string name) => name == CodecName ? Instance : others.GetCodec(name);
    }

    /// <summary>A "compression" that copies the bytes: chunks are written and read as they are.</summary>
    private sealed class PlainBytes : CompressionMode
    {
        public static readonly PlainBytes Mode = new();

        public override Compressor NewCompressor() => new Copy();

        public override Decompressor NewDecompressor() => new Read();

        private sealed class Copy : Compressor
        {
            public override void Compress(byte[] bytes, int off, int len, DataOutput output) => output.WriteBytes(bytes, off, len);
        }

        private sealed class Read : Decompressor
        {
            // the whole chunk (at most 16 KB), so the input ends where a compressed chunk would have
            public override void Decompress(DataInput input, int originalLength, int offset, int length, BytesRef bytes)
            {
                if (bytes.Bytes.Length < originalLength)
                {
                    bytes.Bytes = new byte[ArrayUtil.Oversize(originalLength, 1)];
                }

                input.ReadBytes(bytes.Bytes, 0, originalLength);
                bytes.Offset = offset;
                bytes.Length = length;
            }

            public override object Clone() => new Read();
        }
    }
}
