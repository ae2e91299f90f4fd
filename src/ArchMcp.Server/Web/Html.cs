using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ArchMcp.Server.Web;

/// <summary>
/// Writes HTML into a <see cref="StringBuilder"/>. Every text that comes from the knowledge, a request or a setting goes
/// through <see cref="Text"/> or <see cref="Attr"/> (HTML-encoded); only this project's own markup is appended raw.
/// </summary>
internal static class Html
{
    /// <summary>Encodes &lt;, &gt;, &amp;, quotes and apostrophes; letters of every script stay readable.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : Encoder.Encode(text);

    /// <summary>Appends encoded text.</summary>
    public static StringBuilder Text(this StringBuilder sb, string? text) => sb.Append(Encode(text));

    /// <summary>Appends ` name="value"` with the value encoded.</summary>
    public static StringBuilder Attr(this StringBuilder sb, string name, string? value) =>
        sb.Append(' ').Append(name).Append("=\"").Append(Encode(value)).Append('"');

    /// <summary>Appends `&lt;a href="…"&gt;text&lt;/a&gt;`, both encoded.</summary>
    public static StringBuilder Link(this StringBuilder sb, string href, string text) =>
        sb.Append("<a").Attr("href", href).Append('>').Text(text).Append("</a>");

    /// <summary>Appends `&lt;tag&gt;text&lt;/tag&gt;` with the text encoded.</summary>
    public static StringBuilder Element(this StringBuilder sb, string tag, string? text, string? cssClass = null)
    {
        sb.Append('<').Append(tag);
        if (cssClass is not null)
        {
            sb.Attr("class", cssClass);
        }

        return sb.Append('>').Text(text).Append("</").Append(tag).Append('>');
    }

    /// <summary>A `select` with its label: the empty option first ("any"), then the values; <paramref name="selected"/> marked.</summary>
    public static StringBuilder Select(this StringBuilder sb, string name, string label, IEnumerable<string> values, string? selected)
    {
        sb.Append("<label").Attr("for", name).Append('>').Text(label).Append("</label><select").Attr("id", name).Attr("name", name).Append("><option value=\"\">any</option>");
        foreach (var value in values)
        {
            sb.Append("<option").Attr("value", value);
            if (string.Equals(value, selected, StringComparison.OrdinalIgnoreCase))
            {
                sb.Append(" selected");
            }

            sb.Append('>').Text(value).Append("</option>");
        }

        return sb.Append("</select>");
    }

    /// <summary>A text `input` with its label.</summary>
    public static StringBuilder Input(this StringBuilder sb, string name, string label, string? value, string type = "text")
    {
        sb.Append("<label").Attr("for", name).Append('>').Text(label).Append("</label><input").Attr("type", type).Attr("id", name).Attr("name", name);
        if (!string.IsNullOrEmpty(value))
        {
            sb.Attr("value", value);
        }

        return sb.Append('>');
    }

    /// <summary>An id attribute value for a rule id: whitespace becomes '-' (an HTML id has none); "SEC-011" stays "SEC-011".</summary>
    public static string Anchor(string id) => string.Join('-', id.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
