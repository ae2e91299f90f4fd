using System.Globalization;
using System.Text;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Changes;

/// <summary>
/// The decisions and rules that changed in the knowledge roots since a git ref or a date. In a git working copy each
/// commit that touched a root is compared with its parent: the two versions of every knowledge file it changed are
/// read with <c>git cat-file</c> and parsed by the parser the index uses, and <see cref="DocumentDiff"/> says what
/// changed. Merge commits bring no change of their own (their branches' commits are listed). Three git runs per root,
/// however long the history: check the ref, list the commits, read the files. A root that is not a git working copy
/// answers from its files' modification times, and says so.
/// </summary>
internal sealed class KnowledgeHistory(IReadOnlyList<KnowledgeRoot> roots, long maxFileBytes)
{
    public async Task<ChangesResult> SinceAsync(ChangesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var since = request.Since.Trim();
        var date = ParseDate(since);
        if (date is null && (since.Length == 0 || since.StartsWith('-') || since.Any(char.IsControl) || since.Contains(' ', StringComparison.Ordinal)))
        {
            throw new InvalidQueryException($"'since' must be a git ref (a branch, tag or commit id) or a date as YYYY-MM-DD (got '{since}').");
        }

        var selected = request.Root is null ? roots : roots.Where(r => string.Equals(r.Name, request.Root, StringComparison.OrdinalIgnoreCase)).ToList();
        if (selected.Count == 0)
        {
            throw new InvalidQueryException($"No knowledge root '{request.Root}'. Roots: {string.Join(", ", roots.Select(r => r.Name))}.");
        }

        var changes = new List<KnowledgeChange>();
        var notes = new List<string>();
        var unanswered = new List<string>();
        foreach (var root in selected)
        {
            var repository = await Git.RunAsync(root.Path, ["rev-parse", "--show-prefix"], null, cancellationToken).ConfigureAwait(false);
            if (repository is null || !repository.Succeeded)
            {
                var why = $"root '{root.Name}' ({root.Path}) {(repository is null ? "has no history to read: git is not installed" : "is not a git working copy")}";
                if (date is null)
                {
                    unanswered.Add(why);
                    continue;
                }

                notes.Add($"{Capital(why)}: files modified since {since} are listed by their modification times, without what changed in them.");
                changes.AddRange(ByFileTimes(root, date.Value, cancellationToken));
                continue;
            }

            var range = date is null ? await RangeAsync(root, since, cancellationToken).ConfigureAwait(false) : "HEAD";
            if (range is null)
            {
                unanswered.Add($"'{since}' is not a commit in the git repository of root '{root.Name}' ({root.Path})");
                continue;
            }

            changes.AddRange(await FromGitAsync(root, range, date, cancellationToken).ConfigureAwait(false));
            notes.Add($"Root '{root.Name}': committed changes from git history (uncommitted edits are not listed).");
        }

        if (unanswered.Count == selected.Count)
        {
            throw new InvalidQueryException($"{Capital(string.Join("; ", unanswered))}. Pass a branch, tag or commit id that `git log` shows there, or a date as YYYY-MM-DD (a root that is not a git working copy answers a date from its files' modification times).");
        }

        notes.AddRange(unanswered.Select(u => $"Not listed: {u}."));
        // newest first (UTC ISO dates sort as text); within a commit, by root and path, each file's decision before its rules
        var ordered = changes.Select((c, i) => (Change: c, Order: i)).OrderByDescending(x => x.Change.Date, StringComparer.Ordinal).ThenBy(x => x.Order).Select(x => x.Change).ToList();
        return new ChangesResult(ordered.Count, [.. ordered.Take(request.Limit)], notes);
    }

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

        var commits = ParseLog(log.Text).Where(c => c.Files.Count > 0).ToList();
        if (commits.Count == 0)
        {
            return new StatusHistory(true, [], "No status history: the file is not committed yet.");
        }

        var blobs = await ReadBlobsAsync(root, commits.Select(c => c.Files[0].NewBlob).OfType<string>().Distinct().ToList(), CancellationToken.None).ConfigureAwait(false);
        var entries = new List<StatusAtCommit>(commits.Count);
        foreach (var commit in commits)
        {
            var file = commit.Files[0];
            var decision = file.NewBlob is { } blob && blobs.TryGetValue(blob, out var text)
                ? MarkdownKnowledgeParser.Parse(root.Name, file.NewPath ?? path, text, RootSettings.Of(root)).Decision
                : null;
            var (status, raw) = file.NewBlob is null ? ("deleted", "") : decision is null ? ("unknown", "") : (decision.Status.ToWire(), decision.RawStatus);
            entries.Add(new StatusAtCommit(Utc(commit.Date), commit.Id[..Math.Min(7, commit.Id.Length)], status, raw, Changed: true));
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

    /// <summary>A day (YYYY-MM-DD) as midnight UTC; null when <paramref name="text"/> is not one.</summary>
    private static DateTimeOffset? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

    private static string Utc(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"COMMIT..HEAD" for a ref that names a commit in the root's repository; null when it names none.</summary>
    private static async Task<string?> RangeAsync(KnowledgeRoot root, string since, CancellationToken cancellationToken)
    {
        var check = await Git.RunAsync(root.Path, ["rev-parse", "--verify", "--quiet", $"{since}^{{commit}}"], null, cancellationToken).ConfigureAwait(false);
        return check is { Succeeded: true } ? $"{check.Text.Trim()}..HEAD" : null;
    }

    private async Task<List<KnowledgeChange>> FromGitAsync(KnowledgeRoot root, string range, DateTimeOffset? date, CancellationToken cancellationToken)
    {
        var log = await Git.RunAsync(root.Path,
            ["-c", "log.showSignature=false", "log", "--raw", "-z", "--no-abbrev", "-M", "--relative", "--format=%x01%H%x09%aI", range, "--", "."],
            null, cancellationToken).ConfigureAwait(false);
        if (log is not { Succeeded: true })
        {
            // a repository without commits yet has no history to compare with
            return log is not null && log.Stderr.Contains("does not have any commits", StringComparison.Ordinal) ? []
                : throw new KnowledgeException($"git log failed in root '{root.Name}' ({root.Path}): {log?.Error}. Run `git log` there to see why.");
        }

        // the files the index would read (knowledge files, not hidden, not excluded by the root's settings)
        var commits = ParseLog(log.Text)
            .Where(c => date is null || c.Date >= date)
            .Select(c => c with { Files = [.. c.Files.Where(f => KnowledgeLoader.LeftOutWhy(root, f.NewPath ?? f.OldPath!) is null)] })
            .ToList();
        var blobs = await ReadBlobsAsync(root, commits.SelectMany(c => c.Files).SelectMany(f => new[] { f.OldBlob, f.NewBlob }).OfType<string>().Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        var parsed = new Dictionary<(string Blob, string Path), KnowledgeDocument?>();
        KnowledgeDocument? Parse(string? blob, string? path)
        {
            if (blob is null || path is null || !blobs.TryGetValue(blob, out var text))
            {
                return null;
            }

            if (!parsed.TryGetValue((blob, path), out var document))
            {
                parsed[(blob, path)] = document = MarkdownKnowledgeParser.Parse(root.Name, path, text, RootSettings.Of(root));
            }

            return document;
        }

        var changes = new List<KnowledgeChange>();
        foreach (var commit in commits)
        {
            foreach (var file in commit.Files.OrderBy(f => f.NewPath ?? f.OldPath, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = file.NewPath ?? file.OldPath!;
                changes.AddRange(DocumentDiff.Between(Parse(file.OldBlob, file.OldPath), Parse(file.NewBlob, file.NewPath))
                    .Select(c => new KnowledgeChange(c.Change, c.Kind, c.Id, c.Title, c.Summary, root.Name, path, c.Line, Utc(commit.Date), commit.Id)));
            }
        }

        return changes;
    }

    /// <summary>A commit of <c>git log --raw -z</c>: its id, author date and the files it changed.</summary>
    private sealed record LoggedCommit(string Id, DateTimeOffset Date, List<LoggedFile> Files);

    /// <summary>One changed file: the blob and path before (null when added) and after (null when deleted).</summary>
    private sealed record LoggedFile(string? OldBlob, string? OldPath, string? NewBlob, string? NewPath);

    /// <summary>The all-zero id git gives the missing side of an added or deleted file.</summary>
    private static bool IsNone(string blob) => blob.All(c => c == '0');

    /// <summary>
    /// Parses <c>git log --raw -z --format=%x01%H%x09%aI</c>: a header per commit (after a \x01), then per file
    /// <c>:mode mode old new STATUS</c>, its path, and a second path for a rename or copy, all NUL-separated.
    /// </summary>
    private static List<LoggedCommit> ParseLog(string text)
    {
        var commits = new List<LoggedCommit>();
        var tokens = text.Split('\0');
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].TrimStart('\n');
            if (token.StartsWith('\u0001'))
            {
                var header = token[1..].Split('\t');
                commits.Add(new LoggedCommit(header[0], DateTimeOffset.Parse(header[1], CultureInfo.InvariantCulture), []));
            }
            else if (token.StartsWith(':') && commits.Count > 0)
            {
                var fields = token.Split(' ');
                var (oldBlob, newBlob, status) = (fields[2], fields[3], fields[4]);
                var first = tokens[++i];
                var second = status[0] is 'R' or 'C' ? tokens[++i] : first;
                commits[^1].Files.Add(new LoggedFile(
                    IsNone(oldBlob) ? null : oldBlob,
                    status[0] is 'A' or 'C' ? null : first,
                    IsNone(newBlob) ? null : newBlob,
                    status[0] == 'D' ? null : second));
            }
        }

        return commits;
    }

    /// <summary>The text of each blob within the file size limit, read in one <c>git cat-file --batch</c> run.</summary>
    private async Task<Dictionary<string, string>> ReadBlobsAsync(KnowledgeRoot root, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return texts;
        }

        var batch = await Git.RunAsync(root.Path, ["cat-file", "--batch"], string.Join('\n', ids) + "\n", cancellationToken).ConfigureAwait(false);
        if (batch is not { Succeeded: true })
        {
            throw new KnowledgeException($"git cat-file failed in root '{root.Name}' ({root.Path}): {batch?.Error}.");
        }

        // "<id> blob <size>\n<bytes>\n" per object, in the order asked
        var output = batch.Stdout;
        var at = 0;
        foreach (var id in ids)
        {
            var eol = Array.IndexOf(output, (byte)'\n', at);
            var header = Encoding.UTF8.GetString(output, at, eol - at).Split(' ');
            at = eol + 1;
            if (header.Length < 3 || header[1] != "blob")
            {
                continue; // "<id> missing"
            }

            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            if (size <= maxFileBytes)
            {
                texts[id] = Encoding.UTF8.GetString(output, at, size).TrimStart('\uFEFF');
            }

            at += size + 1;
        }

        return texts;
    }

    /// <summary>Without history: each decision and standard whose file was modified since <paramref name="since"/>, as it is now.</summary>
    private IEnumerable<KnowledgeChange> ByFileTimes(KnowledgeRoot root, DateTimeOffset since, CancellationToken cancellationToken)
    {
        foreach (var file in KnowledgeLoader.Enumerate(root, new List<Finding>()).Where(f => f.LastWriteUtc >= since))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (KnowledgeLoader.Load(root, file, maxFileBytes).Document is not { Kind: not DocumentKind.Template } document
                || (document.Decision is null && document.Rules.Count == 0))
            {
                continue;
            }

            var summary = document.Decision is { } decision
                ? $"file modified; status now {decision.Status.ToWire()}"
                : $"file modified; {document.Rules.Count} rules now";
            yield return new KnowledgeChange("modified", document.Kind.ToWire(), document.Id, document.Title, summary, root.Name, file.RelativePath, document.TitleLine, Utc(file.LastWriteUtc));
        }
    }
}
