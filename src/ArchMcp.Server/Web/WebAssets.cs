namespace ArchMcp.Server.Web;

/// <summary>The web view's own script and stylesheet, compiled into the binary (Web/Assets): nothing is fetched at run time.</summary>
public static class WebAssets
{
    /// <summary>The file names under /assets/.</summary>
    public static IReadOnlyList<string> Names { get; } = ["app.css", "app.js"];

    /// <summary>An asset's bytes and content type; null for a name that is not one of ours.</summary>
    public static (byte[] Bytes, string ContentType)? Find(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream("ArchMcp.Server.Web.Assets." + name)
            ?? throw new InvalidOperationException($"The web asset '{name}' is missing from the build.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return (bytes.ToArray(), name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    }
}
