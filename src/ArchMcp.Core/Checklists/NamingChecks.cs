using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// Naming rules against the names a design uses: casing (property names, query parameters, path segments, enum
/// values, event names) and the major version a package name carries.
/// </summary>
internal static partial class NamingChecks
{
    private static readonly (Regex Subject, string FactKind, string Label)[] Subjects =
    [
        (new Regex(@"\bquery[- ]?param", RegexOptions.IgnoreCase), FactKinds.QueryParameterCasing, "query parameter"),
        (new Regex(@"\benum", RegexOptions.IgnoreCase), FactKinds.EnumCasing, "enum value"),
        (new Regex(@"\bevent\w*\b.{0,30}\bnames?\b", RegexOptions.IgnoreCase), FactKinds.EventNameCasing, "event name"),
        (new Regex(@"\b(propert\w*|fields?|attributes?|members?|keys?)\b", RegexOptions.IgnoreCase), FactKinds.FieldCasing, "field"),
        (new Regex(@"\b(path|url|uri|segments?|resource names?)\b", RegexOptions.IgnoreCase), FactKinds.PathCasing, "path segment"),
    ];

    /// <summary>True when <paramref name="text"/> names the kind of thing <paramref name="kind"/> (a word), in the singular or plural.</summary>
    private static bool NamesKind(string text, string kind) =>
        kind.Length > 1 && Regex.IsMatch(text, $@"\b{Regex.Escape(kind)}(s|es)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>A naming rule whose grammar allows lowercase only (`[a-z][a-z0-9-]*`) against names with capitals.</summary>
    public static CheckOutcome? LowercaseGrammar(Candidate c, DesignContext d)
    {
        if (!Naming().IsMatch(c.Statement) || !LowerClass().IsMatch(c.Body) || UpperClass().IsMatch(c.Body))
        {
            return null;
        }

        var subject = Subjects.FirstOrDefault(x => x.Subject.IsMatch(c.Statement));
        if (subject.Subject is null)
        {
            return null;
        }

        var rule = DesignReviewer.RuleQuote(c, LowerClass());
        var fact = d.Of(subject.FactKind).FirstOrDefault(f => f.Value.Split(':', 2).Last().Any(char.IsUpper));
        return fact is null ? null
            : DesignReviewer.Violated($"The {subject.Label} `{fact.Value.Split(':', 2).Last().Trim()}` has capitals; the rule's naming grammar allows lowercase only.", DesignContext.Quote(fact), rule);
    }

    /// <summary>
    /// A rule that package names carry their major version ("MUST end every gRPC package name with its major version")
    /// against a package the change declares without one: no segment of its name is a version (<c>v1</c>, <c>v2beta1</c>),
    /// or — where the rule says the name ends with it — not its last segment.
    /// </summary>
    public static CheckOutcome? PackageVersion(Candidate c, DesignContext d)
    {
        var packages = d.Of(FactKinds.Package).ToList();
        if (packages.Count == 0 || DesignReviewer.IsProhibition(c) || !VersionedPackageName().IsMatch(c.Statement))
        {
            return null;
        }

        var atEnd = EndsWith().IsMatch(c.Statement);
        var rule = DesignReviewer.RuleQuote(c, null);
        var unversioned = packages.FirstOrDefault(p => p.Value.Split('.') is var segments
            && !(atEnd ? VersionSegment().IsMatch(segments[^1]) : segments.Any(VersionSegment().IsMatch)));
        return unversioned is null
            ? DesignReviewer.Met($"The package `{packages[0].Value}` carries its major version.", DesignContext.Quote(packages[0]), rule)
            : DesignReviewer.Violated($"The package `{unversioned.Value}` has no major version in its name; the rule asks for one.", DesignContext.Quote(unversioned), rule);
    }

    /// <summary>A rule on the version in a package's name, not on the versions of packages a build depends on.</summary>
    [GeneratedRegex(@"\bpackage (names?|paths?)\b.{0,60}\bversion|\bversions?\b.{0,40}\bin (the |every |each |all )?package (names?|paths?)", RegexOptions.IgnoreCase)]
    private static partial Regex VersionedPackageName();

    [GeneratedRegex(@"\b(end|ends|ending|suffix\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EndsWith();

    /// <summary>A major version as a package segment, with a stability suffix (<c>v1</c>, <c>v1beta1</c>, <c>v2alpha</c>).</summary>
    [GeneratedRegex(@"^v\d+(?:(?:alpha|beta|test)\w*)?$")]
    private static partial Regex VersionSegment();

    [GeneratedRegex(@"[,;:]\s+|\s+(?:and|but|while|whereas)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex StyleClauses();

    [GeneratedRegex(@"\bnam(e|es|ing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Naming();

    [GeneratedRegex(@"\[a-z[^\]]*\]")]
    private static partial Regex LowerClass();

    [GeneratedRegex(@"\[[^\]]*A-Z[^\]]*\]")]
    private static partial Regex UpperClass();

    public static CheckOutcome? Casing(Candidate c, DesignContext d)
    {
        // The statement decides when it names a style; otherwise the first body clause naming a style and what it is
        // for ("use PascalCase for API objects and code style for object properties" binds PascalCase to objects only).
        var quoted = c.Statement;
        var source = NamingStyles.Mentioned(c.Statement).Count > 0 ? c.Statement : null;
        foreach (var sentence in source is null ? DesignReviewer.RuleSentences(c.Body).Take(12) : [])
        {
            source = StyleClauses().Split(sentence).FirstOrDefault(cl => NamingStyles.Mentioned(cl).Count > 0 && Subjects.Any(x => x.Subject.IsMatch(cl)));
            if (source is not null)
            {
                quoted = sentence;
                break;
            }
        }

        if (source is null)
        {
            return null;
        }

        // the kind of name the rule is about: one of the kinds a design's text shows, else a kind of object a change's
        // manifests name ("name topics … in lowercase" against a `kind: KafkaTopic` object's name)
        var subject = Subjects.FirstOrDefault(x => x.Subject.IsMatch(source));
        var facts = subject.Subject is not null ? d.Of(subject.FactKind).ToList()
            : d.Of(FactKinds.Named).Where(f => NamesKind(source, f.Value.Split(':', 2)[0])).ToList();
        if (facts.Count == 0)
        {
            return null;
        }

        var label = subject.Label ?? facts[0].Value.Split(':', 2)[0];
        var mentioned = NamingStyles.Mentioned(source);
        var prohibition = DesignReviewer.IsProhibition(c);
        var required = mentioned.Where(m => !m.Negated && !prohibition).Select(m => m.Style).Distinct().ToList();
        if (required.Count > 1)
        {
            // "lowercase kebab-case": lowercase qualifies the other style, it is not an alternative to it
            required.Remove(NamingStyle.Lower);
        }

        var forbidden = mentioned.Where(m => m.Negated || prohibition).Select(m => m.Style).Distinct().ToList();
        var rule = new Evidence(Candidate.OneLine(quoted), c.Line);
        var telling = 0;
        foreach (var fact in facts)
        {
            var parts = fact.Value.Split(':', 2);
            var name = parts.Length == 2 ? parts[1].Trim() : fact.Value;
            var style = NamingStyles.Of(name);
            if (style == NamingStyle.Mixed)
            {
                continue;
            }

            telling += NamingStyles.IsTelling(style) ? 1 : 0;
            var broken = forbidden.Contains(style) || (required.Count > 0 && !required.Any(r => NamingStyles.Conforms(style, r)));
            if (broken)
            {
                var want = required.Count > 0 ? string.Join(" or ", required.Select(r => r.ToWire())) : "not " + string.Join(" or ", forbidden.Select(r => r.ToWire()));
                return DesignReviewer.Violated($"The {label} `{name}` is {style.ToWire()}; the rule asks for {want}.", DesignContext.Quote(fact), rule);
            }
        }

        return telling > 0
            ? DesignReviewer.Met($"Every {label} name follows the convention.", DesignContext.Quote(facts[0]), rule)
            : null;
    }
}
