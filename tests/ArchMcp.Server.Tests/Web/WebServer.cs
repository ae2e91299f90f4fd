using ArchMcp.Server.Hosting;
using ArchMcp.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace ArchMcp.Server.Tests.Web;

/// <summary>
/// `archmcp serve --http` in process on a loopback port over the server fixtures plus <see cref="EscapingDecision"/>, a
/// decision whose title and body hold markup; the client follows no redirects and keeps no cookies (tests look at them).
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    /// <summary>A decision with script in its title (front matter) and its body, and a javascript: link.</summary>
    public const string EscapingDecision = """
        ---
        status: accepted
        date: 2026-11-30
        tags: [escaping]
        title: "<script>alert('title')</script> Render knowledge text as text"
        ---
        ## Context

        Markup in a record: <script>alert('body')</script> and <img src="x" onerror="alert('img')">, and
        [a link that runs script](javascript:alert('link')).

        ## Decision Outcome

        Chosen option: encode every knowledge text, because a record is data.
        """;

    private readonly WebApplication _app;
    private readonly KnowledgeFolder _folder;

    private WebServer(WebApplication app, KnowledgeFolder folder)
    {
        _app = app;
        _folder = folder;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <param name="settings">Configuration overrides ("Server:Token"…).</param>
    /// <param name="prepare">Adds files to the knowledge before the server starts.</param>
    public static async Task<WebServer> StartAsync(Dictionary<string, string?>? settings = null, Action<KnowledgeFolder>? prepare = null)
    {
        var folder = new KnowledgeFolder();
        await File.WriteAllTextAsync(folder.PathOf("decisions/0099-escaping.md"), EscapingDecision);
        prepare?.Invoke(folder);
        var app = HttpHost.Build(HttpServer.ParseServe(folder), "http://127.0.0.1:0", HttpServer.Settings(settings));
        await app.StartAsync();
        return new WebServer(app, folder);
    }

    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
