using ArchMcp.Core.Catalog;
using ArchMcp.Core.Lint;
using ArchMcp.Core.Model;

namespace ArchMcp.Core;

public sealed partial class KnowledgeService
{
    public async Task<DocumentView> GetDocumentAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        var entry = catalog.Entries.FirstOrDefault(e => SameGroup(e.Kind, kind) && string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? (kind == DocumentKind.Decision ? catalog.ResolveDecision(id, null) : null)
            ?? throw new DocumentNotFoundException(kind.ToWire(), id);
        return View(entry, ReadMarkdown(entry));
    }

    public async Task<IReadOnlyList<DocumentView>> ListDocumentsAsync(CancellationToken cancellationToken = default)
    {
        var catalog = (await ReadyAsync(cancellationToken).ConfigureAwait(false)).Catalog;
        return [.. catalog.Entries.Select(e => View(e, ""))];
    }

    public async Task<IndexInfo> GetIndexInfoAsync(CancellationToken cancellationToken = default) =>
        BuildInfo(await ReadyAsync(cancellationToken).ConfigureAwait(false));

    public IReadOnlyList<string> CompleteIds(CompletionTarget target, string prefix, int limit = 100)
    {
        var catalog = _state.Catalog;
        IEnumerable<string> ids = target switch
        {
            CompletionTarget.Decision => catalog.Decisions.Select(d => d.Id),
            CompletionTarget.Standard => catalog.Entries.Where(e => e.Kind == DocumentKind.Standard).Select(e => e.Id),
            CompletionTarget.Rule => catalog.Entries.SelectMany(e => e.Rules).Select(r => r.Id),
            _ => catalog.Entries.Where(e => e.Kind is DocumentKind.Reference or DocumentKind.Guide or DocumentKind.Template).Select(e => e.Id),
        };
        var p = prefix?.Trim() ?? "";
        var list = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return [.. list.Where(i => i.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            .Concat(list.Where(i => !i.StartsWith(p, StringComparison.OrdinalIgnoreCase) && i.Contains(p, StringComparison.OrdinalIgnoreCase)))
            .Take(limit)];
    }

    public async Task<LintReport> LintAsync(CancellationToken cancellationToken = default)
    {
        var state = await ReadyAsync(cancellationToken).ConfigureAwait(false);
        return KnowledgeLinter.Lint(state.Catalog, state.LoadFindings);
    }

    private IndexInfo BuildInfo(KnowledgeState state)
    {
        var entries = state.Catalog.Entries;
        return new IndexInfo
        {
            Roots = [.. _roots.Select(r => new KnowledgeRootInfo(r.Name, r.Path, GitCommit(r.Path)))],
            IndexPath = _index.Path,
            IndexedAt = state.IndexedAt,
            Documents = entries.Count,
            Decisions = entries.Count(e => e.Kind == DocumentKind.Decision),
            Standards = entries.Count(e => e.Kind == DocumentKind.Standard),
            Rules = entries.Sum(e => e.Rules.Count),
            References = entries.Count(e => e.Kind == DocumentKind.Reference),
            Errors = state.LoadFindings.Count(f => f.Severity == FindingSeverity.Error),
            Ready = state.Loaded,
            Behind = _behind,
        };
    }

    /// <summary>The commit the root's git checkout is on, read from .git without running git; null when not a checkout.</summary>
    private static string? GitCommit(string path)
    {
        try
        {
            for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
            {
                var head = Path.Combine(dir.FullName, ".git", "HEAD");
                if (!File.Exists(head))
                {
                    continue;
                }

                var text = File.ReadAllText(head).Trim();
                if (!text.StartsWith("ref: ", StringComparison.Ordinal))
                {
                    return text;
                }

                var refFile = Path.Combine(dir.FullName, ".git", text[5..]);
                return File.Exists(refFile) ? File.ReadAllText(refFile).Trim() : null;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static bool SameGroup(DocumentKind a, DocumentKind b) => Group(a) == Group(b);

    private static int Group(DocumentKind kind) => kind switch
    {
        DocumentKind.Decision => 0,
        DocumentKind.Standard => 1,
        _ => 2,
    };

    private string ReadMarkdown(CatalogEntry entry)
    {
        var root = _roots.First(r => r.Name == entry.Root);
        var full = Path.GetFullPath(Path.Combine(root.Path, entry.Path));
        if (!full.StartsWith(root.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new DocumentNotFoundException(entry.Kind.ToWire(), entry.Id);
        }

        try
        {
            return File.ReadAllText(full);
        }
        catch (IOException)
        {
            throw new DocumentNotFoundException(entry.Kind.ToWire(), entry.Id);
        }
    }

    private static DocumentView View(CatalogEntry e, string markdown) => new()
    {
        Id = e.Id,
        Kind = e.Kind.ToWire(),
        Title = e.Title,
        Uri = e.Uri,
        Path = e.Path,
        Root = e.Root,
        Markdown = markdown,
    };
}
