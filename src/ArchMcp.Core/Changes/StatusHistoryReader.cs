using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Changes;

/// <summary>A decision's status at each recent commit of its file, read from git and remembered per index snapshot and HEAD.</summary>
internal sealed class StatusHistoryReader(long maxFileBytes)
{
    /// <summary>How many of a file's commits <see cref="StatusHistoryAsync"/> reads, newest first.</summary>
    public const int StatusCommits = 20;

    /// <summary>Files whose status history is kept per stamp; past it the memory starts over.</summary>
    private const int MaxRemembered = 4096;

    private readonly Lock _gate = new();
    private (string Stamp, Dictionary<(string Root, string Path), Task<StatusHistory>> Files) _statuses = ("", []);

    /// <summary>
    /// The status a decision's file gave at each of its last <see cref="StatusCommits"/> commits, newest first: one
    /// <c>git log --follow</c> and one <c>git cat-file</c> run, remembered while <paramref name="stamp"/> (the index
    /// snapshot and git HEAD) stays the same.
    /// </summary>
    public Task<StatusHistory> StatusHistoryAsync(string stamp, KnowledgeRoot root, string path, CancellationToken cancellationToken)
    {
        Task<StatusHistory> history;
        lock (_gate)
        {
            if (_statuses.Stamp != stamp || _statuses.Files.Count >= MaxRemembered)
            {
                _statuses = (stamp, []);
            }

            if (!_statuses.Files.TryGetValue((root.Name, path), out history!) || history.IsFaulted || history.IsCanceled)
            {
                _statuses.Files[(root.Name, path)] = history = ReadStatusHistoryAsync(root, path);
            }
        }

        return history.WaitAsync(cancellationToken);
    }

    private async Task<StatusHistory> ReadStatusHistoryAsync(KnowledgeRoot root, string path)
    {
        var log = await Git.RunAsync(root.Path,
            ["-c", "log.showSignature=false", "log", "--raw", "-z", "--no-abbrev", "--follow", "--relative", $"--max-count={StatusCommits}", "--format=%x01%H%x09%aI", "--", path],
            null, CancellationToken.None).ConfigureAwait(false);
        if (log is null)
        {
            return new StatusHistory(false, [], "No status history: git is not installed.");
        }

        if (!log.Succeeded)
        {
            return log.Stderr.Contains("does not have any commits", StringComparison.Ordinal)
                ? new StatusHistory(true, [], "No status history: the repository has no commits yet.")
                : new StatusHistory(false, [], $"No status history: root '{root.Name}' is not a git working copy.");
        }

        var commits = GitLog.Parse(log.Text).Where(c => c.Files.Count > 0).ToList();
        if (commits.Count == 0)
        {
            return new StatusHistory(true, [], "No status history: the file is not committed yet.");
        }

        var blobs = await GitLog.ReadBlobsAsync(root, maxFileBytes, commits.Select(c => c.Files[0].NewBlob).OfType<string>().Distinct().ToList(), CancellationToken.None).ConfigureAwait(false);
        var entries = new List<StatusAtCommit>(commits.Count);
        foreach (var commit in commits)
        {
            var file = commit.Files[0];
            var decision = file.NewBlob is { } blob && blobs.TryGetValue(blob, out var text)
                ? MarkdownKnowledgeParser.Parse(root.Name, file.NewPath ?? path, text, RootSettings.Of(root)).Decision
                : null;
            var (status, raw) = file.NewBlob is null ? ("deleted", "") : decision is null ? ("unknown", "") : (decision.Status.ToWire(), decision.RawStatus);
            entries.Add(new StatusAtCommit(GitLog.Utc(commit.Date), commit.Id[..Math.Min(7, commit.Id.Length)], status, raw, Changed: true));
        }

        // newest first: a commit changed the status when the commit before it (the next entry) gave another one
        for (var i = 0; i < entries.Count - 1; i++)
        {
            entries[i] = entries[i] with { Changed = entries[i].Status != entries[i + 1].Status };
        }

        if (commits.Count < StatusCommits)
        {
            return new StatusHistory(true, entries, null);
        }

        // cut: whether the oldest commit listed changed the status is not known
        entries[^1] = entries[^1] with { Changed = false };
        return new StatusHistory(true, entries, $"The last {StatusCommits} commits that changed the file.");
    }
}
