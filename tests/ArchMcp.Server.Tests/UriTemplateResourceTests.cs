using ArchMcp.Server.Mcp;
using ModelContextProtocol.Server;

namespace ArchMcp.Server.Tests;

public sealed class UriTemplateResourceTests
{
    public static TheoryData<string> Uris =>
    [
        "arch://decisions/ADR-0004", "ARCH://Decisions/adr-0004", "arch://decisions/", "arch://decisions/ADR%2D0004",
        "arch://decisions/..%2F..%2Fetc%2Fpasswd", "arch://decisions/../../etc/passwd", "arch://decisions/ADR-0004/extra",
        "arch://decisions/ADR-0004?x=1", "arch://decisions/ADR-0004?root=team-b", "arch://decisions/ADR-0004?ROOT=b%20c",
        "arch://standards/API/rules/API-001?root=shipped", "arch://decisions/ADR-0004?root=a&x=1", "arch://decisions/ADR-0004#top", "arch://decisions/a&b", "arch://decisions",
        "arch://standards/API", "arch://standards/API/rules/API-001", "arch://standards//rules/", "arch://standards/API/rules/",
        "arch://standards/API/rules", "arch://standards/a/b/rules/c", "arch://references/README", "arch://references/guide/rules/7", "arch://index",
        "file:///etc/passwd", "::::", "",
    ];

    [Theory]
    [MemberData(nameof(Uris))]
    public void IsMatch_AnyUri_AgreesWithTheSdkTemplates(string uri)
    {
        foreach (var template in KnowledgeResources.Templates())
        {
            var sdk = McpServerResource.Create((string? id = null, string? ruleId = null, string? root = null) => "", new McpServerResourceCreateOptions { UriTemplate = template.ProtocolResourceTemplate.UriTemplate });

            Assert.True(sdk.IsMatch(uri) == template.IsMatch(uri), $"{template.ProtocolResourceTemplate.UriTemplate} on '{uri}'");
        }
    }

    [Fact]
    public void Templates_WhenListed_KeepTheirNamesTitlesAndMimeType()
    {
        var templates = KnowledgeResources.Templates().Select(t => t.ProtocolResourceTemplate).ToList();

        Assert.Equal(["decision", "standard", "rule", "reference", "guide-rule"], templates.Select(t => t.Name));
        Assert.All(templates, t => Assert.Equal(KnowledgeResources.Markdown, t.MimeType));
        Assert.All(templates, t => Assert.False(string.IsNullOrWhiteSpace(t.Title) || string.IsNullOrWhiteSpace(t.Description)));
    }
}
