using System.Diagnostics;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Trust;

/// <summary>One index of the shared fixtures, built once for every query property.</summary>
public sealed class FixtureIndex : IDisposable
{
    private readonly TempKnowledgeFolder _folder = new();

    public FixtureIndex()
    {
        Service = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [_folder.Path], IndexPath = Path.Combine(_folder.Path, ".archmcp-index") }),
            NullLogger<KnowledgeService>.Instance);
        Service.RefreshAsync().GetAwaiter().GetResult();
    }

    public KnowledgeService Service { get; }

    public void Dispose()
    {
        Service.Dispose();
        _folder.Dispose();
    }
}

/// <summary>
/// Property tests of the query path: whatever the text (Lucene syntax, regexes, 10k characters, punctuation, lone
/// surrogates), search and lookups answer with results or a <see cref="KnowledgeException"/> whose message a person
/// can act on — never another exception, never a hang.
/// </summary>
public sealed class QueryFuzzTests(FixtureIndex index, ITestOutputHelper output) : IClassFixture<FixtureIndex>
{
    private static readonly TimeSpan QueryBudget = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Bombs()
    {
        var data = new TheoryData<string>();
        foreach (var b in AdversarialQueries.Bombs)
        {
            data.Add(b);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Bombs))]
    public async Task Search_WhenQueryIsSyntaxBomb_AnswersOrExplains(string query)
    {
        await AssertAnswersAsync(query, new SearchRequest { Query = query });
    }

    [Fact]
    public void Search_WhenQueryIsAdversarial_AnswersOrExplains()
    {
        var request = Gen.Select(
            AdversarialQueries.Query,
            Gen.Int[-2, 60],
            Gen.Enum<DocumentKind>().Nullable(),
            Gen.Enum<DecisionStatus>().Nullable(),
            Gen.OneOf(Gen.Const<string?>((string?)null), Gen.Const<string?>("knowledge"), Gen.Const<string?>("nope"), Gen.Const<string?>("")),
            Gen.OneOf(Gen.Const<string[]>([]), Gen.Const<string[]>(["events"]), Gen.String[0, 10].Array[0, 3]),
            (q, limit, kind, status, root, tags) => new SearchRequest { Query = q, Limit = limit, Kind = kind, Status = status, Root = root, Tags = tags });
        request.Sample(
            r => AssertAnswersAsync(r.Query, r).GetAwaiter().GetResult(),
            iter: Fuzz.Iterations(400),
            seed: Fuzz.Seed,
            threads: 1,
            writeLine: output.WriteLine,
            print: r => $"limit={r.Limit} kind={r.Kind} status={r.Status} root={r.Root} tags=[{string.Join(",", r.Tags)}] query={Fuzz.Printable(r.Query)}");
    }

    [Fact]
    public void Lookups_WhenReferenceIsAdversarial_ReturnOrExplain()
    {
        AdversarialQueries.Query.Sample(
            q =>
            {
                Explains(() => index.Service.GetDecisionAsync(new GetDecisionRequest { Reference = q }), q);
                Explains(() => index.Service.GetRuleAsync(q), q);
                Explains(() => index.Service.GetDocumentAsync(DocumentKind.Decision, q), q);
                Explains(() => index.Service.GetDocumentAsync(DocumentKind.Standard, q), q);
                Explains(() => index.Service.DesignChecklistAsync(new ChecklistRequest { Design = q }), q);
                foreach (var target in Enum.GetValues<CompletionTarget>())
                {
                    Assert.NotNull(index.Service.CompleteIds(target, q));
                }
            },
            iter: Fuzz.Iterations(120),
            seed: Fuzz.Seed,
            threads: 1,
            writeLine: output.WriteLine,
            print: Fuzz.Printable);
    }

    [Fact]
    public async Task Search_WhenQueryIsTenThousandCharacters_AnswersWithinBudget()
    {
        var words = string.Join(' ', Enumerable.Range(0, 2_000).Select(i => i % 3 == 0 ? "kafka" : $"w{i}"));
        await AssertAnswersAsync(words[..10_000], new SearchRequest { Query = words[..10_000] });
    }

    /// <summary>
    /// Repeated intent words ("which adr which adr …") once made the status-listing pattern of the query intent
    /// backtrack cubically and AskSuccessor go quadratic (seconds to minutes of CPU per query). 3,500 characters
    /// here, so a regression fails in seconds rather than hanging. Also replayed from
    /// tests/fuzz-regressions/queries/which-adr-repeat.txt and which-repeat.txt.
    /// </summary>
    [Fact]
    public async Task Search_WhenQueryRepeatsIntentWords_AnswersWithinBudget()
    {
        var query = string.Concat(Enumerable.Repeat("which adr ", 350));
        await AssertAnswersAsync(query, new SearchRequest { Query = query });
    }

    private async Task AssertAnswersAsync(string label, SearchRequest request)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await index.Service.SearchAsync(request);
            Assert.InRange(result.Hits.Count, 0, request.Limit);
            Assert.All(result.Hits, h =>
            {
                Assert.False(string.IsNullOrEmpty(h.Id));
                Assert.False(string.IsNullOrEmpty(h.Uri));
                Assert.NotNull(h.Snippet);
                Assert.False(double.IsNaN(h.Score));
            });
        }
        catch (KnowledgeException ex)
        {
            AssertReadable(ex, label);
        }

        Assert.True(watch.Elapsed < QueryBudget, $"Search took {watch.ElapsedMilliseconds} ms for a {label.Length}-char query.");
    }

    private static void Explains<T>(Func<Task<T>> call, string label)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            Assert.NotNull(call().GetAwaiter().GetResult());
        }
        catch (KnowledgeException ex)
        {
            AssertReadable(ex, label);
        }

        Assert.True(watch.Elapsed < QueryBudget, $"Lookup took {watch.ElapsedMilliseconds} ms for a {label.Length}-char reference.");
    }

    internal static void AssertReadable(KnowledgeException ex, string label)
    {
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), $"Empty message for {Fuzz.Printable(label)}");
        Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Lucene", ex.Message, StringComparison.Ordinal);
    }
}
