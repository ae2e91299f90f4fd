namespace ArchMcp.Core.Tests.Trust;

/// <summary>
/// How hard the trust tests push. CI runs the short budget; <c>ARCHMCP_LONG=1</c> runs the long one (at least
/// 100,000 generated inputs per property). <c>ARCHMCP_FUZZ_SEED</c> replays one CsCheck seed.
/// </summary>
public static class Fuzz
{
    public static bool Long => Environment.GetEnvironmentVariable("ARCHMCP_LONG") is "1" or "true";

    /// <summary>Iterations: <paramref name="ci"/> by default, <paramref name="longRun"/> under ARCHMCP_LONG=1.</summary>
    public static long Iterations(long ci, long longRun = 100_000) => Long ? longRun : ci;

    /// <summary>A seed to replay (printed by CsCheck on failure), or null for a random run.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("ARCHMCP_FUZZ_SEED") is { Length: > 0 } s ? s : null;

    /// <summary>
    /// The longest one input may take before it counts as a hang. A hang detector, not a speed target: the
    /// pathological inputs are 500k characters and the machine may be busy, so it is generous.
    /// </summary>
    public static readonly TimeSpan PerInputBudget = TimeSpan.FromSeconds(30);

    /// <summary>tests/fuzz-regressions, found by walking up from the test assembly.</summary>
    public static string? RegressionsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "fuzz-regressions");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    /// <summary>Shows control characters and lone surrogates so a failing input can be copied into a regression file.</summary>
    public static string Printable(string s)
    {
        var b = new System.Text.StringBuilder(Math.Min(s.Length, 2000) + 16);
        foreach (var c in s.Length > 2000 ? s[..2000] : s)
        {
            if (c is '\n')
            {
                b.Append("\\n\n");
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u202E' or '\u200F' or '\uFEFF')
            {
                b.Append($"\\u{(int)c:X4}");
            }
            else
            {
                b.Append(c);
            }
        }

        return s.Length > 2000 ? $"{b}… ({s.Length} chars)" : b.ToString();
    }
}
