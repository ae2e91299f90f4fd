namespace ArchMcp.Core.Model;

/// <summary>
/// Stable finding codes of the loader, the parser and <c>Lint.KnowledgeLinter</c>. Codes never change meaning;
/// new checks get new codes.
/// <list type="table">
/// <listheader><term>code</term><description>severity — meaning</description></listheader>
/// <item><term>ARCH001</term><description>error — the file could not be read (deleted or unreadable during indexing).</description></item>
/// <item><term>ARCH002</term><description>error — the file is larger than <c>MaxFileBytes</c> and was skipped.</description></item>
/// <item><term>ARCH003</term><description>error — the file is binary (contains NUL bytes) and was skipped.</description></item>
/// <item><term>ARCH004</term><description>warning — the file is not valid UTF-8; invalid bytes were replaced.</description></item>
/// <item><term>ARCH005</term><description>warning — the file is empty and was skipped.</description></item>
/// <item><term>ARCH006</term><description>error — the front matter is not valid YAML (the body is still indexed).</description></item>
/// <item><term>ARCH007</term><description>warning — a symbolic link leaves the knowledge root or loops, and was not followed.</description></item>
/// <item><term>ARCH008</term><description>error — the parser failed on the file (a bug; the file was indexed by its name only).</description></item>
/// <item><term>ARCH010</term><description>warning — a decision has no status.</description></item>
/// <item><term>ARCH011</term><description>warning — a decision has no date.</description></item>
/// <item><term>ARCH012</term><description>warning — a decision's status word is not one of the known lifecycle words.</description></item>
/// <item><term>ARCH013</term><description>error — two decisions of one root share a number.</description></item>
/// <item><term>ARCH014</term><description>warning — the number in the heading differs from the number in the file name.</description></item>
/// <item><term>ARCH015</term><description>error — a supersedes / superseded-by / amends link points at no decision.</description></item>
/// <item><term>ARCH016</term><description>warning — a supersession or amendment is stated on one side only.</description></item>
/// <item><term>ARCH017</term><description>warning — a superseded decision's successor is not accepted.</description></item>
/// <item><term>ARCH018</term><description>warning — two accepted decisions claim to supersede the same decision.</description></item>
/// <item><term>ARCH019</term><description>warning — a decision is marked superseded but names no successor.</description></item>
/// <item><term>ARCH020</term><description>error — decisions supersede each other in a cycle.</description></item>
/// <item><term>ARCH021</term><description>warning — a decision replaced by another still says it is accepted.</description></item>
/// <item><term>ARCH022</term><description>warning — two accepted decisions choose different options for the same subject.</description></item>
/// <item><term>ARCH023</term><description>warning — a decision's date is written but could not be read (the record has no date).</description></item>
/// <item><term>ARCH024</term><description>warning — a file named like the decisions beside it (numbered or dated) was not read as a decision.</description></item>
/// <item><term>ARCH025</term><description>warning — a decision record still holds a template placeholder ({title}, [short title…], &lt;date&gt;, TODO).</description></item>
/// <item><term>ARCH030</term><description>warning — the path is a FIFO, a device, a socket or a link to one: only regular files are read.</description></item>
/// <item><term>ARCH031</term><description>warning — the file name is not valid UTF-8 and the file could not be opened.</description></item>
/// <item><term>ARCH032</term><description>error — a settings file of the root (synonyms, template) is too large, not a regular file or outside the root, and was ignored.</description></item>
/// <item><term>ARCH033</term><description>error — a setting of the root's archmcp.yaml cannot be used (bad YAML, unknown key, bad glob, pattern or status); it was ignored.</description></item>
/// </list>
/// </summary>
public static class LintCodes
{
    public const string Unreadable = "ARCH001";
    public const string TooLarge = "ARCH002";
    public const string Binary = "ARCH003";
    public const string InvalidUtf8 = "ARCH004";
    public const string EmptyFile = "ARCH005";
    public const string BadFrontMatter = "ARCH006";
    public const string SymlinkSkipped = "ARCH007";
    public const string ParserFailure = "ARCH008";
    public const string MissingStatus = "ARCH010";
    public const string MissingDate = "ARCH011";
    public const string UnknownStatus = "ARCH012";
    public const string DuplicateNumber = "ARCH013";
    public const string NumberMismatch = "ARCH014";
    public const string DanglingRelation = "ARCH015";
    public const string OneWayRelation = "ARCH016";
    public const string SuccessorNotAccepted = "ARCH017";
    public const string CompetingSupersession = "ARCH018";
    public const string SupersededWithoutSuccessor = "ARCH019";

    /// <summary>Decisions that supersede each other in a circle: none of them can be in force.</summary>
    public const string SupersessionCycle = "ARCH020";

    /// <summary>A decision replaced by another (by its own or the other's word) whose status still says accepted.</summary>
    public const string ReplacedStillInForce = "ARCH021";

    /// <summary>Two decisions in force choosing different options for the same subject.</summary>
    public const string ConflictingDecisions = "ARCH022";

    /// <summary>A decision's date as written could not be read as a calendar date.</summary>
    public const string UnreadableDate = "ARCH023";

    /// <summary>A file named like the decisions beside it that was not read as a decision.</summary>
    public const string NotReadAsDecision = "ARCH024";

    /// <summary>A template's placeholder left in a decision record.</summary>
    public const string TemplatePlaceholder = "ARCH025";
    public const string NotRegularFile = "ARCH030";
    public const string UndecodableName = "ARCH031";
    public const string SettingsFileRefused = "ARCH032";

    /// <summary>A setting of the root's archmcp.yaml that cannot be used (it is ignored; the rest applies).</summary>
    public const string BadSettings = "ARCH033";
}
