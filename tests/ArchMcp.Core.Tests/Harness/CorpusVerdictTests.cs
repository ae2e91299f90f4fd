using ArchMcp.Tests.Shared;

namespace ArchMcp.Core.Tests.Harness;

/// <summary>
/// The rule corpus tests follow before they read ../shared/corpora: a bare clone skips them with the reason shown,
/// a CI run (.ci/run exports CI=true) fails them, so missing corpora can never pass CI by skipping.
/// </summary>
public class CorpusVerdictTests
{
    private const string Missing = "Shared corpora not found.";

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    [InlineData("false")]
    public void Decide_WhenCorporaPresent_Runs(string? ci) =>
        Assert.Equal(CorpusVerdict.Run, Corpora.Decide(missingReason: null, ci));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("yes please")]
    public void Decide_WhenCorporaMissingOutsideCi_Skips(string? ci) =>
        Assert.Equal(CorpusVerdict.Skip, Corpora.Decide(Missing, ci));

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("TRUE")]
    [InlineData(" true ")]
    [InlineData("1")]
    public void Decide_WhenCorporaMissingUnderCi_Fails(string ci) =>
        Assert.Equal(CorpusVerdict.Fail, Corpora.Decide(Missing, ci));

    [Fact]
    public void CiScript_ExportsCiTrue()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ArchMcp.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var script = File.ReadAllLines(Path.Combine(root.FullName, ".ci", "run"));
        Assert.Contains(script, line => line.Trim() == "export CI=true");
    }
}
