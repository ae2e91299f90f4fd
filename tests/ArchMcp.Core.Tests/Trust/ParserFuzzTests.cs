using System.Diagnostics;
using ArchMcp.Core.Catalog;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using CsCheck;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Trust;

/// <summary>
/// Property tests of the Markdown, front matter, status and rule parsers: whatever the file holds, parsing
/// returns a usable document quickly, never takes the "parser failed" safety net, and keeps its invariants.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Parse_WhenMarkdownIsAdversarial_ReturnsConsistentDocumentWithoutParserFailure()
    {
        Gen.Select(AdversarialMarkdown.RelativePath, AdversarialMarkdown.Document).Sample(
            (path, content) => AssertParses(path, content),
            iter: Fuzz.Iterations(600),
            seed: Fuzz.Seed,
            threads: 1,
            writeLine: output.WriteLine,
            print: t => $"path={Fuzz.Printable(t.Item1)}\n{Fuzz.Printable(t.Item2)}");
    }

    [Fact]
    public void Parse_WhenInputIsRandomText_ReturnsDocumentWithoutParserFailure()
    {
        Gen.String[0, 400].Select(s => s.Replace('x', '\n')).Sample(
            content => AssertParses("decisions/0001-x.md", content),
            iter: Fuzz.Iterations(3000),
            seed: Fuzz.Seed,
            threads: 1,
            writeLine: output.WriteLine,
            print: Fuzz.Printable);
    }

    [Fact]
    public void Catalog_WhenDocumentsAreAdversarial_BuildsAndResolvesEveryReference()
    {
        var docs = Gen.Select(AdversarialMarkdown.RelativePath, AdversarialMarkdown.Document)
            .Array[1, 6]
            .Select(a => a.Select((t, i) => MarkdownKnowledgeParser.Parse(i % 3 == 0 ? "other" : "knowledge", $"{i}/{t.Item1}", t.Item2)).ToArray());
        docs.Sample(
            documents =>
            {
                var catalog = KnowledgeCatalog.Build(documents);
                foreach (var d in documents)
                {
                    _ = catalog.ResolveDecision(d.Id, null);
                    _ = catalog.ResolveDecision(d.Title, d.Root);
                    _ = catalog.ResolveDecision(d.Path, null);
                    foreach (var r in d.Rules)
                    {
                        _ = catalog.ResolveRule(r.Id, null);
                    }
                }

                foreach (var d in catalog.Decisions)
                {
                    Assert.NotNull(catalog.InForce(d));
                }

                _ = KnowledgeLinter.Lint(catalog, []);
            },
            iter: Fuzz.Iterations(30, 20_000),
            seed: Fuzz.Seed,
            threads: 1,
            writeLine: output.WriteLine,
            print: d => string.Join("\n----\n", d.Select(x => x.Path)));
    }

    [Fact]
    public void StatusMapper_WhenTextIsAnything_MapsWithoutThrowing()
    {
        Gen.OneOf(Gen.String[0, 200], Gen.Char[AdversarialMarkdown.NastyChars + "acdeprstuoqnxby ✅❌🚧"].Array[0, 60].Select(a => new string(a))).Sample(
            s =>
            {
                _ = StatusMapper.Map(s);
                Assert.NotNull(StatusMapper.Clean(s));
                _ = DateText.Find(s);
                _ = FileNames.Analyze(s);
                Assert.NotNull(FileNames.Humanize(s));
            },
            iter: Fuzz.Iterations(5000),
            seed: Fuzz.Seed,
            writeLine: output.WriteLine,
            print: Fuzz.Printable);
    }

    /// <summary>
    /// Inputs that are costly for regexes, YAML or Markdig (each found a quadratic or exponential path once):
    /// half a million characters in CI, two million (half the default 4 MiB file limit) under ARCHMCP_LONG=1.
    /// </summary>
    public static TheoryData<string, string> Pathological()
    {
        var n = Fuzz.Long ? 2_000_000 : 500_000;
        return new TheoryData<string, string>
        {
            { "billion-laughs-yaml", "---\n" + AdversarialMarkdown.Laughs(9) + "\n---\n# T\n" },
            { "deep-yaml-flow", "---\ndeep: " + new string('[', 100_000) + new string(']', 100_000) + "\n---\n# T\n" },
            { "deep-yaml-block", "---\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i) + "k:\n")) + "---\n# T\n" },
            { "many-open-angles", "# T\n\n" + new string('<', n) },
            { "many-open-comments", "# T\n\n" + string.Concat(Enumerable.Repeat("<!--", n / 4)) },
            { "many-anchor-starts", "# T\n\n" + string.Concat(Enumerable.Repeat("<a name=\"", n / 9)) },
            { "y-statement-repeat", "# T\n\n" + string.Concat(Enumerable.Repeat("in the context of facing ", n / 25)) },
            { "sentences", "# T\n\nMUST " + string.Concat(Enumerable.Repeat("a. ", n / 3)) },
            { "huge-heading", "# " + new string('x', n) },
            { "huge-rule-heading", "## MUST " + new string(' ', n / 2) + "[x]" + new string(' ', n / 2) },
            { "attribute-anchors", "# " + string.Concat(Enumerable.Repeat("{#a} ", n / 5)) },
            { "brackets", "## MUST " + string.Concat(Enumerable.Repeat("[1]", n / 3)) },
            { "deep-quotes", new string('>', 100_000) + " x" },
            { "deep-lists", string.Concat(Enumerable.Range(0, (int)Math.Sqrt(n)).Select(i => new string(' ', i * 2) + "- x\n")) },
            { "deep-emphasis", new string('*', n / 2) + "x" + new string('*', n / 2) },
            { "deep-links", new string('[', n / 2) + "x" + new string(']', n / 2) },
            { "many-lines", string.Concat(Enumerable.Repeat("Status: accepted\n", n / 17)) },
            { "many-headings", string.Concat(Enumerable.Repeat("# 1. x\n", n / 7)) },
            { "many-rules", string.Concat(Enumerable.Repeat("## MUST x [1]\n", n / 14)) },
            { "table-wide", string.Join('|', Enumerable.Repeat("a", 50_000)) + "\n" + string.Join('|', Enumerable.Repeat("-", 50_000)) },
            { "status-relations", "# 1. T\n\nStatus: " + string.Concat(Enumerable.Repeat("superseded by ", n / 14)) },
            { "lone-surrogates", "# \ud800\n\n" + string.Concat(Enumerable.Repeat("\udc00\ud800 x", n / 4)) },
        };
    }

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Parse_WhenInputIsPathological_FinishesQuickly(string name, string content)
    {
        var watch = Stopwatch.StartNew();
        var doc = AssertParses("standards/" + name + ".md", content);
        output.WriteLine($"{name}: {content.Length:N0} chars in {watch.ElapsedMilliseconds} ms; {doc.Sections.Count} sections, {doc.Rules.Count} rules");
    }

    /// <summary>Parses and checks what every consumer of a document relies on.</summary>
    internal static KnowledgeDocument AssertParses(string path, string content)
    {
        var watch = Stopwatch.StartNew();
        var doc = MarkdownKnowledgeParser.Parse("knowledge", path, content);
        watch.Stop();
        // the one accepted failure: Markdig's nesting limit, reported as such (not as a bug)
        var failure = doc.Findings.FirstOrDefault(f => f.Code == LintCodes.ParserFailure && !f.Message.Contains("nested too deeply", StringComparison.Ordinal));
        Assert.True(failure is null, failure?.Message);
        Assert.True(watch.Elapsed < Fuzz.PerInputBudget, $"Parsing took {watch.ElapsedMilliseconds} ms for {content.Length} chars.");

        Assert.Equal("knowledge", doc.Root);
        Assert.False(doc.Path.StartsWith('/'));
        Assert.False(doc.Path.Contains('\\', StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(doc.Id), "Every document needs an id.");
        Assert.NotNull(doc.Title);
        Assert.NotNull(doc.Text);
        var lines = content.Count(c => c == '\n') + content.Count(c => c == '\r') + 2;
        Assert.InRange(doc.TitleLine, 0, lines);
        foreach (var s in doc.Sections)
        {
            Assert.NotNull(s.Heading);
            Assert.NotNull(s.Text);
            Assert.InRange(s.Line, 0, lines);
        }

        foreach (var r in doc.Rules)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Id), "Every rule needs an id.");
            Assert.NotNull(r.Statement);
            Assert.InRange(r.Line, 0, lines);
        }

        foreach (var l in doc.Links)
        {
            Assert.NotNull(l.Target);
            // Markdig can place an inline link past the last line (mixed \r, HTML blocks); only the sign is checked
            Assert.True(l.Line >= 0);
        }

        if (doc.Decision is { } decision)
        {
            Assert.NotNull(decision.RawStatus);
            Assert.True(Enum.IsDefined(decision.Status));
            Assert.All(decision.Relations, r => Assert.NotNull(r.Target));
        }

        foreach (var f in doc.Findings)
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Message));
            Assert.DoesNotContain("   at ", f.Message, StringComparison.Ordinal);
        }

        return doc;
    }
}
