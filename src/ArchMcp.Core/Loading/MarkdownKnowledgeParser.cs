using System.Globalization;
using System.Text.RegularExpressions;
using ArchMcp.Core.Model;
using Markdig;
using Markdig.Extensions.Yaml;

namespace ArchMcp.Core.Loading;

/// <summary>
/// Turns one Markdown file into a <see cref="KnowledgeDocument"/>: title, kind, id, sections, links, plain text,
/// decision metadata and rules. Never throws on content: problems become <see cref="KnowledgeDocument.Findings"/>.
/// Thread-safe.
/// </summary>
internal static class MarkdownKnowledgeParser
{
    // No autolink extension: it made bare URLs links, which are never links between documents (absolute URLs are
    // dropped from them), for a third of Markdig's parsing time. <https://…> autolinks are CommonMark's own.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UsePreciseSourceLocation()
        .Build();

    /// <param name="settings">The root's settings (decision folders, id and status patterns, status words); null for none.</param>
    public static KnowledgeDocument Parse(string root, string relativePath, string content, RootSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = relativePath.Replace('\\', '/').TrimStart('/');
        try
        {
            if (AsciiDocConverter.IsAsciiDoc(path))
            {
                var asciiDoc = AsciiDocConverter.Convert(content ?? "");
                return ParseCore(root, path, asciiDoc.Markdown, asciiDoc, settings ?? RootSettings.None, content ?? "");
            }

            return ParseCore(root, path, DocumentTitle.SpaceAfterTitleHash(content ?? ""), null, settings ?? RootSettings.None, content ?? "");
        }
        catch (Exception ex)
        {
            // Markdig refuses input nested deeper than its limit (hundreds of list or quote levels): not a bug, hostile input.
            var nested = ex is ArgumentException && ex.Message.Contains("too deeply nested", StringComparison.OrdinalIgnoreCase);
            var info = FileNames.Analyze(path);
            return new KnowledgeDocument
            {
                Root = root, Path = path, Kind = DocumentKind.Guide, Id = info.Slug, Title = FileNames.Humanize(info.Slug),
                Text = content ?? "",
                Findings = [new Finding(FindingSeverity.Error, LintCodes.ParserFailure, path, 1, nested
                    ? "The Markdown is nested too deeply (hundreds of list or quote levels) to be parsed; it is indexed by its name and raw text only. Flatten the nesting."
                    : $"The parser failed on this file ({ex.GetType().Name}: {ex.Message}); it is indexed by its name and raw text only. Please report this file as a bug.")
                { Root = root }],
            };
        }
    }

    /// <param name="asciiDoc">For an AsciiDoc file: its attributes (read as front matter) and the line map back to it.</param>
    /// <param name="source">The file's text as written, where the settings' status pattern looks.</param>
    private static KnowledgeDocument ParseCore(string root, string path, string content, AsciiDocText? asciiDoc, RootSettings settings, string source)
    {
        var findings = new List<Finding>();
        var markdown = Markdown.Parse(content, Pipeline);
        var fm = asciiDoc?.Attributes ?? FrontMatter.Empty;
        if (asciiDoc is null && markdown.FirstOrDefault() is YamlFrontMatterBlock yaml)
        {
            fm = FrontMatterReader.Read(yaml.Lines.ToString(), yaml.Line + 2, path, findings);
        }

        var (blocks, allLinks) = MarkdownOutline.Build(markdown);
        if (asciiDoc is not null)
        {
            // Citations point at the AsciiDoc lines, not at the lines of the Markdown made from them.
            foreach (var block in blocks)
            {
                block.Line = asciiDoc.SourceLine(block.Line);
            }

            allLinks = allLinks.Select(l => l with { Line = asciiDoc.SourceLine(l.Line) }).ToList();
        }

        var file = FileNames.Analyze(path);

        var (title, headingNumber, rawTitle, titleLine) = DocumentTitle.Choose(blocks, fm.Get("title"), file, fm.Get("summary") ?? fm.Get("description"));

        var fmId = fm.Get("id");
        var idPrefix = fmId is null ? null : Regex.Match(fmId, @"^[A-Za-z]+").Value is { Length: > 0 } p ? p : null;
        var explicitRules = RuleExtractor.Explicit(path, blocks, idPrefix, title);
        var facts = DecisionExtractor.Read(blocks, fm);
        if (settings.StatusIn(source) is { } declaredStatus)
        {
            (facts.RawStatus, facts.StatusLine, facts.StatusInMetadata) = (declaredStatus.Text, declaredStatus.Line, true);
        }

        var number = settings.NumberOf(path) ?? file.Number ?? headingNumber;
        var (kind, kindReason) = KindDetector.Detect(path, fm, facts, explicitRules.Count, number is not null, settings);

        var tags = new List<string>();
        foreach (var tag in fm.GetList("tags", "tag", "keywords", "categories", "category"))
        {
            AddTags(tags, tag);
        }

        if (tags.Count == 0 && kind == DocumentKind.Decision && facts.TagsText is not null)
        {
            AddTags(tags, facts.TagsText);
        }

        var layout = fm.Get("layout");
        if (layout is not null && layout.Equals("withdrawn", StringComparison.OrdinalIgnoreCase))
        {
            AddTags(tags, "withdrawn");
        }

        DecisionInfo? decision = null;
        DateOnly? date;
        string id;
        if (kind == DocumentKind.Decision)
        {
            var raw = facts.RawStatus is null ? "" : StatusMapper.Clean(facts.RawStatus);
            decision = new DecisionInfo
            {
                Number = number,
                Status = StatusMapper.Map(facts.RawStatus, settings.Statuses),
                RawStatus = raw,
                StatusLine = facts.StatusLine,
                DecisionMakers = facts.DecisionMakers,
                Relations = facts.Relations,
                NumberMismatch = file.Number is { } fromFile && headingNumber is { } fromHeading && fromFile != fromHeading
                    ? (fromHeading, fromFile)
                    : null,
                Outcome = OutcomeExtractor.Find(blocks),
            };
            date = DateText.Find(facts.DateText) ?? file.Date ?? DateText.Find(fm.Get("revdate")); // revdate: AsciiDoc's revision date
            // a date written but not readable is reported as such, not as a missing date
            if (date is null && (facts.DateText is { } fmDate ? (fmDate, 1) : facts.UnreadableDate) is { } unread)
            {
                findings.Add(new Finding(FindingSeverity.Warning, LintCodes.UnreadableDate, path, unread.Line,
                    $"The date '{unread.Text}' could not be read as a calendar date, so the record has no date. Write it as YYYY-MM-DD (e.g. 2024-03-07)."));
            }
            id = number is { } n ? $"ADR-{n.ToString("D4", CultureInfo.InvariantCulture)}" : DocumentTitle.Slug(path, file);
        }
        else
        {
            date = DateText.Find(fm.Get("date", "last_reviewed_on", "last-reviewed", "last_reviewed", "updated", "last_updated", "last-updated", "revdate"));
            id = fmId is not null && DocumentTitle.IsIdLike(fmId) ? fmId : DocumentTitle.Slug(path, file);
        }

        // Principle: process pages are never rules; an index page (a README of a folder) has only the rules it marks explicitly.
        IReadOnlyList<Rule> rules = kind switch
        {
            DocumentKind.Decision or DocumentKind.Template => [],
            _ when FileNames.IsProcessDocument(path) => [],
            _ when explicitRules.Count == 0 && FileNames.IsFolderIndex(path) => [],
            DocumentKind.Standard or DocumentKind.Guide when explicitRules.Count == 0 =>
                RuleExtractor.Implicit(path, blocks, title, fmId is not null && DocumentTitle.IsIdLike(fmId) ? fmId : null),
            _ => RuleExtractor.WithNormativeSections(path, blocks, title, explicitRules),
        };

        IReadOnlyList<string> aliases = [];
        if (kind == DocumentKind.Decision)
        {
            aliases = DocumentAliases.OfDecision(id, path, number, file, rawTitle, blocks);
        }
        else if (DocumentAliases.GuideCode(blocks) is { } code)
        {
            aliases = [code];
            rules = [.. rules.Select(r => r with { Aliases = aliases })];
        }

        var links = allLinks.Where(l => !l.Target.Contains("://", StringComparison.Ordinal) && !l.Target.StartsWith('#')
                                        && !l.Target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)).ToList();

        var texts = new string[blocks.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = blocks[i].Text;
        }

        return new KnowledgeDocument
        {
            Root = root,
            Path = path,
            Kind = kind,
            KindReason = kindReason,
            Id = id,
            Title = title,
            Aliases = aliases,
            TitleLine = titleLine,
            Tags = tags,
            Date = date,
            Decision = decision,
            Rules = rules,
            Sections = BuildSections(blocks, texts),
            Links = links,
            FrontMatter = fm.Flat,
            Text = string.Join('\n', texts),
            Findings = findings.Select(f => f with { Root = root }).ToList(),
        };
    }

    private static void AddTags(List<string> tags, string text)
    {
        foreach (var tag in text.Split([',', ';', '#'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var clean = tag.Trim('"', '\'', '[', ']', '`', ' ');
            if (clean.Length > 0 && clean.Length <= 64 && !tags.Contains(clean, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(clean);
            }
        }
    }

    /// <summary>Each heading's section: the text of the blocks up to the next heading (<paramref name="texts"/>: the blocks' texts).</summary>
    private static List<Section> BuildSections(List<TextBlock> blocks, string[] texts)
    {
        var sections = new List<Section>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Type != BlockType.Heading)
            {
                continue;
            }

            var end = i + 1;
            while (end < blocks.Count && blocks[end].Type != BlockType.Heading)
            {
                end++;
            }

            var text = string.Join('\n', texts.AsSpan(i + 1, end - (i + 1))).Trim();
            sections.Add(new Section(blocks[i].Text, blocks[i].Level, blocks[i].Line, text, blocks[i].Anchor ?? DocumentTitle.Slugify(blocks[i].Text)));
        }

        return sections;
    }
}
