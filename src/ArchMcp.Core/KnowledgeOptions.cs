using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ArchMcp.Core;

/// <summary>Where the knowledge lives and how it is indexed. Bound from the "Knowledge" configuration section.</summary>
public sealed class KnowledgeOptions
{
    /// <summary>Knowledge roots as "PATH" or "name=PATH". Default: the <c>knowledge/</c> folder found by <see cref="KnowledgeRoots.FindDefault"/>.</summary>
    public List<string> Roots { get; set; } = [];

    /// <summary>Index folder. Default: under the user's cache folder, keyed by the roots.</summary>
    public string? IndexPath { get; set; }

    /// <summary>Files larger than this are reported and skipped. Default 4 MiB.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public long MaxFileBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Watch the roots and re-index changed files. Default true for the server.</summary>
    public bool Watch { get; set; }

    /// <summary>
    /// Answer a repeated search from memory until the knowledge changes. Default true; off measures the engine itself.
    /// </summary>
    public bool CacheAnswers { get; set; } = true;
}

/// <summary>Checks the [Range] limits of <see cref="KnowledgeOptions"/> with code generated at build time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>;
