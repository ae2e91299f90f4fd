using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// The technologies a changed file is written in, configures or depends on, as far as its path and the lines a change
/// adds or removes show them — what a record's technology scope is compared with:
/// <list type="bullet">
/// <item>its path, by the conventions of the tools themselves (<see cref="FileConventions"/>: <c>*.tsx</c> is React
/// and TypeScript, <c>Cargo.toml</c> is Rust's);</item>
/// <item>the technologies its changed lines name, identifiers included: code spells a name in pieces
/// (<c>aws_route53_record</c>, <c>io.opentelemetry</c>, <c>KafkaProducer</c>), so the words are also read with
/// underscores, dots, slashes, dashes and case changes as spaces. A cloud provider's name inside an identifier is the
/// namespace every resource of that provider carries (<c>aws_</c>), not a statement about the provider, so only a
/// provider written on its own counts;</item>
/// <item>what those technologies are a kind of (<see cref="Technologies.WithBroader"/>): a Route 53 record is DNS, a Next.js
/// page is React, TypeScript is JavaScript.</item>
/// </list>
/// A record's technology covers the file when the footprint holds it, or holds a language the technology checks (a
/// linter governs the files of the languages it lints: <see cref="Technologies.AppliesTo"/>).
/// </summary>
internal static partial class TechnologyFootprint
{
    public static IReadOnlySet<string> Of(string path, string changedText)
    {
        ArgumentNullException.ThrowIfNull(path);
        var found = new HashSet<string>(FileConventions.Technologies(path), StringComparer.OrdinalIgnoreCase);
        var text = (changedText ?? "").ReplaceLineEndings("\n");
        found.UnionWith(Technologies.Find(text).Select(t => t.Name));
        var words = CaseChange().Replace(Separator().Replace(text, " "), " ");
        found.UnionWith(Technologies.Find(words).Where(t => t.Category != Technologies.Cloud || !Providers.Contains(t.Name)).Select(t => t.Name));
        return Technologies.WithBroader(found);
    }

    /// <summary>True when <paramref name="technology"/> (any spelling the vocabulary knows) is in the footprint or checks a language in it.</summary>
    public static bool Covers(string technology, IReadOnlySet<string> footprint)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        var name = Technologies.Find(technology).FirstOrDefault() is { Name: { } known } ? known : technology;
        return footprint.Contains(name) || Technologies.AppliesTo(name).Any(footprint.Contains);
    }

    /// <summary>The text with a space at each case change of an identifier: <c>OkHttpClient</c> → <c>Ok Http Client</c>.</summary>
    public static string CaseSplit(string text) => CaseChange().Replace(text, " ");

    /// <summary>The cloud providers whose names prefix their resources' identifiers.</summary>
    private static readonly HashSet<string> Providers = new(["AWS", "Azure", "GCP"], StringComparer.Ordinal);

    [GeneratedRegex(@"[_./\\:-]+")]
    private static partial Regex Separator();

    /// <summary>A lowercase letter or digit followed by an uppercase one, or an uppercase run followed by a capitalised word.</summary>
    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex CaseChange();
}
