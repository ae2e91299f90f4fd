using System.Reflection;
using System.Text.RegularExpressions;
using ArchMcp.Server.Cli;
using ArchMcp.Server.Tests.Trust;
using ArchMcp.Tests.Shared;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>Usage errors exit 2 with one line on stderr naming what is wrong and where the help is; help goes to stdout.</summary>
[Collection(CliCollection.Name)]
public sealed class UsageErrorTests : IDisposable
{
    private static readonly string[] Verbs = ["serve", "index", "search", "show", "list", "checklist", "review", "lint", "eval", "new"];

    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("unknown verb 'frobnicate'", "archmcp --help", "frobnicate")]
    [InlineData("no verb given", "archmcp --help")]
    [InlineData("unknown option '--bogus'", "archmcp search --help", "search", "--bogus", "kafka")]
    [InlineData("unknown option '--limt'", "archmcp search --help", "search", "kafka", "--limt", "3")]
    [InlineData("unknown option '--nope'", "archmcp lint --help", "lint", "--nope")]
    [InlineData("unexpected argument 'extra'", "archmcp list --help", "list", "extra")]
    [InlineData("missing argument <reference>", "archmcp show --help", "show")]
    [InlineData("missing argument <title>", "archmcp new --help", "new")]
    [InlineData("missing option --queries", "archmcp eval --help", "eval")]
    [InlineData("option --limit needs a value", "archmcp search --help", "search", "kafka", "--limit")]
    [InlineData("option --limit takes one value", "archmcp search --help", "search", "kafka", "-n", "1", "-n", "2")]
    [InlineData("invalid value 'abc' for --limit: expected a whole number", "archmcp search --help", "search", "kafka", "-n", "abc")]
    [InlineData("invalid value 'notadate' for --from: expected a date (yyyy-mm-dd)", "archmcp list --help", "list", "--from", "notadate")]
    [InlineData("invalid value '2025-13-01' for --date: expected a date (yyyy-mm-dd)", "archmcp new --help", "new", "x", "--date", "2025-13-01")]
    [InlineData("invalid value 'yaml' for --format: expected one of text, json, markdown, github, sarif", "archmcp lint --help", "lint", "--format", "yaml")]
    public async Task UsageError_ExitsTwoWithOneLineNamingTheProblemAndTheHelp(string problem, string hint, params string[] args)
    {
        // the common options first, so that the last word on the line is the test's own
        var result = await CliFixture.RunRawAsync(["--knowledge", _cli.Folder.Path, "--index", _cli.IndexPath, .. args]);

        Assert.True(result.ExitCode == ExitCodes.InvalidOptions, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal($"archmcp: {problem} (see {hint})", Assert.Single(result.ErrorLines));
        Assert.DoesNotContain("System.", result.Stderr);
    }

    [Fact]
    public async Task Search_WhenOptionLikeWordFollowsDoubleDash_SearchesForIt()
    {
        // the test's own knowledge and index before "--": after it every word is the query's
        var result = await CliFixture.RunRawAsync("search", "--knowledge", _cli.Folder.Path, "--index", _cli.IndexPath, "--format", "json", "--", "-kafka");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("-kafka", result.Json().GetProperty("query").GetString());
    }

    [Fact]
    public async Task Help_ForEveryVerb_GoesToStdoutExitsZeroAndNamesNoDotNetType()
    {
        foreach (var args in new[] { new[] { "--help" } }.Concat(Verbs.Select(v => new[] { v, "--help" })))
        {
            var result = await CliFixture.RunRawAsync(args);

            Assert.True(result.ExitCode == ExitCodes.Success, $"{string.Join(' ', args)}: {result}");
            Assert.Contains("Usage:", result.Stdout);
            Assert.Equal("", result.Stderr);
            Assert.DoesNotContain("System.", result.Stdout);
            Assert.DoesNotContain("`1", result.Stdout);
        }
    }

    [Fact]
    public async Task Search_WithoutKnowledge_SaysWhichRootsAnswer()
    {
        using var index = new TempKnowledgeFolder(null);

        var implicitRoots = await CliFixture.RunRawAsync("search", "kafka", "--index", index.Path);
        var explicitRoots = await _cli.RunAsync("search", "kafka");

        Assert.True(implicitRoots.ExitCode == ExitCodes.Success, implicitRoots.ToString());
        var line = Assert.Single(implicitRoots.ErrorLines);
        Assert.StartsWith("archmcp: no --knowledge given; answering from ", line);
        Assert.Contains("knowledge=", line);
        Assert.Empty(explicitRoots.ErrorLines);
    }

    [Fact]
    public async Task Help_WithAnUnknownOption_StillPrintsHelp()
    {
        var result = await CliFixture.RunRawAsync("search", "--help", "--bogus");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
    }
}

/// <summary>The README's exit-code table agrees with <see cref="ExitCodes"/> and with what the real executable returns.</summary>
[Collection(CliCollection.Name)]
public sealed class ExitCodeTableTests
{
    private static readonly Regex Row = new(@"^\| `(\d+)` \| `(\w+)` \|", RegexOptions.Multiline);

    private static Dictionary<string, int> ReadmeTable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ArchMcp.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var readme = File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        return Row.Matches(readme).ToDictionary(m => m.Groups[2].Value, m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReadmeTable_ListsEveryExitCodeWithItsValue()
    {
        var named = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);

        Assert.Equal(named.OrderBy(p => p.Key), ReadmeTable().OrderBy(p => p.Key));
    }

    [SkippableFact]
    public async Task ReadmeTable_MatchesWhatTheExecutableReturns()
    {
        Skip.If(ArchMcpProcess.SkipReason is not null, ArchMcpProcess.SkipReason);
        var table = ReadmeTable();
        using var root = new TempKnowledgeFolder(null);
        root.Write("decisions/0001-one.md", "# 1. One\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nUse Kafka.\n");
        root.Write("decisions/0001-again.md", "# 1. Again\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n## Decision\n\nUse Kafka again.\n");
        string[] common = ["--knowledge", root.Path, "--index", Path.Combine(root.Path, ".index")];
        var timeout = TimeSpan.FromSeconds(60);

        Assert.Equal(table["Success"], (await ArchMcpProcess.RunAsync(timeout, "--version")).Exit);
        Assert.Equal(table["Findings"], (await ArchMcpProcess.RunAsync(timeout, ["lint", .. common])).Exit);
        var usage = await ArchMcpProcess.RunAsync(timeout, ["search", "kafka", "--limt", "3", .. common]);
        Assert.Equal(table["InvalidOptions"], usage.Exit);
        Assert.Equal("archmcp: unknown option '--limt' (see archmcp search --help)", usage.Err.Trim());
        Assert.Equal("", usage.Out);
        Assert.Equal(table["NotFound"], (await ArchMcpProcess.RunAsync(timeout, ["show", "ADR-77", .. common])).Exit);
    }
}

/// <summary>Text output prints file names with their control characters escaped: a name cannot forge a line.</summary>
[Collection(CliCollection.Name)]
public sealed class PrintableOutputTests
{
    [Fact]
    public async Task Lint_WhenFileNameHoldsANewline_PrintsItEscapedOnOneLine()
    {
        using var root = new TempKnowledgeFolder(null);
        root.Write("decisions/0001-one.md", "# 1. One\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Decision\n\nUse Kafka.\n");
        const string evil = "0001-two\ndecisions/0009-forged.md:1: error forged: this line is not ours\n.md";
        root.Write("decisions/" + evil, "# 1. Two\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n## Decision\n\nUse Kafka again.\n");

        var result = await CliFixture.RunRawAsync("lint", "--knowledge", root.Path, "--index", Path.Combine(root.Path, ".index"));

        Assert.Contains("0001-two\\ndecisions/0009-forged.md:1: error forged: this line is not ours\\n.md", result.Stdout);
        Assert.DoesNotContain(result.Stdout.Split('\n'), line => line.StartsWith("decisions/0009-forged.md", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\tb", "a\\r\\tb")]
    [InlineData("\u001b[2Jx", "\\u001b[2Jx")]
    [InlineData("a\u2028b", "a\\u2028b")]
    public void Printable_EscapesControlCharacters(string text, string expected) => Assert.Equal(expected, Output.Printable(text));
}
