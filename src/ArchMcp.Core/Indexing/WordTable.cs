namespace ArchMcp.Core.Indexing;

/// <summary>
/// A table from words to numbers that only grows, for <see cref="MemoizedChainFilter"/>: it is asked for every token
/// indexed. Words live in one char array in the order they came (the common ones first, close together); slots are
/// probed linearly and hold entry numbers. It starts small and doubles as words come, up to <paramref name="capacity"/>
/// words.
/// </summary>
public sealed class WordTable(int capacity)
{
    private const int Initial = 1024;

    // at most half the slots are used: probe runs stay short
    private int[] _slots = new int[Initial * 2];
    private int[] _starts = new int[Initial];
    private int[] _hashes = new int[Initial];
    private int[] _values = new int[Initial];
    private byte[] _lengths = new byte[Initial];
    private char[] _chars = new char[Initial * 8];
    private int _used;

    /// <summary>Words kept so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether another word can be added.</summary>
    public bool IsFull => Count == capacity;

    /// <summary>Longest word kept.</summary>
    public const int MaxLength = byte.MaxValue;

    /// <summary>The number kept for <paramref name="word"/>; -1 when it is not in the table.</summary>
    public int Find(ReadOnlySpan<char> word)
    {
        var hash = Hash(word);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (_hashes[entry] == hash && _lengths[entry] == word.Length && _chars.AsSpan(_starts[entry], word.Length).SequenceEqual(word))
            {
                return _values[entry];
            }
        }
    }

    /// <summary>Keeps <paramref name="value"/> (not negative) for <paramref name="word"/>, which is not in the table; nothing when it is full or the word too long.</summary>
    public void Add(ReadOnlySpan<char> word, int value)
    {
        if (IsFull || word.Length > MaxLength)
        {
            return;
        }

        if (_used + word.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + word.Length));
        }

        if (Count == _values.Length)
        {
            Grow();
        }

        var entry = Count++;
        word.CopyTo(_chars.AsSpan(_used));
        (_starts[entry], _lengths[entry], _hashes[entry], _values[entry]) = (_used, (byte)word.Length, Hash(word), value);
        _used += word.Length;
        Place(entry);
    }

    private void Grow()
    {
        var size = Math.Min(capacity, _values.Length * 2);
        Array.Resize(ref _starts, size);
        Array.Resize(ref _hashes, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _lengths, size);
        _slots = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)size * 2)];
        for (var entry = 0; entry < Count; entry++)
        {
            Place(entry);
        }
    }

    private void Place(int entry)
    {
        var mask = _slots.Length - 1;
        var slot = _hashes[entry] & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _slots[slot] = entry + 1;
    }

    /// <summary>FNV-1a over the chars, its high bits folded in (the slot is taken from the low ones).</summary>
    private static int Hash(ReadOnlySpan<char> word)
    {
        var h = 2166136261u;
        foreach (var c in word)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)((h ^ (h >> 16)) & int.MaxValue);
    }
}
