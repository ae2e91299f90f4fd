using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>Facts stated in prose: retention periods, response shapes, versioning, images, data formats, personal data, delivery semantics.</summary>
internal static partial class PhraseFacts
{
    private static readonly (string Kind, string Value, Regex Pattern)[] Patterns =
    [
        (FactKinds.ResponseShape, "top-level-array", Rx(@"\btop[- ]level\s+(json\s+)?(array|list)\b|\b(returns?|respond\w*|answers?)\s+(with\s+)?(a|an)\s+(plain\s+|bare\s+|raw\s+|json\s+)*array\b|\bresponse\s+is\s+(a|an)\s+(json\s+)?array\b")),
        (FactKinds.Versioning, "header", Rx(@"\bversion\w*\b.{0,60}\bheader\b|\bheader\b.{0,40}\bversion|\bx-[\w-]*version\b")),
        (FactKinds.Versioning, "media-type", Rx(@"\b(media[- ]type|content[- ]type|accept header)\b.{0,40}\bversion|\bversion\w*\b.{0,40}\b(media[- ]type|content[- ]type)\b")),
        (FactKinds.Versioning, "uri-path", Rx(@"\b(version|v\d)\b.{0,30}\b(prefix|path|url|uri)\b|/v\d+/")),
        (FactKinds.Versioning, "breaking-change", Rx(@"\bbreaking change|\bincompatible change|\bchange (field )?types?\b|\bremov\w+ (a |the )?fields?\b|\brenam\w+ (a |the )?fields?\b")),
        (FactKinds.DataFormat, "epoch-timestamp", Rx(@"\bepoch\b|\bunix (time|timestamp)|\bmilliseconds since\b")),
        (FactKinds.DataFormat, "float-money", Rx(@"\b(float|double|decimal number)\b.{0,40}\b(eur|usd|gbp|price|amount|money|currency)\b|\b(price|amount|money)\b.{0,40}\b(float|double)\b")),
        (FactKinds.DataFormat, "schema-open", Rx(@"\badditionalproperties\b")),
        (FactKinds.ErrorResponse, "html-error-page", Rx(@"\bhtml\b.{0,30}\berror|\berror\b.{0,30}\bhtml\b")),
        (FactKinds.ErrorResponse, "stack-trace", Rx(@"\bstack ?traces?\b")),
        (FactKinds.ErrorResponse, "plain-text-error", Rx(@"\bplain[- ]text\s+error")),
        (FactKinds.PersonalData, "personal-data", Rx(@"\b(e-?mail( address)?|date of birth|birth ?date|card numbers?|credit cards?|phone numbers?|home address|national insurance|social security|passport|personal (data|information)|pii|customer record)\b")),
        (FactKinds.Delivery, "exactly-once", Rx(@"\bexactly[- ]once\b")),
        (FactKinds.Delivery, "at-least-once", Rx(@"\bat[- ]least[- ]once\b")),
        (FactKinds.Delivery, "ordering", Rx(@"\b(in order|ordering|ordered delivery)\b")),
        (FactKinds.Frequency, "infrequent", Rx(@"\bonce (a|per|every) (quarter|year|half[- ]year)|\b(quarterly|annually|yearly|twice a year)\b|\bevery (few|\d+) (months|quarters)\b")),
        (FactKinds.Frequency, "batched", Rx(@"\bbatch(ed)?\b.{0,30}\b(upgrades?|updates?|releases?)\b")),
        (FactKinds.SelfManaged, "self-managed", Rx(@"\b(our own|self[- ]hosted|self[- ]managed|in[- ]house|dedicated)\b.{0,40}\b(instances?|servers?|vms?|machines?|boxes|box|hosts?|cluster)\b|\b(run|host|operate|manage|provision)\w*\s+(our\s+own|it\s+ourselves)\b")),
        (FactKinds.SelfManaged, "virtual-machine", Rx(@"\b(ec2|vms?|virtual machines?)\b")),
        (FactKinds.NaturalLanguage, "non-english", Rx(@"\b(in|written in)\s+(german|french|spanish|italian|dutch|polish|portuguese|swedish|danish|finnish|norwegian|czech|chinese|japanese|korean|russian)\b")),
    ];

    public static void Extract(string sentence, FactSink sink)
    {
        foreach (var (kind, value, pattern) in Patterns)
        {
            if (pattern.IsMatch(sentence))
            {
                sink.Add(kind, value);
            }
        }

        var lower = sentence.ToLowerInvariant();
        foreach (Match m in DurationPattern().Matches(sentence))
        {
            var value = $"{m.Groups["n"].Value} {m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s')}s";
            sink.Add(RetentionContext().IsMatch(lower) ? FactKinds.Retention : FactKinds.Duration, value);
        }

        foreach (Match m in DockerFrom().Matches(sentence))
        {
            var image = m.Groups["image"].Value;
            sink.Add(FactKinds.ContainerImage, image.Contains("@sha256:", StringComparison.Ordinal) ? "digest: " + image : "tag-only: " + image);
        }
    }

    /// <summary>Parses "90 days", "3 months", "1 year" to days (months as 30, years as 365). Null when not a duration.</summary>
    public static double? ToDays(string text)
    {
        var m = DurationPattern().Match(text);
        if (!m.Success || !double.TryParse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return m.Groups["unit"].Value.ToLowerInvariant().TrimEnd('s') switch
        {
            "hour" => n / 24,
            "day" => n,
            "week" => n * 7,
            "month" => n * 30,
            "year" => n * 365,
            _ => null,
        };
    }

    internal static MatchCollection Durations(string text) => DurationPattern().Matches(text);

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(?<n>\d+(?:\.\d+)?)[\s-]*(?<unit>hours?|days?|weeks?|months?|years?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\b(retain\w*|retention|keep|kept|stay|stays|store\w*|queryable|archiv\w*|purg\w*|delet\w*|hold|held|logs?|backups?|data)\b")]
    private static partial Regex RetentionContext();

    [GeneratedRegex(@"\bFROM\s+(?:--platform=\S+\s+)?(?<image>[\w./-]+(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex DockerFrom();
}
