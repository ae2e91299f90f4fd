using System.Net;

namespace ArchMcp.Server.Hosting;

/// <summary>Which addresses the server is configured to listen on, and whether they stay on this machine.</summary>
public static class BindAddresses
{
    /// <summary>The URLs from "urls" (or the default) and any Kestrel:Endpoints:*:Url entries.</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? ServerOptions.DefaultUrls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        return [.. urls.Concat(endpoints)];
    }

    public static bool IsLoopback(string url)
    {
        var address = BindingAddress.Parse(url);
        if (address.IsNamedPipe || address.IsUnixPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
