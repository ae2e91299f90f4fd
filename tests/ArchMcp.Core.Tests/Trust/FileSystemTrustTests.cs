using System.Diagnostics;
using System.Text.Json;
using ArchMcp.Core.Model;
using ArchMcp.Core.Templates;
using ArchMcp.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core.Tests.Trust;

/// <summary>
/// The file system as an attacker shapes it (issues 23 and 29): FIFOs and devices in a root, links and swaps that
/// lead out of it, hostile git metadata, oversized or endless settings files, names that are not UTF-8, and folders
/// added beside the decisions. Each case runs the real engine on a real index in temp folders.
/// </summary>
public sealed class FileSystemTrustTests : IDisposable
{
    private const string Secret = "TOP-SECRET-OUTSIDE-THE-ROOT";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly TempKnowledgeFolder _root = new();
    private readonly TempKnowledgeFolder _outside = new(null);
    private readonly List<KnowledgeService> _services = [];

    public FileSystemTrustTests() => _outside.Write("secret.md", $"# Secret\n\n{Secret}\n");

    private string SecretPath => _outside.FullPath("secret.md");

    public void Dispose()
    {
        foreach (var s in _services)
        {
            s.Dispose();
        }

        _root.Dispose();
        _outside.Dispose();
    }

    [SkippableFact]
    public async Task Index_WhenRootHoldsAFifoAndDeviceLinks_SkipsThemWithWarningsInUnderFiveSeconds()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs and /dev links are tested on Linux");
        MakeFifo(_root.FullPath("decisions/0090-fifo.md"));
        File.CreateSymbolicLink(_root.FullPath("decisions/0091-fifo-link.md"), _root.FullPath("decisions/0090-fifo.md"));
        File.CreateSymbolicLink(_root.FullPath("zero.md"), "/dev/zero");
        File.CreateSymbolicLink(_root.FullPath("urandom.md"), "/dev/urandom");

        var watch = Stopwatch.StartNew();
        var service = Service();
        var info = await service.RefreshAsync().WaitAsync(Bound);
        var lint = await service.LintAsync().WaitAsync(Bound);
        watch.Stop();

        Assert.True(watch.Elapsed < Bound, $"indexing took {watch.Elapsed}");
        Assert.Equal(9, info.Decisions); // the fixture's nine; the FIFO and its link are not decisions
        Assert.Contains(lint.Findings, f => f.Code == LintCodes.NotRegularFile && f.Path == "decisions/0090-fifo.md" && f.Severity == "warning" && f.Message.Contains("FIFO", StringComparison.Ordinal));
        Assert.Contains(lint.Findings, f => f.Code == LintCodes.NotRegularFile && f.Path == "decisions/0091-fifo-link.md");
        Assert.Contains(lint.Findings, f => f.Code is LintCodes.SymlinkSkipped or LintCodes.NotRegularFile && f.Path == "zero.md");
        Assert.Contains(lint.Findings, f => f.Code is LintCodes.SymlinkSkipped or LintCodes.NotRegularFile && f.Path == "urandom.md");
    }

    [SkippableFact]
    public async Task ResourceRead_WhenAnIndexedFileIsSwappedForALinkOutside_DoesNotServeTheOutsideFile()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var service = Service();
        await service.RefreshAsync();
        var catalogPath = "decisions/0001-use-kafka-for-events.md";
        var view = (await service.ListDocumentsAsync()).Single(d => d.Path == catalogPath);

        // the swap the watcher has not seen yet (or a race between a check and an open)
        File.Delete(_root.FullPath(catalogPath));
        File.CreateSymbolicLink(_root.FullPath(catalogPath), SecretPath);

        var read = await Record(() => service.GetDocumentAsync(DocumentKind.Decision, view.Id));
        Assert.DoesNotContain(Secret, read, StringComparison.Ordinal);
        var decision = await Record(async () => JsonSerializer.Serialize(await service.GetDecisionAsync(new GetDecisionRequest { Reference = view.Id, Sections = ["all"] })));
        Assert.DoesNotContain(Secret, decision, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ResourceRead_WhenAFolderOnTheWayIsSwappedForALinkOutside_DoesNotServeTheOutsideFile()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var service = Service();
        await service.RefreshAsync();
        var view = (await service.ListDocumentsAsync()).First(d => d.Path.StartsWith("decisions/", StringComparison.Ordinal));
        var name = view.Path["decisions/".Length..];
        File.Copy(SecretPath, _outside.FullPath(name));

        Directory.Move(_root.FullPath("decisions"), _root.FullPath("decisions-moved"));
        Directory.CreateSymbolicLink(_root.FullPath("decisions"), _outside.Path);

        var read = await Record(() => service.GetDocumentAsync(DocumentKind.Decision, view.Id));
        Assert.DoesNotContain(Secret, read, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("absolute-ref")]
    [InlineData("head-link")]
    [InlineData("ref-link")]
    [InlineData("ref-traversal")]
    [InlineData("git-folder-link")]
    [InlineData("not-a-commit")]
    public async Task IndexInfo_WhenGitMetadataPointsOutside_ShowsNoCommitAndNoOutsideText(string shape)
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        using var checkout = new TempKnowledgeFolder(null);
        var git = checkout.FullPath(".git");
        Directory.CreateDirectory(git);
        switch (shape)
        {
            case "absolute-ref":
                checkout.Write(".git/HEAD", $"ref: {SecretPath}\n");
                break;
            case "head-link":
                File.CreateSymbolicLink(Path.Combine(git, "HEAD"), SecretPath);
                break;
            case "ref-link":
                checkout.Write(".git/HEAD", "ref: refs/heads/main\n");
                Directory.CreateDirectory(Path.Combine(git, "refs", "heads"));
                File.CreateSymbolicLink(Path.Combine(git, "refs", "heads", "main"), SecretPath);
                break;
            case "ref-traversal":
                checkout.Write(".git/HEAD", $"ref: refs/../{Path.GetRelativePath(git, SecretPath)}\n");
                break;
            case "git-folder-link":
                Directory.Delete(git);
                Directory.CreateSymbolicLink(git, _outside.Path);
                _outside.Write("HEAD", Secret + "\n");
                break;
            case "not-a-commit":
                checkout.Write(".git/HEAD", Secret + "\n");
                break;
        }

        // the root is a folder below the checkout: git metadata of a parent folder is read too
        CopyFixturesTo(checkout.FullPath("knowledge"));
        var info = await Service(checkout.FullPath("knowledge")).GetIndexInfoAsync();

        Assert.Null(info.Roots[0].Commit);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(info), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IndexInfo_WhenGitCheckoutIsOrdinary_ShowsItsCommit(bool packed)
    {
        using var checkout = new TempKnowledgeFolder(null);
        const string Commit = "0123456789abcdef0123456789abcdef01234567";
        checkout.Write(".git/HEAD", "ref: refs/heads/main\n");
        if (packed)
        {
            checkout.Write(".git/packed-refs", $"# pack-refs with: peeled fully-peeled sorted\n{Commit} refs/heads/main\n");
        }
        else
        {
            checkout.Write(".git/refs/heads/main", Commit + "\n");
        }

        CopyFixturesTo(checkout.FullPath("knowledge"));
        var info = await Service(checkout.FullPath("knowledge")).GetIndexInfoAsync();

        Assert.Equal(Commit, info.Roots[0].Commit);
    }

    [SkippableFact]
    public async Task DraftAdr_WhenTheTemplateIsALinkOutsideTheRoot_UsesTheBuiltInTemplate()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        foreach (var template in FixtureTemplates)
        {
            ReplaceWithLink(template, SecretPath);
        }

        var plan = await AdrDraft.PlanAsync(Service().AsDecisionLog(), "Use a message broker").WaitAsync(Bound);

        Assert.DoesNotContain(Secret, plan.Markdown, StringComparison.Ordinal);
        Assert.Null(plan.Template);
    }

    [SkippableTheory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    public async Task DraftAdr_WhenTheTemplateIsADevice_AnswersAtOnceWithTheBuiltInTemplate(string device)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "/dev links are tested on Linux");
        foreach (var template in FixtureTemplates)
        {
            ReplaceWithLink(template, device);
        }

        var plan = await AdrDraft.PlanAsync(Service().AsDecisionLog(), "Use a message broker").WaitAsync(Bound);

        Assert.Null(plan.Template);
        Assert.Contains("Use a message broker", plan.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftAdr_WhenTheTemplateIsHuge_UsesTheBuiltInTemplate()
    {
        foreach (var template in FixtureTemplates)
        {
            _root.Write(template, "# NUMBER. TITLE\n\n" + new string('x', (int)ArchMcp.Core.Templates.AdrConventions.MaxTemplateBytes));
        }

        var plan = await AdrDraft.PlanAsync(Service().AsDecisionLog(), "Use a message broker").WaitAsync(Bound);

        Assert.Null(plan.Template);
    }

    [SkippableTheory]
    [InlineData("/dev/zero")]
    [InlineData("outside")]
    public async Task Synonyms_WhenTheFileIsALinkToADeviceOrOutside_AreIgnoredWithAFinding(string target)
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        Skip.If(target.StartsWith('/') && !OperatingSystem.IsLinux(), "/dev links are tested on Linux");
        var outside = _outside.Write("synonyms.txt", "kafka, zzsecretword\n");
        File.CreateSymbolicLink(_root.FullPath("archmcp-synonyms.txt"), target == "outside" ? outside : target);

        var watch = Stopwatch.StartNew();
        var service = await Task.Run(Service).WaitAsync(Bound);
        await service.RefreshAsync().WaitAsync(Bound);
        var lint = await service.LintAsync();

        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        Assert.Contains(lint.Findings, f => f.Code == LintCodes.SettingsFileRefused && f.Path == "archmcp-synonyms.txt");
        Assert.Empty((await service.SearchAsync(new SearchRequest { Query = "zzsecretword" })).Hits);
    }

    [Fact]
    public async Task Synonyms_WhenTheFileIsOverTheBound_AreIgnoredWithAFindingAndCostLittle()
    {
        var line = "alpha beta gamma, delta epsilon zeta, eta theta iota\n";
        _root.Write("archmcp-synonyms.txt", string.Concat(Enumerable.Repeat(line, (int)(13_700_000 / line.Length))));

        var watch = Stopwatch.StartNew();
        var service = Service();
        await service.RefreshAsync();
        var lint = await service.LintAsync();

        Assert.True(watch.Elapsed < Bound, $"took {watch.Elapsed}");
        var finding = Assert.Single(lint.Findings, f => f.Code == LintCodes.SettingsFileRefused);
        Assert.Equal("archmcp-synonyms.txt", finding.Path);
        Assert.Contains("byte limit", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Synonyms_WhenTheFileIsOrdinary_AreUsed()
    {
        _root.Write("archmcp-synonyms.txt", "zzbrokerword, kafka\n");
        var service = Service();
        await service.RefreshAsync();

        Assert.NotEmpty((await service.SearchAsync(new SearchRequest { Query = "zzbrokerword" })).Hits);
        Assert.DoesNotContain((await service.LintAsync()).Findings, f => f.Code == LintCodes.SettingsFileRefused);
    }

    [SkippableFact]
    public async Task Index_WhenAFileNameIsNotUtf8_ReportsTheNameNotADisappearedFile()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "file names are bytes on Linux");
        // .NET cannot create such a name: the shell does (\377 is never valid UTF-8)
        using (var sh = Process.Start(new ProcessStartInfo("sh", ["-c", "printf '# Bad name\\n\\nText.\\n' > \"$(printf 'decisions/0077-caf\\377.md')\""]) { WorkingDirectory = _root.Path })!)
        {
            await sh.WaitForExitAsync();
            Assert.Equal(0, sh.ExitCode);
        }

        var service = Service();
        await service.RefreshAsync();
        var lint = await service.LintAsync();

        Assert.DoesNotContain(lint.Findings, f => f.Message.Contains("disappeared", StringComparison.Ordinal));
        var finding = Assert.Single(lint.Findings, f => f.Code == LintCodes.UndecodableName);
        Assert.Equal("decisions/0077-caf?.md", finding.Path);
        Assert.Equal("warning", finding.Severity);
    }

    /// <summary>SECURITY.md's decision: a hard link is the file itself (nothing tells it from the "original"), so it is indexed as a file of the root.</summary>
    [SkippableFact]
    public async Task Index_WhenAFileIsAHardLink_IndexesItAsAFileOfTheRoot()
    {
        Skip.If(OperatingSystem.IsWindows(), "hard links are made with ln here");
        var outside = _outside.Write("0099-linked.md", "# 99. Linked decision\n\nStatus: accepted\n\nHard-linked text.\n");
        using (var ln = Process.Start(new ProcessStartInfo("ln", [outside, _root.FullPath("decisions/0099-linked.md")]) { UseShellExecute = false })!)
        {
            await ln.WaitForExitAsync();
            Skip.If(ln.ExitCode != 0, "hard links are not possible between these folders");
        }

        var service = Service();
        await service.RefreshAsync();

        var view = (await service.ListDocumentsAsync()).Single(d => d.Path == "decisions/0099-linked.md");
        Assert.Contains("Hard-linked text.", (await service.GetDocumentAsync(DocumentKind.Decision, view.Id)).Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_WhenAFolderIsAddedOrRemoved_StayTheSameForEveryOtherFile()
    {
        var service = Service();
        await service.RefreshAsync();
        var before = await IdsByPath(service);

        // a copy of the decisions elsewhere: same numbers, a folder sorting first, deeper
        var copies = new List<string>();
        foreach (var file in Directory.EnumerateFiles(_root.FullPath("decisions"), "*.md"))
        {
            copies.Add($"archive/2019/{Path.GetFileName(file)}");
            _root.Write(copies[^1], File.ReadAllText(file));
        }

        _root.Write("zz-new/0001-new-thing.md", "# 1. New thing\n\nStatus: proposed\n");
        await service.RefreshAsync();
        var added = await IdsByPath(service);
        Assert.All(before, b => Assert.Equal(b.Value, added[b.Key]));
        Assert.Equal(before.Keys.Concat(copies).Append("zz-new/0001-new-thing.md").Order(StringComparer.Ordinal), added.Keys.Order(StringComparer.Ordinal));

        Directory.Delete(_root.FullPath("archive"), recursive: true);
        await service.RefreshAsync();
        var removed = await IdsByPath(service);
        Assert.All(removed, r => Assert.Equal(added[r.Key], r.Value));
    }

    private static async Task<Dictionary<string, string>> IdsByPath(KnowledgeService service) =>
        (await service.ListDocumentsAsync()).ToDictionary(d => d.Path, d => $"{d.Id} {d.Uri}", StringComparer.Ordinal);

    private KnowledgeService Service() => Service(_root.Path);

    private KnowledgeService Service(string root)
    {
        var service = new KnowledgeService(
            Options.Create(new KnowledgeOptions { Roots = [root], IndexPath = Path.Combine(_root.Path, ".index-" + _services.Count), Watch = false }),
            NullLogger<KnowledgeService>.Instance);
        _services.Add(service);
        return service;
    }

    /// <summary>The ADR templates of the fixtures (`archmcp new` takes the one beside the records first, then templates/).</summary>
    private static readonly string[] FixtureTemplates = ["decisions/adr-template.md", AdrTemplate.DefaultPath];

    private void ReplaceWithLink(string relativePath, string target)
    {
        var full = _root.FullPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Delete(full);
        File.CreateSymbolicLink(full, target);
    }

    private static void CopyFixturesTo(string target)
    {
        foreach (var file in Directory.EnumerateFiles(TempKnowledgeFolder.FixturesPath, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(TempKnowledgeFolder.FixturesPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
    }

    /// <summary>The text served, or "" when the read was refused as not found.</summary>
    private static async Task<string> Record(Func<Task<DocumentView>> read) => await Record(async () => (await read()).Markdown);

    private static async Task<string> Record(Func<Task<string>> read)
    {
        try
        {
            return await read();
        }
        catch (KnowledgeException)
        {
            return "";
        }
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
