using ArchMcp.Core.Indexing;
using ArchMcp.Core.Tests.Trust;
using ArchMcp.Tests.Shared;
using CsCheck;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Engine;

/// <summary>
/// Indexing splits text with <see cref="QuickTokenizer"/>, queries with Lucene's StandardTokenizer: the two must make
/// the same tokens (terms, offsets, position increments, types, and the state at the end) for any text, or a word
/// indexed one way would be searched for another.
/// </summary>
public sealed class QuickTokenizerTests(ITestOutputHelper output)
{
    /// <summary>The characters the quick tokenizer handles itself, most of them with a word-break rule of their own.</summary>
    private const string Handled = "aZq09_:.',;  \t\n\r-/\"()#*`|!?éÉßÿ×÷\u00a0©«»‘’“”–—…•→└─│ ";

    /// <summary>Characters it hands to StandardTokenizer: other scripts, marks, format characters, emoji, MidLetter ·.</summary>
    private const string Unhandled = "µª·\u00ad\u0301\u200b\u200dא日カ한ไ😀\ud83d";

    [Theory]
    [InlineData("")]
    [InlineData("Use PostgreSQL 15.2 for the order_service; see ADR-0012 (e.g. the team's choice).")]
    [InlineData("a.b.c a..b 1,000.50 1,000, v1.2.3 1.a a.1 a1.2 1a.2 a:b a: :a http://x.org/path")]
    [InlineData("_ __ _a a_ a__b a_.b a._b _1 1_ 1__2 _.a __ __x_ ___")]
    [InlineData("don't rock'n'roll it’s ‘quoted’ 1’000 can’t o’clock 'single' ''")]
    [InlineData("naïve café—déjà vu…and «more» ½ × 3 ÷ 4 © 2024 → next └── tree │ x")]
    [InlineData("A.B. U.S.A. x.y.z. 3.14.15 1;2 a;b 1:2 1'2")]
    public void Tokens_WhenTextIsInTheAlphabet_AreStandardTokenizers(string text)
    {
        AssertSame(text);
    }

    [Theory]
    [InlineData("日本語のテキスト and English")]
    [InlineData("emoji 😀 in a sentence, µs and ª")]
    [InlineData("soft\u00adhyphen and zero\u200bwidth, com\u0301bining")]
    public void Tokens_WhenTextHasOtherCharacters_AreStandardTokenizers(string text)
    {
        AssertSame(text);
    }

    [Fact]
    public void Tokens_WhenAnyCharacterIsBetweenOrBesideWords_AreStandardTokenizers()
    {
        // every character of the Basic Multilingual Plane (surrogates aside) where its word-break class decides:
        // between letters, between digits, before and after a word, beside underscores
        for (var c = '\u0080'; c < char.MaxValue; c++)
        {
            if (!char.IsSurrogate(c))
            {
                AssertSame($"a{c}b 1{c}2 {c}x y{c} _{c}_ a{c}1 9{c}z {c}{c}", $"U+{(int)c:X4}");
            }
        }
    }

    [Fact]
    public void Tokens_WhenLongerThanTheLimit_AreSkippedLeavingAPositionGap()
    {
        var limit = QuickTokenizer.MaxTokenLength;
        AssertSame($"start {new string('x', limit)} {new string('y', limit + 1)} end {new string('z', 5000)}");
        AssertSame($"{new string('a', limit + 1)}"); // the last token skipped: the gap is in the state at the end
    }

    [Fact]
    public void Tokens_WhenOneStreamTakesManyTexts_AreStandardTokenizersEachTime()
    {
        // the stream is reused field after field, switching between its own splitting and StandardTokenizer's
        using var quick = new QuickTokenizer(new StringReader(""));
        foreach (var text in new[] { "plain words", "日本 words", "more plain", "", "😀", new string('w', 20_000) + " tail" })
        {
            quick.SetReader(new StringReader(text));
            Assert.Equal(Read(new StandardTokenizer(ArchAnalyzer.Version, new StringReader(text))), Read(quick));
        }
    }

    [Fact]
    public void Tokens_WhenShippedKnowledge_AreStandardTokenizersForEveryFile()
    {
        Assert.NotNull(ShippedKnowledge.Path);
        AssertSameForFolder(ShippedKnowledge.Path!);
    }

    [SkippableFact]
    public void Tokens_WhenSharedCorpora_AreStandardTokenizersForEveryFile()
    {
        Skip.If(Corpora.SkipReason is not null, Corpora.SkipReason);
        AssertSameForFolder(Corpora.Path!);
    }

    [Fact]
    public void Tokens_WhenTextIsRandom_AreStandardTokenizers()
    {
        var handled = Gen.Char[Handled].Array[0, 80].Select(a => new string(a));
        var oneUnhandled = Gen.Select(handled, Gen.Char[Unhandled], handled, (a, c, b) => a + c + b);
        var words = Gen.OneOf(Gen.Const("word"), Gen.Const("x"), Gen.Const("12"), Gen.Const("_"), Gen.Const("e.g"), Gen.Const("it’s"))
            .Array[0, 30].Select(a => string.Join(" ", a));
        Gen.Frequency((6, handled), (2, words), (1, oneUnhandled)).Sample(
            AssertSame,
            iter: Fuzz.Iterations(20_000),
            seed: Fuzz.Seed,
            writeLine: output.WriteLine,
            print: Fuzz.Printable);
    }

    private static void AssertSameForFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            AssertSame(File.ReadAllText(file), file);
        }
    }

    private static void AssertSame(string text) => AssertSame(text, Fuzz.Printable(text));

    private static void AssertSame(string text, string name)
    {
        var expected = Read(new StandardTokenizer(ArchAnalyzer.Version, new StringReader(text)));
        var actual = Read(new QuickTokenizer(new StringReader(text)));
        var at = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Count, actual.Count));
        Assert.True(expected.SequenceEqual(actual),
            $"{name}: differs at token {at}: expected {(at < expected.Count ? expected[at] : "nothing")}, got {(at < actual.Count ? actual[at] : "nothing")}");
    }

    private static List<Token> Read(Tokenizer tokenizer)
    {
        var tokens = new List<Token>();
        var term = tokenizer.AddAttribute<ICharTermAttribute>();
        var increment = tokenizer.AddAttribute<IPositionIncrementAttribute>();
        var offset = tokenizer.AddAttribute<IOffsetAttribute>();
        var type = tokenizer.AddAttribute<ITypeAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            tokens.Add(new Token(term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset, type.Type));
        }

        tokenizer.End();
        tokens.Add(new Token("(end)", increment.PositionIncrement, offset.StartOffset, offset.EndOffset, ""));
        tokenizer.Dispose();
        return tokens;
    }

    private readonly record struct Token(string Term, int Increment, int Start, int End, string Type);
}
