using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Core.Indexing;

/// <summary>
/// One token the filters made: its text in <see cref="WordOutputs.Chars"/>, position increment, offsets in the word, and
/// type. A word's outputs are consecutive, and the first says how many there are (<see cref="Count"/>) and how many
/// stop-word positions follow the last (<see cref="Trailing"/>); a word that made none has one with a count of 0.
/// </summary>
internal record struct WordOutput(int TermAt, int TermLength, int Increment, int Start, int End, string Type)
{
    public int Count;
    public int Trailing;
}

/// <summary>What the word filters made of a set of words (<see cref="MemoizedChainFilter"/>), in flat arrays: a word's number is where its outputs start.</summary>
internal sealed class WordOutputs
{
    public WordOutput[] Outputs = new WordOutput[1024];
    public char[] Chars = new char[8192];
    public int Words;
    public int OutputCount;
    private int _chars;

    public void AddOutput(ReadOnlySpan<char> term, int increment, int start, int end, string type)
    {
        if (_chars + term.Length > Chars.Length)
        {
            Array.Resize(ref Chars, Math.Max(Chars.Length * 2, _chars + term.Length));
        }

        term.CopyTo(Chars.AsSpan(_chars));
        Add(new WordOutput(_chars, term.Length, increment, start, end, type));
        _chars += term.Length;
    }

    /// <summary>Ends a word whose outputs are those from <paramref name="first"/> on; returns its number.</summary>
    public int AddWord(int first, int trailing)
    {
        var count = OutputCount - first;
        if (count == 0)
        {
            Add(new WordOutput(0, 0, 0, 0, 0, TypeAttribute.DEFAULT_TYPE));
        }

        Outputs[first].Count = count;
        Outputs[first].Trailing = trailing;
        Words++;
        return first;
    }

    private void Add(WordOutput output)
    {
        if (OutputCount == Outputs.Length)
        {
            Array.Resize(ref Outputs, OutputCount * 2);
        }

        Outputs[OutputCount++] = output;
    }

    public void Clear() => (Words, OutputCount, _chars) = (0, 0, 0);
}
