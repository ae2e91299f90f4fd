using System.Text;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>
/// The commit a folder's git checkout is on, read from <c>.git</c> without running git, and strictly: <c>.git</c> must
/// be a real folder (not a link, not a <c>gitdir:</c> file pointing elsewhere), <c>HEAD</c> and the ref file regular
/// files inside it read with a small bound, the ref a name in git's ref format under <c>refs/</c>, and the answer a
/// 40- or 64-digit hexadecimal commit id. Anything else gives no commit, so no file's text can pass for one.
/// </summary>
internal static partial class GitHead
{
    private const long MaxHeadBytes = 4096;
    private const long MaxPackedRefsBytes = 4 * 1024 * 1024;

    /// <summary>The commit of the nearest checkout at or above <paramref name="folder"/>; null when there is none or it cannot be read safely.</summary>
    public static string? Commit(string folder)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
            {
                var git = new DirectoryInfo(Path.Combine(dir.FullName, ".git"));
                var gitFile = new FileInfo(git.FullName);
                if (!git.Exists && !gitFile.Exists)
                {
                    continue;
                }

                // a link, or a .git file (worktree, submodule) naming another folder: not followed
                if (!git.Exists || git.LinkTarget is not null)
                {
                    return null;
                }

                return FromGitFolder(git.FullName);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
        }

        return null;
    }

    private static string? FromGitFolder(string git)
    {
        var gitReal = KnowledgeLoader.RealPath(git);
        if (gitReal is null)
        {
            return null;
        }

        var head = ReadSmall(Path.Combine(git, "HEAD"), gitReal, MaxHeadBytes);
        if (head is null)
        {
            return null;
        }

        if (IsCommitId(head))
        {
            return head.ToLowerInvariant();
        }

        if (!head.StartsWith("ref: ", StringComparison.Ordinal))
        {
            return null;
        }

        var name = head[5..].Trim();
        if (!IsRefName(name))
        {
            return null;
        }

        var loose = ReadSmall(Path.Combine(git, name.Replace('/', Path.DirectorySeparatorChar)), gitReal, MaxHeadBytes);
        if (loose is not null)
        {
            return IsCommitId(loose) ? loose.ToLowerInvariant() : null;
        }

        // a ref packed by git gc: "<id> <name>" lines
        var packed = ReadSmall(Path.Combine(git, "packed-refs"), gitReal, MaxPackedRefsBytes);
        foreach (var line in (packed ?? "").Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line[(space + 1)..].TrimEnd('\r') == name && IsCommitId(line[..space]))
            {
                return line[..space].ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>A regular file that is not a link, really inside <paramref name="gitReal"/>, read whole when within the bound; trimmed.</summary>
    private static string? ReadSmall(string path, string gitReal, long maxBytes)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            return null;
        }

        var read = SafeFile.Read(path, gitReal, maxBytes);
        return read.Succeeded ? Encoding.UTF8.GetString(read.Bytes).Trim() : null;
    }

    /// <summary>A full SHA-1 or SHA-256 object id.</summary>
    public static bool IsCommitId(string text) => CommitId().IsMatch(text);

    /// <summary>
    /// A ref under <c>refs/</c> in git's ref format (git check-ref-format): no <c>..</c>, no component starting with a
    /// dot or ending in <c>.lock</c>, no control characters, spaces or <c>~^:?*[\</c>, no <c>@{</c>, no empty component.
    /// </summary>
    public static bool IsRefName(string name)
    {
        if (name.Length > 1024 || !name.StartsWith("refs/", StringComparison.Ordinal) || name.EndsWith('/') || name.EndsWith('.')
            || name.Contains("..", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part.StartsWith('.') || part.EndsWith(".lock", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return !name.Any(c => c < 0x20 || c == 0x7F || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\');
    }

    [GeneratedRegex("^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$")]
    private static partial Regex CommitId();
}
