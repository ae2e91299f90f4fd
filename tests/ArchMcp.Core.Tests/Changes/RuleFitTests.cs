using ArchMcp.Core.Changes;
using ArchMcp.Core.Checklists;

namespace ArchMcp.Core.Tests.Changes;

public sealed class RuleFitTests
{
    [Theory]
    [InlineData("MUST use camelCase for JSON property names", "api/orders.proto", false)]
    [InlineData("MUST use camelCase for JSON property names", "api/openapi.yaml", true)]
    [InlineData("MUST use camelCase for JSON property names", "api/order.schema.json", true)]
    [InlineData("MUST use camelCase for JSON property names", "src/OrderDto.cs", true)]
    [InlineData("MUST write logs as structured JSON lines", "proto/events.proto", false)]
    [InlineData("MUST NOT use plain HTTP between services", "proto/events.proto", true)]
    public void RuleNamingAFormat_AppliesOnlyToFilesOfThatFormatOrOfNoKnownFormat(string statement, string path, bool applies) =>
        Assert.Equal(applies, RuleFit.Applies(statement, null, path));

    [Theory]
    [InlineData("app/export.py", false)]
    [InlineData("requirements.txt", false)]
    [InlineData("src/main/java/Export.java", true)]
    [InlineData("README.md", true)]
    public void RecordScopedToALanguage_YieldsNoFindingOnAFileOfAnotherLanguage(string path, bool applies)
    {
        var java = new DocumentScope([], ["Java"], []) { Inferred = true };
        Assert.Equal(applies, RuleFit.Applies("Prefer the standard library", java, path));
    }

    [Fact]
    public void RecordScopedToALanguageAndMore_IsNotALanguagesRecord()
    {
        var kafkaInJava = new DocumentScope([], ["Kafka", "Java"], []);
        Assert.True(RuleFit.Applies("MUST set acks to all", kafkaInJava, "producer/config.py"));
    }

    [Fact]
    public void KindOfALanguage_CountsAsThatLanguage()
    {
        var javaScript = new DocumentScope([], ["JavaScript"], []);
        Assert.True(RuleFit.Applies("Avoid default exports", javaScript, "src/App.tsx"));
    }
}
