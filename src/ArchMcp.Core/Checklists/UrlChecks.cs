using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>URL shape rules: verbs in paths, versioning approach, literals a rule forbids.</summary>
internal static partial class UrlChecks
{
    /// <summary>
    /// A verb in a path segment against a rule on verbs in URLs: a statement that names verbs, or nouns (unless it asks
    /// for plural or singular nouns: a rule on number), or actions against resources, in a text about URLs; or a sentence
    /// of its text that says not to use them in URLs, paths, endpoints or routes ("actions or resources" in an access
    /// policy are permissions, not URLs).
    /// </summary>
    public static CheckOutcome? VerbInPath(Candidate c, DesignContext d)
    {
        var pattern = VerbRule();
        var about = pattern.IsMatch(c.Statement) && UrlWords().IsMatch(c.FullText)
            || DesignReviewer.RuleSentences(c.Body).Take(10).Any(s => pattern.IsMatch(s) && PathWords().IsMatch(s) && DesignReviewer.Negation.IsMatch(s));
        if (!about)
        {
            return null;
        }

        var rule = DesignReviewer.RuleQuote(c, pattern);
        var verb = d.First(FactKinds.PathVerb);
        if (verb is not null)
        {
            return DesignReviewer.Violated($"The path segment `{verb.Value}` is a verb (an action), not a resource noun.", DesignContext.Quote(verb), rule);
        }

        var path = d.First(FactKinds.Path);
        return path is null ? null : DesignReviewer.Met("The paths name resources, with no verbs.", DesignContext.Quote(path), rule);
    }

    public static CheckOutcome? Versioning(Candidate c, DesignContext d)
    {
        if (!VersionWord().IsMatch(c.Statement))
        {
            return null;
        }

        var approaches = d.Of(FactKinds.Versioning).Where(f => f.Value != "breaking-change").ToList();
        if (approaches.Count == 0)
        {
            return null;
        }

        var statement = c.Statement;
        var negated = DesignReviewer.IsProhibition(c) || DesignReviewer.Negation.IsMatch(statement);
        var named = Approaches(statement);
        var rule = DesignReviewer.RuleQuote(c, null);
        if (named.Count == 0)
        {
            // "Avoid versioning" / "SHOULD NOT version APIs": any versioning scheme goes against it.
            return negated && AvoidVersioning().IsMatch(statement)
                ? DesignReviewer.Violated($"The design versions the API ({approaches[0].Value}).", DesignContext.Quote(approaches[0]), rule)
                : null;
        }

        foreach (var a in approaches)
        {
            var broken = negated ? named.Contains(a.Value) : !named.Contains(a.Value);
            if (broken)
            {
                var want = negated ? "forbids " + string.Join(" or ", named) + " versioning" : "asks for " + string.Join(" or ", named) + " versioning";
                return DesignReviewer.Violated($"The design uses {a.Value} versioning; the rule {want}.", DesignContext.Quote(a), rule);
            }
        }

        return negated ? null : DesignReviewer.Met("The design versions the API the way the rule asks.", DesignContext.Quote(approaches[0]), rule);
    }

    /// <summary>Code literals (`pull_request_target`, `/api`) in a sentence of the rule that forbids them, found in the design.</summary>
    public static CheckOutcome? ForbiddenLiteral(Candidate c, DesignContext d)
    {
        var sentences = new List<string> { c.Statement };
        sentences.AddRange(DesignReviewer.RuleSentences(c.Body).Take(15));
        foreach (var sentence in sentences)
        {
            var prohibition = (sentence == c.Statement && DesignReviewer.IsProhibition(c)) || ProhibitionCue().IsMatch(sentence);
            if (!prohibition)
            {
                continue;
            }

            // What follows "instead", "rather than", "prefer" is what the rule wants, not what it forbids.
            var cut = AllowCue().Match(sentence);
            var forbiddenPart = cut.Success ? sentence[..cut.Index] : sentence;
            foreach (Match m in Literal().Matches(forbiddenPart))
            {
                var literal = (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Trim();
                if (literal.Length < 3 || NamingStyles.Mentioned(literal).Count > 0)
                {
                    continue;
                }

                var hit = d.Sentences.FirstOrDefault(s => ContainsLiteral(s.Text, literal));
                if (hit is not null)
                {
                    return DesignReviewer.Violated($"The design uses `{literal}`, which the rule forbids.", DesignContext.Quote(hit),
                        new Evidence(Candidate.OneLine(sentence), c.Line));
                }
            }
        }

        return null;
    }

    /// <summary>True when the text holds the literal as a word; a path literal (<c>/api</c>) also where a URL's path starts (<c>https://host/api</c>).</summary>
    private static bool ContainsLiteral(string text, string literal)
    {
        var pattern = literal.StartsWith('/')
            ? $@"(?:(?<![\w/])|(?<=://[^/\s]+)){Regex.Escape(literal.TrimEnd('/'))}(?![\w-])"
            : $@"(?<![\w-]){Regex.Escape(literal)}(?![\w-])";
        return Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase);
    }

    private static List<string> Approaches(string text)
    {
        var found = new List<string>();
        if (UriVersioning().IsMatch(text))
        {
            found.Add("uri-path");
        }

        if (MediaTypeVersioning().IsMatch(text))
        {
            found.Add("media-type");
        }

        if (HeaderVersioning().IsMatch(text))
        {
            found.Add("header");
        }

        if (QueryVersioning().IsMatch(text))
        {
            found.Add("query-parameter");
        }

        return found;
    }

    [GeneratedRegex(@"\bverbs?\b|verb-free|(?<!\b(plural|singular)\s+)\bnouns?\b|\bactions?\b.{0,40}\bresources?\b", RegexOptions.IgnoreCase)]
    private static partial Regex VerbRule();

    [GeneratedRegex(@"\b(urls?|uris?|paths?|endpoints?|resources?|routes?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UrlWords();

    [GeneratedRegex(@"\b(urls?|uris?|paths?|endpoints?|routes?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PathWords();

    [GeneratedRegex(@"\bversion", RegexOptions.IgnoreCase)]
    private static partial Regex VersionWord();

    [GeneratedRegex(@"\b(avoid|no|not|never|don't)\b.{0,20}\bversion", RegexOptions.IgnoreCase)]
    private static partial Regex AvoidVersioning();

    [GeneratedRegex(@"\b(url|uri|path)s?\b.{0,12}\bversion|\bversion\w*\b.{0,20}\b(in|into)\s+(the\s+)?(url|uri|path)", RegexOptions.IgnoreCase)]
    private static partial Regex UriVersioning();

    [GeneratedRegex(@"\b(media[- ]type|content[- ]type|accept)\b.{0,12}\bversion|\bversion\w*\b.{0,20}\bmedia[- ]type", RegexOptions.IgnoreCase)]
    private static partial Regex MediaTypeVersioning();

    [GeneratedRegex(@"\bheader\b.{0,12}\bversion|\bversion\w*\b.{0,20}\bheaders?\b", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderVersioning();

    [GeneratedRegex(@"\bquery[- ]param\w*\b.{0,12}\bversion|\bversion\w*\b.{0,20}\bquery", RegexOptions.IgnoreCase)]
    private static partial Regex QueryVersioning();

    [GeneratedRegex(@"\b(do not|don't|must not|should not|shall not|never|avoid|not use|not be used|forbidden|prohibited|disallowed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ProhibitionCue();

    [GeneratedRegex(@"\b(instead|rather than|prefer|in favou?r of|use only)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AllowCue();

    [GeneratedRegex(@"`([^`\s][^`]*)`|(?<![\w/.])(/[a-z][\w-]*|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w/])")]
    private static partial Regex Literal();
}
