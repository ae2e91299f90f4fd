using System.Text.Json;
using System.Text.RegularExpressions;
using ArchMcp.Server.Tests.Cli;
using ArchMcp.Server.Tests.Infrastructure;
using ArchMcp.Tests.Shared;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ArchMcp.Server.Tests;

/// <summary>
/// What a strict client (the MCP Inspector, any TypeScript SDK client) checks: every tool result valid against the
/// tool's own output schema in every branch, every argument we send valid against the input schema, every URI the
/// server hands out readable, errors that name the argument and the limit. The server has two roots whose decision
/// ids collide (the test knowledge and the shipped knowledge/), so some URIs carry <c>?root=</c>; a third root holds a
/// guide with rules, whose rule URIs live under <c>arch://references/</c>.
/// </summary>
public sealed class StrictClientTests : IAsyncLifetime
{
    private readonly TempKnowledgeFolder _guides = new();
    private StdioServer _server = null!;
    private Dictionary<string, Tool> _tools = null!;

    private McpClient Client => _server.Client;

    public async Task InitializeAsync()
    {
        var shipped = ShippedKnowledgeCliTests.KnowledgePath ?? throw new InvalidOperationException("knowledge/ not found beside ArchMcp.sln");
        _guides.Write("guides/transport-security.md", "# Transport security\n\n## Encryption in transit\n\nEvery service MUST serve its API over TLS.\n\n## Certificates\n\nCertificates SHOULD be renewed automatically.\n");
        _server = await StdioServer.StartAsync(moreArgs: ["--knowledge", $"shipped={shipped}", "--knowledge", $"guides={_guides.Path}"]);
        _tools = (await Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _guides.Dispose();
    }

    public static TheoryData<string, string> Calls() => new()
    {
        // search: filters of every kind, the ends of the limit, a query that matches nothing
        { "search_knowledge", """{"query":"BM25 similarity"}""" },
        { "search_knowledge", """{"query":"kafka outbox","limit":1}""" },
        { "search_knowledge", """{"query":"api","limit":20}""" },
        { "search_knowledge", """{"query":"api","kind":"decision"}""" },
        { "search_knowledge", """{"query":"api","kind":"standard"}""" },
        { "search_knowledge", """{"query":"api","kind":"reference"}""" },
        { "search_knowledge", """{"query":"api","kind":"guide"}""" },
        { "search_knowledge", """{"query":"api","kind":"template"}""" },
        { "search_knowledge", """{"query":"lucene","status":"superseded"}""" },
        { "search_knowledge", """{"query":"lucene","status":"accepted","root":"shipped"}""" },
        { "search_knowledge", """{"query":"api","tags":["api","security"]}""" },
        { "search_knowledge", """{"query":"api","tags":[]}""" },
        { "search_knowledge", """{"query":"zzqx plover"}""" },
        { "search_knowledge", """{"query":"ADR-4"}""" },
        // decisions: by number, id, slug and title; sections; a superseded one; another root
        { "get_decision", """{"id":"3"}""" },
        { "get_decision", """{"id":"ADR-0004","sections":["all"]}""" },
        { "get_decision", """{"id":"use-bm25-similarity","sections":["options","drivers"]}""" },
        { "get_decision", """{"id":"ADR-0001","root":"shipped"}""" },
        { "get_decision", """{"id":"record architecture decisions"}""" },
        // the decision log: first, middle and last pages, every filter, past the end
        { "list_decisions", "{}" },
        { "list_decisions", """{"limit":1}""" },
        { "list_decisions", """{"limit":2,"offset":2}""" },
        { "list_decisions", """{"offset":1000}""" },
        { "list_decisions", """{"status":"superseded"}""" },
        { "list_decisions", """{"status":"rejected"}""" },
        { "list_decisions", """{"tag":"search","root":"shipped"}""" },
        { "list_decisions", """{"from":"2020-01-01","to":"2030-12-31"}""" },
        { "list_decisions", """{"from":"2031-01-01"}""" },
        // rules: a rule, a standard, a rule of another root
        { "get_rule", """{"id":"API-001"}""" },
        { "get_rule", """{"id":"SEC-011","root":"shipped"}""" },
        { "get_rule", """{"id":"API"}""" },
        { "get_rule", """{"id":"security","root":"shipped"}""" },
        // checklist and review: a topic, a design, the smallest limit, a design nothing applies to
        { "design_checklist", """{"design":"public REST API with pagination"}""" },
        { "design_checklist", """{"design":"Order service publishes events to Kafka over plain HTTP","limit":1}""" },
        { "design_checklist", """{"design":"zzqx plover"}""" },
        { "review_design", """{"design":"The order service exposes /v1/Orders over http:// and stores passwords hashed with MD5."}""" },
        { "review_design", """{"design":"public REST API with pagination","limit":1,"root":"shipped"}""" },
        { "review_design", """{"design":"zzqx plover"}""" },
        // changes: since a date (git history in the shipped root, file times in the guides root), since a ref
        { "recent_changes", """{"since":"2020-01-01"}""" },
        { "recent_changes", """{"since":"HEAD"}""" },
        // a change: a violation at its new line, a deleted and a binary file nothing but scope can govern
        { "review_change", """{"diff":"diff --git a/svc/config.yaml b/svc/config.yaml\n--- a/svc/config.yaml\n+++ b/svc/config.yaml\n@@ -1 +1,2 @@\n payments:\n+  url: http://payments.internal/charges\n"}""" },
        { "review_change", """{"diff":"diff --git a/Jenkinsfile b/Jenkinsfile\ndeleted file mode 100644\n--- a/Jenkinsfile\n+++ /dev/null\n@@ -1 +0,0 @@\n-pipeline {}\ndiff --git a/logo.png b/logo.png\nBinary files a/logo.png and b/logo.png differ\n"}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task CallTool_WithValidArguments_ResultMatchesOutputSchema(string tool, string arguments)
    {
        var args = JsonDocument.Parse(arguments).RootElement;
        var inputErrors = SchemaCheck.Errors(_tools[tool].InputSchema, args);
        Assert.True(inputErrors.Count == 0, $"the test's own arguments do not match the input schema: {string.Join("; ", inputErrors)}");

        var result = await Client.CallToolAsync(tool, args.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value));

        SchemaCheck.AssertResultValid(_tools[tool], $"{tool} {arguments}", result);
    }

    [Fact]
    public async Task ListDecisions_OnTheLastPage_LeavesOutNextOffset()
    {
        var first = await Client.CallToolAsync("list_decisions", new Dictionary<string, object?> { ["limit"] = 1 });
        var last = await Client.CallToolAsync("list_decisions", new Dictionary<string, object?> { ["limit"] = 100 });

        Assert.Equal(1, first.StructuredContent!.Value.GetProperty("nextOffset").GetInt32());
        Assert.False(last.StructuredContent!.Value.TryGetProperty("nextOffset", out _));
    }

    [Fact]
    public async Task GetRule_ForARuleAndForAStandard_ReturnsOnlyThatOne()
    {
        var rule = (await Client.CallToolAsync("get_rule", new Dictionary<string, object?> { ["id"] = "API-001" })).StructuredContent!.Value;
        var standard = (await Client.CallToolAsync("get_rule", new Dictionary<string, object?> { ["id"] = "API" })).StructuredContent!.Value;

        Assert.Equal("API-001", rule.GetProperty("rule").GetProperty("id").GetString());
        Assert.False(rule.TryGetProperty("standard", out _));
        Assert.Equal(
            Enumerable.Range(1, 24).Select(n => $"API-{n:D3}"),
            standard.GetProperty("standard").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.False(standard.TryGetProperty("rule", out _));
    }

    [Fact]
    public void InputSchemas_OptionalArguments_AreTypedPlainlyWithLimitsAndEnums()
    {
        var search = _tools["search_knowledge"].InputSchema.GetProperty("properties");

        Assert.Equal("array", search.GetProperty("tags").GetProperty("type").GetString());
        Assert.Equal("string", search.GetProperty("tags").GetProperty("items").GetProperty("type").GetString());
        Assert.Contains("superseded", search.GetProperty("status").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(20, search.GetProperty("limit").GetProperty("maximum").GetInt32());
        Assert.Equal(5, search.GetProperty("limit").GetProperty("default").GetInt32());
        Assert.All(_tools.Values, tool => Assert.DoesNotContain("\"null\"", tool.InputSchema.GetRawText() + tool.OutputSchema?.GetRawText()));
    }

    [Fact]
    public async Task ListTools_WholeList_IsUnder12KilobytesAndTheReadmeSaysHowMuch()
    {
        var tools = await Client.ListToolsAsync();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new ListToolsResult { Tools = [.. tools.Select(t => t.ProtocolTool)] }, McpJsonUtilities.DefaultOptions).Length;

        Assert.InRange(bytes, 1, 12_000); // PRODUCT.md: the whole tool list stays under 12 KB
        var readme = File.ReadAllText(Path.Combine(ShippedKnowledgeCliTests.KnowledgePath!, "..", "README.md"));
        var stated = Regex.Match(readme, @"`tools/list` answers in ([0-9,]+) bytes");
        Assert.True(stated.Success, "README should state the size of tools/list as \"`tools/list` answers in N bytes\"");
        Assert.Equal(bytes, int.Parse(stated.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ReadResource_EveryUriTheServerHandsOut_Resolves()
    {
        var uris = await HandedOutUrisAsync(Client);

        Assert.Contains(uris, u => u.Contains("?root=", StringComparison.Ordinal));
        Assert.Contains(uris, u => u.StartsWith("arch://references/", StringComparison.Ordinal) && u.Contains("/rules/", StringComparison.Ordinal));
        await AssertAllReadableAsync(Client, uris);
    }

    [Fact]
    public async Task ReadResource_RuleUriInAnotherRoot_ReadsThatRootsRule()
    {
        var lookup = (await Client.CallToolAsync("get_rule", new Dictionary<string, object?> { ["id"] = "SEC-011", ["root"] = "shipped" })).StructuredContent!.Value;
        var uri = lookup.GetProperty("rule").GetProperty("uri").GetString()!;

        var read = await Client.ReadResourceAsync(uri);

        Assert.Contains("SEC-011", Assert.IsType<TextResourceContents>(read.Contents.Single()).Text);
    }

    [Theory]
    [InlineData("arch://standards/API/rules/NO-SUCH-RULE")]
    [InlineData("arch://decisions/ADR-9999")]
    [InlineData("arch://references/no-such-guide/rules/1")]
    public async Task ReadResource_UnknownUri_IsResourceNotFound(string uri)
    {
        var ex = await Assert.ThrowsAsync<McpProtocolException>(() => Client.ReadResourceAsync(uri).AsTask());

        Assert.Equal(McpErrorCode.ResourceNotFound, ex.ErrorCode);
    }

    [Theory]
    [InlineData("search_knowledge", """{"limit":3}""", "'query'")]
    [InlineData("search_knowledge", """{"query":"api","limit":21}""", "'limit' must be between 1 and 20")]
    [InlineData("search_knowledge", """{"query":"api","kind":"poem"}""", "Unknown kind 'poem'")]
    [InlineData("get_decision", """{"id":"4","sections":["context","epilogue"]}""", "Unknown section 'epilogue'")]
    [InlineData("get_decision", """{}""", "'id'")]
    [InlineData("list_decisions", """{"from":"yesterday"}""", "'from' must be a date")]
    [InlineData("list_decisions", """{"limit":0}""", "'limit' must be between 1 and 100")]
    [InlineData("design_checklist", """{"design":"  "}""", "'design' must not be empty")]
    public async Task CallTool_WithAWrongArgument_IsInvalidParamsNamingIt(string tool, string arguments, string expected)
    {
        var args = JsonDocument.Parse(arguments).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);

        var ex = await Assert.ThrowsAsync<McpProtocolException>(() => Client.CallToolAsync(tool, args).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
        Assert.True(ex.Message.Contains(expected, StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public async Task RecentChanges_SinceARefNoRootHas_IsAToolErrorSayingWhatToPass()
    {
        var result = await Client.CallToolAsync("recent_changes", new Dictionary<string, object?> { ["since"] = "no-such-ref" });

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("'no-such-ref' is not a commit", text, StringComparison.Ordinal);
        Assert.Contains("or a date as YYYY-MM-DD", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_TooManyTags_IsInvalidParamsNamingTheLimit()
    {
        var tags = Enumerable.Range(0, 5000).Select(i => $"tag{i}").ToArray();

        var ex = await Assert.ThrowsAsync<McpProtocolException>(() =>
            Client.CallToolAsync("search_knowledge", new Dictionary<string, object?> { ["query"] = "api", ["tags"] = tags }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
        Assert.Contains("'tags' has more than 20 items", ex.Message);
    }

    [Fact]
    public async Task CallTool_DesignOverTheLimit_IsInvalidParamsNamingTheLimit()
    {
        var design = string.Concat(Enumerable.Repeat("The order service calls the billing service over plain HTTP. ", 1000));

        var ex = await Assert.ThrowsAsync<McpProtocolException>(() =>
            Client.CallToolAsync("review_design", new Dictionary<string, object?> { ["design"] = design }).AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, ex.ErrorCode);
        Assert.Contains("the limit is 50000", ex.Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ADR-9999")]
    public async Task GetDecision_NoSuchDecision_IsAnErrorResultNotAnotherDecision(string id)
    {
        var result = await Client.CallToolAsync("get_decision", new Dictionary<string, object?> { ["id"] = id });

        Assert.True(result.IsError);
        Assert.Contains($"No decision '{id}'", SchemaCheck.Text(result));
    }

    /// <summary>Every arch:// URI in resource lists (all pages), tool results and prompts.</summary>
    internal static async Task<SortedSet<string>> HandedOutUrisAsync(McpClient client)
    {
        var uris = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var resource in await client.ListResourcesAsync())
        {
            uris.Add(resource.Uri);
        }

        void Collect(JsonElement? element)
        {
            foreach (Match m in Regex.Matches(element?.GetRawText() ?? "", "\"(arch://[^\"]+)\""))
            {
                uris.Add(JsonSerializer.Deserialize<string>(m.Value)!);
            }
        }

        var standards = uris.Where(u => u.StartsWith("arch://standards/", StringComparison.Ordinal) || u.StartsWith("arch://references/", StringComparison.Ordinal)).ToList();
        foreach (var uri in standards)
        {
            Collect((await client.CallToolAsync("get_rule", new Dictionary<string, object?> { ["id"] = uri })).StructuredContent);
        }

        Collect((await client.CallToolAsync("list_decisions", new Dictionary<string, object?> { ["limit"] = 100 })).StructuredContent);
        foreach (var query in new[] { "api versioning", "kafka events outbox", "lucene similarity", "security tls" })
        {
            Collect((await client.CallToolAsync("search_knowledge", new Dictionary<string, object?> { ["query"] = query, ["limit"] = 20 })).StructuredContent);
            Collect((await client.CallToolAsync("review_design", new Dictionary<string, object?> { ["design"] = query, ["limit"] = 100 })).StructuredContent);
        }

        var prompt = await client.GetPromptAsync("explain-decision", new Dictionary<string, object?> { ["id"] = "ADR-0004" });
        foreach (var text in prompt.Messages.Select(m => m.Content).OfType<TextContentBlock>())
        {
            foreach (Match m in Regex.Matches(text.Text, @"arch://[^\s)\]>""'`]+"))
            {
                uris.Add(m.Value);
            }
        }

        return uris;
    }

    internal static async Task AssertAllReadableAsync(McpClient client, IEnumerable<string> uris)
    {
        var failures = new List<string>();
        foreach (var uri in uris)
        {
            try
            {
                var read = await client.ReadResourceAsync(uri);
                if (read.Contents.OfType<TextResourceContents>().All(c => string.IsNullOrWhiteSpace(c.Text)))
                {
                    failures.Add($"{uri}: empty");
                }
            }
            catch (McpException ex)
            {
                failures.Add($"{uri}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} URIs do not resolve:\n{string.Join("\n", failures.Take(30))}");
    }
}

/// <summary>The same strict checks on the thirteen shared corpora, each a named root of one server.</summary>
public sealed class StrictClientCorpusTests
{
    [SkippableFact]
    public async Task EveryCorpus_ToolResultsMatchSchemasAndEveryUriResolves()
    {
        ArchMcp.Tests.Shared.Corpora.Require();
        var corpora = Directory.GetDirectories(ArchMcp.Tests.Shared.Corpora.Path!).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        await using var server = await StdioServer.StartAsync(moreArgs: corpora.SelectMany(c => new[] { "--knowledge", $"{c}={Path.Combine(ArchMcp.Tests.Shared.Corpora.Path!, c!)}" }));
        var tools = (await server.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        foreach (var corpus in corpora)
        {
            foreach (var (tool, args) in new (string, Dictionary<string, object?>)[]
            {
                ("search_knowledge", new() { ["query"] = "why did we decide", ["root"] = corpus, ["limit"] = 20 }),
                ("list_decisions", new() { ["root"] = corpus, ["limit"] = 100 }),
                ("design_checklist", new() { ["design"] = "a public HTTP API that stores personal data", ["root"] = corpus }),
                ("review_design", new() { ["design"] = "a public HTTP API that stores personal data", ["root"] = corpus }),
            })
            {
                SchemaCheck.AssertResultValid(tools[tool], $"{tool} on {corpus}", await server.Client.CallToolAsync(tool, args));
            }
        }

        var uris = await StrictClientTests.HandedOutUrisAsync(server.Client);
        Assert.True(uris.Count > 500, $"only {uris.Count} URIs collected from {corpora.Count} corpora");
        await StrictClientTests.AssertAllReadableAsync(server.Client, uris);
    }
}
