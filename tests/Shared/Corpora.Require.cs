namespace ArchMcp.Tests.Shared;

/// <summary>What a corpus test does before it reads the shared corpora.</summary>
public enum CorpusVerdict
{
    /// <summary>The corpora are there: run.</summary>
    Run,

    /// <summary>Missing on a developer's bare clone: skip with the reason shown.</summary>
    Skip,

    /// <summary>Missing while CI runs: fail, so a CI run without corpora cannot pass by skipping.</summary>
    Fail,
}

/// <summary>The guard every corpus test calls first (test projects only: it needs Xunit.SkippableFact).</summary>
public static partial class Corpora
{
    /// <summary>
    /// Runs on when the corpora (and the named corpus) are present; otherwise skips with the reason, or fails when
    /// the <c>CI</c> environment variable is true (<c>.ci/run</c> exports <c>CI=true</c>).
    /// Call it from a <c>[SkippableFact]</c> or <c>[SkippableTheory]</c>.
    /// </summary>
    /// <param name="corpus">One corpus ("govuk-aws", …) that must exist too; null when only the corpora folder is needed.</param>
    public static void Require(string? corpus = null)
    {
        var missing = MissingReason(corpus);
        switch (Decide(missing, Environment.GetEnvironmentVariable("CI")))
        {
            case CorpusVerdict.Skip:
                Xunit.Skip.If(true, missing);
                break;
            case CorpusVerdict.Fail:
                Assert.Fail($"{missing} CI=true, so corpus tests fail instead of skipping.");
                break;
        }
    }

    /// <summary>Why the corpora (or the named corpus) cannot be read, or null when they can.</summary>
    public static string? MissingReason(string? corpus = null) =>
        SkipReason ?? (corpus is null || Has(corpus) ? null : $"Corpus '{corpus}' is missing from {Path}.");

    /// <summary>The rule, apart from the environment: run when nothing is missing, else fail under CI and skip elsewhere.</summary>
    /// <param name="missingReason">From <see cref="MissingReason"/>: null when the corpora are present.</param>
    /// <param name="ciVariable">The value of the <c>CI</c> environment variable (null when unset).</param>
    public static CorpusVerdict Decide(string? missingReason, string? ciVariable) =>
        missingReason is null ? CorpusVerdict.Run
        : IsCi(ciVariable) ? CorpusVerdict.Fail
        : CorpusVerdict.Skip;

    /// <summary>True for the values CI services set: "true" (any case) or "1".</summary>
    public static bool IsCi(string? ciVariable) =>
        string.Equals(ciVariable?.Trim(), "true", StringComparison.OrdinalIgnoreCase) || ciVariable?.Trim() == "1";
}
