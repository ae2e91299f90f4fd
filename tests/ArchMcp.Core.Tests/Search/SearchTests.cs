using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Search;

/// <summary>SearchAsync over the hand-written fixtures and a real on-disk index.</summary>
public sealed partial class SearchTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Theory]
    [InlineData("why do we use Kafka for domain events", "ADR-0001")]
    [InlineData("which API gateway for rate limits and authentication", "ADR-0003")]
    [InlineData("gRPC with protocol buffers for internal calls", "ADR-0004")]
    [InlineData("move databases to Amazon RDS", "ADR-0005")]
    [InlineData("partition key for large tenants", "ADR-0006")]
    [InlineData("CDN cache for product pages", "ADR-0007")]
    [InlineData("SOAP endpoints", "ADR-0008")]
    [InlineData("how do we trace requests", "adopt-opentelemetry")]
    [InlineData("error responses problem json", "API")]
    [InlineData("how long are security logs kept", "SEGAS-00006")]
    [InlineData("prefix interface names", "dotnet-naming")]
    public async Task Search_WhenQuestionMatchesOneRecord_RanksItFirst(string query, string expectedId)
    {
        var result = await _engine.SearchAsync(query);

        Assert.NotEmpty(result.Hits);
        Assert.Equal(expectedId, result.Hits[0].Id);
    }

    [Theory]
    [InlineData("ADR 3")]
    [InlineData("ADR-0003")]
    [InlineData("adr-3")]
    [InlineData("decision 3")]
    [InlineData("decision 0003")]
    [InlineData("what did ADR 3 decide about the gateway?")]
    public async Task Search_WhenQueryNamesDecisionNumber_ReturnsThatDecisionFirst(string query)
    {
        var result = await _engine.SearchAsync(query);

        Assert.Equal("ADR-0003", result.Hits[0].Id);
        Assert.Equal("decisions/0003-choose-api-gateway.md", result.Hits[0].Path);
    }

    [Fact]
    public async Task Search_WhenQueryNamesRuleNumber_ReturnsItsStandardAtTheRuleLine()
    {
        var result = await _engine.SearchAsync("rule 176");

        var first = result.Hits[0];
        Assert.Equal("API", first.Id);
        Assert.Equal("standard", first.Kind);
        Assert.Equal(_engine.FindLine("standards/rest-api-rules.md", "[176]"), first.Line);
        Assert.Contains("176", first.Reason ?? "");
        Assert.Contains("problem JSON", first.Snippet);
    }

    [Theory]
    [InlineData("SEGAS-00015", "SEGAS-00006", "SEGAS-00015: You MUST log")]
    [InlineData("rule API-001", "API", "[API-001]")]
    [InlineData("rule http-url-casing", "API", "MUST use lowercase words in URLs")]
    public async Task Search_WhenQueryNamesRuleId_ReturnsItsStandardAtTheRuleLine(string query, string standardId, string ruleLineText)
    {
        var result = await _engine.SearchAsync(query);

        Assert.Equal(standardId, result.Hits[0].Id);
        Assert.Contains(ruleLineText, _engine.LineOf(result.Hits[0].Path, result.Hits[0].Line));
    }

    [Fact]
    public async Task Search_WhenQueryIsDocumentId_ReturnsThatStandardFirst()
    {
        var result = await _engine.SearchAsync("SEGAS-00006");

        Assert.Equal("SEGAS-00006", result.Hits[0].Id);
        Assert.Equal("standards/segas-logging.md", result.Hits[0].Path);
    }

    [Theory]
    [InlineData("what superseded ADR 2?")]
    [InlineData("what superseded ADR-0002")]
    [InlineData("which decision replaced decision 2")]
    [InlineData("what superseded running postgres on VMs")]
    [InlineData("what replaced the decision to run PostgreSQL on our own VMs?")]
    public async Task Search_WhenAskedWhatSupersededADecision_RanksTheSuccessorFirst(string query)
    {
        var result = await _engine.SearchAsync(query);

        Assert.Equal("ADR-0005", result.Hits[0].Id);
        Assert.Contains("ADR-0002", result.Hits[0].Reason ?? "");
    }

    [Fact]
    public async Task Search_WhenSupersededDecisionMatches_CardNamesSuccessorAndDecisionInForce()
    {
        var result = await _engine.SearchAsync("PostgreSQL on virtual machines managed with Puppet");

        var card = Assert.Single(result.Hits, h => h.Id == "ADR-0002");
        Assert.Equal("superseded", card.Status);
        Assert.Equal(["ADR-0005"], card.SupersededBy);
        Assert.Equal("ADR-0005", card.InForce);
        var successor = Assert.Single(result.Hits, h => h.Id == "ADR-0005");
        Assert.Null(successor.SupersededBy);
        Assert.Null(successor.InForce);
    }

    [Fact]
    public async Task Search_WhenChainHasTwoSteps_InForceIsTheEndOfTheChain()
    {
        _engine.Folder.Write("decisions/0010-use-aurora.md", """
            # 10. Use Aurora PostgreSQL

            Date: 2024-06-01

            ## Status

            Accepted

            Supersedes [ADR-0005](0005-use-managed-postgresql.md)

            ## Decision

            We move from plain RDS to Aurora for faster failover.
            """);

        var result = await _engine.SearchAsync("PostgreSQL on virtual machines managed with Puppet");

        var card = Assert.Single(result.Hits, h => h.Id == "ADR-0002");
        Assert.Equal("ADR-0010", card.InForce);
    }

    [Theory]
    [InlineData("which decisions are still proposed?")]
    [InlineData("list proposed ADRs")]
    [InlineData("proposed decisions")]
    public async Task Search_WhenAskedForDecisionsByStatus_ListsThoseDecisionsFirst(string query)
    {
        var result = await _engine.SearchAsync(query);

        Assert.Equal(["ADR-0003", "ADR-0007"], result.Hits.Take(2).Select(h => h.Id));
        Assert.All(result.Hits.Take(2), h => Assert.Equal("proposed", h.Status));
    }

    [Fact]
    public async Task Search_WhenKindFilterIsStandard_ReturnsOnlyStandards()
    {
        var result = await _engine.Service.SearchAsync(new SearchRequest { Query = "logs kafka api events", Kind = DocumentKind.Standard, Limit = 10 });

        // the REST API rules ("api") and the security logging standard ("logs"); the Kafka decisions are left out
        Assert.Equal(["API", "SEGAS-00006"], result.Hits.Select(h => h.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.All(result.Hits, h => Assert.Equal("standard", h.Kind));
    }

    [Fact]
    public async Task Search_WhenStatusFilterIsAccepted_ReturnsOnlyAcceptedDecisions()
    {
        var result = await _engine.Service.SearchAsync(new SearchRequest { Query = "postgresql kafka events", Status = DecisionStatus.Accepted, Limit = 10 });

        // Kafka, managed PostgreSQL and tenant partitioning; PostgreSQL on VMs is superseded
        Assert.Equal(["ADR-0001", "ADR-0005", "ADR-0006"], result.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
        Assert.All(result.Hits, h => Assert.Equal("accepted", h.Status));
    }

    [Fact]
    public async Task Search_WhenStatusFilterContradictsAReference_DropsThePinnedRecord()
    {
        var result = await _engine.Service.SearchAsync(new SearchRequest { Query = "ADR 2", Status = DecisionStatus.Accepted });

        Assert.DoesNotContain(result.Hits, h => h.Id == "ADR-0002");
    }

    [Fact]
    public async Task Search_WhenTagFilterGiven_ReturnsOnlyTaggedRecords()
    {
        var result = await _engine.Service.SearchAsync(new SearchRequest { Query = "api gateway rules errors", Tags = ["api"], Limit = 10 });

        Assert.Equal(["ADR-0003", "API"], result.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_WhenRootFilterGiven_ReturnsOnlyThatRoot()
    {
        var other = _engine.ExtraFolder();
        other.Write("decisions/0001-use-rabbitmq.md", "# 1. Use RabbitMQ for events\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nTeam B publishes events to RabbitMQ.\n");
        var service = _engine.NewService($"main={_engine.Folder.Path}", $"team-b={other.Path}");

        var result = await service.SearchAsync(new SearchRequest { Query = "events", Root = "team-b" });

        var hit = Assert.Single(result.Hits);
        Assert.Equal("team-b", hit.Root);
        Assert.Equal("Use RabbitMQ for events", hit.Title);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SearchOrchestrator.MaxLimit + 1)]
    public async Task Search_WhenLimitOutOfRange_ThrowsInvalidQuery(int limit)
    {
        var ex = await Assert.ThrowsAsync<InvalidQueryException>(() => _engine.SearchAsync("kafka", limit));

        Assert.Contains("limit", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(SearchOrchestrator.MaxLimit)]
    public async Task Search_WhenLimitInRange_ReturnsAtMostLimitHits(int limit)
    {
        var result = await _engine.SearchAsync("decision events api logs postgresql", limit);

        Assert.InRange(result.Hits.Count, 1, limit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Search_WhenQueryEmpty_ThrowsInvalidQuery(string query)
    {
        await Assert.ThrowsAsync<InvalidQueryException>(() => _engine.SearchAsync(query));
    }

    [Theory]
    [InlineData("*:*")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("+-!(){}[]^\"~*?:\\/ &&||")]
    [InlineData("[a TO")]
    [InlineData("/regex[/")]
    [InlineData("\"unterminated")]
    public async Task Search_WhenQueryIsOnlyLuceneSyntax_MatchesNothingRatherThanEverything(string query)
    {
        var result = await _engine.SearchAsync(query);

        Assert.Empty(result.Hits);
    }

    [Theory]
    [InlineData("kafka AND OR NOT", "ADR-0001")]
    [InlineData("title:kafka~0.5 ^3", "ADR-0001")]
    [InlineData("rule #", "API")]
    [InlineData("title:(foo", "adr")] // "title" is a word of the ADR template
    [InlineData("ADR 999999", "decisions")] // the decisions README lists ADRs
    public async Task Search_WhenQueryMixesLuceneSyntaxWithWords_SearchesTheWords(string query, string expectedId)
    {
        var result = await _engine.SearchAsync(query);

        Assert.Contains(result.Hits, h => h.Id == expectedId);
    }

    [Fact]
    public async Task Search_WhenQueryUsesFieldSyntax_TreatsItAsWords()
    {
        var result = await _engine.SearchAsync("(kafka domain:events");

        Assert.Contains(result.Hits.Take(2), h => h.Id == "ADR-0001");
    }

    [Theory]
    [InlineData("opentelemtry tracing", "adopt-opentelemetry")]
    [InlineData("postgress on virtual machnes", "ADR-0002")]
    [InlineData("Envoy gatway", "ADR-0003")]
    [InlineData("protocl bufers", "ADR-0004")]
    public async Task Search_WhenQueryMisspelled_StillRanksTheRecordFirst(string query, string expectedId)
    {
        var result = await _engine.SearchAsync(query);

        Assert.NotEmpty(result.Hits);
        Assert.Equal(expectedId, result.Hits[0].Id);
    }

    [Fact]
    public async Task Search_WhenMisspelledWordIsShared_StillFindsTheRecord()
    {
        var result = await _engine.SearchAsync("kafak domain events");

        Assert.Contains(result.Hits.Take(2), h => h.Id == "ADR-0001");
    }

    [Theory]
    [InlineData("k8s")]
    [InlineData("kube cluster")]
    [InlineData("kubernetes")]
    public async Task Search_WhenQueryUsesKubernetesAbbreviation_FindsTheKubernetesRecord(string query)
    {
        _engine.Folder.Write("decisions/0010-run-on-k8s.md", "# 10. Run services on a shared cluster\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Decision\n\nEvery service runs on Kubernetes in one shared cluster per region.\n");

        var result = await _engine.SearchAsync(query);

        Assert.Equal("ADR-0010", result.Hits[0].Id);
    }

    [Fact]
    public async Task Search_WhenRecordUsesAbbreviation_FullWordFindsIt()
    {
        _engine.Folder.Write("decisions/0010-run-on-k8s.md", "# 10. Run services on a shared cluster\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Decision\n\nEvery service runs on k8s in one shared cluster per region.\n");

        var result = await _engine.SearchAsync("kubernetes");

        Assert.Equal("ADR-0010", result.Hits[0].Id);
    }

    [Theory]
    [InlineData("pg")]
    [InlineData("postgres")]
    [InlineData("psql")]
    public async Task Search_WhenQueryUsesPostgresAbbreviation_FindsPostgreSqlDecisions(string query)
    {
        var result = await _engine.SearchAsync(query);

        Assert.Equal(["ADR-0002", "ADR-0005"], result.Hits.Take(2).Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_WhenRootHasSynonymFile_UsesTheTeamSynonyms()
    {
        _engine.Folder.Write("archmcp-synonyms.txt", "grpc, protobuf-rpc, prpc\n");

        var result = await _engine.SearchAsync("prpc");

        Assert.NotEmpty(result.Hits);
        Assert.Equal("ADR-0004", result.Hits[0].Id);
    }

    [Theory]
    [InlineData("why do we use Kafka for domain events", "ADR-0001")]
    [InlineData("Puppet virtual machines", "ADR-0002")]
    [InlineData("problem json", "API")]
    [InlineData("security logs retention", "SEGAS-00006")]
    public async Task Search_WhenTextMatches_SnippetIsHighlightedAndLineIsInTheMatchedSection(string query, string id)
    {
        var result = await _engine.SearchAsync(query);

        var hit = Assert.Single(result.Hits, h => h.Id == id);
        var highlighted = Highlight().Matches(hit.Snippet).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(highlighted);
        Assert.True(hit.Line >= 1, "line is 1-based");
        var lines = File.ReadAllLines(_engine.Folder.FullPath(hit.Path));
        Assert.InRange(hit.Line, 1, lines.Length);

        // the cited line is the matched line or the heading of the section that holds it
        var section = string.Join("\n", lines.Skip(hit.Line - 1).Take(6));
        Assert.Contains(highlighted[0], section, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(hit.Snippet.Replace("**", "").Trim()[..20], string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WhenHitsReturned_CardsCarryUriPathRootAndDecisionMetadata()
    {
        var result = await _engine.SearchAsync("Kafka domain events");

        var card = Assert.Single(result.Hits, h => h.Id == "ADR-0001");
        Assert.Equal("arch://decisions/ADR-0001", card.Uri);
        Assert.Equal("decision", card.Kind);
        Assert.Equal("Use Kafka for domain events", card.Title);
        Assert.Equal("accepted", card.Status);
        Assert.Equal("2021-03-04", card.Date);
        Assert.False(string.IsNullOrEmpty(card.Root));
        Assert.True(result.Hits.Zip(result.Hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "scores descend");
    }

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Highlight();
}
