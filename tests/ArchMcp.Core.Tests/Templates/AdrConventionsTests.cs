using ArchMcp.Core.Templates;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Templates;

/// <summary>AdrConventions: each rule `archmcp new` learns from the folder it writes into, on a minimal folder.</summary>
public sealed class AdrConventionsTests : IDisposable
{
    private const string Nygard = "# {0}. Title\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n";
    private const string Madr4 = "---\nstatus: accepted\ndate: 2020-01-01\n---\n# Title\n\n## Context and Problem Statement\n\nx\n";
    private const string Madr2 = "# Title\n\n* Status: accepted\n* Date: 2020-01-01\n\n## Context and Problem Statement\n\nx\n";
    private static readonly DateOnly Day = new(2025, 1, 2);

    private readonly TempKnowledgeFolder _root = new(null);

    public void Dispose() => _root.Dispose();

    private AdrConventions Detect(params string[] records)
    {
        foreach (var record in records)
        {
            if (!File.Exists(_root.FullPath(record)))
            {
                _root.Write(record, string.Format(System.Globalization.CultureInfo.InvariantCulture, Nygard, 1));
            }
        }

        return AdrConventions.Detect(_root.Path, records);
    }

    [Fact]
    public void Folder_WhenNoDecisions_IsTheRootItself()
    {
        var conventions = Detect();

        Assert.Equal("", conventions.Folder);
        Assert.Equal("0001-use-redis.md", conventions.FileName(1, "use-redis", "2025-01-02"));
    }

    [Fact]
    public void Folder_IsWhereMostDecisionsAre()
    {
        Assert.Equal("docs/adr", Detect("docs/adr/0001-a.md", "docs/adr/0002-b.md", "decisions/0003-c.md").Folder);
    }

    [Theory]
    [InlineData("0007-a.md", "0008-b.md", "0009-next.md")]
    [InlineData("007-a.md", "008-b.md", "009-next.md")]
    [InlineData("7-a.md", "12-b.md", "9-next.md")]
    [InlineData("ADR-7-a.md", "ADR-8-b.md", "ADR-9-next.md")]
    [InlineData("adr-0007-a.md", "adr-0008-b.md", "adr-0009-next.md")]
    [InlineData("2024-05-01-a.md", "2024-06-01-b.md", "2025-01-02-next.md")]
    public void FileName_FollowsTheRecordsNumberingOrDatePrefix(string first, string second, string expected)
    {
        var conventions = Detect("adr/" + first, "adr/" + second);

        Assert.Equal(expected, conventions.FileName(9, "next", "2025-01-02"));
    }

    [Theory]
    [InlineData("adr/template.md")]
    [InlineData("adr/adr-template.md")]
    [InlineData("adr/0000-template.md")]
    [InlineData("adr/_template.md")]
    [InlineData("adr/templates/madr-template.md")]
    [InlineData("templates/adr-template.md")]
    public void Template_BesideTheRecordsIsFound(string template)
    {
        _root.Write(template, "# {{title}}\n");

        Assert.Equal(template, Detect("adr/0001-a.md", "adr/0002-b.md").Template);
    }

    [Fact]
    public void Template_WhenNoneOrOnlyADecisionNamedLikeOne_IsNull()
    {
        Assert.Null(Detect("adr/0001-a.md", "adr/0002-drop-the-template.md").Template);
    }

    [Fact]
    public void Template_WhenASymlink_IsIgnored()
    {
        var outside = _root.Write("../outside-" + Guid.NewGuid().ToString("N") + ".md", "secret");
        try
        {
            _root.Write("adr/0001-a.md", "x");
            File.CreateSymbolicLink(_root.FullPath("adr/template.md"), outside);

            Assert.Null(Detect("adr/0001-a.md").Template);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [SkippableFact]
    public void Template_WhenAFifo_IsNeverOpened()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "mkfifo is Unix only");
        _root.Write("adr/0001-a.md", "x");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", _root.FullPath("adr/template.md")))
        {
            mkfifo.WaitForExit();
        }

        var detect = Task.Run(() => Detect("adr/0001-a.md"));

        Assert.True(detect.Wait(TimeSpan.FromSeconds(10)), "Detect blocked on a FIFO");
        Assert.Null(detect.Result.Template);
    }

    [Theory]
    [InlineData(Madr4, nameof(RecordStyle.FrontMatter), false)]
    [InlineData(Madr2, nameof(RecordStyle.Bullets), false)]
    [InlineData("# 1. Title\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n", nameof(RecordStyle.Lines), true)]
    [InlineData("# Title\n\nStatus: accepted\nDate: 2020-01-01\n", nameof(RecordStyle.Lines), false)]
    [InlineData("# Title\n\n* Status: Proposed\n", nameof(RecordStyle.Bullets), true)]
    public void Style_AndStatusCase_FollowTheRecords(string text, string style, bool capitalized)
    {
        _root.Write("adr/0001-a.md", text);
        _root.Write("adr/0002-b.md", text);

        var conventions = Detect("adr/0001-a.md", "adr/0002-b.md");

        Assert.Equal(Enum.Parse<RecordStyle>(style), conventions.Style);
        Assert.Equal(capitalized, conventions.CapitalizedStatus);
        Assert.Equal(capitalized ? "Proposed" : "proposed", conventions.StatusText("proposed"));
    }

    [Theory]
    [InlineData(nameof(RecordStyle.FrontMatter), "---\nstatus: \"proposed\"\ndate: \"2025-01-02\"")]
    [InlineData(nameof(RecordStyle.Bullets), "# Use Redis\n\n* Status: proposed\n* Date: 2025-01-02\n")]
    [InlineData(nameof(RecordStyle.Lines), "# 7. Use Redis\n\nDate: 2025-01-02\n\n## Status\n\nproposed\n")]
    public void BuiltInTemplate_WritesTheMetadataInTheRecordsStyle(string style, string start)
    {
        var text = AdrTemplate.Fill(AdrTemplate.BuiltIn(Enum.Parse<RecordStyle>(style)), 7, "Use Redis", Day.ToString("yyyy-MM-dd"), "proposed", "0007");

        Assert.StartsWith(start, text);
        Assert.DoesNotContain("{{", text);
    }

    [Fact]
    public void Fill_AdrToolsTemplate_ReplacesItsUppercasePlaceholders()
    {
        var text = AdrTemplate.Fill("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nThe Status quo.\n", 12, "Use Redis", "2025-01-02", "Accepted", "0012");

        Assert.Equal("# 12. Use Redis\n\nDate: 2025-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nThe Status quo.\n", text);
    }

    [Fact]
    public void Fill_MadrPlaceholders_AreReplacedInTitleFrontMatterAndBullets()
    {
        var madr4 = AdrTemplate.Fill("---\nstatus: \"{proposed | rejected | accepted}\"\ndate: {YYYY-MM-DD when the decision was last updated}\n---\n# {short title of solved problem and solution}\n\n{context}\n", 3, "Use Redis", "2025-01-02", "proposed");
        var madr2 = AdrTemplate.Fill("# [short title of solved problem and solution]\n\n* Status: [proposed | rejected | accepted]\n* Date: [YYYY-MM-DD when the decision was last updated]\n", 3, "Use Redis", "2025-01-02", "proposed");
        var nn = AdrTemplate.Fill("# NN. Title\n\nDate: YYYY-MM-DD\n\n## Status\n\nProposed\n", 3, "Use Redis", "2025-01-02", "accepted");

        Assert.Equal("---\nstatus: \"proposed\"\ndate: 2025-01-02\n---\n# Use Redis\n\n{context}\n", madr4);
        Assert.Equal("# Use Redis\n\n* Status: proposed\n* Date: 2025-01-02\n", madr2);
        Assert.Equal("# 3. Use Redis\n\nDate: 2025-01-02\n\n## Status\n\naccepted\n", nn);
    }

    [Fact]
    public void Fill_FrontMatterComment_IsNotTakenForTheTitle()
    {
        var text = AdrTemplate.Fill("---\n# the status of the record\nstatus: {status}\n---\n# {title}\n", 3, "Use Redis", "2025-01-02", "proposed");

        Assert.Equal("---\n# the status of the record\nstatus: proposed\n---\n# Use Redis\n", text);
    }

    [Fact]
    public void ContentWords_IgnoreRecordVerbsAndPlurals()
    {
        Assert.Equal(["kafka", "tenant", "topic"], AdrDraft.ContentWords("Use Kafka topics for the tenants").Order());
    }
}
