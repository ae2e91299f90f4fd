namespace ArchMcp.Server.Cli;

/// <summary>Named process exit codes (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran, and found problems: lint errors, review violations of MUST rules, quality below a threshold.</summary>
    public const int Findings = 1;

    /// <summary>The arguments or settings were invalid (bad path, unknown option value).</summary>
    public const int InvalidOptions = 2;

    /// <summary>A requested decision, rule or document does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>The index is locked by another writer or could not be opened.</summary>
    public const int IndexUnavailable = 4;

    /// <summary>An unexpected failure (a bug): the message is on stderr.</summary>
    public const int Failed = 70;
}
