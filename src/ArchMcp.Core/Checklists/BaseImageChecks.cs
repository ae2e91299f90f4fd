using System.Text.RegularExpressions;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Checklists;

/// <summary>A container file built on another version or variant of the base image a decision chose.</summary>
internal static partial class BaseImageChecks
{
    /// <summary>
    /// "Use zephyr12-slim as the base image" while a Dockerfile's <c>FROM</c> line names an image of the same product
    /// line (a word of the reference is the chosen name's versioned product word, <c>zephyr12</c>, with any version or
    /// none: <c>zephyr11</c>, <c>zephyr</c>) without every word of the chosen name: another version or variant. An image
    /// of another product line may be a build stage or a tool, so it says nothing about the choice; a chosen name with
    /// no versioned product word does not tell its line.
    /// </summary>
    public static CheckOutcome? OtherVariant(Candidate c, DesignContext d)
    {
        var chosen = c.IsDecision ? ChosenImage().Match(c.Statement) : Match.Empty;
        if (!chosen.Success || DesignReviewer.Negation.IsMatch(c.Statement[..chosen.Index]))
        {
            return null;
        }

        var wanted = Parts(chosen.Groups["image"].Value);
        var lines = wanted.Select(w => Versioned().Match(w)).Where(m => m.Success).Select(m => m.Groups["line"].Value).ToHashSet(StringComparer.Ordinal);
        if (lines.Count == 0)
        {
            return null;
        }

        foreach (var s in d.Sentences)
        {
            var from = FromLine().Match(s.Text);
            if (!from.Success)
            {
                continue;
            }

            var used = Parts(from.Groups["ref"].Value);
            var sameLine = used.Any(p => lines.Contains(p) || (Versioned().Match(p) is { Success: true } v && lines.Contains(v.Groups["line"].Value)));
            if (sameLine && !wanted.IsSubsetOf(used))
            {
                return DesignReviewer.Violated($"The image is built on {from.Groups["ref"].Value}; the decision chose {chosen.Groups["image"].Value} as the base image.",
                    DesignContext.Quote(s), new Evidence(c.Statement, c.Decision!.Line));
            }
        }

        return null;
    }

    /// <summary>The lower-cased words of an image name or reference: <c>registry.example.org/zephyr12/zephyr-slim:12.1</c> → registry, example, org, zephyr12, zephyr, slim, 12, 1.</summary>
    private static HashSet<string> Parts(string image) =>
        [.. NonWord().Split(image.ToLowerInvariant()).Where(p => p.Length > 0)];

    /// <summary>"Use X as (a|the|our new …) base image": the image a decision's title chooses.</summary>
    [GeneratedRegex(@"\b(?:use|using|adopt|switch to|move to|migrate to)\s+`?(?<image>[\w.:/-]+)`?\s+as\s+(?:(?:a|an|the|our|new)\s+)*(?:[\w-]+\s+)?base\s+images?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChosenImage();

    /// <summary>A Dockerfile's <c>FROM</c> instruction (written in capitals, as prose never starts a line) and its image reference.</summary>
    [GeneratedRegex(@"^\s*FROM\s+(?:--\S+\s+)*(?<ref>[^\s$]\S*)")]
    private static partial Regex FromLine();

    /// <summary>A product word with its version: letters (three or more), then digits.</summary>
    [GeneratedRegex(@"^(?<line>[a-z]{3,})\d+$")]
    private static partial Regex Versioned();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();
}
