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
        foreach (var (value, pattern) in Patterns)
        {
            if (pattern.IsMatch(sentence))
            {
                sink.Add(FactKinds.Security, value);
            }
        }
    }

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
