using System.Text.Json;
using ArchMcp.Server.Cli;
using ArchMcp.Server.Tests.Cli;

namespace ArchMcp.Server.Tests.Web;

/// <summary>`archmcp site --out DIR`: the web view as static files with relative links and a search index in the page.</summary>
[Collection(CliCollection.Name)]
public sealed class SiteCommandTests : IDisposable
{
    private readonly CliFixture _cli = new(Path.Combine(AppContext.BaseDirectory, "Fixtures", "server-knowledge"));

    private string Out => Path.Combine(_cli.Folder.Path, ".site");

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Site_WritesEveryPageWithRelativeLinks()
    {
        var result = await _cli.RunAsync("site", "--out", Out, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var pages = result.Json().GetProperty("pages").GetInt32();
        Assert.Equal(pages, Directory.EnumerateFiles(Out, "*.html", SearchOption.AllDirectories).Count());
        foreach (var page in new[] { "index.html", "decisions.html", "timeline.html", "standards.html", "health.html", "decisions/ADR-0004.html", "standards/API.html", "assets/app.js", "assets/app.css" })
        {
            Assert.True(File.Exists(Path.Combine(Out, page)), page);
        }

        Assert.False(File.Exists(Path.Combine(Out, "review.html")));
        var superseded = await File.ReadAllTextAsync(Path.Combine(Out, "decisions", "ADR-0003.html"));
        Assert.Contains("<a href=\"../decisions/ADR-0004.html\">", superseded, StringComparison.Ordinal);
        Assert.Contains("href=\"../assets/app.css\"", superseded, StringComparison.Ordinal);
        Assert.Contains("<a href=\"decisions/ADR-0004.html\">", await File.ReadAllTextAsync(Path.Combine(Out, "decisions.html")), StringComparison.Ordinal);
        Assert.Contains("<li id=\"API-006\">", await File.ReadAllTextAsync(Path.Combine(Out, "standards", "API.html")), StringComparison.Ordinal);
        var timeline = await File.ReadAllTextAsync(Path.Combine(Out, "timeline.html"));
        Assert.Contains("<h2 id=\"year-2026\">2026</h2>", timeline, StringComparison.Ordinal);
        Assert.Contains("superseded by <a href=\"decisions/ADR-0004.html\">ADR-0004</a>", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("?year=", timeline, StringComparison.Ordinal);
        var graph = superseded[superseded.IndexOf("<svg", StringComparison.Ordinal)..superseded.IndexOf("</svg>", StringComparison.Ordinal)];
        Assert.Contains("<a href=\"../decisions/ADR-0004.html\">", graph, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Site_SearchPage_CarriesAJsonIndexWithNoMarkupInIt()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder.Path, "decisions", "0099-escaping.md"), WebServer.EscapingDecision);

        var result = await _cli.RunAsync("site", "--out", Out);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("wrote ", result.Stdout, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(Out, "index.html"));
        const string start = "<script type=\"application/json\" id=\"search-index\">";
        var json = html[(html.IndexOf(start, StringComparison.Ordinal) + start.Length)..html.LastIndexOf("</script>", StringComparison.Ordinal)];
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        using var index = JsonDocument.Parse(json);
        var entries = index.RootElement.EnumerateArray().ToList();
        var escaping = entries.Single(e => e.GetProperty("id").GetString() == "ADR-0099");
        Assert.StartsWith("<script>", escaping.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("decisions/ADR-0099.html", escaping.GetProperty("url").GetString());
        Assert.Contains(entries, e => e.GetProperty("id").GetString() == "ADR-0004" && e.GetProperty("status").GetString() == "accepted");
        Assert.DoesNotContain("<script>alert", await File.ReadAllTextAsync(Path.Combine(Out, "decisions", "ADR-0099.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Site_WithoutOut_IsAUsageError()
    {
        var result = await _cli.RunAsync("site");

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.Contains("--out", result.Stderr, StringComparison.Ordinal);
    }
}
