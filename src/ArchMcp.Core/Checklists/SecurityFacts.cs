using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>Security mechanisms a design names: credentials and their lifetime, secrets handling, triggers, permissions, authentication.</summary>
internal static partial class SecurityFacts
{
    private static readonly (string Value, Regex Pattern)[] Patterns =
    [
        ("long-lived-credential", Rx(@"\b(long[- ]lived|static|permanent|never[- ]expiring|non[- ]expiring)\s+(\w+\s+)?(access\s+)?(tokens?|keys?|credentials?|secrets?|passwords?)\b")),
        ("access-key", Rx(@"\b(access[- ]keys?|secret access keys?|api[- ]keys?|iam users?'?s? (access )?keys?)\b")),
        ("personal-access-token", Rx(@"\b(personal access tokens?|\bpats?\b)")),
        ("automation-token", Rx(@"\b(automation|deploy|publish(ing)?|npm|pypi)\s+tokens?\b")),
        ("token", Rx(@"\btokens?\b")),
        ("secret", Rx(@"\bsecrets?\b")),
        ("plaintext-secret", Rx(@"\b(plain[- ]?text|unencrypted|in clear|committed)\b.{0,60}\b(secrets?|passwords?|credentials?|keys?)\b|\b(secrets?|passwords?|credentials?|keys?)\b.{0,60}\b(plain[- ]?text|unencrypted|in clear)\b")),
        ("organisation-secret", Rx(@"\borgani[sz]ation[- ]level secrets?|\borgani[sz]ation secrets?")),
        ("oidc", Rx(@"\b(oidc|openid connect|workload identity|federated credentials?)\b")),
        ("oauth", Rx(@"\boauth")),
        ("scopes", Rx(@"\bscopes?\b")),
        ("no-authentication", Rx(@"\b(no|without|not require|won't require|will not require|skip|disable[sd]?)\s+(any\s+)?(authentication|authori[sz]ation|auth)\b|\bunauthenticated\b|\bpublic(ly)? accessible\b")),
        ("risky-trigger", Rx(@"\bpull_request_target\b|\bworkflow_run\b|\bissue_comment\b")),
        ("broad-permissions", Rx(@"\bwrite-all\b|\bread-all\b|\b(admin|administrator|full|root|wildcard|\*)\s+(access|permissions?|rights|privileges)\b")),
        ("certificate", Rx(@"\bcertificates?\b|\bcerts?\b")),
        ("tls-termination", Rx(@"\bterminat\w*\s+(tls|ssl|https)\b|\b(tls|ssl)\s+terminat")),
        ("password", Rx(@"\bpasswords?\b")),
        ("stack-trace", Rx(@"\bstack ?traces?\b")),
        ("encryption", Rx(@"\bencrypt")),
        // Traffic sent unencrypted: plain HTTP, http:// URLs, "without TLS".
        ("plaintext-transport", Rx(@"\bplain(-|\s)?(text\s+)?http\b|\bhttp://|\bunencrypted\s+(traffic|connections?|http|transport|channels?|links?)\b|\bwithout\s+(tls|https|ssl|encryption)\b|\bno\s+(tls|https|ssl)\b|\bcleartext\b")),
    ];

    public static void Extract(string sentence, FactSink sink)
    {
        foreach (var value in Values(sentence))
        {
            sink.Add(FactKinds.Security, value);
        }
    }

    /// <summary>The security facts a sentence (or the words of a name) states.</summary>
    public static IEnumerable<string> Values(string sentence)
    {
        foreach (var (value, pattern) in Patterns)
        {
            if (pattern.IsMatch(sentence))
            {
                yield return value;
            }
        }

        if (InsecureSetting().IsMatch(sentence) || (DisabledValidation().Match(sentence) is { Success: true } said && !DesignReviewer.Negation.IsMatch(sentence[..said.Index])))
        {
            yield return CertificateValidationDisabled;
        }
    }

    /// <summary>TLS certificate (chain or host name) validation turned off, in code, configuration or words.</summary>
    public const string CertificateValidationDisabled = "certificate-validation-disabled";

    /// <summary>
    /// The settings that turn certificate validation off in common clients: Go's <c>InsecureSkipVerify: true</c>,
    /// Node's <c>rejectUnauthorized: false</c> and <c>NODE_TLS_REJECT_UNAUTHORIZED=0</c>, <c>verify=False</c> /
    /// <c>ssl_verify: false</c> / <c>validate_certs: no</c>, a .NET validation callback returning true, <c>CERT_NONE</c>,
    /// <c>--insecure</c>.
    /// </summary>
    [GeneratedRegex(@"\binsecure_?skip_?verify\s*[:=]\s*true\b|\breject_?unauthori[sz]ed\s*[:=]\s*(false|0)\b|\bNODE_TLS_REJECT_UNAUTHORIZED\s*[:=]\s*['""]?0|\b(ssl_?|tls_?)?verify(_?(ssl|tls|certs?|peer|host))?\s*[:=]\s*['""]?(false|no|none|0)\b|\bvalidate_?certs\s*[:=]\s*['""]?(false|no)\b|Certificate\w*ValidationCallback\s*\+?=.*=>\s*true\b|DangerousAcceptAnyServerCertificateValidator|\b(CERT|VERIFY)_NONE\b|(?<![\w-])--insecure\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InsecureSetting();

    /// <summary>Words that say certificate validation is off ("TLS certificate validation is disabled", "accept any certificate").</summary>
    [GeneratedRegex(@"\b(disabl\w*|turn\w* off|skip\w*)\b.{0,40}\b(certificate|cert|tls|ssl|hostname)\s+(validation|verification|checks?)\b|\b(certificate|cert|tls|ssl|hostname)\s+(validation|verification|checks?)\b.{0,20}\b(disabled|off|skipped)\b|\baccept\w*\s+(any|all)\s+(server\s+)?certificates?\b|\btrust\w*\s+all\s+certificates?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DisabledValidation();

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
