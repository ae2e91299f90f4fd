using CsCheck;

namespace ArchMcp.Core.Tests.Trust;

/// <summary>
/// CsCheck generators of hostile Markdown: the shapes real ADR logs and standards use (front matter, numbered
/// headings, status lines, rule headings) mixed with what breaks parsers (unterminated fences, YAML anchors and
/// deep nesting, huge headings, control characters, lone surrogates, bidi marks, deep lists and quotes, odd links).
/// </summary>
public static class AdversarialMarkdown
{
    /// <summary>Characters that are hard on tokenisers, regexes and encoders.</summary>
    public const string NastyChars =
        "\0\u0001\u0007\b\t\v\f\r\u001b\u001f\u007f\u0085\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2028\u2029" +
        "\u2066\u2069\ufeff\ufffd\ufffe\uffff\ud800\udbff\udc00\udfff\u0301\u0336" +
        "#*_`~[](){}<>!|\\/:;\"'&%$@^=+-.,?";

    private static readonly Gen<string> Word = Gen.OneOf(
        Gen.Const("kafka"), Gen.Const("postgres"), Gen.Const("API"), Gen.Const("versioning"), Gen.Const("tenant"),
        Gen.Const("MUST"), Gen.Const("SHOULD NOT"), Gen.Const("superseded"), Gen.Const("ADR-0007"), Gen.Const("[176]"),
        Gen.Const("✅"), Gen.Const("❌"), Gen.Const("🚀"), Gen.Const("Ünïcödé"), Gen.Const("مرحبا"), Gen.Const("שלום"),
        Gen.Const("日本語"), Gen.Const("e\u0301"), Gen.Const("\u202egnp.exe"), Gen.Const("a\u200db"), Gen.Const("0007"),
        Gen.Const("*"), Gen.Const("~~"), Gen.Const("\\"), Gen.Const("&amp;"), Gen.Const("&#0;"), Gen.Const("<!--"),
        Gen.String[0, 12],
        Gen.Char[NastyChars].Array[1, 8].Select(a => new string(a)),
        Gen.Char.Array[1, 6].Select(a => new string(a)));

    private static readonly Gen<string> Words = Word.Array[0, 12].Select(w => string.Join(' ', w));

    private static readonly Gen<string> Status = Gen.OneOf(
        Gen.Const("Accepted"), Gen.Const("✅ Accepted"), Gen.Const("🟢 accepted"), Gen.Const("Proposed"), Gen.Const("🚧 Draft"),
        Gen.Const("Superseded by [ADR-0005](0005-x.md)"), Gen.Const("superseded by 9999"), Gen.Const("Amends ADR-1"),
        Gen.Const("Deprecated ⚠️"), Gen.Const("❌ Rejected"), Gen.Const("Supersedes [3](0003-y.md), [4](../4.md)"),
        Gen.Const(""), Gen.Const("superseded by superseded by superseded by"), Words);

    private static readonly Gen<string> Target = Gen.OneOf(
        Gen.Const("0005-use-managed-postgresql.md"), Gen.Const("../../../../etc/passwd"), Gen.Const("/etc/shadow"),
        Gen.Const("javascript:alert(1)"), Gen.Const("data:text/html;base64,PHNjcmlwdD4="), Gen.Const("file:///C:/Windows/win.ini"),
        Gen.Const("arch://decisions/../../secrets"), Gen.Const("<>"), Gen.Const("#"), Gen.Const(""), Gen.Const("%00.md"),
        Gen.Const("..%2f..%2fx.md"), Gen.Const("\\\\server\\share\\x.md"), Gen.Const("a b c.md \"title\""),
        Gen.Const("http://[::1]:0/x"), Gen.Const("mailto:x@y"), Gen.Const("x.md#" + new string('#', 300)),
        Gen.Const("./" + string.Concat(Enumerable.Repeat("../", 200)) + "x.md"), Words.Select(w => w + ".md"));

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Words, Status, Gen.Const("~"), Gen.Const("null"), Gen.Const("yes"), Gen.Const("0x1F"), Gen.Const(".inf"),
        Gen.Const("2024-13-45"), Gen.Const("2024-01-15T25:61:61Z"), Gen.Const("'unterminated"), Gen.Const("\"esc \\u0000 \\x41\""),
        Gen.Const("!!binary AAAA"), Gen.Const("!custom tag"), Gen.Const("*undefined_alias"), Gen.Const("&a"), Gen.Const("{"),
        Gen.Const("[a, [b, [c"), Gen.Const("|"), Gen.Const(">-"), Gen.Const("? complex"), Gen.Const("- - - -"),
        Gen.Const("%YAML 1.1"), Gen.Const("key: value: other"), Gen.Const("\t tab"), Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Key = Gen.OneOf(
        Gen.Const("status"), Gen.Const("date"), Gen.Const("title"), Gen.Const("id"), Gen.Const("tags"), Gen.Const("decision-makers"),
        Gen.Const("superseded-by"), Gen.Const("supersedes"), Gen.Const("amends"), Gen.Const("kind"), Gen.Const("type"),
        Gen.Const("<<"), Gen.Const("? "), Gen.Const("\"quoted key\""), Gen.Const("ключ"), Word);

    private static readonly Gen<string> YamlLine = Gen.Frequency(
        (8, Gen.Select(Key, Scalar, (k, v) => $"{k}: {v}")),
        (2, Gen.Select(Key, Scalar.Array[0, 6], (k, v) => $"{k}: [{string.Join(", ", v)}]")),
        (2, Gen.Select(Key, Scalar.Array[0, 6], (k, v) => $"{k}:\n" + string.Concat(v.Select(x => $"  - {x}\n")))),
        (1, Gen.Int[1, 300].Select(d => "deep: " + new string('[', d) + new string(']', d))),
        (1, Gen.Int[1, 300].Select(d => "deep: " + string.Concat(Enumerable.Repeat("{a: ", d)) + "1" + new string('}', d))),
        (1, Gen.Int[1, 100].Select(d => string.Concat(Enumerable.Range(0, d).Select(i => new string(' ', i * 2) + "k:\n")) + new string(' ', d * 2) + "v")),
        (1, Gen.Int[2, 9].Select(Laughs)),
        (1, Gen.Const("a: &x [1, 2]\nb: *x\nc: *x\nstatus: *x")),
        (1, Gen.Const("base: &b {status: accepted, date: 2020-01-01}\nother:\n  <<: *b")),
        (1, Gen.Const("a: &a\n  b: *a")),
        (1, Gen.Const("---\nsecond: document\n...")),
        (1, Gen.Const("status: &s accepted\ntitle: *s\ntags: [*s, *s]")),
        (1, Gen.Int[1, 500].Select(n => "title: " + new string('x', n * 20))),
        (1, Words));

    private static readonly Gen<string> FrontMatter = Gen.Frequency(
        (6, YamlLine.Array[0, 8].Select(l => "---\n" + string.Join('\n', l) + "\n---")),
        (1, YamlLine.Array[0, 4].Select(l => "---\n" + string.Join('\n', l))),
        (1, YamlLine.Array[0, 4].Select(l => "+++\n" + string.Join('\n', l) + "\n+++")),
        (1, Gen.Const("---\n---")),
        (1, Gen.Const("---")),
        (1, Gen.Const("--- \n\t---\n---")));

    private static readonly Gen<string> Heading = Gen.Frequency(
        (4, Gen.Select(Gen.Int[1, 7], Words, (n, w) => $"{new string('#', n)} {w}")),
        (2, Gen.Select(Gen.Int[0, 99999], Words, (n, w) => $"# {n}. {w}")),
        (2, Gen.Select(Gen.Int[0, 99999], Words, (n, w) => $"# ADR-{n:D4}: {w}")),
        (1, Words.Select(w => $"# Architecture Decision Record: {w}")),
        (2, Gen.Select(Gen.OneOf(Gen.Const("MUST"), Gen.Const("SHOULD"), Gen.Const("MAY"), Gen.Const("MUST NOT"), Gen.Const("DO NOT"), Gen.Const("{SHOULD}")), Words, Gen.OneOf(Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Gen.String[0, 20], Gen.Const("")),
            (l, w, id) => $"## {l} {w} [{id}]")),
        (1, Gen.Select(Gen.Int[1, 999999], Words, (n, w) => $"### API-{n}: {w}")),
        (1, Gen.Int[1, 20_000].Select(n => "# " + new string('x', n))),
        (1, Gen.Int[1, 2_000].Select(n => "## " + string.Concat(Enumerable.Repeat("[1]", n)))),
        (1, Gen.Int[1, 2_000].Select(n => "## MUST " + new string(' ', n) + "[x]" + new string(' ', n))),
        (1, Gen.Int[1, 500].Select(n => "# " + string.Concat(Enumerable.Repeat("{#a} ", n)))),
        (1, Words.Select(w => $"{w}\n===")),
        (1, Words.Select(w => $"{w}\n---")),
        (1, Gen.Const("#")),
        (1, Gen.Const("# <a name=\"x\"></a> <a id='y'>")));

    private static readonly Gen<string> Paragraph = Gen.Frequency(
        (6, Words),
        (2, Status.Select(s => $"Status: {s}")),
        (1, Status.Select(s => $"- Status: {s}\n- Date: 2024-02-30")),
        (1, Status.Select(s => $"## Status\n\n{s}")),
        (1, Gen.Select(Gen.OneOf(Gen.Const("MUST"), Gen.Const("YOU SHOULD NOT"), Gen.Const("✅ DO"), Gen.Const("❌ DON'T"), Gen.Const("AVOID"), Gen.Const("CONSIDER")), Words, (l, w) => $"{l} {w}.")),
        (1, Words.Select(w => $"In the context of {w}, facing {w} we decided for {w}, to achieve {w}, accepting {w}.")),
        (1, Gen.Select(Words, Target, (w, t) => $"[{w}]({t})")),
        (1, Gen.Select(Words, Target, (w, t) => $"[{w}]: {t}\n\n[{w}][{w}]")),
        (1, Target.Select(t => $"<{t}> {t}")),
        (1, Gen.Select(Gen.Int[0, 120], Words, (d, w) => string.Concat(Enumerable.Range(0, d).Select(i => new string(' ', i * 2) + "- " + w + "\n")))),
        (1, Gen.Select(Gen.Int[0, 300], Words, (d, w) => new string('>', d) + " " + w)),
        (1, Gen.Select(Gen.Int[0, 300], Words, (d, w) => string.Concat(Enumerable.Repeat("> - 1. ", d)) + w)),
        (1, Gen.Int[0, 300].Select(d => new string('*', d) + "x" + new string('_', d))),
        (1, Gen.Int[0, 300].Select(d => new string('[', d) + "x" + new string(']', d) + new string('(', d))),
        (1, Gen.Int[0, 300].Select(d => string.Concat(Enumerable.Repeat("<a>", d)))),
        (1, Gen.Int[0, 5_000].Select(d => new string('<', d))),
        (1, Gen.Int[0, 2_000].Select(d => string.Concat(Enumerable.Repeat("<!--", d)))),
        (1, Gen.Int[0, 2_000].Select(d => string.Concat(Enumerable.Repeat("<a name=\"", d)))),
        (1, Gen.Int[0, 2_000].Select(d => string.Concat(Enumerable.Repeat("in the context of facing ", d)))),
        (1, Gen.Int[0, 2_000].Select(d => string.Concat(Enumerable.Repeat("MUST. ", d)))),
        (1, Gen.Select(Gen.Int[1, 40], Gen.Int[0, 40], Words, (c, r, w) =>
            string.Join('|', Enumerable.Repeat(w, c)) + "\n" + string.Join('|', Enumerable.Repeat("---", Math.Max(1, c - 1))) + "\n" +
            string.Concat(Enumerable.Range(0, r).Select(i => string.Join('|', Enumerable.Repeat("x", i % (c + 2))) + "\n")))),
        (1, Words.Select(w => $"```mermaid\ngraph TD; A-->B; {w}\n```")),
        (1, Words.Select(w => $"```\n{w}")),
        (1, Words.Select(w => $"~~~~\n{w}\n```")),
        (1, Words.Select(w => $"    indented {w}")),
        (1, Words.Select(w => $"<div>\n{w}\n")),
        (1, Words.Select(w => $"<a name=\"{w}\"></a>")),
        (1, Words.Select(w => $"$$\n{w}\n$$")),
        (1, Gen.Char[NastyChars].Array[0, 200].Select(a => new string(a))),
        (1, Gen.String[0, 200]));

    private static readonly Gen<string> Block = Gen.Frequency((3, Heading), (6, Paragraph), (1, FrontMatter));

    private static readonly Gen<string> NewLine = Gen.OneOf(Gen.Const("\n"), Gen.Const("\n\n"), Gen.Const("\r\n"), Gen.Const("\r"), Gen.Const("\n\n\n"));

    // Sizes stay in the tens of thousands of characters so thousands of files fit a CI run; the large versions
    // of these shapes are ParserFuzzTests.Pathological.

    /// <summary>A whole file: optional front matter on line 1, then a mix of blocks with mixed line endings.</summary>
    public static readonly Gen<string> Document = Gen.Select(
        Gen.Frequency((3, FrontMatter), (2, Gen.Const(""))),
        Gen.Select(Block, NewLine).Array[0, 25],
        Gen.OneOf(Gen.Const(""), Gen.Const("\uFEFF")),
        (fm, blocks, bom) => bom + (fm.Length > 0 ? fm + "\n" : "") + string.Concat(blocks.Select(b => b.Item1 + b.Item2)));

    /// <summary>A relative path like the ones found in knowledge roots, with odd names mixed in.</summary>
    public static readonly Gen<string> RelativePath = Gen.Frequency(
        (4, Gen.Select(Gen.Int[0, 99999], Words, (n, w) => $"decisions/{n:D4}-{Slug(w)}.md")),
        (2, Words.Select(w => $"standards/{Slug(w)}.md")),
        (1, Gen.Const("decisions/20240115-adopt-x.md")),
        (1, Gen.Const("../../escape.md")),
        (1, Gen.Const("\\windows\\style.md")),
        (1, Gen.Const("/abs/x.md")),
        (1, Gen.Const(".md")),
        (1, Gen.Const("")),
        (1, Gen.String[0, 40]));

    /// <summary>The YAML "billion laughs": <paramref name="depth"/> levels, each referring nine times to the one below.</summary>
    public static string Laughs(int depth)
    {
        var b = new System.Text.StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= depth; i++)
        {
            b.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        }

        b.Append($"tags: *l{depth}\nstatus: *l{depth}\ntitle: *l{depth}");
        return b.ToString();
    }

    private static string Slug(string words)
    {
        var s = new string(words.Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ').ToArray()).Trim().Replace(' ', '-');
        return s.Length == 0 ? "x" : s.Length > 60 ? s[..60] : s;
    }
}
