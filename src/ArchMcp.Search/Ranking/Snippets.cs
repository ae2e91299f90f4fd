using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ArchMcp.Search;

/// <summary>Short, highlighted snippets: the sentence of a section that holds the most query terms.</summary>
internal static class Snippets
{
    public const int MaxChars = 240;

    /// <summary>Only the first sentences of a section compete for the snippet.</summary>
    public const int MaxSentences = 200;

    /// <summary>Texts at least this long in all are given snippets side by side on the machine's cores.</summary>
    public const int SplitFromChars = 4_000;

    /// <summary>
    /// The snippet of each text ("" for a null one): side by side when the texts are long enough to gain from it (the
    /// five snippets were about a seventh of a search, made on one core while the other waited).
    /// </summary>
    public static string[] MakeAll(Analyzer analyzer, IReadOnlyList<string?> texts, IReadOnlyCollection<string> terms)
    {
        var wanted = new HashSet<string>(terms, StringComparer.Ordinal);
        var snippets = new string[texts.Count];
        void MakeOne(int i) => snippets[i] = texts[i] is { } text ? Make(analyzer, text, wanted) : "";
        if (Environment.ProcessorCount > 1 && texts.Count(t => t is not null) > 1 && texts.Sum(t => t?.Length ?? 0) >= SplitFromChars)
        {
            Parallel.For(0, texts.Count, MakeOne);
        }
        else
        {
            for (var i = 0; i < texts.Count; i++)
            {
                MakeOne(i);
            }
        }

        return snippets;
    }

    public static string Make(Analyzer analyzer, string text, IReadOnlyCollection<string> terms, int maxChars = MaxChars)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        text = ProseLines.Keep(text);

        if (terms is not HashSet<string> set || !set.TryGetAlternateLookup<ReadOnlySpan<char>>(out var wanted))
        {
            wanted = new HashSet<string>(terms, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        // A stem's first letters appear in the words it came from, so sentences without any are not analysed. The
        // stemmer rewrites at most a stem's last two letters (body → bodi, filing → file): a sentence cannot hold
        // more terms than it holds their letters before those, so sentences that cannot beat the best are skipped.
        var starts = wanted.Set.Select(t => t.Length > 4 ? t[..4] : t).Distinct().ToList();
        var cores = wanted.Set.GroupBy(t => t[..Math.Clamp(t.Length - 2, 1, 4)]).Select(g => (Letters: g.Key, Terms: g.Count())).ToList();
        var sentences = SplitSentences(text, MaxSentences + 1);
        var letters = new SentenceLetters(sentences, Math.Min(sentences.Count, MaxSentences));
        var hasStart = letters.Holding(starts.Select(p => (p, 1)));
        var coreTerms = letters.Holding(cores);
        var best = 0;
        var bestScore = -1;
        for (var i = 0; i < letters.Count; i++)
        {
            var score = 0;
            if (hasStart[i] > 0)
            {
                if (coreTerms[i] <= bestScore)
                {
                    continue;
                }

                score = Matches(analyzer, sentences[i], wanted).Select(m => m.Term).Distinct().Count();
            }

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

    /// <summary>
    /// Marks the words holding a wanted term, whole: a term found inside a word (GitHub split into git and hub) marks
    /// the word once, and marked words joined by one mark inside an identifier (RE:07, API-001) are marked together.
    /// </summary>
    private static string Highlight(Analyzer analyzer, string text, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> wanted)
    {
        var spans = new List<(int Start, int End)>();
        var at = 0;
        foreach (var (tokenStart, tokenEnd, _) in Matches(analyzer, text, wanted).OrderBy(m => m.Start))
        {
            if (tokenStart < at || tokenEnd > text.Length)
            {
                continue;
            }

            var start = tokenStart;
            while (start > at && char.IsLetterOrDigit(text[start - 1]))
            {
                start--;
            }

            var end = tokenEnd;
            while (end < text.Length && char.IsLetterOrDigit(text[end]))
            {
                end++;
            }

            if (spans.Count > 0 && start == spans[^1].End + 1 && IsJoiner(text[start - 1]))
            {
                spans[^1] = (spans[^1].Start, end);
            }
            else
            {
                spans.Add((start, end));
            }

            at = end;
        }

        var sb = new StringBuilder(text.Length + (4 * spans.Count));
        at = 0;
        foreach (var (start, end) in spans)
        {
            sb.Append(text, at, start - at).Append("**").Append(text, start, end - start).Append("**");
            at = end;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static bool IsJoiner(char c) => c is ':' or '-' or '.' or '_' or '/';

    /// <summary>Which of <paramref name="terms"/> <paramref name="text"/> holds, analysed as indexed text (the whole text, however long).</summary>
    public static HashSet<string> Holding(Analyzer analyzer, string text, IReadOnlyCollection<string> terms)
    {
        var wanted = new HashSet<string>(terms, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var held = new HashSet<string>(StringComparer.Ordinal);
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (held.Count < wanted.Set.Count && stream.IncrementToken())
        {
            if (wanted.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var t))
            {
                held.Add(t);
            }
        }

        stream.End();
        return held;
    }

    /// <summary>The wanted terms in <paramref name="text"/>, one per position (no string is made per word).</summary>
    private static List<(int Start, int End, string Term)> Matches(Analyzer analyzer, string text, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> wanted)
    {
        var result = new List<(int, int, string)>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var lastStart = -1;
        while (stream.IncrementToken())
        {
            if (wanted.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var t) && offset.StartOffset != lastStart)
            {
                result.Add((offset.StartOffset, offset.EndOffset, t));
                lastStart = offset.StartOffset;
            }
        }

        stream.End();
        return result;
    }

    /// <summary>
    /// The first sentences, lower-cased once and joined, so each run of letters is sought in all of them at once (an
    /// ordinal, vectorised search) where a case-blind search per sentence compared them character by character.
    /// </summary>
    private sealed class SentenceLetters(Sentences sentences, int count)
    {
        private readonly string _lowered = string.Create(sentences.StartOf[count], sentences.Joined, static (lowered, joined) => joined.AsSpan(0, lowered.Length).ToLowerInvariant(lowered));

        public int Count => count;

        /// <summary>For each sentence, the sum of the weights of the runs of letters (lower-case, no line break) it holds.</summary>
        public int[] Holding(IEnumerable<(string Letters, int Weight)> runs)
        {
            var sums = new int[Count];
            foreach (var (run, weight) in runs)
            {
                for (var at = _lowered.IndexOf(run, StringComparison.Ordinal); at >= 0;)
                {
                    var found = Array.BinarySearch(sentences.StartOf, 0, count + 1, at);
                    var sentence = found >= 0 ? found : ~found - 1;
                    sums[sentence] += weight;
                    var next = sentences.StartOf[sentence + 1];
                    at = next < _lowered.Length ? _lowered.IndexOf(run, next, StringComparison.Ordinal) : -1;
                }
            }

            return sums;
        }
    }

    /// <summary>
    /// A text's first sentences in one string, each followed by a line break (which no sentence holds): a sentence's
    /// own string is made only for those analysed or shown.
    /// </summary>
    private sealed class Sentences(string joined, int[] startOf)
    {
        public string Joined => joined;

        /// <summary>Where each sentence starts in <see cref="Joined"/>, and after the last, its length.</summary>
        public int[] StartOf => startOf;

        public int Count => startOf.Length - 1;

        public string this[int i] => joined.Substring(startOf[i], startOf[i + 1] - startOf[i] - 1);
    }

    [ThreadStatic]
    private static StringBuilder? _joined;

    /// <summary>
    /// The first <paramref name="max"/> sentences: split after . ! ? before a space and at blank lines, line breaks
    /// read as spaces, runs of spaces made one.
    /// </summary>
    private static Sentences SplitSentences(string text, int max)
    {
        var sb = _joined ??= new StringBuilder();
        sb.Clear();
        var startOf = new List<int> { 0 };
        for (var i = 0; i < text.Length && startOf.Count <= max; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                c = ' ';
            }

            if (c != ' ' || (sb.Length > startOf[^1] && sb[^1] != ' '))
            {
                sb.Append(c);
            }

            var end = (c is '.' or '!' or '?') && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
            if (end || (text[i] == '\n' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                Flush();
            }
        }

        Flush();
        if (startOf.Count == 1)
        {
            sb.Clear().Append(text.Trim()).Append('\n');
            startOf.Add(sb.Length);
        }

        return new Sentences(sb.ToString(), [.. startOf]);

        void Flush()
        {
            if (sb.Length > startOf[^1] && sb[^1] == ' ')
            {
                sb.Length--;
            }

            if (sb.Length > startOf[^1] && startOf.Count <= max)
            {
                startOf.Add(sb.Append('\n').Length);
            }

            sb.Length = startOf[^1];
        }
    }
}
