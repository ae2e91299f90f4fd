using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace ArchMcp.Search;

/// <summary>
/// English analysis for architecture text: identifiers split at case changes and underscores (the original kept),
/// lower-cased, synonyms and acronyms expanded, stop words removed, Porter-stemmed.
/// </summary>
/// <param name="synonyms">Synonym groups to expand (queries), or null (indexed text).</param>
internal sealed class ArchAnalyzer(SynonymMap? synonyms) : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet StopWords = BuildStopWords();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        // UAX #29 word boundaries
        var source = new StandardTokenizer(Version, reader);
        // compound tokens (snake_case, camelCase, Fuse.js) also yield their parts; the whole token is kept
        TokenStream stream = new CompoundSplitFilter(source);
        stream = new LowerCaseFilter(Version, stream);
        if (synonyms is not null)
        {
            stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
        }

        stream = new StopFilter(Version, stream, StopWords);
        return new TokenStreamComponents(source, new PorterStemFilter(stream));
    }

    private static CharArraySet BuildStopWords()
    {
        // Every token reaches the stop filter lower-cased (synonyms are lower-cased when read), so the set compares
        // exactly: ignoring case lower-cased every character of every token again (~4% of indexing time).
        var set = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet, ignoreCase: false);
        foreach (var w in new[] { "we", "our", "us", "i", "you", "your", "do", "does", "did", "what", "which", "how", "why", "when", "where", "who", "should", "can", "could", "would", "it's", "its", "from", "about", "have", "has", "had", "been", "am", "so", "than", "too", "very", "all", "any", "up", "out", "get" })
        {
            set.Add(w);
        }

        return set;
    }
}
