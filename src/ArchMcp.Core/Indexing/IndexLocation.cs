using System.Security.Cryptography;
using System.Text;

namespace ArchMcp.Core.Indexing;

/// <summary>Where an index lives by default: the user's cache folder, keyed by the knowledge roots.</summary>
internal static class IndexLocation
{
    public static string Resolve(KnowledgeOptions options, IReadOnlyList<KnowledgeRoot> roots)
    {
        if (!string.IsNullOrWhiteSpace(options.IndexPath))
        {
            return Path.GetFullPath(options.IndexPath);
        }

        var key = string.Join("\n", roots.Select(r => $"{r.Name}={r.Path}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(CacheHome(), "archmcp", "index", hash);
    }

    private static string CacheHome()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg))
        {
            return xdg;
        }

        if (OperatingSystem.IsWindows())
        {
            return Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches") : Path.Combine(home, ".cache");
    }
}
