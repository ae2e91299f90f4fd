using System.Security.Cryptography;
using System.Text;
using ArchMcp.Core;
using ArchMcp.Server.Hosting;
using Microsoft.Extensions.Options;

namespace ArchMcp.Server.Web;

/// <summary>
/// The web view of `archmcp serve --http`: the pages at `/` and their assets, behind the same rules as /mcp — the
/// Host and Origin checks, the rate limit, the body size limit, and the token: a browser enters it once at /login and
/// gets a session cookie (HttpOnly, SameSite=Strict); a bearer header works too.
/// </summary>
public static class WebView
{
    public const string SessionCookie = "archmcp_session";
    private const string LoginPath = "/login";
    private const string AssetsPath = "/assets";

    /// <summary>Only our own script and styles, no framing: a page is never an embedding or a source of requests elsewhere.</summary>
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Whether a request is for the web view (anything but /mcp and the probes /healthz and /readyz).</summary>
    public static bool IsPage(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return !path.StartsWithSegments(HttpGuards.McpPath, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The checks in front of the pages: a foreign Host or Origin → 403; without the token (header or session cookie)
    /// a page read is sent to /login and anything else gets 401. Sets the pages' security headers.
    /// </summary>
    public static IApplicationBuilder UseWebViewGuard(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!IsPage(context))
        {
            return next(context);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
        if (!HttpGuards.IsAllowedHost(context.Request.Host.Host, options.AllowedHosts))
        {
            return Refuse(context, StatusCodes.Status403Forbidden, $"Host '{context.Request.Host}' is not allowed. Add it to Server:AllowedHosts.");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !HttpGuards.IsAllowedOrigin(origin, context, options.AllowedHosts))
        {
            return Refuse(context, StatusCodes.Status403Forbidden, $"Origin '{origin}' is not allowed. Add its host to Server:AllowedHosts.");
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin"; // "no-referrer" would make the browser send "Origin: null" with the review form
        var path = context.Request.Path;
        if (string.IsNullOrEmpty(options.Token) || path.StartsWithSegments(LoginPath) || path.StartsWithSegments(AssetsPath) || IsSignedIn(context, options.Token))
        {
            return next(context);
        }

        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Redirect(LoginPath + "?return=" + Uri.EscapeDataString(path + context.Request.QueryString));
            return Task.CompletedTask;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Refuse(context, StatusCodes.Status401Unauthorized, "Missing or invalid token: sign in at /login or send 'Authorization: Bearer <token>'.");
    });

    /// <summary>Maps the pages, the login form and the assets.</summary>
    public static void MapWebView(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", SearchPage);
        app.MapGet("/decisions", DecisionsPage);
        app.MapGet("/decisions/{id}", DecisionPage);
        app.MapGet("/timeline", TimelinePage);
        app.MapGet("/standards", StandardsPage);
        app.MapGet("/standards/{id}", StandardPage);
        app.MapGet("/references/{id}", ReferencePage);
        app.MapGet("/review", ReviewPage);
        app.MapPost("/review", ReviewPage);
        app.MapGet("/health", HealthPage);
        app.MapGet(LoginPath, context => WriteAsync(context, StatusCodes.Status200OK, Pages(context).Login(ReturnTo(Query(context, "return")), failed: false)));
        app.MapPost(LoginPath, LoginAsync);
        app.MapGet(AssetsPath + "/{file}", context =>
        {
            var asset = WebAssets.Find(RouteId(context, "file"));
            if (asset is null)
            {
                return Refuse(context, StatusCodes.Status404NotFound, "No such file.");
            }

            context.Response.ContentType = asset.Value.ContentType;
            context.Response.Headers.CacheControl = "no-cache";
            return context.Response.Body.WriteAsync(asset.Value.Bytes, context.RequestAborted).AsTask();
        });
    }

    private static Task SearchPage(HttpContext context) => PageAsync(context, (pages, ct) =>
        pages.SearchAsync(new SearchForm(Query(context, "q"), Query(context, "kind"), Query(context, "status"), Query(context, "tag"), Query(context, "root")), null, ct));

    private static Task DecisionsPage(HttpContext context) => PageAsync(context, (pages, ct) =>
        pages.DecisionsAsync(new LogFilter(Query(context, "status"), Query(context, "tag"), Query(context, "root"), Offset(Query(context, "offset"))), ct));

    private static Task TimelinePage(HttpContext context) => PageAsync(context, (pages, ct) => pages.TimelineAsync(Year(Query(context, "year")), Offset(Query(context, "offset")), ct));

    private static Task DecisionPage(HttpContext context) => PageAsync(context, (pages, ct) => pages.DecisionAsync(UriOf(context, "decisions"), ct));

    private static Task StandardsPage(HttpContext context) => PageAsync(context, (pages, ct) => pages.StandardsAsync(ct));

    private static Task StandardPage(HttpContext context) => PageAsync(context, (pages, ct) => pages.StandardAsync(RouteId(context), Query(context, "root"), ct));

    private static Task ReferencePage(HttpContext context) => PageAsync(context, (pages, ct) => pages.ReferenceAsync(UriOf(context, "references"), ct));

    private static Task HealthPage(HttpContext context) => PageAsync(context, (pages, ct) => pages.HealthAsync(ct));

    /// <summary>GET: the form; POST (the form, checked like every page for its Origin): the checklist and the review.</summary>
    private static async Task ReviewPage(HttpContext context)
    {
        string? design = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (!context.Request.HasFormContentType)
            {
                await Refuse(context, StatusCodes.Status415UnsupportedMediaType, "Send the review form (application/x-www-form-urlencoded).").ConfigureAwait(false);
                return;
            }

            design = (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))["design"].ToString();
        }

        await PageAsync(context, (pages, ct) => pages.ReviewAsync(design, ct)).ConfigureAwait(false);
    }

    /// <summary>The session cookie's value for a token: an HMAC of a fixed label keyed by the token (the token itself is never stored in the browser).</summary>
    public static string SessionValue(string token) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "archmcp web session"u8));

    private static bool IsSignedIn(HttpContext context, string token) =>
        HttpGuards.TokenMatches(context.Request.Headers.Authorization.ToString(), token)
        || (context.Request.Cookies[SessionCookie] is { } cookie
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(SessionValue(token))));

    private static async Task LoginAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await Refuse(context, StatusCodes.Status415UnsupportedMediaType, "Send the sign-in form (application/x-www-form-urlencoded).").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var token = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.Token;
        var returnTo = ReturnTo(form["return"].ToString());
        if (string.IsNullOrEmpty(token))
        {
            context.Response.Redirect(returnTo);
            return;
        }

        if (!HttpGuards.TokenMatches("Bearer " + form["token"], token))
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized, Pages(context).Login(returnTo, failed: true)).ConfigureAwait(false);
            return;
        }

        context.Response.Cookies.Append(SessionCookie, SessionValue(token), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
        context.Response.Redirect(returnTo, permanent: false);
    }

    /// <summary>Where to go after signing in: a path on this server only (never another site, "//host" included).</summary>
    private static string ReturnTo(string? value) =>
        value is { Length: > 0 } v && v[0] == '/' && !v.StartsWith("//", StringComparison.Ordinal) && !v.StartsWith("/\\", StringComparison.Ordinal) ? v : "/";

    /// <summary>
    /// Renders a page and answers it, with the time the server took in a standard <c>Server-Timing</c> header
    /// (<c>render;dur=12.3</c>, milliseconds), which a browser's developer tools show beside the network time.
    /// </summary>
    private static async Task PageAsync(HttpContext context, Func<WebPages, CancellationToken, Task<string>> render)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        string html;
        int status;
        try
        {
            html = await render(Pages(context), context.RequestAborted).ConfigureAwait(false);
            status = StatusCodes.Status200OK;
        }
        catch (Exception ex) when (Problem(ex) is { } problem)
        {
            html = Pages(context).Problem(problem.Title, ex.Message);
            status = problem.Status;
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        context.Response.Headers["Server-Timing"] = "render;dur=" + elapsed.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

        await WriteAsync(context, status, html).ConfigureAwait(false);
    }

    private static (int Status, string Title)? Problem(Exception ex) => ex switch
    {
        DecisionNotFoundException or RuleNotFoundException or DocumentNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        AmbiguousReferenceException => (StatusCodes.Status409Conflict, "More than one match"),
        InvalidQueryException => (StatusCodes.Status400BadRequest, "Bad request"),
        IndexUnavailableException or IndexLockedException => (StatusCodes.Status503ServiceUnavailable, "Index not available"),
        _ => null,
    };

    private static WebPages Pages(HttpContext context) => new(context.RequestServices.GetRequiredService<IKnowledgeService>(), SiteLinks.Served);

    private static Task WriteAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }

    private static string? Query(HttpContext context, string name) => context.Request.Query[name].FirstOrDefault();

    private static int Offset(string? text) =>
        string.IsNullOrEmpty(text) ? 0
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset) ? offset
        : throw new InvalidQueryException($"'offset' must be a whole number (got '{text}').");

    private static int? Year(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 1 and <= 9999 ? year
        : throw new InvalidQueryException($"'year' must be a year such as 2024 (got '{text}').");

    private static string RouteId(HttpContext context, string name = "id") => context.Request.RouteValues[name]?.ToString() ?? "";

    /// <summary>The resource URI a page path names: /decisions/ADR-0004?root=b → arch://decisions/ADR-0004?root=b.</summary>
    private static string UriOf(HttpContext context, string group) =>
        $"arch://{group}/{Uri.EscapeDataString(RouteId(context))}" + (Query(context, "root") is { Length: > 0 } root ? "?root=" + Uri.EscapeDataString(root) : "");
}
