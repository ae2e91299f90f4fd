using System.Text;
using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Loading;

public class KnowledgeLoaderTests
{
    private const long MaxBytes = 4 * 1024 * 1024;

    private static (IReadOnlyList<LoadedFile> Files, List<Finding> Findings) LoadAll(TempKnowledgeFolder folder)
    {
        var findings = new List<Finding>();
        var files = KnowledgeLoader.LoadAll(new KnowledgeRoot("k", folder.Path), MaxBytes, findings);
        return (files, findings);
    }

    [Fact]
    public void LoadAll_WhenFixtures_LoadsEveryFileWithHashAndNoErrors()
    {
        using var folder = new TempKnowledgeFolder();

        var (files, findings) = LoadAll(folder);

        Assert.Empty(findings);
        Assert.Equal(17, files.Count);
        Assert.All(files, f =>
        {
            Assert.NotNull(f.Document);
            Assert.Matches("^[0-9a-f]{64}$", f.ContentHash);
            Assert.Equal(new FileInfo(f.File.FullPath).Length, f.File.Length);
        });
        Assert.Equal(files.Select(f => f.File.RelativePath).Order(StringComparer.Ordinal), files.Select(f => f.File.RelativePath));
    }

    [Fact]
    public void Enumerate_WhenHiddenAndBuildFolders_SkipsThem()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("a.md", "# A");
        folder.Write(".git/b.md", "# B");
        folder.Write("node_modules/c.md", "# C");
        folder.Write("bin/d.md", "# D");
        folder.Write("obj/e.md", "# E");
        folder.Write("notes.txt", "not markdown");
        folder.Write("sub/f.markdown", "# F");

        var files = KnowledgeLoader.Enumerate(new KnowledgeRoot("k", folder.Path), new List<Finding>());

        Assert.Equal(["a.md", "sub/f.markdown"], files.Select(f => f.RelativePath));
    }

    [Fact]
    public void LoadAll_WhenMalformedFiles_ReportsEachClearlyAndLoadsTheGoodOnes()
    {
        using var folder = new TempKnowledgeFolder();
        folder.WriteBytes("decisions/0100-binary.md", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
        folder.Write("decisions/0101-empty.md", "");
        folder.Write("guides/huge.md", "# Huge\n\n" + new string('x', 5 * 1024 * 1024));
        folder.WriteBytes("guides/latin1.md", Encoding.Latin1.GetBytes("# Café\n\nCrème brûlée\n"));
        folder.Write("decisions/0102-broken-yaml.md", "---\nstatus: [accepted\n---\n# 102. Broken front matter\n");

        var (files, findings) = LoadAll(folder);

        Assert.Equal(17 + 2, files.Count(f => f.Succeeded));
        Assert.Contains(findings, f => f.Code == LintCodes.Binary && f.Path == "decisions/0100-binary.md" && f.Severity == FindingSeverity.Error);
        Assert.Contains(findings, f => f.Code == LintCodes.EmptyFile && f.Path == "decisions/0101-empty.md" && f.Severity == FindingSeverity.Warning);
        var huge = Assert.Single(findings, f => f.Code == LintCodes.TooLarge);
        Assert.Equal("guides/huge.md", huge.Path);
        Assert.Contains("MaxFileBytes", huge.Message);
        var latin1 = files.Single(f => f.File.RelativePath == "guides/latin1.md");
        Assert.Contains(latin1.Findings, f => f.Code == LintCodes.InvalidUtf8 && f.Line == 1);
        Assert.Contains("Caf\uFFFD", latin1.Document!.Title);
        var broken = files.Single(f => f.File.RelativePath == "decisions/0102-broken-yaml.md");
        Assert.Contains(broken.Findings, f => f.Code == LintCodes.BadFrontMatter);
        Assert.Equal("Broken front matter", broken.Document!.Title);
        Assert.All(findings, f => Assert.Equal("k", f.Root));
    }

    [Fact]
    public void Load_WhenFileDeletedAfterEnumerate_ReturnsUnreadableFinding()
    {
        using var folder = new TempKnowledgeFolder();
        var root = new KnowledgeRoot("k", folder.Path);
        var files = KnowledgeLoader.Enumerate(root, new List<Finding>());
        File.Delete(folder.FullPath("decisions/0002-use-postgres-on-vms.md"));

        var loaded = files.Select(f => KnowledgeLoader.Load(root, f, MaxBytes)).ToList();

        var gone = loaded.Single(f => f.File.RelativePath == "decisions/0002-use-postgres-on-vms.md");
        Assert.Null(gone.Document);
        var finding = Assert.Single(gone.Findings);
        Assert.Equal(LintCodes.Unreadable, finding.Code);
        Assert.Contains("disappeared", finding.Message);
        Assert.Equal(files.Count - 1, loaded.Count(f => f.Succeeded));
    }

    [SkippableFact]
    public void Enumerate_WhenSymlinkLoop_CutsTheLoopAndReportsIt()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need extra rights on Windows.");
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("a/doc.md", "# Doc");
        Directory.CreateSymbolicLink(folder.FullPath("a/loop"), folder.FullPath("a"));
        var findings = new List<Finding>();

        var files = KnowledgeLoader.Enumerate(new KnowledgeRoot("k", folder.Path), findings);

        Assert.Equal(["a/doc.md"], files.Select(f => f.RelativePath));
        Assert.Contains(findings, f => f.Code == LintCodes.SymlinkSkipped && f.Path == "a/loop");
    }

    [SkippableFact]
    public void Enumerate_WhenSymlinkLeavesRoot_DoesNotFollowIt()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need extra rights on Windows.");
        using var outside = new TempKnowledgeFolder(null);
        outside.Write("secret.md", "# Secret");
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("ok.md", "# Ok");
        Directory.CreateSymbolicLink(folder.FullPath("out"), outside.Path);
        File.CreateSymbolicLink(folder.FullPath("file-out.md"), outside.FullPath("secret.md"));
        var findings = new List<Finding>();

        var files = KnowledgeLoader.Enumerate(new KnowledgeRoot("k", folder.Path), findings);

        Assert.Equal(["ok.md"], files.Select(f => f.RelativePath));
        Assert.Equal(2, findings.Count(f => f.Code == LintCodes.SymlinkSkipped));
    }

    [SkippableFact]
    public void Enumerate_WhenSymlinkInsideRoot_FollowsIt()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need extra rights on Windows.");
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("real/doc.md", "# Doc");
        File.CreateSymbolicLink(folder.FullPath("alias.md"), folder.FullPath("real/doc.md"));

        var files = KnowledgeLoader.Enumerate(new KnowledgeRoot("k", folder.Path), new List<Finding>());

        Assert.Equal(["alias.md", "real/doc.md"], files.Select(f => f.RelativePath));
    }

    [Fact]
    public void Load_WhenSameFileLoadedInParallel_GivesSameHash()
    {
        using var folder = new TempKnowledgeFolder();
        var root = new KnowledgeRoot("k", folder.Path);
        var files = KnowledgeLoader.Enumerate(root, new List<Finding>());

        var sequential = files.Select(f => (f.RelativePath, KnowledgeLoader.Load(root, f, MaxBytes).ContentHash)).ToList();
        var parallel = files.AsParallel().AsOrdered().Select(f => (f.RelativePath, KnowledgeLoader.Load(root, f, MaxBytes).ContentHash)).ToList();

        Assert.Equal(17, sequential.Count);
        Assert.All(sequential, h => Assert.Matches("^[0-9a-f]{64}$", h.ContentHash));
        Assert.Equal(sequential, parallel);
    }
}
