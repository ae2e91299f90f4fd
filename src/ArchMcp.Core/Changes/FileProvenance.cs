using System.Collections.Concurrent;
using System.Globalization;

namespace ArchMcp.Core.Changes;

/// <summary>When a knowledge file last changed, and in which commit (null outside git history).</summary>
internal readonly record struct Provenance(string Changed, string? Commit);

/// <summary>
/// The provenance cards carry: for a file in a git working copy, the last commit that changed it and that commit's
/// author date, all files of a root read in one <c>git log</c> run; for a root that is not a git working copy, or a
/// file not committed yet, the file's modification date and no commit. The commit map is read again when the index
/// changes or the repository's HEAD moves (its reflog or HEAD file is written), so a commit without an edit shows too.
/// Uncommitted edits to a committed file are not shown: the card names the last commit.
/// </summary>
internal sealed class FileProvenance(IReadOnlyList<KnowledgeRoot> roots)
{
    private readonly ConcurrentDictionary<string, Task<string?>> _gitDirs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private (string Stamp, Task<Dictionary<(string Root, string Path), Provenance>> Map)? _current;

    /// <summary>Looks up the provenance of files of the index snapshot <paramref name="generation"/>.</summary>
    public async Task<Func<string, string, Provenance?>> LookupAsync(long generation, CancellationToken cancellationToken)
    {
        var gitDirs = await GitDirsAsync().ConfigureAwait(false);
        var stamp = Stamp(generation, gitDirs);
        Task<Dictionary<(string Root, string Path), Provenance>> map;
        lock (_gate)
        {
            if (_current is not { } current || current.Stamp != stamp || current.Map.IsFaulted || current.Map.IsCanceled)
            {
                _current = current = (stamp, ReadCommitsAsync(gitDirs));
            }

            map = current.Map;
        }

        var commits = await map.WaitAsync(cancellationToken).ConfigureAwait(false);
        return (root, path) => commits.TryGetValue((root, path), out var found) ? found : FileTime(root, path);
    }

    /// <summary>
    /// What git-derived answers of the index snapshot <paramref name="generation"/> depend on: the snapshot and each
    /// root's HEAD. An answer remembered under one stamp is stale once the stamp changes.
    /// </summary>
    public async Task<string> StampAsync(long generation) => Stamp(generation, await GitDirsAsync().ConfigureAwait(false));

    private static string Stamp(long generation, Dictionary<KnowledgeRoot, string?> gitDirs) =>
        generation.ToString(CultureInfo.InvariantCulture) + string.Concat(gitDirs.Values.OfType<string>().Select(HeadStamp));

    private async Task<Dictionary<KnowledgeRoot, string?>> GitDirsAsync()
    {
        var gitDirs = new Dictionary<KnowledgeRoot, string?>();
        foreach (var root in roots)
        {
            gitDirs[root] = await _gitDirs.GetOrAdd(root.Path, path => GitDirAsync(path)).ConfigureAwait(false);
        }

        return gitDirs;
    }

    /// <summary>The root's git folder, or null when the root is not in a git working copy (or git is not installed).</summary>
    private static async Task<string?> GitDirAsync(string rootPath)
    {
        var output = await Git.RunAsync(rootPath, ["rev-parse", "--absolute-git-dir"], null, CancellationToken.None).ConfigureAwait(false);
        return output is { Succeeded: true } ? output.Text.Trim() : null;
    }

    /// <summary>Changes whenever HEAD moves: a commit, checkout, merge or reset writes the reflog or HEAD itself.</summary>
    private static string HeadStamp(string gitDir) =>
        "|" + File.GetLastWriteTimeUtc(Path.Combine(gitDir, "logs", "HEAD")).Ticks.ToString(CultureInfo.InvariantCulture)
        + "/" + File.GetLastWriteTimeUtc(Path.Combine(gitDir, "HEAD")).Ticks.ToString(CultureInfo.InvariantCulture);

    private static async Task<Dictionary<(string Root, string Path), Provenance>> ReadCommitsAsync(Dictionary<KnowledgeRoot, string?> gitDirs)
    {
        var map = new Dictionary<(string Root, string Path), Provenance>();
        foreach (var (root, gitDir) in gitDirs)
        {
            if (gitDir is null)
            {
                continue;
            }

            var log = await Git.RunAsync(root.Path,
                ["-c", "log.showSignature=false", "log", "-z", "--name-only", "--no-renames", "--relative", "--format=%x01%h%x09%as", "--", "."],
                null, CancellationToken.None).ConfigureAwait(false);
            if (log is { Succeeded: true })
            {
                AddNewest(map, root.Name, log.Text);
            }
        }

        return map;
    }

    /// <summary>
    /// Reads <c>git log -z --name-only --format=%x01%h%x09%as</c> (newest first): a header per commit after a \x01,
    /// then the paths it changed, all NUL-separated. The first commit that names a path is its last change.
    /// </summary>
    internal static void AddNewest(Dictionary<(string Root, string Path), Provenance> map, string root, string log)
    {
        Provenance? commit = null;
        foreach (var token in log.Split('\0'))
        {
            var text = token.TrimStart('\n');
            if (text.StartsWith('\u0001'))
            {
                var header = text[1..].Split('\t');
                commit = header.Length == 2 ? new Provenance(header[1].Trim(), header[0]) : null;
            }
            else if (text.Length > 0 && commit is { } c)
            {
                map.TryAdd((root, text), c);
            }
        }
    }

    private Provenance? FileTime(string root, string path)
    {
        var folder = roots.FirstOrDefault(r => r.Name == root)?.Path;
        var file = folder is null ? null : new FileInfo(Path.Combine(folder, path));
        return file is { Exists: true }
            ? new Provenance(file.LastWriteTimeUtc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
            : null;
    }
}
