using ArchMcp.Core.Loading;
using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Settings;

/// <summary>A root's archmcp.yaml: the conventions no heuristic can guess, and honest errors when a setting cannot be used.</summary>
public sealed class RootSettingsTests
{
    private static (List<LoadedFile> Files, List<Finding> Findings) Load(TempKnowledgeFolder folder)
    {
        var findings = new List<Finding>();
        var files = KnowledgeLoader.LoadAll(new KnowledgeRoot("k", folder.Path), 1 << 22, findings).ToList();
        return (files, findings);
    }

    private const string Proposal = "# Faster builds\n\n## Motivation\n\nBuilds are slow.\n";

    [Fact]
    public void Globs_WhenIncludeAndExclude_ListOnlyIncludedFilesNotExcluded()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("archmcp.yaml", "include: [\"docs/**\"]\nexclude:\n  - drafts\n  - \"docs/old-*.md\"\n");
        folder.Write("docs/guide.md", "# Guide\n");
        folder.Write("docs/old-guide.md", "# Old guide\n");
        folder.Write("docs/drafts/idea.md", "# Idea\n");
        folder.Write("notes/todo.md", "# Todo\n");

        var leftOut = new Dictionary<string, string>();
        var listed = KnowledgeLoader.Walk(new KnowledgeRoot("k", folder.Path), new List<Finding>(), (path, why) => leftOut[path] = why).Select(f => f.RelativePath);

        Assert.Equal(["docs/guide.md"], listed);
        Assert.Contains("'docs/old-*.md'", leftOut["docs/old-guide.md"]);
        Assert.Contains("'drafts'", leftOut["docs/drafts"]);
        Assert.Contains("include globs", leftOut["notes/todo.md"]);
    }

    [Fact]
    public void Decisions_WhenFolderNamed_ReadsItsFilesAsDecisionsButNotItsReadme()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("archmcp.yaml", "decisions: [design]\n");
        folder.Write("design/faster-builds.md", Proposal);
        folder.Write("design/README.md", "# Design docs\n\nOne page per design.\n");

        var docs = Load(folder).Files.ToDictionary(f => f.File.RelativePath, f => f.Document!);

        Assert.Equal(DocumentKind.Decision, docs["design/faster-builds.md"].Kind);
        Assert.Contains("archmcp.yaml", docs["design/faster-builds.md"].KindReason);
        Assert.Equal(DocumentKind.Guide, docs["design/README.md"].Kind);
    }

    [Fact]
    public void Patterns_WhenIdStatusAndWordsGiven_GiveNumberAndMappedStatus()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write("archmcp.yaml", """
            decisions: [rfcs]
            id-pattern: '^rfcs/RFC(?<n>\d+)_'
            status-pattern: '^State of play:\s*(?<status>.+)$'
            statuses:
              shipped: accepted
              parked for now: proposed
            """);
        folder.Write("rfcs/RFC12_faster-builds.md", "# Faster builds\n\nState of play: Shipped\n\n## Motivation\n\nSlow.\n");
        folder.Write("rfcs/RFC13_cache.md", "# Cache\n\nState of play: parked for now\n");

        var docs = Load(folder).Files.ToDictionary(f => f.File.RelativePath, f => f.Document!);

        var shipped = docs["rfcs/RFC12_faster-builds.md"];
        Assert.Equal("ADR-0012", shipped.Id);
        Assert.Equal(DecisionStatus.Accepted, shipped.Decision!.Status);
        Assert.Equal("Shipped", shipped.Decision.RawStatus);
        Assert.Equal(3, shipped.Decision.StatusLine);
        Assert.Equal(DecisionStatus.Proposed, docs["rfcs/RFC13_cache.md"].Decision!.Status);
    }

    [Fact]
    public void StatusWords_WhenTeamWordGiven_WinOverTheGeneralMeaning()
    {
        var words = RootSettings.Parse("k", "archmcp.yaml", "statuses:\n  final draft: proposed\n").Statuses;

        Assert.Equal(DecisionStatus.Proposed, StatusMapper.Map("Final draft", words));
        Assert.Equal(DecisionStatus.Accepted, StatusMapper.Map("Final", words));
    }

    [Theory]
    [InlineData("exclude: a: b\n", 1, "not valid YAML")]
    [InlineData("include: [\"docs/**\"]\nexlude: [\"x\"]\n", 2, "unknown setting 'exlude'")]
    [InlineData("id-pattern: '(?<n>\\d+'\n", 1, "not a valid regular expression")]
    [InlineData("status-pattern: '^Status: (.+)$'\n", 1, "no group (?<status>")]
    [InlineData("statuses:\n  shipped: done-ish\n", 2, "not a lifecycle state")]
    [InlineData("decisions: [\"../elsewhere\"]\n", 1, "not a folder under the root")]
    public void BadSettings_WhenFound_SayFileLineAndWhatToDo(string yaml, int line, string says)
    {
        var settings = RootSettings.Parse("k", "archmcp.yaml", yaml);

        var finding = Assert.Single(settings.Findings);
        Assert.Equal(LintCodes.BadSettings, finding.Code);
        Assert.Equal("archmcp.yaml", finding.Path);
        Assert.Equal(line, finding.Line);
        Assert.Contains(says, finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("archmcp.yaml: ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSettings_WhenOneKeyIsWrong_TheOthersApplyAndEveryFileIsStillRead()
    {
        using var folder = new TempKnowledgeFolder(null);
        folder.Write(".archmcp.yaml", "exclude: [\"drafts/**\"]\nid-pattern: '(?<n>'\n");
        folder.Write("guide.md", "# Guide\n");
        folder.Write("drafts/idea.md", "# Idea\n");

        var (files, findings) = Load(folder);

        Assert.Equal(["guide.md"], files.Select(f => f.File.RelativePath));
        var problem = Assert.Single(findings);
        Assert.Equal((LintCodes.BadSettings, ".archmcp.yaml", 2), (problem.Code, problem.Path, problem.Line));
    }

    [Fact]
    public async Task Refresh_WhenSettingsChange_ReadsEveryFileAgainUnderTheNewSettings()
    {
        using var engine = new EngineHarness(EngineHarness.Empty);
        engine.Folder.Write("design/faster-builds.md", Proposal);
        engine.Folder.Write("drafts/idea.md", "# Idea\n\nA draft idea about quokkas.\n");
        var before = await engine.Service.RefreshAsync();
        Assert.Equal(0, before.Decisions);

        engine.Folder.Write("archmcp.yaml", "decisions: [design]\nexclude: [drafts]\n");
        var after = await engine.Service.RefreshAsync();

        Assert.Equal(1, after.Decisions);
        Assert.Equal(1, after.Documents);
        Assert.Empty((await engine.SearchAsync("quokkas")).Hits);
    }
}
