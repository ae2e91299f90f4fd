using System.Net;
using ArchMcp.Server.Web;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Web;

/// <summary>The pages of `archmcp serve --http`: routing, what they show, escaping of knowledge text, and the /mcp guards on them.</summary>
public sealed class WebViewTests
{
    [Theory]
    [InlineData("/", "Search the architecture knowledge")]
    [InlineData("/decisions", "Decision log")]
    [InlineData("/decisions/ADR-0004", "BM25")]
    [InlineData("/standards", "REST and gRPC API design")]
    [InlineData("/standards/API", "API-006")]
    [InlineData("/review", "Design text")]
    [InlineData("/health", "Roots")]
    [InlineData("/timeline", "Decision timeline")]
    public async Task Page_Answers_HtmlWithItsContentAndSecurityHeaders(string path, string expected)
    {
        await using var server = await WebServer.StartAsync();

        using var response = await server.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", body, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Search_WithQuery_ShowsCardsWithStatusAndCitation()
    {
        await using var server = await WebServer.StartAsync();

        var (status, body) = await server.GetAsync("/?q=bm25+similarity&kind=decision");

        Assert.Equal(200, status);
        Assert.Contains("<a href=\"/decisions/ADR-0004\">", body, StringComparison.Ordinal);
        Assert.Contains("decisions/0004-use-bm25-similarity.md:", body, StringComparison.Ordinal);
        Assert.Contains("status-accepted", body, StringComparison.Ordinal);
        Assert.Contains("<option value=\"decision\" selected>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_LongerThanAPage_AreShownAPageAtATimeWithLinksBetweenPages()
    {
        await using var server = await WebServer.StartAsync(prepare: folder =>
        {
            for (var n = 1000; n < 1000 + WebPages.LogPageSize + 10; n++)
            {
                File.WriteAllText(folder.PathOf($"decisions/{n}-decision-{n}.md"), $"---\nstatus: accepted\n---\n# Decision number {n}\n\n## Decision Outcome\n\nChosen option: {n}.\n");
            }
        });

        var (_, first) = await server.GetAsync("/decisions?status=accepted");
        var (_, second) = await server.GetAsync("/decisions?status=accepted&offset=250");

        Assert.Equal(WebPages.LogPageSize, Rows(first));
        Assert.Contains("<a href=\"/decisions?status=accepted&amp;offset=250\">Next page</a>", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Previous page", first, StringComparison.Ordinal);
        var total = Rows(first) + Rows(second);
        Assert.Contains($"Decisions 251–{total} of {total}", second, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/decisions?status=accepted&amp;offset=0\">Previous page</a>", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Next page", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_Superseded_NamesTheDecisionInForceAndLinksItsChain()
    {
        await using var server = await WebServer.StartAsync();

        var (status, body) = await server.GetAsync("/decisions/ADR-0003");

        Assert.Equal(200, status);
        Assert.Contains("Not in force: the decision in force is <a href=\"/decisions/ADR-0004\">", body, StringComparison.Ordinal);
        Assert.Contains("<ol class=\"chain\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_FullText_LinksOtherRecordsToTheirPagesAndDrawsMermaidAsSvg()
    {
        await using var server = await WebServer.StartAsync(prepare: folder => File.WriteAllText(folder.PathOf("decisions/0050-diagram.md"),
            "---\nstatus: proposed\n---\n# Draw the flow\n\n## Context\n\nSee [the BM25 record](0004-use-bm25-similarity.md#context).\n\n```mermaid\ngraph LR\n  A[Order]-->B[Invoice]\n```\n\n"
            + "```mermaid\npie title Share\n  \"a\" : 1\n```\n"));

        var (status, body) = await server.GetAsync("/decisions/ADR-0050");

        Assert.Equal(200, status);
        Assert.Contains("<a href=\"/decisions/ADR-0004#context\">the BM25 record</a>", body, StringComparison.Ordinal);
        var drawn = Svg(body, "<figure class=\"diagram\"><svg");
        Assert.Equal(["Order", "Invoice"], drawn.Descendants(SvgNs + "tspan").Select(t => t.Value));
        Assert.Contains("<summary>Diagram source</summary><pre><code class=\"language-mermaid\">graph LR\n  A[Order]--&gt;B[Invoice]\n</code></pre></details>", body, StringComparison.Ordinal);
        Assert.Contains("<code class=\"language-mermaid\">pie title Share", body, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Mermaid pie diagrams are shown as their source", body, StringComparison.Ordinal);
        Assert.Contains("<h3>Context</h3>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_DrawsItsChainAsAGraphLinkingEachOtherDecision_AndKeepsTheList()
    {
        await using var server = await WebServer.StartAsync();

        var (_, body) = await server.GetAsync("/decisions/ADR-0003");

        var graph = Svg(body, "<figure class=\"chain-graph\"><svg");
        Assert.Null(graph.Attribute("role")); // its links stay reachable
        Assert.Contains("ADR-0004 supersedes ADR-0003.", graph.Element(SvgNs + "desc")!.Value, StringComparison.Ordinal);
        var nodes = graph.Descendants(SvgNs + "g").Where(g => ((string?)g.Attribute("class"))?.StartsWith("node", StringComparison.Ordinal) == true).ToList();
        var current = Assert.Single(nodes, n => ((string)n.Attribute("class")!).Contains("current", StringComparison.Ordinal));
        Assert.Null(current.Element(SvgNs + "a"));
        Assert.Contains("(superseded)", current.Value, StringComparison.Ordinal);
        Assert.Contains("/decisions/ADR-0004", graph.Descendants(SvgNs + "a").Select(a => (string?)a.Attribute("href")));
        Assert.Contains("<ol class=\"chain\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_OutsideGit_SaysThereIsNoStatusHistoryAndShowsTheStatusNow()
    {
        await using var server = await WebServer.StartAsync();

        var (_, body) = await server.GetAsync("/decisions/ADR-0004");

        Assert.Contains("<h2 id=\"history\">Status history</h2><p>No status history: root &#x27;", body, StringComparison.Ordinal);
        Assert.Contains("is not a git working copy. Status now: <span class=\"badge status-accepted\">accepted</span>, dated 2026-11-12.</p>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_InGit_ListsItsCommitsWithTheStatusAtEachAndMarksTheChange()
    {
        const string path = "decisions/0060-use-queues.md";
        string proposed = "", accepted = "";
        await using var server = await WebServer.StartAsync(prepare: folder =>
        {
            using var git = new GitHistory(folder.Knowledge);
            File.WriteAllText(folder.PathOf(path), "---\nstatus: proposed\ndate: 2026-05-01\n---\n# Use queues\n\n## Decision Outcome\n\nChosen option: queues.\n");
            proposed = git.Commit("propose", new DateOnly(2026, 5, 1));
            File.WriteAllText(folder.PathOf(path), "---\nstatus: accepted\ndate: 2026-05-01\n---\n# Use queues\n\n## Decision Outcome\n\nChosen option: queues.\n");
            accepted = git.Commit("accept", new DateOnly(2026, 5, 3));
        });

        var (_, body) = await server.GetAsync("/decisions/ADR-0060");

        Assert.Contains($"<tr class=\"changed\"><td>2026-05-03</td><td><code>{accepted[..7]}</code></td><td><span class=\"badge status-accepted\">accepted</span> <strong class=\"change\">status changed from proposed</strong></td></tr>", body, StringComparison.Ordinal);
        Assert.Contains($"<tr class=\"changed\"><td>2026-05-01</td><td><code>{proposed[..7]}</code></td><td><span class=\"badge status-proposed\">proposed</span> <strong class=\"change\">first status</strong></td></tr>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_GroupsDecisionsByYearAndMonthNewestFirst_AndShowsWhatReplacedThem()
    {
        await using var server = await WebServer.StartAsync(prepare: folder =>
            File.WriteAllText(folder.PathOf("decisions/0070-older.md"), "---\nstatus: accepted\ndate: 2025-03-09\n---\n# An older decision\n\n## Decision Outcome\n\nChosen option: the older one.\n"));

        var (status, body) = await server.GetAsync("/timeline");
        var (_, older) = await server.GetAsync("/timeline?year=2025");
        var (_, log) = await server.GetAsync("/decisions");

        Assert.Equal(200, status);
        Assert.Contains("<a href=\"/timeline?year=2026\" aria-current=\"page\">2026</a>", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/timeline?year=2025\">2025</a>", body, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"year-2026\">2026</h2><h3>November 2026</h3><ol class=\"timeline\"><li><time datetime=\"2026-11-30\">", body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/decisions/ADR-0003\">Use Lucene&#x27;s default TF-IDF similarity for ranking</a> <span class=\"badge status-superseded\">superseded</span> <span class=\"relation\">superseded by <a href=\"/decisions/ADR-0004\">ADR-0004</a></span>", body, StringComparison.Ordinal);
        Assert.True(body.IndexOf("ADR-0004", StringComparison.Ordinal) < body.IndexOf("/decisions/ADR-0003\"", StringComparison.Ordinal), "newest first");
        Assert.DoesNotContain("An older decision", body, StringComparison.Ordinal);
        Assert.Contains("<h3>March 2025</h3>", older, StringComparison.Ordinal);
        Assert.Contains("An older decision", older, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/timeline\">The decisions on a timeline</a>", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_YearLongerThanAPage_IsShownAPageAtATimeNewestFirst()
    {
        await using var server = await WebServer.StartAsync(prepare: folder =>
        {
            for (var n = 0; n < WebPages.LogPageSize + 10; n++)
            {
                var date = new DateOnly(2024, 1, 1).AddDays(n);
                File.WriteAllText(folder.PathOf($"decisions/{2000 + n}-decision-{n}.md"), $"---\nstatus: accepted\ndate: {date:yyyy-MM-dd}\n---\n# Decision of {date:yyyy-MM-dd}\n\n## Decision Outcome\n\nChosen option: {n}.\n");
            }
        });

        var (_, first) = await server.GetAsync("/timeline?year=2024");
        var (_, second) = await server.GetAsync("/timeline?year=2024&offset=250");

        Assert.Equal(WebPages.LogPageSize, Entries(first));
        Assert.Contains("Decisions 1–250 of 260 dated in 2024.", first, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2024-09-16\">", first, StringComparison.Ordinal); // the newest: the 260th day of 2024
        Assert.Contains("<a href=\"/timeline?year=2024&amp;offset=250\">Older decisions</a>", first, StringComparison.Ordinal);
        Assert.Equal(10, Entries(second));
        Assert.Contains("<time datetime=\"2024-01-01\">", second, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/timeline?year=2024&amp;offset=0\">Newer decisions</a>", second, StringComparison.Ordinal);
    }

    private static int Entries(string html) => html.Split("<li><time ").Length - 1;

    [Theory]
    [InlineData("/timeline?year=1999", "No decision is dated in 1999")]
    [InlineData("/timeline?year=soon", "&#x27;year&#x27; must be a year")]
    public async Task Timeline_WithABadYear_Returns400AndSaysWhy(string path, string expected)
    {
        await using var server = await WebServer.StartAsync();

        var (status, body) = await server.GetAsync(path);

        Assert.Equal(400, status);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/decisions")]
    [InlineData("/decisions/ADR-4242")]
    [InlineData("/health")]
    public async Task Page_SaysHowLongTheServerTookInServerTiming(string path)
    {
        await using var server = await WebServer.StartAsync();

        using var response = await server.Http.GetAsync(path);

        Assert.Matches(@"^render;dur=\d+\.\d$", response.Headers.GetValues("Server-Timing").Single());
    }

    private static readonly System.Xml.Linq.XNamespace SvgNs = "http://www.w3.org/2000/svg";

    /// <summary>The SVG element that starts where <paramref name="marker"/> ends in the page, parsed as XML (so it is well-formed).</summary>
    private static System.Xml.Linq.XElement Svg(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {marker} in the page");
        start += marker.Length - "<svg".Length;
        return System.Xml.Linq.XElement.Parse(html[start..(html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length)]);
    }

    [Fact]
    public async Task Standard_GivesEachRuleAnAnchorNamedAfterItsId()
    {
        await using var server = await WebServer.StartAsync();

        var (_, body) = await server.GetAsync("/standards/API");

        Assert.Contains("<li id=\"API-006\"><a class=\"rule-id\" href=\"#API-006\">API-006</a>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/decisions/ADR-4242", 404, "ADR-4242")]
    [InlineData("/standards/NOPE", 404, "NOPE")]
    [InlineData("/decisions?status=finished", 400, "Unknown status &#x27;finished&#x27;")]
    [InlineData("/assets/secrets.txt", 404, "No such file")]
    [InlineData("/decisions?offset=-1", 400, "offset")]
    public async Task Page_WhenBadRequest_AnswersItsStatusAndSaysWhy(string path, int expectedStatus, string expected)
    {
        await using var server = await WebServer.StartAsync();

        var (status, body) = await server.GetAsync(path);

        Assert.Equal(expectedStatus, status);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/decisions/ADR-0099")]
    [InlineData("/decisions")]
    [InlineData("/?q=render+knowledge+text")]
    public async Task Page_ShowsScriptInKnowledgeAsText(string path)
    {
        await using var server = await WebServer.StartAsync();

        var (status, body) = await server.GetAsync(path);

        Assert.Equal(200, status);
        Assert.Contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_PostedDesign_ShowsTheViolatedRuleLinkedToItsAnchorAndTheMarkdown()
    {
        await using var server = await WebServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/review")
        {
            Content = new FormUrlEncodedContent([new("design", "The service exposes GET /getUsers and returns user_name fields.")]),
        };
        request.Headers.Add("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));

        using var response = await server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<li class=\"verdict violated\"><p><a href=\"/standards/API#API-00[0-9]\">", body);
        Assert.Contains("<textarea id=\"review-markdown\"", body, StringComparison.Ordinal);
        Assert.Matches(@"\*\*API-00[0-9]\*\*", body);
    }

    [Fact]
    public async Task Review_FromForeignOrigin_Returns403()
    {
        await using var server = await WebServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/review") { Content = new FormUrlEncodedContent([new("design", "GET /getUsers")]) };
        request.Headers.Add("Origin", "http://attacker.example");

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Page_WithForeignHost_Returns403()
    {
        await using var server = await WebServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/decisions");
        request.Headers.Host = "rebound.example";

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Review_LargerThanTheBodyLimit_Returns413()
    {
        await using var server = await WebServer.StartAsync(new() { ["Server:MaxRequestBodyBytes"] = "2048" });
        using var content = new FormUrlEncodedContent([new("design", new string('x', 4096))]);

        using var response = await server.Http.PostAsync("/review", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Page_PastTheRateLimit_Returns429()
    {
        await using var server = await WebServer.StartAsync(new() { ["Server:RequestsPerMinute"] = "2" });

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await server.GetAsync("/standards")).Status);
        }

        Assert.Equal([200, 200, 429], statuses);
    }

    [Fact]
    public async Task Page_WhenTokenRequired_SendsToLoginThenTheSessionCookieOpensIt()
    {
        await using var server = await WebServer.StartAsync(new() { ["Server:Token"] = "s3cret" });

        using var anonymous = await server.Http.GetAsync("/decisions?status=accepted");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/login?return=%2Fdecisions%3Fstatus%3Daccepted", anonymous.Headers.Location?.OriginalString);

        using var wrong = await server.Http.PostAsync("/login", new FormUrlEncodedContent([new("token", "guess"), new("return", "/decisions")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var login = await server.Http.PostAsync("/login", new FormUrlEncodedContent([new("token", "s3cret"), new("return", "/decisions")]));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/decisions", login.Headers.Location?.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cret", cookie, StringComparison.Ordinal);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/decisions");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var page = await server.Http.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Page_WhenTokenRequired_AcceptsTheBearerHeaderAndRefusesAForgedCookie()
    {
        await using var server = await WebServer.StartAsync(new() { ["Server:Token"] = "s3cret" });

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/health");
        bearer.Headers.Add("Authorization", "Bearer s3cret");
        using var ok = await server.Http.SendAsync(bearer);
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/review") { Content = new FormUrlEncodedContent([new("design", "x")]) };
        forged.Headers.Add("Cookie", $"{WebView.SessionCookie}={WebView.SessionValue("other")}");
        using var refused = await server.Http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("//attacker.example/x")]
    [InlineData("https://attacker.example/")]
    [InlineData("/\\attacker.example")]
    public async Task Login_NeverReturnsToAnotherSite(string returnTo)
    {
        await using var server = await WebServer.StartAsync(new() { ["Server:Token"] = "s3cret" });

        using var login = await server.Http.PostAsync("/login", new FormUrlEncodedContent([new("token", "s3cret"), new("return", returnTo)]));

        Assert.Equal("/", login.Headers.Location?.OriginalString);
    }

    private static int Rows(string html) => html.Split("<tr><td data-value=").Length - 1;

    [Fact]
    public async Task Assets_AreServedFromTheBinaryAndStaySmall()
    {
        await using var server = await WebServer.StartAsync();

        using var script = await server.Http.GetAsync("/assets/app.js");
        var bytes = await script.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.InRange(bytes.Length, 1, 200 * 1024);
    }
}
