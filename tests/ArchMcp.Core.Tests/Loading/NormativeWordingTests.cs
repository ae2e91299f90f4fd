using System.Text.RegularExpressions;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Loading;

/// <summary>
/// The level a rule's wording implies is read in one pass over its words; it must say exactly what the regular
/// expressions it replaced said (kept here as the reference), word boundaries of any script included.
/// </summary>
public sealed partial class NormativeWordingTests
{
    [Theory]
    [InlineData("Services must log in JSON.", RuleLevel.Must, "must")]
    [InlineData("Services must not log secrets.", RuleLevel.MustNot, "must not")]
    [InlineData("You mustn't log secrets; never store them.", RuleLevel.MustNot, "mustn't")]
    [InlineData("It is not recommended to share databases.", RuleLevel.ShouldNot, "not recommended")]
    [InlineData("Teams should not share databases; sharing is not recommended.", RuleLevel.ShouldNot, "should not")]
    [InlineData("Teams should not recommended it.", RuleLevel.Should, "should")] // one negation: the phrases do not overlap
    [InlineData("You ought to version APIs.", RuleLevel.Should, "should")]
    [InlineData("Mustard and shallots are recommended_ingredients.", RuleLevel.May, "")]
    [InlineData("", RuleLevel.May, "")]
    public void Infer_ReadsTheStrongestWording(string text, RuleLevel level, string raw)
    {
        Assert.Equal((level, raw), (NormativeWording.Infer(text, out var r), r));
        Assert.Equal((level, raw), Reference(text));
    }

    [Fact]
    public void Infer_OnRandomMixesOfTheWords_AgreesWithTheRegularExpressions()
    {
        string[] words = ["must", "Must", "MUST", "mustn", "shall", "required", "mandatory", "never", "prohibited", "forbidden", "not", "NOT",
            "allowed", "permitted", "should", "shouldn", "recommend", "recommended", "recommends", "ought", "to", "prefer", "encouraged",
            "avoid", "discouraged", "do", "don", "t", "the", "service", "mustard", "ṁust", "İ", "K", "x", "MUSTNʼ", "REQUİRED", "ⓂUST", "Ⅿust", "ﬀ", "Σ", "𐐀"];
        string[] gaps = [" ", " ", " ", "'", "’", "  ", "\n", "_", "-", ".", ", ", "\u200d", "\u0301", "é", "7", "\t", "\u00a0", "\u0903"];
        var random = new Random(20261128);
        for (var n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => words[random.Next(words.Length)] + gaps[random.Next(gaps.Length)]));

            Assert.True(Reference(text) == (NormativeWording.Infer(text, out var raw), raw), $"differs on \"{text}\"");
        }
    }

    [SkippableFact]
    public void Infer_OnEverySectionOfTheCorpora_AgreesWithTheRegularExpressions()
    {
        Corpora.Require();
        var texts = Directory.EnumerateFiles(Corpora.Path!, "*.md", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllText(f).Split("\n#"))
            .ToList();
        Assert.True(texts.Count > 1000, $"only {texts.Count} sections in {Corpora.Path}");

        Assert.All(texts, text => Assert.Equal(Reference(text), (NormativeWording.Infer(text, out var raw), raw)));
    }

    private static (RuleLevel, string) Reference(string text)
    {
        var lower = text.ToLowerInvariant();
        if (MustWords().Count(lower) > NegatedMust().Count(lower))
        {
            return (RuleLevel.Must, "must");
        }

        if (MustNotWords().Match(lower) is { Success: true } mustNot)
        {
            return (RuleLevel.MustNot, mustNot.Value);
        }

        if (ShouldWords().Count(lower) > NegatedShould().Count(lower))
        {
            return (RuleLevel.Should, "should");
        }

        return ShouldNotWords().Match(lower) is { Success: true } shouldNot ? (RuleLevel.ShouldNot, shouldNot.Value) : (RuleLevel.May, "");
    }

    [GeneratedRegex(@"\b(must not|mustn't|must never|shall not|never|prohibited|forbidden|not allowed|not permitted)\b")]
    private static partial Regex MustNotWords();

    [GeneratedRegex(@"\b(must|shall|required|mandatory)\b")]
    private static partial Regex MustWords();

    [GeneratedRegex(@"\b(must not|must never|shall not)\b")]
    private static partial Regex NegatedMust();

    [GeneratedRegex(@"\b(should not|shouldn't|avoid|not recommended|discouraged|do not|don't)\b")]
    private static partial Regex ShouldNotWords();

    [GeneratedRegex(@"\b(should|recommend|recommended|recommends|ought to|prefer|encouraged)\b")]
    private static partial Regex ShouldWords();

    [GeneratedRegex(@"\b(should not|not recommended)\b")]
    private static partial Regex NegatedShould();
}
