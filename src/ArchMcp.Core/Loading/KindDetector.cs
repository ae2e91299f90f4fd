using ArchMcp.Core.Model;

namespace ArchMcp.Core.Loading;

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

    public static DocumentKind Detect(string path, FrontMatter fm, DecisionFacts facts, int explicitRules, bool numbered)
    {
        if (EnumText.TryParseKind(fm.Get("kind", "type"), out var declared))
        {
            return declared;
        }

        var stem = FileNames.Stem(path).ToLowerInvariant().TrimStart('_'); // _template.adoc: a private (unpublished) page
        if (stem is "template" or "adr-template" || stem.StartsWith("adr-template", StringComparison.Ordinal)
            || stem.StartsWith("template-", StringComparison.Ordinal) || stem.EndsWith("-template", StringComparison.Ordinal))
        {
            return DocumentKind.Template;
        }

        if (FileNames.IsProcessDocument(path))
        {
            return DocumentKind.Guide;
        }

        var folders = path.Split('/')[..^1];
        DocumentKind? byFolder = null;
        var chapters = false;
        for (var i = folders.Length - 1; i >= 0 && byFolder is null; i--)
        {
            // Jekyll collections and Antora-style private folders put an underscore first (_adrs, _decisions).
            var folder = folders[i].TrimStart('_');
            if (Folders.TryGetValue(folder, out var k))
            {
                byFolder = k;
            }
            else if (folder.EndsWith("-template", StringComparison.OrdinalIgnoreCase) || folder.EndsWith("_template", StringComparison.OrdinalIgnoreCase))
            {
                byFolder = DocumentKind.Template; // a template kept as a folder of its own (rfc-template/0000/README.md)
            }
            else if (folders[i].Equals("chapters", StringComparison.OrdinalIgnoreCase))
            {
                chapters = true;
            }
        }

        // A folder's README is an index page, unless the folder is a record folder (2022-11-09-slug/README.md).
        var folderIndex = FileNames.IsFolderIndex(path) && FileNames.RecordFolder(path) is null;
        var file = FileNames.Analyze(path);
        var numberedName = file.Number is not null || file.Date is not null;
        var looksLikeDecision = (facts.RawStatus is not null && (facts.DecisionSectionCount >= 2 || numbered || facts.HasStatusSection))
                                || facts.YStatement
                                // Format: a numbered or dated record with the sections of a decision or proposal, even without a status.
                                || (numberedName && facts.DecisionSectionCount >= 2)
                                // Format: a lifecycle status in the metadata block (front matter or a key/value table at the top).
                                || (facts.StatusInMetadata && explicitRules == 0 && StatusMapper.Map(facts.RawStatus) != DecisionStatus.Unknown);
        switch (byFolder)
        {
            case DocumentKind.Template:
                return DocumentKind.Template;
            case DocumentKind.Decision:
                return folderIndex || FileNames.IsRecordAttachment(path) ? DocumentKind.Guide : DocumentKind.Decision;
            case DocumentKind.Standard or DocumentKind.Reference when !looksLikeDecision || !file.Number.HasValue:
                return byFolder.Value;
        }

        if (looksLikeDecision && !folderIndex && !FileNames.IsRecordAttachment(path))
        {
            return DocumentKind.Decision;
        }

        if (explicitRules > 0 || (chapters && explicitRules > 0))
        {
            return DocumentKind.Standard;
        }

        return byFolder ?? DocumentKind.Guide;
    }
}
