using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// What each kind of fact is about, in the vocabulary standards use: a sub-query that finds the rules on that
/// subject, and a pattern that recognises a rule statement speaking about it (used to boost such rules).
/// </summary>
internal static class FactTopics
{
    private sealed record Topic(Func<DesignFact, bool> Applies, Func<DesignFact, string> Query, Regex Statement);

    private static readonly Topic[] Topics =
    [
        T(FactKinds.FieldCasing, Telling, f => $"property names field names {Style(f)} case JSON {Name(f)}", @"\b(propert|field|attribute|member|json)\w*\b.{0,60}\b(case|cased|casing|names?)\b|\b(case|casing)\b.{0,40}\b(propert|field|attribute)"),
        T(FactKinds.QueryParameterCasing, Telling, f => $"query parameter names {Style(f)} case {Name(f)}", @"\bquery[- ]param"),
        T(FactKinds.QueryParameter, _ => true, f => $"conventional query parameters names {f.Value}", @"\bquery[- ]param"),
        T(FactKinds.PathCasing, Telling, f => $"URL path segments {Style(f)} case naming", @"\b(path|url|uri|segment)\w*\b.{0,40}\b(case|casing|lower)|\b(kebab|snake|camel)[- _]?case\b.{0,40}\b(path|url|uri|segment)"),
        T(FactKinds.PathVerb, _ => true, f => $"verbs in URL paths actions resources nouns {f.Value}", @"\bverbs?\b|\bnouns?\b|\bactions?\b|verb-free"),
        T(FactKinds.PathPrefix, _ => true, f => $"{f.Value} base path URL prefix", @"\bbase[- ]path\b|\bprefix\b"),
        T(FactKinds.VersionInPath, _ => true, _ => "URL versioning version in path URI", @"\bversion"),
        T(FactKinds.Versioning, _ => true, f => $"API versioning {f.Value.Replace('-', ' ')} version compatibility", @"\bversion"),
        T(FactKinds.EnumCasing, Telling, f => $"enum values {Style(f)} case", @"\benum"),
        T(FactKinds.EnumValue, _ => true, _ => "enumeration values extensible open-ended list", @"\benum"),
        T(FactKinds.EventName, _ => true, f => $"event type names naming convention {f.Value}", @"\bevent\w*\b.{0,40}\bnam"),
        T(FactKinds.StatusCode, _ => true, f => $"HTTP status code {f.Value}", @"\b[1-5]\d\d\b|\bstatus code"),
        T(FactKinds.Header, _ => true, f => $"HTTP header {f.Value}", @"\bheaders?\b"),
        T(FactKinds.Technology, _ => true, f => f.Value, null),
        T(FactKinds.Retention, _ => true, f => $"retention period store logs {f.Value}", @"\b(retention|retain|storage|store|stored|keep)\b"),
        T(FactKinds.ResponseShape, _ => true, _ => "top-level JSON object response array", @"\btop[- ]level\b|\barrays?\b|\bjson objects?\b"),
        T(FactKinds.ContainerImage, _ => true, f => $"Docker base image FROM tag digest pin {f.Value}", @"\b(tags?|digests?|pin\w*|from)\b"),
        T(FactKinds.DataFormat, f => f.Value == "epoch-timestamp", _ => "date time format timestamp standard", @"\b(date|time|timestamp)s?\b"),
        T(FactKinds.DataFormat, f => f.Value == "float-money", _ => "money amount currency decimal", @"\b(money|monetary|amount|currency|price)"),
        T(FactKinds.DataFormat, f => f.Value == "schema-open", _ => "additionalProperties schema extensible", @"additional\s*properties"),
        T(FactKinds.ErrorResponse, _ => true, f => $"error responses {f.Value.Replace('-', ' ')} problem details", @"\b(errors?|problem|stack ?traces?)\b"),
        T(FactKinds.PersonalData, _ => true, _ => "sensitive personal data", @"\b(sensitive|personal|pii|privacy|confidential)\b"),
        T(FactKinds.Delivery, _ => true, f => $"duplicates idempotent delivery {f.Value.Replace('-', ' ')}", @"\b(duplicates?|idempoten\w*|exactly|at[- ]least|ordering|order)\b"),
        T(FactKinds.NaturalLanguage, _ => true, _ => "English language", @"\benglish\b|\blanguage\b"),
        T(FactKinds.Frequency, _ => true, _ => "update dependencies frequently regularly", @"\b(update|upgrade|frequent|regular)\w*"),
        T(FactKinds.SelfManaged, f => f.Value == "self-managed", _ => "managed service instead of self-hosted instances", @"\b(managed|hosted|provision\w*|instead)\b"),
        T(FactKinds.Security, f => f.Value is "long-lived-credential" or "access-key", _ => "long-lived credentials access keys OIDC short-lived authentication", @"\b(credentials?|keys?|oidc|openid|short[- ]lived|authenticat\w*|trusted publishing)\b"),
        T(FactKinds.Security, f => f.Value is "automation-token" or "token" or "personal-access-token", _ => "tokens scope limit publishing", @"\btokens?\b|\bpublish"),
        T(FactKinds.Security, f => f.Value == "risky-trigger", _ => "risky workflow triggers", @"\btriggers?\b"),
        T(FactKinds.Security, f => f.Value == "broad-permissions", _ => "permissions least privilege", @"\bpermissions?\b|\bprivilege"),
        T(FactKinds.Security, f => f.Value is "secret" or "organisation-secret" or "plaintext-secret", _ => "secrets storage scope encrypted", @"\bsecrets?\b|\bcredentials?\b|\bencrypt"),
        T(FactKinds.Security, f => f.Value == "no-authentication", _ => "secure endpoints authentication authorization", @"\b(secur\w*|authenticat\w*|authori[sz]\w*)\b"),
        T(FactKinds.Security, f => f.Value == "scopes", _ => "permissions scopes naming", @"\b(scopes?|permissions?)\b"),
        T(FactKinds.Security, f => f.Value == "plaintext-transport", _ => "encrypt traffic in transit TLS HTTPS", @"\b(tls|ssl|https|encrypt\w*|in transit)\b"),
        T(FactKinds.Security, f => f.Value is "certificate" or "tls-termination", _ => "TLS certificates termination", @"\b(certificates?|tls|ssl)\b"),
        T(FactKinds.Security, f => f.Value == SecurityFacts.CertificateValidationDisabled, _ => "disable TLS certificate validation verification", @"\b(certificates?|validat\w*|verif\w*)\b"),
        T(FactKinds.NullableType, _ => true, f => $"null {f.Value} properties nullable", @"\bnull"),
        T(FactKinds.Named, _ => true, f => $"{Name(f)} {f.Value.Split(':')[0]} names naming", null),
        T(FactKinds.Package, _ => true, f => $"package name version {f.Value}", @"\bpackage (names?|paths?)\b"),
        T(FactKinds.Setting, f => SettingKey(f).IndexOfAny(['.', '_']) > 0, f => "configure " + string.Join(' ', NamingStyles.Words(SettingKey(f))), null),
    ];

    /// <summary>Sub-queries for the facts of a design (distinct, in fact order).</summary>
    public static IReadOnlyList<string> Queries(IEnumerable<DesignFact> facts) =>
        facts.SelectMany(f => Topics.Where(t => t.Applies(f)).Select(t => t.Query(f))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>How many distinct facts the statement speaks about.</summary>
    public static int Mentions(string statement, IEnumerable<DesignFact> facts)
    {
        var n = 0;
        foreach (var f in facts)
        {
            foreach (var t in Topics)
            {
                if (t.Applies(f) && (f.Kind == FactKinds.Technology
                        ? Regex.IsMatch(statement, $@"(?<![\w-]){Regex.Escape(f.Value)}(?![\w-])", RegexOptions.IgnoreCase)
                        : t.Statement.IsMatch(statement)))
                {
                    n++;
                    break;
                }
            }
        }

        return n;
    }

    private static Topic T(string kind, Func<DesignFact, bool> when, Func<DesignFact, string> query, string? statement) =>
        new(f => f.Kind == kind && when(f), query, new Regex(statement ?? "(?!)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    /// <summary>Casing facts are "style: name"; only styles with several words say something.</summary>
    private static bool Telling(DesignFact f) => !f.Value.StartsWith("lowercase", StringComparison.Ordinal) && !f.Value.StartsWith("UPPERCASE", StringComparison.Ordinal) && !f.Value.StartsWith("mixed", StringComparison.Ordinal);

    private static string Style(DesignFact f) => f.Value.Split(':')[0].Replace('_', ' ').Replace('-', ' ');

    /// <summary>
    /// The key of a setting ("key=value"); only a namespaced key (<c>spring.kafka.producer.acks</c>, <c>DB_PASSWORD</c>)
    /// makes a query: a bare schema keyword (<c>type</c>, <c>description</c>) names no subject.
    /// </summary>
    private static string SettingKey(DesignFact f) => f.Value.Split('=', 2)[0];

    private static string Name(DesignFact f) => f.Value.Split(':', 2) is [_, var n] ? n.Trim() : f.Value;
}
