using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ArchMcp.Server.Cli;

/// <summary>Writing results: JSON with fixed camelCase shapes for scripts, text for people.</summary>
public static class Output
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ArchJsonContext.Default,
    };

    public static void WriteJson<T>(this ParseResult parse, T value) =>
        parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T))));

    /// <summary>With <c>--format json</c>, <paramref name="value"/> as JSON; otherwise what <paramref name="text"/> writes for people.</summary>
    public static void Write<T>(this ParseResult parse, T value, Action<TextWriter> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (parse.FormatOf() == OutputFormat.Json)
        {
            parse.WriteJson(value);
        }
        else
        {
            text(parse.Out());
        }
    }

    /// <summary>
    /// Text for one line of text output: control characters (a newline or an escape in a file name) written as
    /// <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\u001b</c>, so that no name can forge a line or move the cursor.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsControl))
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    // C0, DEL, C1 and the line and paragraph separators
    private static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    public static TextWriter Out(this ParseResult parse) => parse.InvocationConfiguration.Output;

    public static TextWriter Err(this ParseResult parse) => parse.InvocationConfiguration.Error;

    public static OutputFormat FormatOf(this ParseResult parse) => parse.GetValue(CommonOptions.Format);

    /// <summary>
    /// Without --knowledge, one line on stderr saying which roots answer (from the settings, the knowledge/ folder
    /// found above the current folder, or the sample knowledge shipped with the binary), so nobody mistakes the
    /// sample for their own records.
    /// </summary>
    private static void SayRoots(ParseResult parse, IServiceProvider services)
    {
        if (parse.GetValue(CommonOptions.Knowledge) is { Length: > 0 })
        {
            return;
        }

        var configured = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<ArchMcp.Core.KnowledgeOptions>>(services).Value.Roots;
        var roots = ArchMcp.Core.KnowledgeRoots.Resolve(configured);
        var where = string.Join(", ", roots.Select(r => $"{r.Name}={r.Path}"));
        var beside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "knowledge")));
        var why = configured.Count > 0 ? "the roots in the settings"
            : roots.Count == 1 && roots[0].Path == beside ? "the built-in sample knowledge shipped with archmcp"
            : "the knowledge/ folder found from the current folder";
        parse.Err().WriteLine(Printable($"archmcp: no --knowledge given; answering from {why}: {where}"));
    }

    /// <summary>Runs a verb body with the knowledge services, mapping failures to one stderr line and an exit code.</summary>
    public static Task<int> WithKnowledgeAsync(this ParseResult parse, Func<ArchMcp.Core.IKnowledgeService, Task<int>> body) =>
        parse.WithKnowledgeAsync((knowledge, _) => body(knowledge));

    /// <summary>Runs a verb body with the knowledge services and the index's life cycle (for verbs that manage the index).</summary>
    public static async Task<int> WithKnowledgeAsync(this ParseResult parse, Func<ArchMcp.Core.IKnowledgeService, ArchMcp.Core.IKnowledgeIndexer, Task<int>> body)
    {
        try
        {
            await using var services = Composition.BuildCliServices(parse);
            SayRoots(parse, services);
            var knowledge = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ArchMcp.Core.IKnowledgeService>(services);
            var indexer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ArchMcp.Core.IKnowledgeIndexer>(services);
            return await body(knowledge, indexer);
        }
        catch (Exception ex)
        {
            return ArchMcpCli.Fail(parse.Err(), ex);
        }
    }
}
