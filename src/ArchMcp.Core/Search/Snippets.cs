using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Core.Search;

/// <summary>Short, highlighted snippets: the sentence of a section that holds the most query terms.</summary>
public static class Snippets
{
    public const int MaxChars = 240;

    public static string Make(Analyzer analyzer, string text, IReadOnlyCollection<string> terms, int maxChars = MaxChars)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var wanted = terms as ISet<string> ?? new HashSet<string>(terms, StringComparer.Ordinal);
        var sentences = SplitSentences(text);
        var best = 0;
        var bestScore = -1;
        var prefixes = wanted.Select(t => t.Length > 4 ? t[..4] : t).Distinct().ToList();
        for (var i = 0; i < sentences.Count && i < 200; i++)
        {
            // a stem's first letters appear in the words it came from: skip analysing sentences that cannot match
            var score = prefixes.Any(p => sentences[i].Contains(p, StringComparison.OrdinalIgnoreCase))
                ? Matches(analyzer, sentences[i], wanted).Select(m => m.Term).Distinct().Count()
                : 0;
            if (score > bestScore)
            {
                (best, bestScore) = (i, score);
            }
        }

        var chosen = sentences[best];
        if (chosen.Length < maxChars / 2 && best + 1 < sentences.Count)
        {
            chosen = chosen + " " + sentences[best + 1];
        }

        if (chosen.Length > maxChars)
        {
            var cut = chosen.LastIndexOf(' ', maxChars - 1);
            chosen = chosen[..(cut > maxChars / 2 ? cut : maxChars - 1)] + "…";
        }

        return Highlight(analyzer, chosen, wanted);
    }

    private static string Highlight(Analyzer analyzer, string text, ISet<string> wanted)
    {
        var sb = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (var (start, end, _) in Matches(analyzer, text, wanted).OrderBy(m => m.Start))
        {
            if (start < at || end > text.Length)
            {
                continue;
            }

            sb.Append(text, at, start - at).Append("**").Append(text, start, end - start).Append("**");
            at = end;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static List<(int Start, int End, string Term)> Matches(Analyzer analyzer, string text, ISet<string> wanted)
    {
        var result = new List<(int, int, string)>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var lastStart = -1;
        while (stream.IncrementToken())
        {
            var t = term.ToString();
            if (wanted.Contains(t) && offset.StartOffset != lastStart)
            {
                result.Add((offset.StartOffset, offset.EndOffset, t));
                lastStart = offset.StartOffset;
            }
        }

        stream.End();
        return result;
    }

    private static List<string> SplitSentences(string text)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                c = ' ';
            }

            sb.Append(c);
            var end = (c is '.' or '!' or '?') && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
            if (end || (text[i] == '\n' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                Flush();
            }
        }

        Flush();
        if (result.Count == 0)
        {
            result.Add(text.Trim());
        }

        return result;

        void Flush()
        {
            var s = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (s.Length > 0)
            {
                result.Add(s);
            }

            sb.Clear();
        }
    }
}
