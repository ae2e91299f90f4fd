using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// What a decision or standard says it governs, from its front matter:
/// <c>scope: { components: [billing], technologies: [kafka], paths: ["services/billing/**"] }</c>
/// (a bare list or string counts as components). A document without <c>scope</c> is general — unless its own words
/// name what it governs (<see cref="Infer"/>): then the scope is inferred and says so (<see cref="Inferred"/>).
/// </summary>
internal sealed partial record DocumentScope(IReadOnlyList<string> Components, IReadOnlyList<string> Technologies, IReadOnlyList<string> Paths)
{
    public bool IsEmpty => Components.Count == 0 && Technologies.Count == 0 && Paths.Count == 0 && Names.Count == 0;

    /// <summary>True when the scope was read from what the record names rather than declared in its front matter.</summary>
    public bool Inferred { get; init; }

    /// <summary>Products no vocabulary knows that the record's title or outcome names (<see cref="TitleNames"/>); inferred only.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>
    /// The technologies every service uses as its medium (the web's protocol and data formats): naming them says
    /// nothing about what a record governs, so they never make an inferred scope.
    /// </summary>
    private static readonly HashSet<string> Ubiquitous = new(["HTTP", "REST", "JSON", "XML", "YAML"], StringComparer.Ordinal);

    /// <summary>
    /// The scope a decision or standard that declares none is inferred to have: the known technologies
    /// <paramref name="named"/> names (its title and chosen option; not the ubiquitous media), and the paths it or
    /// <paramref name="written"/> (its outcome) writes — a token with a wildcard (<c>src/**/*.tf</c>), a folder
    /// (<c>.github/workflows/</c>), a path or dotted name ending in a file extension (<c>deploy/app.yaml</c>,
    /// <c>.gitlab-ci.yml</c>), a conventional build file name (<c>Dockerfile</c>, <c>Jenkinsfile</c>) or any file name
    /// in a code span. A product the outcome only mentions on the way (the tool a consequence touches, the platform a
    /// test ran on) is not what the record decides about; a path it writes is. Components are never inferred (prose does
    /// not say which names are components). Null — the record stays general — when it names none of these: a general
    /// standard is never narrowed to nothing.
    /// </summary>
    public static DocumentScope? Infer(string named, string? written = null)
    {
        ArgumentNullException.ThrowIfNull(named);
        // a hyphenated name (api-redis: a component named after what it runs on) names its technology as code does
        var technologies = Checklists.Technologies.Find(named + "\n" + named.Replace('-', ' ')).Select(t => t.Name)
            .Where(n => !Ubiquitous.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        var paths = new List<string>();
        foreach (Match m in WrittenPath().Matches(named + "\n" + written))
        {
            var token = m.Groups["code"].Success ? m.Groups["code"].Value : m.Value.TrimEnd('.', ',', ';', ':');
            if (token.Contains("://", StringComparison.Ordinal) || !(m.Groups["code"].Success ? CodePath().IsMatch(token) : BarePath().IsMatch(token)))
            {
                continue;
            }

            var glob = token.EndsWith('/') ? token + "**" : token.Contains('/', StringComparison.Ordinal) ? token : "**/" + token;
            if (!paths.Contains(glob, StringComparer.Ordinal))
            {
                paths.Add(glob);
            }
        }

        var scope = new DocumentScope([], technologies, paths) { Inferred = true };
        return scope.IsEmpty ? null : scope;
    }

    /// <summary>
    /// The declared scope, else for a decision or a standard the inferred one: the technologies of its title and of the
    /// option its outcome chose ("Chosen option: Kafka, because …"), the paths of its title and outcome; when these name
    /// no technology, the technologies its body declares as its subject (<see cref="BodySubject"/>; the parsed document
    /// is asked of <paramref name="body"/> only then); when that names none either, the products its title and outcome
    /// name that the knowledge base rarely writes (<see cref="TitleNames"/>, by <paramref name="share"/>, the share of
    /// its files holding a word; none without it). Null: general.
    /// </summary>
    public static DocumentScope? DeclaredOrInferred(
        DocumentScope? declared, Model.DocumentKind kind, string title, string? outcome, Func<Model.KnowledgeDocument?>? body = null,
        Func<string, double>? share = null)
    {
        if (declared is not null || kind is not (Model.DocumentKind.Decision or Model.DocumentKind.Standard))
        {
            return declared;
        }

        var named = Infer(title + "\n" + (outcome is null ? null : Loading.OutcomeExtractor.Chosen(outcome)), outcome);
        if (named is { Technologies.Count: > 0 })
        {
            return named;
        }

        if (body?.Invoke() is { } document && BodySubject(kind, title, document.Sections, document.Text) is { Count: > 0 } subject)
        {
            return new DocumentScope([], subject, named?.Paths ?? []) { Inferred = true };
        }

        var names = share is null ? [] : TitleNames.Of(title, outcome, share);
        return names.Count == 0 ? named : new DocumentScope([], [], named?.Paths ?? []) { Inferred = true, Names = names };
    }

    /// <summary>
    /// The technologies the body of a record whose title names none declares it is about: those its title names in the
    /// sense its text gives a generic word (a "load balancer" the record calls an ELB); for a standard, those its
    /// top-level sections are headed with (a section per tool: "Puppet", "Terraform" — a decision's sections are its
    /// template's: context, options, outcome); and when its title names a kind of technology or the practice the tools of
    /// one kind serve ("Programming languages", "Use configuration management": <see cref="Checklists.Technologies.KindsNamed"/>),
    /// the members of that kind its text names. What the body mentions on the way (an example, a link, an option weighed
    /// in a subsection) is not its subject, and the web's media never are.
    /// </summary>
    public static IReadOnlyList<string> BodySubject(Model.DocumentKind kind, string title, IReadOnlyList<Model.Section> sections, string text)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var titled = Checklists.Technologies.Find(title, title + "\n" + text).Select(t => t.Name);
        var headed = kind == Model.DocumentKind.Standard
            ? Checklists.Technologies.Find(string.Join('\n', sections.Where(s => s.Level == 2).Select(s => s.Heading))).Select(t => t.Name)
            : [];
        var kinds = Checklists.Technologies.KindsNamed(title);
        var members = kinds.Count == 0 ? [] : Checklists.Technologies.Find(text ?? "").Where(t => kinds.Contains(t.Category)).Select(t => t.Name);
        return [.. titled.Concat(headed).Concat(members).Where(n => !Ubiquitous.Contains(n)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// What makes this scope cover a changed file, or null when nothing does: a path glob matching the file's path, a
    /// technology of the file's footprint (<see cref="TechnologyFootprint"/>, from its path and the lines the change
    /// adds or removes, <paramref name="changedText"/>; computed when not given), or a component or technology named
    /// (as whole words) by the path, by the tool its name conventionally belongs to (<see cref="FileConventions"/>) or
    /// by the changed text.
    /// </summary>
    public string? CoversFile(string path, string changedText, IReadOnlySet<string>? footprint = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var glob = Paths.FirstOrDefault(g => Glob(g).IsMatch(Relative(path)));
        if (glob is not null)
        {
            return $"path {glob}";
        }

        // A technology is what the file is (its name, its tool's conventions) or what the change writes — not the folders
        // it sits in: a folder named after the product a repository is about holds files of every kind. A component is
        // where the file sits, so the whole path counts for components.
        footprint ??= TechnologyFootprint.Of(path, changedText);
        var written = System.IO.Path.GetFileName(path) + "\n" + string.Join(", ", FileConventions.Technologies(path)) + "\n" + changedText;
        var technology = Technologies.FirstOrDefault(t => TechnologyFootprint.Covers(t, footprint) || Mentions(t, written));
        if (technology is not null)
        {
            return $"technology {technology}";
        }

        var component = Components.FirstOrDefault(c => Mentions(c, path + "\n" + written));
        if (component is not null)
        {
            return $"component {component}";
        }

        // code writes a name inside its identifiers (KanikoBuilder), so it is also looked for between case changes
        var split = TechnologyFootprint.CaseSplit(written);
        var name = Names.FirstOrDefault(n => Mentions(n, written) || Mentions(n, split));
        return name is null ? null : $"name {name}";
    }

    /// <summary>One line for people: "technologies: Kafka; paths: src/**; inferred: true".</summary>
    public string Summary()
    {
        var parts = new[] { ("components", Components), ("technologies", Technologies), ("names", Names), ("paths", Paths) }
            .Where(p => p.Item2.Count > 0).Select(p => $"{p.Item1}: {string.Join(", ", p.Item2)}");
        return string.Join("; ", Inferred ? parts.Append("inferred: true") : parts);
    }

    /// <summary>The public view of this scope.</summary>
    public Model.ScopeView ToView() => new(Components, Technologies, Paths, Inferred);

    /// <summary>True when <paramref name="text"/> names <paramref name="name"/> as whole words (spaces, dashes and underscores alike).</summary>
    private static bool Mentions(string name, string text)
    {
        // dashes first: the class written for a space holds a dash itself
        var words = Regex.Escape(name.Trim()).Replace("-", @"[\s_-]?").Replace(@"\ ", @"[\s_-]+");
        return Regex.IsMatch(text, $@"(?<![\w]){words}(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// True when the design names one of the components or technologies (whole words) or a path matching one of the globs:
    /// a scoped document governs only designs that say they are about what it governs.
    /// </summary>
    public bool Covers(string design)
    {
        if (IsEmpty)
        {
            return true;
        }

        if (Components.Concat(Technologies).Any(name => Mentions(name, design)))
        {
            return true;
        }

        var tokens = PathToken().Matches(design).Select(m => Relative(m.Value.Trim('`', '"', '\'', '(', ')'))).ToList();
        return Paths.Any(glob => tokens.Any(t => Glob(glob).IsMatch(t)));
    }

    /// <summary>A path relative to the repository: without a leading <c>./</c> or <c>/</c> (a leading dot of a dotfile stays).</summary>
    internal static string Relative(string path)
    {
        var p = path;
        while (p.StartsWith("./", StringComparison.Ordinal) || p.StartsWith('/'))
        {
            p = p[(p[0] == '.' ? 2 : 1)..];
        }

        return p;
    }

    /// <summary>A path glob as a regex: <c>**</c> crosses folders, <c>*</c> and <c>?</c> stay within one.</summary>
    internal static Regex Glob(string glob)
    {
        var g = Relative(glob.Trim());
        var pattern = Regex.Escape(g).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
        return new Regex($"^{pattern}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The scope declared in the front matter of a Markdown text; null when there is none or it cannot be read.</summary>
    public static DocumentScope? Parse(string markdown)
    {
        var m = FrontMatterBlock().Match(markdown);
        if (!m.Success)
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(m.Groups["yaml"].Value));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("scope"), out var node))
            {
                return null;
            }

            var scope = node is YamlMappingNode map
                ? new DocumentScope(Values(map, "components", "component"), Values(map, "technologies", "technology"), Values(map, "paths", "path"))
                : new DocumentScope(Strings(node), [], []);
            return scope.IsEmpty ? null : scope;
        }
        catch (YamlException)
        {
            return null; // lint reports bad front matter; an unreadable scope leaves the document general
        }
    }

    private static List<string> Values(YamlMappingNode map, params string[] keys) =>
        keys.SelectMany(k => map.Children.TryGetValue(new YamlScalarNode(k), out var v) ? Strings(v) : []).ToList();

    private static List<string> Strings(YamlNode node) => node switch
    {
        YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => [.. s.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Where(s => !string.IsNullOrWhiteSpace(s.Value)).Select(s => s.Value!.Trim()).ToList(),
        _ => [],
    };

    [GeneratedRegex(@"\A\uFEFF?---[ \t]*\r?\n(?<yaml>.*?)\r?\n---[ \t]*(\r?\n|\z)", RegexOptions.Singleline)]
    private static partial Regex FrontMatterBlock();

    [GeneratedRegex(@"[`""'(]?[\w.\-]+(/[\w.\-*]+)+[`""')]?")]
    private static partial Regex PathToken();

    /// <summary>A code span's content, or a bare run of path characters (not inside a URL).</summary>
    [GeneratedRegex(@"`(?<code>[^`\s]+)`|(?<![\w/.*:-])[\w.*\-/]*[\w*/]")]
    private static partial Regex WrittenPath();

    /// <summary>
    /// A bare token that is a path: it has a wildcard, ends with a slash (a folder), has a slash and ends in a file
    /// extension, is a dotfile with a lowercase name, or is a conventional build file name.
    /// </summary>
    [GeneratedRegex(@"^(?=.*[\w*])(?:.*\*.*|.*/|[\w.\-/]*/[\w.\-]*\w\.[a-z][a-z0-9]{0,5}|\.[a-z][\w.-]*|" + BuildFiles + ")$")]
    private static partial Regex BarePath();

    /// <summary>A code span that is a path or file name: a slash, a wildcard, a file extension, a dotfile or a build file name.</summary>
    [GeneratedRegex(@"^(?:.*[/*].*|[\w.\-]*\w\.[A-Za-z][A-Za-z0-9]{0,5}|\.[\w.\-]+|" + BuildFiles + ")$")]
    private static partial Regex CodePath();

    /// <summary>The conventional names of build and container files, which have no extension.</summary>
    private const string BuildFiles = "(?:Docker|Container|Jenkins|Make|Gem|Proc|Vagrant|Rake|Pod|Brew)file";
}
