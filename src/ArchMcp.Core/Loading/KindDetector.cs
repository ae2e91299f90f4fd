using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

/// <summary>What a file was read as, and why (for <c>archmcp inspect</c>).</summary>
internal readonly record struct KindDecision(DocumentKind Kind, string Reason);

/// <summary>Decides what a file is: front matter <c>kind:</c>, then template names, folder names, then content.</summary>
internal static class KindDetector
{
    private static readonly Dictionary<string, DocumentKind> Folders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["decisions"] = DocumentKind.Decision, ["decision"] = DocumentKind.Decision, ["adr"] = DocumentKind.Decision,
        ["adrs"] = DocumentKind.Decision, ["architecture-decisions"] = DocumentKind.Decision, ["decision-log"] = DocumentKind.Decision,
        ["decision-records"] = DocumentKind.Decision, ["architecture-decision-records"] = DocumentKind.Decision,
        ["standards"] = DocumentKind.Standard, ["standard"] = DocumentKind.Standard, ["guidelines"] = DocumentKind.Standard,
        ["rules"] = DocumentKind.Standard, ["policies"] = DocumentKind.Standard, ["principles"] = DocumentKind.Standard,
        ["reference-architectures"] = DocumentKind.Reference, ["reference-architecture"] = DocumentKind.Reference,
        ["architectures"] = DocumentKind.Reference, ["references"] = DocumentKind.Reference, ["blueprints"] = DocumentKind.Reference,
        ["patterns"] = DocumentKind.Reference,
        ["templates"] = DocumentKind.Template, ["template"] = DocumentKind.Template,
    };

    /// <param name="settings">The root's settings: a folder they name as where decisions live, their status words and id pattern.</param>
    public static KindDecision Detect(string path, FrontMatter fm, DecisionFacts facts, int explicitRules, bool numbered, RootSettings? settings = null)
    {
        if (EnumText.TryParseKind(fm.Get("kind", "type"), out var declared))
        {
            return new(declared, $"the front matter declares kind: {fm.Get("kind", "type")}");
        }

        var stem = FileNames.Stem(path).ToLowerInvariant().TrimStart('_'); // _template.adoc: a private (unpublished) page
        if (stem is "template" or "adr-template" || stem.StartsWith("adr-template", StringComparison.Ordinal)
            || stem.StartsWith("template-", StringComparison.Ordinal) || stem.EndsWith("-template", StringComparison.Ordinal))
        {
            return new(DocumentKind.Template, "the file name marks a template");
        }

        if (FileNames.IsProcessDocument(path))
        {
            return new(DocumentKind.Guide, "a page about the repository or its process (contributing, governance, runbook, table of contents…) is never a decision or rules");
        }

        var folders = path.Split('/')[..^1];
        var decisionFolder = settings?.InDecisionFolder(path) == true;
        DocumentKind? byFolder = decisionFolder ? DocumentKind.Decision : null;
        var folderName = decisionFolder ? $"a decision folder named in {settings!.File}" : null;
        var chapters = false;
        for (var i = folders.Length - 1; i >= 0 && byFolder is null; i--)
        {
            // Jekyll collections and Antora-style private folders put an underscore first (_adrs, _decisions).
            var folder = folders[i].TrimStart('_');
            if (Folders.TryGetValue(folder, out var k))
            {
                byFolder = k;
                folderName = $"the folder '{folders[i]}'";
            }
            else if (folder.EndsWith("-template", StringComparison.OrdinalIgnoreCase) || folder.EndsWith("_template", StringComparison.OrdinalIgnoreCase))
            {
                byFolder = DocumentKind.Template; // a template kept as a folder of its own (rfc-template/0000/README.md)
                folderName = $"the template folder '{folders[i]}'";
            }
            else if (folders[i].Equals("chapters", StringComparison.OrdinalIgnoreCase))
            {
                chapters = true;
            }
        }

        // A folder's README is an index page, unless the folder is a record folder (2022-11-09-slug/README.md).
        var folderIndex = FileNames.IsFolderIndex(path) && FileNames.RecordFolder(path) is null;
        var file = FileNames.Analyze(path);
        var numberedName = file.Number is not null || file.Date is not null || settings?.NumberOf(path) is not null;
        var looksLikeDecision = (facts.RawStatus is not null && (facts.DecisionSectionCount >= 2 || numbered || facts.HasStatusSection))
                                || facts.YStatement
                                // Format: a numbered or dated record with the sections of a decision or proposal, even without a status.
                                || (numberedName && facts.DecisionSectionCount >= 2)
                                // Format: a lifecycle status in the metadata block (front matter or a key/value table at the top).
                                || (facts.StatusInMetadata && explicitRules == 0 && StatusMapper.Map(facts.RawStatus, settings?.Statuses) != DecisionStatus.Unknown);
        switch (byFolder)
        {
            case DocumentKind.Template:
                return new(DocumentKind.Template, $"it is in {folderName}");
            case DocumentKind.Decision when folderIndex:
                return new(DocumentKind.Guide, $"the README or index page of {folderName} describes the folder; it is not a record");
            case DocumentKind.Decision when facts.Empty:
                return new(DocumentKind.Guide, $"it is in {folderName} but has no text beyond its title: a navigation page or an empty stub records no decision");
            case DocumentKind.Decision when FileNames.IsRecordAttachment(path):
                return new(DocumentKind.Guide, "a page kept beside a record in its record folder, without a number or date of its own, is an attachment of that record");
            case DocumentKind.Decision:
                return new(DocumentKind.Decision, $"it is in {folderName}");
            case DocumentKind.Standard or DocumentKind.Reference when !looksLikeDecision || !file.Number.HasValue:
                return new(byFolder.Value, $"it is in {folderName}");
        }

        if (looksLikeDecision && !folderIndex && !FileNames.IsRecordAttachment(path))
        {
            return new(DocumentKind.Decision, DecisionReason(facts));
        }

        if (explicitRules > 0 || (chapters && explicitRules > 0))
        {
            return new(DocumentKind.Standard, $"it marks {explicitRules} rule(s) explicitly (ids, RFC 2119 levels or DO/DON'T)");
        }

        return byFolder is { } kind
            ? new(kind, $"it is in {folderName}")
            : new(DocumentKind.Guide, GuideReason(facts, folderIndex, numberedName));
    }

    private static string DecisionReason(DecisionFacts facts) =>
        facts.YStatement ? "it states a decision as a Y-statement (in the context of … facing … we decided …)"
        : facts.RawStatus is not null && facts.StatusInMetadata ? $"it has a lifecycle status ('{facts.RawStatus}') in its metadata"
        : facts.RawStatus is not null ? $"it has a status ('{facts.RawStatus}') and the sections or number of a decision record"
        : $"its name carries a number or date and it has {facts.DecisionSectionCount} sections of a decision or proposal";

    private static string GuideReason(DecisionFacts facts, bool folderIndex, bool numberedName)
    {
        if (folderIndex)
        {
            return "a README or index page describes its folder";
        }

        var status = facts.RawStatus is null ? "no status" : $"the status '{facts.RawStatus}'";
        var name = numberedName ? "a number or date in its name" : "no number or date in its name";
        return $"not a decision: {status}, {facts.DecisionSectionCount} decision-record section(s) (Context, Decision, Consequences, Considered options…) "
               + $"and {name} (a decision needs a status with two such sections or a number, or a numbered or dated name with two such sections); "
               + "no rule is marked explicitly and no folder above it says what it is";
    }
}
