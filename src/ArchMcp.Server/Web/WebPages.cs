using System.Globalization;
using System.Text;
using ArchMcp.Core;
using ArchMcp.Core.Model;
using ArchMcp.Core.Rendering;
using ArchMcp.Server.Web.Diagrams;

namespace ArchMcp.Server.Web;

/// <summary>What the search form holds: the query and the filters the search tool has.</summary>
public sealed record SearchForm(string? Query, string? Kind = null, string? Status = null, string? Tag = null, string? Root = null);

/// <summary>The decision log's filters (the list tool's): status, tag, root; and where the page starts.</summary>
public sealed record LogFilter(string? Status = null, string? Tag = null, string? Root = null, int Offset = 0);

/// <summary>
/// The web view's pages as whole HTML documents, from the same service the MCP tools call. The served site and the
/// static one (<c>archmcp site</c>) differ only in their <see cref="SiteLinks"/>: the static search page carries its
/// index and has no server search, and the static site has no review page.
/// </summary>
public sealed partial class WebPages(IKnowledgeService knowledge, SiteLinks links)
{
    private static readonly string[] LevelOrder = ["MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "MAY"];
    private static readonly string[] VerdictOrder = [Verdicts.Violated, Verdicts.NeedsJudgement, Verdicts.Met, Verdicts.NotAddressed];

    /// <summary>The search page; with a query (and served), its result cards. <paramref name="staticIndex"/> is the static site's JSON index.</summary>
    public async Task<string> SearchAsync(SearchForm form, string? staticIndex = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var body = new StringBuilder();
        body.Append("<h1>Search the architecture knowledge</h1>");
        body.Append("<form role=\"search\" method=\"get\" class=\"filters\"").Attr("action", links.Home).Append("><div class=\"field wide\">")
            .Input("q", "Search", form.Query, "search").Append("</div><div class=\"field\">")
            .Select("kind", "Kind", ToolContract.KindValues.Split(", "), form.Kind).Append("</div><div class=\"field\">")
            .Select("status", "Decision status", ToolContract.StatusValues.Split(", "), form.Status).Append("</div><div class=\"field\">")
            .Input("tag", "Tag", form.Tag).Append("</div><div class=\"field\">")
            .Select("root", "Root", await RootNamesAsync(cancellationToken).ConfigureAwait(false), form.Root)
            .Append("</div><div class=\"field\"><button type=\"submit\">Search</button></div></form>");
        if (staticIndex is not null)
        {
            body.Append("<div id=\"results\" aria-live=\"polite\"></div><noscript><p>Search in the static site runs in the browser and needs JavaScript; the ")
                .Link(links.Page("decisions"), "decision log").Append(" and the ").Link(links.Page("standards"), "standards").Append(" read without it.</p></noscript>")
                .Append("<script type=\"application/json\" id=\"search-index\">").Append(staticIndex.Replace("<", "\\u003c", StringComparison.Ordinal)).Append("</script>");
            return Layout("Search", "search", body);
        }

        if (!string.IsNullOrWhiteSpace(form.Query))
        {
            var request = RequestArguments.Search(form.Query, form.Kind, form.Status, string.IsNullOrWhiteSpace(form.Tag) ? null : [form.Tag], form.Root, ToolContract.SearchLimitMax);
            var result = await knowledge.SearchAsync(request, cancellationToken).ConfigureAwait(false);
            Results(body, result);
        }

        return Layout(string.IsNullOrWhiteSpace(form.Query) ? "Search" : $"{form.Query} — Search", "search", body);
    }

    /// <summary>Decisions per page of the served log: a large log stays fast to render and light on a phone.</summary>
    public const int LogPageSize = 250;

    /// <summary>
    /// The decision log as a table (number, title, status, date, tags): the decisions matching the filter, one page of
    /// <see cref="LogPageSize"/> from its offset when served, all of them in the static site.
    /// </summary>
    public async Task<string> DecisionsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (decisions, total) = await ListAsync(filter, null, null, links.IsStatic ? int.MaxValue : LogPageSize, cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder("<h1>Decision log</h1><p>").Link(links.Page("timeline"), "The decisions on a timeline").Append(", by the month of their date.</p>");
        if (!links.IsStatic)
        {
            body.Append("<form method=\"get\" class=\"filters\"").Attr("action", links.Page("decisions")).Append("><div class=\"field\">")
                .Select("status", "Status", ToolContract.StatusValues.Split(", "), filter.Status).Append("</div><div class=\"field\">")
                .Input("tag", "Tag", filter.Tag).Append("</div><div class=\"field\">")
                .Select("root", "Root", await RootNamesAsync(cancellationToken).ConfigureAwait(false), filter.Root)
                .Append("</div><div class=\"field\"><button type=\"submit\">Filter</button></div></form>");
        }

        body.Append("<div class=\"table\"><table id=\"decision-log\" data-sortable data-filterable><caption>")
            .Append(decisions.Count == total ? Count(total) + (total == 1 ? " decision" : " decisions")
                : $"Decisions {Count(filter.Offset + 1)}–{Count(filter.Offset + decisions.Count)} of {Count(total)}")
            .Append("</caption><thead><tr><th scope=\"col\" data-type=\"number\">Number</th><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\">Date</th><th scope=\"col\">Tags</th></tr></thead><tbody>");
        foreach (var d in decisions)
        {
            body.Append("<tr><td").Attr("data-value", d.Number?.ToString(CultureInfo.InvariantCulture) ?? "").Append('>').Text(d.Number?.ToString(CultureInfo.InvariantCulture) ?? d.Id)
                .Append("</td><td>").Link(links.For(d.Uri) ?? "#", d.Title).Append("</td><td>").Append(Status(d.Status))
                .Append("</td><td>").Text(d.Date).Append("</td><td>").Text(string.Join(", ", d.Tags)).Append("</td></tr>");
        }

        body.Append("</tbody></table></div>");
        if (decisions.Count < total)
        {
            body.Append("<nav class=\"pager\" aria-label=\"Pages of the decision log\"><ul>");
            if (filter.Offset > 0)
            {
                body.Append("<li>").Link(LogPage(filter, Math.Max(0, filter.Offset - LogPageSize)), "Previous page").Append("</li>");
            }

            if (filter.Offset + decisions.Count < total)
            {
                body.Append("<li>").Link(LogPage(filter, filter.Offset + decisions.Count), "Next page").Append("</li>");
            }

            body.Append("</ul></nav>");
        }

        return Layout("Decision log", "decisions", body);
    }

    /// <summary>The first year of the timeline (its last is next year); a decision dated outside them (or not dated) is in the log only.</summary>
    public const int FirstTimelineYear = 1970;

    /// <summary>
    /// The decisions by the year and month of their date, newest first, each with its number, title and status and the
    /// decisions it supersedes or that superseded it. Served, one year a page (<paramref name="year"/>; by default the
    /// newest year with decisions), <see cref="LogPageSize"/> decisions at a time from <paramref name="offset"/>; in
    /// the static site, every year on one page.
    /// </summary>
    public async Task<string> TimelineAsync(int? year, int offset = 0, CancellationToken cancellationToken = default)
    {
        // the years with decisions, newest first, until every decision dated since the first year is counted
        var dated = (await knowledge.ListDecisionsAsync(RequestArguments.Decisions(null, null, YearRange(FirstTimelineYear).From, null, null, 0, 1), cancellationToken).ConfigureAwait(false)).Total;
        var years = new List<(int Year, int Count)>();
        var lastYear = DateTime.UtcNow.Year + 1;
        for (var y = lastYear; y >= FirstTimelineYear && years.Sum(c => c.Count) < dated; y--)
        {
            var (from, to) = YearRange(y);
            var count = (await knowledge.ListDecisionsAsync(RequestArguments.Decisions(null, null, from, to, null, 0, 1), cancellationToken).ConfigureAwait(false)).Total;
            if (count > 0)
            {
                years.Add((y, count));
            }
        }

        if (year is { } asked && years.All(y => y.Year != asked))
        {
            throw new InvalidQueryException($"No decision is dated in {asked}. Years with decisions: {(years.Count == 0 ? "none" : string.Join(", ", years.Select(y => y.Year)))}.");
        }

        List<int> shown = links.IsStatic ? [.. years.Select(y => y.Year)] : years.Count == 0 ? [] : [year ?? years[0].Year];
        var body = new StringBuilder("<h1>Decision timeline</h1><p>Newest first, by the month of each decision's date; the ")
            .Link(links.Page("decisions"), "decision log").Append(" lists them all.</p>");
        var total = (await knowledge.ListDecisionsAsync(RequestArguments.Decisions(null, null, null, null, null, 0, 1), cancellationToken).ConfigureAwait(false)).Total;
        var outside = total - years.Sum(y => y.Count);
        if (outside > 0)
        {
            body.Append("<p class=\"raw\">").Append(Count(outside)).Append(outside == 1 ? " decision has" : " decisions have")
                .Append($" no date from {FirstTimelineYear} to {lastYear} and {(outside == 1 ? "is" : "are")} only in the log.</p>");
        }

        if (!links.IsStatic && years.Count > 1)
        {
            body.Append("<nav class=\"years\" aria-label=\"Years\"><ul>");
            foreach (var (y, count) in years)
            {
                body.Append("<li><a").Attr("href", links.Page("timeline") + "?year=" + y.ToString(CultureInfo.InvariantCulture));
                if (shown.Contains(y))
                {
                    body.Append(" aria-current=\"page\"");
                }

                body.Append('>').Append(y.ToString(CultureInfo.InvariantCulture)).Append("</a> <span class=\"raw\">(").Append(Count(count)).Append(")</span></li>");
            }

            body.Append("</ul></nav>");
        }

        foreach (var y in shown)
        {
            var (from, to) = YearRange(y);
            var (decisions, _) = await ListAsync(new LogFilter(), from, to, int.MaxValue, cancellationToken).ConfigureAwait(false);
            var ordered = decisions.OrderByDescending(d => d.Date, StringComparer.Ordinal).ThenByDescending(d => d.Number).ToList();
            var page = links.IsStatic ? ordered : [.. ordered.Skip(offset).Take(LogPageSize)];
            var heading = "year-" + y.ToString(CultureInfo.InvariantCulture);
            body.Append("<section").Attr("aria-labelledby", heading).Append("><h2").Attr("id", heading).Append('>').Append(y.ToString(CultureInfo.InvariantCulture)).Append("</h2>");
            if (page.Count < ordered.Count)
            {
                body.Append("<p class=\"raw\">").Append($"Decisions {Count(offset + 1)}–{Count(offset + page.Count)} of {Count(ordered.Count)} dated in {y}.").Append("</p>");
            }

            foreach (var month in page.GroupBy(d => d.Date![..7]))
            {
                var name = DateTime.ParseExact(month.Key, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
                body.Element("h3", name).Append("<ol class=\"timeline\">");
                foreach (var d in month)
                {
                    TimelineEntry(body, d);
                }

                body.Append("</ol>");
            }

            body.Append("</section>");
            if (page.Count < ordered.Count)
            {
                string At(int at) => $"{links.Page("timeline")}?year={y.ToString(CultureInfo.InvariantCulture)}&offset={at.ToString(CultureInfo.InvariantCulture)}";
                body.Append("<nav class=\"pager\" aria-label=\"Pages of the year\"><ul>");
                if (offset > 0)
                {
                    body.Append("<li>").Link(At(Math.Max(0, offset - LogPageSize)), "Newer decisions").Append("</li>");
                }

                if (offset + page.Count < ordered.Count)
                {
                    body.Append("<li>").Link(At(offset + page.Count), "Older decisions").Append("</li>");
                }

                body.Append("</ul></nav>");
            }
        }

        if (years.Count == 0)
        {
            body.Append("<p>No decision has a date.</p>");
        }

        return Layout("Decision timeline", "decisions", body);
    }

    private void TimelineEntry(StringBuilder body, DecisionSummary d)
    {
        body.Append("<li><time").Attr("datetime", d.Date).Append('>').Text(d.Date).Append("</time> <span class=\"num\">").Text(d.Id).Append("</span> ")
            .Link(links.For(d.Uri) ?? "#", d.Title).Append(' ').Append(Status(d.Status));
        Related(body, "superseded by", d.SupersededBy);
        Related(body, "supersedes", d.Supersedes);
        Related(body, "amended by", d.AmendedBy);
        Related(body, "amends", d.Amends);
        body.Append("</li>");
    }

    private void Related(StringBuilder body, string relation, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        body.Append(" <span class=\"relation\">").Text(relation).Append(' ');
        for (var i = 0; i < ids.Count; i++)
        {
            body.Append(i == 0 ? "" : ", ").Link(links.Document("decisions", ids[i]), ids[i]);
        }

        body.Append("</span>");
    }

    private static (string From, string To) YearRange(int year) =>
        (year.ToString("0000", CultureInfo.InvariantCulture) + "-01-01", year.ToString("0000", CultureInfo.InvariantCulture) + "-12-31");

    /// <summary>Up to <paramref name="most"/> decisions of the log matching the filter (and dates), from its offset; and how many match.</summary>
    private async Task<(List<DecisionSummary> Decisions, int Total)> ListAsync(LogFilter filter, string? from, string? to, int most, CancellationToken cancellationToken)
    {
        var decisions = new List<DecisionSummary>();
        var total = 0;
        for (int? offset = filter.Offset; offset is { } at && decisions.Count < most;)
        {
            var query = RequestArguments.Decisions(filter.Status, filter.Tag, from, to, filter.Root, at, Math.Min(ToolContract.ListLimitMax, most - decisions.Count));
            var page = await knowledge.ListDecisionsAsync(query, cancellationToken).ConfigureAwait(false);
            decisions.AddRange(page.Items);
            total = page.Total;
            offset = page.NextOffset;
        }

        return (decisions, total);
    }

    /// <summary>One decision: its header, the decision in force, its supersession and amendment chain and its full text.</summary>
    public async Task<string> DecisionAsync(string uri, CancellationToken cancellationToken = default)
    {
        var decision = await knowledge.GetDecisionAsync(new GetDecisionRequest { Reference = uri }, cancellationToken).ConfigureAwait(false);
        var document = await knowledge.GetDocumentAsync(DocumentKind.Decision, decision.Uri, cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder("<article><h1>");
        body.Text(decision.Number is null ? decision.Title : $"{decision.Id}: {decision.Title}").Append("</h1><dl class=\"meta\">")
            .Append("<dt>Status</dt><dd>").Append(Status(decision.Status));
        if (!string.Equals(decision.RawStatus, decision.Status, StringComparison.OrdinalIgnoreCase) && decision.RawStatus.Length > 0)
        {
            body.Append(" <span class=\"raw\">(").Text(decision.RawStatus).Append(")</span>");
        }

        body.Append("</dd>");
        Term(body, "Date", decision.Date);
        Term(body, "Decision makers", decision.DecisionMakers);
        Term(body, "Tags", decision.Tags.Count == 0 ? null : string.Join(", ", decision.Tags));
        body.Append("<dt>Source</dt><dd><code>").Text($"{decision.Root}: {decision.Path}:{decision.Line}").Append("</code></dd></dl>");
        if (decision.InForce.Id != decision.Id)
        {
            body.Append("<p class=\"notice\">Not in force: the decision in force is ").Link(links.For(decision.InForce.Uri) ?? "#", $"{decision.InForce.Id}: {decision.InForce.Title}").Append(".</p>");
        }

        await ChainAsync(body, decision, cancellationToken).ConfigureAwait(false);
        await HistoryAsync(body, decision, cancellationToken).ConfigureAwait(false);
        body.Append("<section aria-labelledby=\"text\"><h2 id=\"text\">Full text</h2><div class=\"markdown\">")
            .Append(await RenderAsync(document, cancellationToken).ConfigureAwait(false)).Append("</div></section></article>");
        return Layout(decision.Title, "decisions", body);
    }

    /// <summary>The standards (and guides), each linking to its page.</summary>
    public async Task<string> StandardsAsync(CancellationToken cancellationToken = default)
    {
        var documents = (await knowledge.ListDocumentsAsync(cancellationToken).ConfigureAwait(false))
            .Where(d => d.Uri.StartsWith("arch://standards/", StringComparison.Ordinal)).OrderBy(d => d.Title, StringComparer.OrdinalIgnoreCase).ToList();
        var body = new StringBuilder("<h1>Standards</h1>");
        if (documents.Count == 0)
        {
            body.Append("<p>No standards are indexed.</p>");
        }
        else
        {
            body.Append("<ul class=\"list\">");
            foreach (var d in documents)
            {
                body.Append("<li>").Link(links.For(d.Uri) ?? "#", d.Title).Append(" <code>").Text(d.Id).Append("</code> <span class=\"raw\">").Text(d.Root).Append("</span></li>");
            }

            body.Append("</ul>");
        }

        return Layout("Standards", "standards", body);
    }

    /// <summary>One standard: its rules grouped by level, each with an anchor named after its id (<c>#SEC-011</c>).</summary>
    public async Task<string> StandardAsync(string id, string? root, CancellationToken cancellationToken = default)
    {
        var standard = (await knowledge.GetRuleAsync(id, root, cancellationToken).ConfigureAwait(false)).Standard
            ?? throw new DocumentNotFoundException("standard", id);
        var body = new StringBuilder("<article><h1>").Text(standard.Title).Append("</h1><dl class=\"meta\">");
        Term(body, "Id", standard.Id);
        body.Append("<dt>Source</dt><dd><code>").Text($"{standard.Root}: {standard.Path}").Append("</code></dd><dt>Rules</dt><dd>")
            .Append(standard.Rules.Count.ToString(CultureInfo.InvariantCulture)).Append("</dd></dl>");
        foreach (var group in standard.Rules.GroupBy(r => r.Level).OrderBy(g => Rank(g.Key)))
        {
            var heading = "level-" + Html.Anchor(group.Key.ToLowerInvariant());
            body.Append("<section").Attr("aria-labelledby", heading).Append("><h2").Attr("id", heading).Append('>').Text(group.Key).Append("</h2><ul class=\"rules\">");
            foreach (var rule in group)
            {
                var anchor = Html.Anchor(rule.Id);
                body.Append("<li").Attr("id", anchor).Append("><a class=\"rule-id\"").Attr("href", "#" + Uri.EscapeDataString(anchor)).Append('>').Text(rule.Id).Append("</a> ")
                    .Append("<strong>").Text(rule.RawLevel.Length > 0 ? rule.RawLevel : rule.Level).Append("</strong> ").Text(rule.Statement)
                    .Append(" <code class=\"cite\">").Text($"{rule.Path}:{rule.Line}").Append("</code></li>");
            }

            body.Append("</ul></section>");
        }

        return Layout(standard.Title, "standards", body);
    }

    /// <summary>Any other document (a reference architecture, a guide, a template): its full text.</summary>
    public async Task<string> ReferenceAsync(string uri, CancellationToken cancellationToken = default)
    {
        var document = await knowledge.GetDocumentAsync(DocumentKind.Reference, uri, cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder("<article><h1>").Text(document.Title).Append("</h1><dl class=\"meta\">");
        Term(body, "Kind", document.Kind);
        body.Append("<dt>Source</dt><dd><code>").Text($"{document.Root}: {document.Path}").Append("</code></dd></dl><div class=\"markdown\">")
            .Append(await RenderAsync(document, cancellationToken).ConfigureAwait(false)).Append("</div></article>");
        return Layout(document.Title, "search", body);
    }

    /// <summary>The review form; with a design, the checklist and the review the tools return for it, and the review as Markdown.</summary>
    public async Task<string> ReviewAsync(string? design, CancellationToken cancellationToken = default)
    {
        var body = new StringBuilder("<h1>Review a design</h1>");
        body.Append("<form method=\"post\" class=\"review\"").Attr("action", links.Page("review")).Append("><label for=\"design\">Design text</label>")
            .Append("<p id=\"design-help\" class=\"help\">Paste a design, an ADR draft or a description of a change; it is checked against the rules and the decisions in force.</p>")
            .Append("<textarea id=\"design\" name=\"design\" rows=\"12\" aria-describedby=\"design-help\" required>").Text(design).Append("</textarea>")
            .Append("<button type=\"submit\">Review</button></form>");
        if (!string.IsNullOrWhiteSpace(design))
        {
            var request = RequestArguments.Checklist(design, ToolContract.ChecklistLimitDefault, null);
            var checklist = await knowledge.DesignChecklistAsync(request, cancellationToken).ConfigureAwait(false);
            var review = await knowledge.ReviewDesignAsync(request, cancellationToken).ConfigureAwait(false);
            Review(body, review);
            Checklist(body, checklist);
        }

        return Layout("Review", "review", body);
    }

    /// <summary>The index: whether it is ready, its roots and commits, its counts, its last refresh and the lint findings.</summary>
    public async Task<string> HealthAsync(CancellationToken cancellationToken = default)
    {
        var info = await knowledge.GetIndexInfoAsync(cancellationToken).ConfigureAwait(false);
        var lint = await knowledge.LintAsync(cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder("<h1>Health</h1><dl class=\"meta\">");
        Term(body, "Index", info.Ready ? "ready" : "not ready");
        Term(body, "Behind the files", info.Behind);
        Term(body, "Last refresh", info.IndexedAt?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "never");
        Term(body, "Documents", Count(info.Documents));
        Term(body, "Decisions", Count(info.Decisions));
        Term(body, "Standards", Count(info.Standards));
        Term(body, "Rules", Count(info.Rules));
        Term(body, "References", Count(info.References));
        Term(body, "Files that failed to parse", Count(info.Errors));
        body.Append("</dl><h2>Roots</h2><div class=\"table\"><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Folder</th><th scope=\"col\">Commit</th></tr></thead><tbody>");
        foreach (var root in info.Roots)
        {
            body.Append("<tr><td>").Text(root.Name).Append("</td><td><code>").Text(root.Path).Append("</code></td><td><code>").Text(root.Commit ?? "not a git checkout").Append("</code></td></tr>");
        }

        var s = lint.Summary;
        body.Append("</tbody></table></div><h2>Lint</h2><p>")
            .Append(Count(s.Errors)).Append(" errors, ").Append(Count(s.Warnings)).Append(" warnings over ")
            .Append(Count(s.Decisions)).Append(" decisions, ").Append(Count(s.Standards)).Append(" standards (")
            .Append(Count(s.Rules)).Append(" rules) and ").Append(Count(s.References)).Append(" references.</p>");
        const int shown = 100;
        if (lint.Findings.Count > 0)
        {
            body.Append("<div class=\"table\"><table><caption>").Append(lint.Findings.Count > shown ? $"The first {shown} of {Count(lint.Findings.Count)} findings" : "Findings")
                .Append("</caption><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Code</th><th scope=\"col\">Place</th><th scope=\"col\">Message</th></tr></thead><tbody>");
            foreach (var f in lint.Findings.Take(shown))
            {
                body.Append("<tr><td>").Text(f.Severity).Append("</td><td><code>").Text(f.Code).Append("</code></td><td><code>").Text($"{f.Path}:{f.Line}")
                    .Append("</code></td><td>").Text(f.Message).Append("</td></tr>");
            }

            body.Append("</tbody></table></div>");
        }

        return Layout("Health", "health", body);
    }

    /// <summary>The login form (a token is asked for once per browser session); <paramref name="failed"/> after a wrong token.</summary>
    public string Login(string returnTo, bool failed)
    {
        var body = new StringBuilder("<h1>Sign in</h1>");
        if (failed)
        {
            body.Append("<p class=\"notice\" role=\"alert\">That token is not the server's token.</p>");
        }

        body.Append("<p>This server requires its access token (ARCHMCP_TOKEN). It is kept for this browser session only.</p>")
            .Append("<form method=\"post\" class=\"review\" action=\"/login\"><input type=\"hidden\" name=\"return\"").Attr("value", returnTo).Append('>')
            .Input("token", "Token", null, "password").Append("<button type=\"submit\">Sign in</button></form>");
        return Layout("Sign in", "", body);
    }

    /// <summary>A page that says what went wrong (not found, a bad filter, an index not ready).</summary>
    public string Problem(string title, string message)
    {
        var body = new StringBuilder("<h1>").Text(title).Append("</h1><p class=\"notice\" role=\"alert\">").Text(message).Append("</p><p>")
            .Link(links.Home, "Search").Append(" · ").Link(links.Page("decisions"), "Decision log").Append("</p>");
        return Layout(title, "", body);
    }

    private void Results(StringBuilder body, SearchResult result)
    {
        body.Append("<section aria-labelledby=\"results-heading\"><h2 id=\"results-heading\">")
            .Append(Count(result.Hits.Count)).Append(result.Hits.Count == 1 ? " result" : " results").Append("</h2>");
        if (!result.Covered && result.Hits.Count > 0)
        {
            body.Append("<p class=\"notice\">Nothing in the knowledge answers this directly; these are only loosely related.</p>");
        }

        body.Append("<ol class=\"cards\">");
        foreach (var hit in result.Hits)
        {
            body.Append("<li class=\"card\"><h3>").Link(links.For(hit.Uri) ?? "#", hit.Title).Append("</h3><p class=\"badges\"><span class=\"badge\">").Text(hit.Kind).Append("</span>");
            if (hit.Status is not null)
            {
                body.Append(' ').Append(Status(hit.Status));
            }

            if (hit.Kind == "decision")
            {
                body.Append(hit.InForce is null ? " <span class=\"badge in-force\">in force</span>" : " <span class=\"badge\">replaced</span>");
            }

            if (hit.Date is not null)
            {
                body.Append(" <span class=\"date\">").Text(hit.Date).Append("</span>");
            }

            body.Append("</p>");
            if (hit.InForce is not null)
            {
                body.Append("<p>In force instead: ").Link(links.Document("decisions", hit.InForce), hit.InForce).Append("</p>");
            }

            body.Append("<p class=\"snippet\">").Append(Highlighted(hit.Snippet)).Append("</p>");
            if (hit.Reason is not null)
            {
                body.Element("p", hit.Reason, "raw");
            }

            body.Append("<p class=\"cite\"><code>").Text($"{hit.Path}:{hit.Line}").Append("</code> <span class=\"raw\">").Text(hit.Root).Append("</span></p></li>");
        }

        body.Append("</ol></section>");
    }

    /// <summary>
    /// The chain of decisions this one belongs to, drawn as a graph (newest at the top, an arrow from each decision to
    /// the one it supersedes or amends, a dotted line to a related one) and listed as links: those it supersedes (and
    /// theirs), this one, those that superseded it (and theirs), oldest first; then what it amends and what amends it.
    /// </summary>
    private async Task ChainAsync(StringBuilder body, DecisionView decision, CancellationToken cancellationToken)
    {
        const int most = 50; // a chain longer than this is cut: a page is not a graph explorer
        var edges = new List<GraphEdge>();
        var older = await WalkAsync(decision, d => d.Supersedes, most, (from, to) => edges.Add(new GraphEdge(from, to, "supersedes")), cancellationToken).ConfigureAwait(false);
        var newer = await WalkAsync(decision, d => d.SupersededBy, most, (from, to) => edges.Add(new GraphEdge(to, from, "supersedes")), cancellationToken).ConfigureAwait(false);
        if (older.Count + newer.Count + decision.Amends.Count + decision.AmendedBy.Count + decision.Related.Count == 0)
        {
            return;
        }

        edges.AddRange(decision.Amends.Select(d => new GraphEdge(decision.Uri, d.Uri, "amends")));
        edges.AddRange(decision.AmendedBy.Select(d => new GraphEdge(d.Uri, decision.Uri, "amends")));
        edges.AddRange(decision.Related.Select(d => new GraphEdge(decision.Uri, d.Uri, "related", EdgeLine.Dotted, Arrow: false)));
        var self = new DecisionRef(decision.Id, decision.Title, decision.Status, decision.Uri, decision.Path, decision.Line);
        var nodes = new[] { self }.Concat(newer).Concat(older).Concat(decision.Amends).Concat(decision.AmendedBy).Concat(decision.Related)
            .DistinctBy(d => d.Uri).Select(d => new GraphNode(d.Uri, $"{d.Id}\n{Shorten(d.Title)}\n({d.Status})", NodeShape.Round,
                d.Uri == decision.Uri ? null : links.For(d.Uri), $"status-{d.Status}" + (d.Uri == decision.Uri ? " current" : ""))).ToList();
        var ids = nodes.ToDictionary(n => n.Id, n => n.Label[..n.Label.IndexOf('\n', StringComparison.Ordinal)], StringComparer.Ordinal);
        var drawn = edges.Where(e => ids.ContainsKey(e.From) && ids.ContainsKey(e.To)).Distinct().ToList();
        var description = string.Join(' ', drawn.Select(e => $"{ids[e.From]} {e.Label} {ids[e.To]}."));
        body.Append("<section aria-labelledby=\"chain\"><h2 id=\"chain\">Supersession and amendments</h2><figure class=\"chain-graph\">")
            .Append(GraphSvg.Render(new Graph(FlowDirection.TopDown, nodes, drawn), "chain-graph", $"How {decision.Id} relates to other decisions", description, image: false))
            .Append("<figcaption>Newer decisions above; an arrow points from a decision to the one it supersedes or amends. This decision is outlined.</figcaption></figure>");
        if (older.Count + newer.Count > 0)
        {
            body.Append("<ol class=\"chain\" aria-label=\"Supersession chain, oldest first\">");
            foreach (var d in older.AsEnumerable().Reverse())
            {
                ChainItem(body, d, "superseded by the next");
            }

            body.Append("<li aria-current=\"page\"><strong>").Text($"{decision.Id}: {decision.Title}").Append("</strong> ").Append(Status(decision.Status)).Append(" <span class=\"raw\">this decision</span></li>");
            foreach (var d in newer)
            {
                ChainItem(body, d, d.Id == decision.InForce.Id ? "in force" : "superseded by the next");
            }

            body.Append("</ol>");
        }

        Relations(body, "Amends", decision.Amends);
        Relations(body, "Amended by", decision.AmendedBy);
        Relations(body, "Related", decision.Related);
        body.Append("</section>");
    }

    /// <summary>A title cut to two lines of a graph's node.</summary>
    private static string Shorten(string title) => title.Length <= 2 * SvgText.WrapAt ? title : title[..(2 * SvgText.WrapAt - 1)].TrimEnd() + "…";

    /// <summary>The decision's status at each recent commit of its file (from git), or why there is none and its status now.</summary>
    private async Task HistoryAsync(StringBuilder body, DecisionView decision, CancellationToken cancellationToken)
    {
        var history = await knowledge.GetStatusHistoryAsync(decision.Uri, cancellationToken).ConfigureAwait(false);
        body.Append("<section aria-labelledby=\"history\"><h2 id=\"history\">Status history</h2>");
        if (history.Commits.Count == 0)
        {
            body.Append("<p>").Text(history.Note).Append(" Status now: ").Append(Status(decision.Status));
            if (decision.Date is not null)
            {
                body.Append(", dated ").Text(decision.Date);
            }

            body.Append(".</p></section>");
            return;
        }

        body.Append("<div class=\"table\"><table class=\"history\"><caption>").Text(history.Note ?? "The commits that changed the file, newest first.")
            .Append("</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Commit</th><th scope=\"col\">Status</th></tr></thead><tbody>");
        for (var i = 0; i < history.Commits.Count; i++)
        {
            var c = history.Commits[i];
            body.Append(c.Changed ? "<tr class=\"changed\">" : "<tr>").Append("<td>").Text(c.Date[..Math.Min(10, c.Date.Length)]).Append("</td><td><code>").Text(c.Commit)
                .Append("</code></td><td>").Append(Status(c.Status));
            if (c.RawStatus.Length > 0 && !string.Equals(c.RawStatus, c.Status, StringComparison.OrdinalIgnoreCase))
            {
                body.Append(" <span class=\"raw\">(").Text(c.RawStatus).Append(")</span>");
            }

            if (c.Changed)
            {
                body.Append(" <strong class=\"change\">").Text(i + 1 < history.Commits.Count ? $"status changed from {history.Commits[i + 1].Status}" : "first status").Append("</strong>");
            }

            body.Append("</td></tr>");
        }

        body.Append("</tbody></table></div></section>");
    }

    private void ChainItem(StringBuilder body, DecisionRef d, string role) =>
        body.Append("<li>").Link(links.For(d.Uri) ?? "#", $"{d.Id}: {d.Title}").Append(' ').Append(Status(d.Status)).Append(" <span class=\"raw\">").Text(role).Append("</span></li>");

    /// <summary>
    /// The decisions reached from <paramref name="start"/> by one relation, nearest first, each once; <paramref name="step"/>
    /// is told every relation followed (from, to: resource URIs).
    /// </summary>
    private async Task<List<DecisionRef>> WalkAsync(DecisionView start, Func<DecisionView, IReadOnlyList<DecisionRef>> next, int most, Action<string, string> step, CancellationToken cancellationToken)
    {
        var found = new List<DecisionRef>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Uri };
        var queue = new Queue<DecisionView>([start]);
        while (queue.Count > 0 && found.Count < most)
        {
            var view = queue.Dequeue();
            foreach (var r in next(view))
            {
                step(view.Uri, r.Uri);
                if (seen.Add(r.Uri))
                {
                    found.Add(r);
                    queue.Enqueue(await knowledge.GetDecisionAsync(new GetDecisionRequest { Reference = r.Uri }, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return found;
    }

    private void Relations(StringBuilder body, string label, IReadOnlyList<DecisionRef> refs)
    {
        if (refs.Count == 0)
        {
            return;
        }

        body.Element("h3", label).Append("<ul class=\"list\">");
        foreach (var d in refs)
        {
            body.Append("<li>").Link(links.For(d.Uri) ?? "#", $"{d.Id}: {d.Title}").Append(' ').Append(Status(d.Status)).Append("</li>");
        }

        body.Append("</ul>");
    }

    private void Review(StringBuilder body, ReviewResult review)
    {
        var risk = review.Risk;
        body.Append("<section aria-labelledby=\"review-heading\"><h2 id=\"review-heading\">Review</h2><p class=\"risk\">Risk: <strong>").Text(risk.Overall.ToUpperInvariant())
            .Append("</strong> — ").Append(Count(risk.Violated)).Append(" violated (").Append(Count(risk.High)).Append(" MUST, ").Append(Count(risk.Medium)).Append(" SHOULD), ")
            .Append(Count(risk.NeedsJudgement)).Append(" need a person.</p>");
        foreach (var verdict in VerdictOrder)
        {
            var items = review.Items.Where(i => i.Verdict == verdict).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            body.Append("<h3>").Text($"{char.ToUpperInvariant(verdict[0])}{verdict[1..]} ({items.Count})").Append("</h3><ul class=\"verdicts\">");
            foreach (var r in items)
            {
                body.Append("<li").Attr("class", "verdict " + Html.Anchor(verdict)).Append('>');
                Item(body, r.Item);
                if (verdict != Verdicts.NotAddressed)
                {
                    body.Element("p", r.Reason);
                    if (r.Design is not null)
                    {
                        body.Append("<blockquote><p>").Text($"Design, line {r.Design.Line}: {r.Design.Quote}").Append("</p></blockquote>");
                    }

                    if (r.Rule is not null && r.Rule.Quote != r.Item.Statement)
                    {
                        body.Append("<blockquote><p>").Text($"Rule, line {r.Rule.Line}: {r.Rule.Quote}").Append("</p></blockquote>");
                    }
                }

                body.Append("</li>");
            }

            body.Append("</ul>");
        }

        body.Append("<h3>As Markdown</h3><label for=\"review-markdown\">The review as Markdown, for a pull-request comment</label>")
            .Append("<textarea id=\"review-markdown\" rows=\"8\" readonly>").Text(ChecklistMarkdown.Review(review)).Append("</textarea>")
            .Append("<button type=\"button\" data-copy=\"review-markdown\" hidden>Copy as Markdown</button><span class=\"copied\" role=\"status\"></span></section>");
    }

    private void Checklist(StringBuilder body, ChecklistResult checklist)
    {
        body.Append("<section aria-labelledby=\"checklist-heading\"><h2 id=\"checklist-heading\">Checklist</h2>");
        if (checklist.Items.Count == 0 || !checklist.Covered)
        {
            body.Element("p", ChecklistMarkdown.Checklist(checklist).Trim(), "notice");
        }

        foreach (var group in checklist.Items.GroupBy(i => i.Level).OrderBy(g => Rank(g.Key)))
        {
            body.Element("h3", group.Key).Append("<ul class=\"verdicts\">");
            foreach (var item in group)
            {
                body.Append("<li>");
                Item(body, item);
                body.Append("</li>");
            }

            body.Append("</ul>");
        }

        body.Append("</section>");
    }

    private void Item(StringBuilder body, ChecklistItem item)
    {
        body.Append("<p>").Link(links.For(item.Uri) ?? "#", item.Id).Append(" <strong>").Text(item.Level).Append("</strong> ").Text(item.Statement);
        if (item.Kind == "rule" && !string.Equals(item.Source, item.Statement, StringComparison.Ordinal))
        {
            body.Append(" <span class=\"raw\">— ").Text(item.Source).Append("</span>");
        }

        body.Append(" <code class=\"cite\">").Text($"{item.Path}:{item.Line}").Append("</code></p>");
    }

    private string LogPage(LogFilter filter, int offset)
    {
        var query = new List<string>();
        foreach (var (name, value) in new[] { ("status", filter.Status), ("tag", filter.Tag), ("root", filter.Root) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        query.Add($"offset={offset.ToString(CultureInfo.InvariantCulture)}");
        return links.Page("decisions") + "?" + string.Join('&', query);
    }

    /// <summary>The document's Markdown as HTML, its relative links to other indexed files turned into their pages.</summary>
    private async Task<string> RenderAsync(DocumentView document, CancellationToken cancellationToken)
    {
        Dictionary<string, string>? pages = null;
        var folder = document.Path.Contains('/', StringComparison.Ordinal) ? document.Path[..(document.Path.LastIndexOf('/') + 1)] : "";
        var all = await knowledge.ListDocumentsAsync(cancellationToken).ConfigureAwait(false);
        return MarkdownHtml.Render(document.Markdown, target =>
        {
            pages ??= all.Where(d => d.Root == document.Root).GroupBy(d => d.Path, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First().Uri, StringComparer.OrdinalIgnoreCase);
            return pages.TryGetValue(Normalise(folder + target), out var uri) ? links.For(uri) : null;
        });
    }

    /// <summary>A relative path with "." and ".." segments resolved (forward slashes).</summary>
    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private async Task<IEnumerable<string>> RootNamesAsync(CancellationToken cancellationToken) =>
        (await knowledge.GetIndexInfoAsync(cancellationToken).ConfigureAwait(false)).Roots.Select(r => r.Name);

    private static void Term(StringBuilder body, string term, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            body.Append("<dt>").Text(term).Append("</dt><dd>").Text(value).Append("</dd>");
        }
    }

    private static string Status(string status) => $"<span class=\"badge status-{Html.Encode(status)}\">{Html.Encode(status)}</span>";

    /// <summary>A snippet encoded, with the search's **highlights** (its own marks around matched words) as &lt;mark&gt;.</summary>
    private static string Highlighted(string snippet) => Highlight().Replace(Html.Encode(snippet), "<mark>$1</mark>");

    [System.Text.RegularExpressions.GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial System.Text.RegularExpressions.Regex Highlight();

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static int Rank(string level) => Array.IndexOf(LevelOrder, level) is var i && i >= 0 ? i : LevelOrder.Length;

    private string Layout(string title, string current, StringBuilder main)
    {
        var sb = new StringBuilder(main.Length + 2048);
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Text(title).Append(" · ArchMcp</title><link rel=\"stylesheet\"").Attr("href", links.Asset("app.css")).Append("><script defer").Attr("src", links.Asset("app.js"))
            .Append("></script></head><body><a class=\"skip\" href=\"#main\">Skip to content</a><header><p class=\"brand\">").Link(links.Home, "ArchMcp")
            .Append("</p><nav aria-label=\"Main\"><ul>");
        NavItem(sb, links.Home, "Search", current == "search");
        NavItem(sb, links.Page("decisions"), "Decisions", current == "decisions");
        NavItem(sb, links.Page("standards"), "Standards", current == "standards");
        if (!links.IsStatic)
        {
            NavItem(sb, links.Page("review"), "Review", current == "review");
        }

        NavItem(sb, links.Page("health"), "Health", current == "health");
        sb.Append("</ul></nav></header><main id=\"main\" tabindex=\"-1\">").Append(main)
            .Append("</main><footer><p>ArchMcp: the same knowledge its MCP tools answer from.</p></footer></body></html>");
        return sb.ToString();
    }

    private static void NavItem(StringBuilder sb, string href, string text, bool current)
    {
        sb.Append("<li><a").Attr("href", href);
        if (current)
        {
            sb.Append(" aria-current=\"page\"");
        }

        sb.Append('>').Text(text).Append("</a></li>");
    }
}
