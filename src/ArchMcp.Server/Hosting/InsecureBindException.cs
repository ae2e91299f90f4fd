namespace ArchMcp.Server.Hosting;

/// <summary>Thrown when the server would listen on a non-loopback address without a bearer token.</summary>
public sealed class InsecureBindException(string url)
    : Exception($"refusing to listen on {url} without a token: set ARCHMCP_TOKEN (clients then send 'Authorization: Bearer <token>'), or bind to 127.0.0.1.")
{
    public string Url { get; } = url;
}
