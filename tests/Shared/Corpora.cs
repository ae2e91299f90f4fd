namespace ArchMcp.Tests.Shared;

/// <summary>
/// Locates the shared evaluation corpora: <c>ARCHMCP_CORPORA</c>, else <c>../shared/corpora</c> from the repository
/// root (found by walking up from the test assembly to the folder holding <c>ArchMcp.sln</c>;
/// for git worktrees the parents of the root are tried too).
/// </summary>
public static partial class Corpora
{
    private static readonly Lazy<string?> Location = new(Find);

    /// <summary>The corpora folder, or null when absent.</summary>
    public static string? Path => Location.Value;

    /// <summary>Why corpus tests are skipped, or null when the corpora are present.</summary>
    public static string? SkipReason => Path is null
        ? "Shared corpora not found: set ARCHMCP_CORPORA or place them at ../shared/corpora next to the repository."
        : null;

    /// <summary>The folder of one corpus ("govuk-aws", "zalando", …); throws when the corpora are absent (guard with Corpora.Require first).</summary>
    public static string Folder(string corpus) =>
        System.IO.Path.Combine(Path ?? throw new InvalidOperationException(SkipReason), corpus);

    /// <summary>True when the named corpus exists.</summary>
    public static bool Has(string corpus) => Path is not null && Directory.Exists(Folder(corpus));

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("ARCHMCP_CORPORA");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return Directory.Exists(env) ? System.IO.Path.GetFullPath(env) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ArchMcp.sln")) || File.Exists(System.IO.Path.Combine(dir.FullName, "ArchMcp.slnx")))
            {
                // ../shared/corpora from the repository root; git worktrees sit deeper, so keep walking up.
                for (var up = dir.Parent; up is not null; up = up.Parent)
                {
                    var candidate = System.IO.Path.Combine(up.FullName, "shared", "corpora");
                    if (Directory.Exists(candidate))
                    {
                        return candidate;
                    }
                }

                return null;
            }
        }

        return null;
    }
}
