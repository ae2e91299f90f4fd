using CsCheck;

namespace ArchMcp.Core.Tests.Trust;

/// <summary>Generators of hostile query text: Lucene syntax bombs, regexes, huge, empty-ish, numeric and unicode queries.</summary>
public static class AdversarialQueries
{
    /// <summary>Queries that break a naive Lucene QueryParser or a careless regex.</summary>
    public static readonly string[] Bombs =
    [
        "a~~~~", "kafka~", "kafka~0.5", "kafka~99999999999", "*:*", "*", "?", "??????", "((((", "))))", "((((kafka))))", "field:[a TO z]",
        "title:{* TO *}", "status:[accepted TO superseded]", "\"unterminated", "\"\"", "\"kafka postgres\"~10000", "/.*/", "/(a+)+$/",
        "/[/", "kafka AND", "OR OR OR", "NOT", "NOT NOT kafka", "-", "--", "+", "+-+-", "&&", "||", "!", "^", "kafka^999999999999", "kafka^-1",
        "\\", "\\\\\\", "::", ":", "a:", ":a", "_id:1", "body:kafka", "{!lucene}x", "$(rm -rf /)", "'; DROP TABLE x; --", "%00", "%s%s%s%n",
        "{{7*7}}", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "ADR-", "ADR-99999999999999", "ADR-0", "ADR 0007 ADR 7 ADR-7", "rule #",
        "rule #176 #118 #SEGAS-00006", "#", "##########", "0", "-1", "1e308", "NaN", "9999999999999999999999", "0x7fffffff",
        "which decisions are superseded", "what superseded ADR 1", "what superseded what superseded", "list all pending adrs",
        "\u0000", "\u0000kafka\u0000", "\ud800", "\udc00kafka\ud800", "\u202ekafka", "\u200f\u200e", "\ufeff", "🚀🚀🚀", "👨‍👩‍👧‍👦", "e\u0301\u0301\u0301",
        "مرحبا كافكا", "日本語の検索", "ΑΠΙ", "İstanbul ı", "ß", "ﬁ", "\t\n\r", " ", ".", "...", "?!?!", "-*-", "a*b?c",
    ];

    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.OneOf(Bombs.Select(Gen.Const).ToArray()),
        Gen.OneOf(Gen.Const("kafka"), Gen.Const("postgres"), Gen.Const("api"), Gen.Const("versioning"), Gen.Const("tenant"), Gen.Const("events")),
        Gen.Char[AdversarialMarkdown.NastyChars].Array[1, 10].Select(a => new string(a)),
        Gen.Char["+-&|!(){}[]^\"~*?:\\/ "].Array[1, 20].Select(a => new string(a)),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.String[0, 30]);

    /// <summary>A query: one to twenty pieces, sometimes repeated to thousands of characters.</summary>
    public static readonly Gen<string> Query = Gen.Frequency(
        (8, Piece.Array[1, 20].Select(p => string.Join(' ', p))),
        // repeated pieces stay under ~3,000 characters: longer runs of intent words ("which", "adr") hit the known
        // QueryInterpreter regex bug, covered by QueryFuzzTests.Search_WhenQueryRepeatsIntentWords… and the regression files
        (1, Gen.Select(Piece, Gen.Int[10, 100], (p, n) => string.Join(' ', Enumerable.Repeat(p, n)))),
        (1, Gen.Int[1, 12_000].Select(n => new string('a', n))),
        (1, Gen.Int[1, 300].Select(n => string.Concat(Enumerable.Repeat("which ", n)))),
        (1, Gen.Int[1, 2_000].Select(n => string.Concat(Enumerable.Repeat("rule #1 ", n)))),
        (1, Gen.Int[1, 2_000].Select(n => string.Concat(Enumerable.Repeat("kafka~ ", n)))),
        (1, Gen.Int[1, 1_000].Select(n => string.Join(' ', Enumerable.Range(0, n).Select(i => $"word{i}")))));
}
