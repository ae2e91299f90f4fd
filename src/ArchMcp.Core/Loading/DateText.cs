using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchMcp.Core.Loading;

/// <summary>Finds a calendar date in free text ("2017-07-27", "27 July 2017", "July 27, 2017", "27/07/2017").</summary>
internal static partial class DateText
{
    [GeneratedRegex(@"\b(?<y>(?:19|20)\d{2})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})\b")]
    private static partial Regex Iso();

    [GeneratedRegex(@"\b(?<d>\d{1,2})[/.](?<m>\d{1,2})[/.](?<y>(?:19|20)\d{2})\b")]
    private static partial Regex DayFirst();

    // Format: a day-first date with a two-digit year, as teams type it ("10/04/18" → 2018-04-10).
    [GeneratedRegex(@"(?<![\d/.])(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>\d{2})(?![\d/])")]
    private static partial Regex DayFirstShortYear();

    [GeneratedRegex(@"\b(?:(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?<mon>[A-Za-z]{3,9})\.?,?\s+(?<y>(?:19|20)\d{2})|(?<mon>[A-Za-z]{3,9})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)\d{2}))\b")]
    private static partial Regex Words();

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateOnly? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = Iso().Match(text);
        if (m.Success && Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is { } iso)
        {
            return iso;
        }

        m = Words().Match(text);
        if (m.Success)
        {
            var mon = m.Groups["mon"].Value.ToLowerInvariant();
            var index = Array.FindIndex(Months, p => mon.StartsWith(p, StringComparison.Ordinal));
            if (index >= 0 && Make(m.Groups["y"].Value, (index + 1).ToString(CultureInfo.InvariantCulture), m.Groups["d"].Value) is { } words)
            {
                return words;
            }
        }

        m = DayFirst().Match(text);
        if (m.Success)
        {
            return Make(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value);
        }

        m = DayFirstShortYear().Match(text);
        return m.Success ? Make("20" + m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) : null;
    }

    private static DateOnly? Make(string y, string m, string d)
    {
        if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        return null;
    }
}
