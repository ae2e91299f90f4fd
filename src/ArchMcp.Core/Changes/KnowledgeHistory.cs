using System.Globalization;
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

    /// <summary>A day (YYYY-MM-DD) as midnight UTC; null when <paramref name="text"/> is not one.</summary>
    private static DateTimeOffset? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

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
        var commits = GitLog.Parse(log.Text)
            .Where(c => date is null || c.Date >= date)
            .Select(c => c with { Files = [.. c.Files.Where(f => KnowledgeLoader.LeftOutWhy(root, f.NewPath ?? f.OldPath!) is null)] })
            .ToList();
        var blobs = await GitLog.ReadBlobsAsync(root, maxFileBytes, commits.SelectMany(c => c.Files).SelectMany(f => new[] { f.OldBlob, f.NewBlob }).OfType<string>().Distinct().ToList(), cancellationToken).ConfigureAwait(false);
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
                    .Select(c => new KnowledgeChange(c.Change, c.Kind, c.Id, c.Title, c.Summary, root.Name, path, c.Line, GitLog.Utc(commit.Date), commit.Id)));
            }
        }

        return changes;
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
            yield return new KnowledgeChange("modified", document.Kind.ToWire(), document.Id, document.Title, summary, root.Name, file.RelativePath, document.TitleLine, GitLog.Utc(file.LastWriteUtc));
        }
    }
}
