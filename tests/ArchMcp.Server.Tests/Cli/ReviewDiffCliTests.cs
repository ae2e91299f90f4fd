using System.Text.Json;
using System.Text.Json.Nodes;
using ArchMcp.Server.Cli;
using Json.Schema;

namespace ArchMcp.Server.Tests.Cli;

/// <summary>
/// `archmcp review --diff FILE|-` over a knowledge folder written here: the exit code of `review`, GitHub annotations,
/// and SARIF that validates against the published SARIF 2.1.0 schema.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ReviewDiffCliTests : IDisposable
{
    private readonly CliFixture _cli = new(null);
    private readonly string _diff;

    public ReviewDiffCliTests()
    {
        _cli.Folder.Write("standards/security.md",
            "# Security standard\n\n### MUST encrypt all network traffic in transit with TLS 1.2 or higher [SEC-001]\n\nPlain HTTP is not allowed, also inside the network.\n");
        _cli.Folder.Write("decisions/0001-use-github-actions.md",
            "# 1. Use GitHub Actions instead of Jenkins\n\n## Status\n\nAccepted\n\n## Decision\n\nWe will build every repository with GitHub Actions and retire Jenkins.\n");
        _diff = _cli.Folder.Write("change.diff", """
            diff --git a/services/orders/config.yaml b/services/orders/config.yaml
            index 1111111..2222222 100644
            --- a/services/orders/config.yaml
            +++ b/services/orders/config.yaml
            @@ -4,2 +4,3 @@ payments:
               timeoutMs: 2000
            +  baseUrl: http://payments.internal/charges
               retries: 2
            diff --git a/docs/notes.md b/docs/notes.md
            index 3333333..4444444 100644
            --- a/docs/notes.md
            +++ b/docs/notes.md
            @@ -1 +1,2 @@
             # Notes
            +Nothing to see.

            """);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ReviewDiff_AsSarif_ValidatesAgainstThePublishedSchema_AndLocatesTheFinding()
    {
        var result = await _cli.RunAsync("review", "--diff", _diff, "--format", "sarif");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        var sarif = JsonDocument.Parse(result.Stdout).RootElement;
        var errors = SarifSchemaErrors(sarif);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var run = sarif.GetProperty("runs")[0];
        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal("SEC-001", rule.GetProperty("id").GetString());
        Assert.Equal("arch://standards/security/rules/SEC-001", rule.GetProperty("helpUri").GetString());
        var finding = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal(("SEC-001", "error"), (finding.GetProperty("ruleId").GetString(), finding.GetProperty("level").GetString()));
        Assert.Contains("(standards/security.md:3)", finding.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var location = finding.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("services/orders/config.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(5, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task ReviewDiff_FromStandardInput_AsGitHubAnnotations()
    {
        var stdin = Console.In;
        Console.SetIn(new StringReader(File.ReadAllText(_diff)));
        try
        {
            var result = await _cli.RunAsync("review", "--diff", "-", "--format", "github");

            Assert.Equal(ExitCodes.Findings, result.ExitCode);
            var line = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("::error file=services/orders/config.yaml,line=5,title=MUST SEC-001::", line, StringComparison.Ordinal);
            Assert.EndsWith("(standards/security.md:3)", line, StringComparison.Ordinal);
        }
        finally
        {
            Console.SetIn(stdin);
        }
    }

    [Fact]
    public async Task ReviewDiff_CleanChange_ExitsZero_AndListsGoverningRecords()
    {
        var diff = _cli.Folder.Write("ci.diff", "diff --git a/Jenkinsfile b/Jenkinsfile\ndeleted file mode 100644\n--- a/Jenkinsfile\n+++ /dev/null\n@@ -1 +0,0 @@\n-pipeline {}\n");

        var result = await _cli.RunAsync("review", "--diff", diff, "--format", "json");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        var governing = Assert.Single(result.Json().GetProperty("governing").EnumerateArray());
        Assert.Equal("Jenkinsfile: ADR-0001 (technology Jenkins, inferred) decisions/0001-use-github-actions.md:1", governing.GetString());
        Assert.Empty(result.Json().GetProperty("findings").EnumerateArray());
    }

    [Theory]
    [InlineData("no-such.diff", "Diff file 'no-such.diff' does not exist")]
    [InlineData("design", "Give either a design")]
    public async Task ReviewDiff_BadArguments_ExitTwoWithOneLine(string diff, string message)
    {
        string[] args = diff == "design" ? ["review", _diff, "--diff", _diff] : ["review", "--diff", diff];

        var result = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.InvalidOptions, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("archmcp: ", StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
    }

    /// <summary>
    /// Errors of a SARIF log against the published schema (vendored, see Fixtures/sarif/SOURCE.txt). The schema is
    /// written for JSON Schema draft-04; the keywords it uses (type, properties, required, enum, items as one schema,
    /// $ref to definitions, minimum, uniqueItems, pattern, format, default, additionalProperties, oneOf, anyOf) mean the
    /// same in draft-07, which this validator implements: the schema is read as draft-07 (its draft-04 <c>id</c> dropped).
    /// </summary>
    private static List<string> SarifSchemaErrors(JsonElement sarif)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sarif", "sarif-2.1.0-rtm.5.json")))!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        schema.Remove("id");
        var results = JsonSchema.FromText(schema.ToJsonString()).Evaluate(sarif, new EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        return results.IsValid ? [] : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }
}
