using ArchMcp.Core.Checklists;
using Xunit.Abstractions;

namespace ArchMcp.Core.Tests.Checklists;

public sealed class DesignFactExtractorTests(ITestOutputHelper output)
{
    private const string OrdersDesign = "Design review for our order history API: `GET /api/v1/getOrders?pageNumber=2&pageSize=50` returns a top-level JSON array of orders. Each order has `orderId`, `customerEmail`, `createdDate` (epoch milliseconds) and `totalPrice` as a plain float in EUR.";

    private bool Has(IEnumerable<Model.DesignFact> facts, string kind, string value) =>
        facts.Any(f => f.Kind == kind && f.Value == value);

    [Fact]
    public void Extract_WhenEndpointHasVerbVersionAndCamelCaseParameters_FindsEachFact()
    {
        var facts = DesignFactExtractor.Extract(OrdersDesign);
        foreach (var f in facts)
        {
            output.WriteLine($"{f.Kind} = {f.Value} (line {f.Line})");
        }

        Assert.True(Has(facts, FactKinds.Endpoint, "GET /api/v1/getOrders?pageNumber=2&pageSize=50"));
        Assert.True(Has(facts, FactKinds.HttpMethod, "GET"));
        Assert.True(Has(facts, FactKinds.PathVerb, "getOrders"));
        Assert.True(Has(facts, FactKinds.VersionInPath, "v1"));
        Assert.True(Has(facts, FactKinds.PathPrefix, "/api"));
        Assert.True(Has(facts, FactKinds.PathCasing, "camelCase: getOrders"));
        Assert.True(Has(facts, FactKinds.QueryParameterCasing, "camelCase: pageNumber"));
        Assert.True(Has(facts, FactKinds.FieldCasing, "camelCase: orderId"));
        Assert.True(Has(facts, FactKinds.ResponseShape, "top-level-array"));
        Assert.True(Has(facts, FactKinds.DataFormat, "epoch-timestamp"));
        Assert.True(Has(facts, FactKinds.DataFormat, "float-money"));
    }

    [Fact]
    public void Extract_WhenDesignNamesProductsAndSecurity_FindsTechnologiesAndMechanisms()
    {
        var facts = DesignFactExtractor.Extract(
            "Our GitHub Actions workflow runs on `pull_request_target` and authenticates to AWS with an IAM user's access key stored as an organisation-level secret.\n" +
            "We run our own Redis on Puppet-managed EC2 instances next to MySQL and Elasticsearch, provisioned with Terraform.\n" +
            "The npm package is published with a long-lived automation token.");
        foreach (var tech in new[] { "GitHub Actions", "AWS", "Redis", "Puppet", "EC2", "MySQL", "Elasticsearch", "Terraform", "npm" })
        {
            Assert.True(Has(facts, FactKinds.Technology, tech), tech);
        }

        Assert.True(Has(facts, FactKinds.DataStore, "Redis"));
        Assert.True(Has(facts, FactKinds.Security, "risky-trigger"));
        Assert.True(Has(facts, FactKinds.Security, "access-key"));
        Assert.True(Has(facts, FactKinds.Security, "long-lived-credential"));
        Assert.True(Has(facts, FactKinds.SelfManaged, "self-managed"));
        Assert.Equal(3, facts.First(f => f.Value == "long-lived-credential").Line);
    }

    [Fact]
    public void Extract_WhenDesignStatesStatusHeadersRetentionAndImage_FindsThem()
    {
        var facts = DesignFactExtractor.Extract(
            "Bulk import: `POST /articles/bulk-create` always answers `200 OK` even if some items failed. Over quota we respond `503 Service Unavailable`.\n" +
            "Clients pick the version with a custom `X-Api-Version` request header.\n" +
            "Non-production logs stay queryable for 90 days.\n" +
            "```\nFROM python:3.12\n```");
        Assert.True(Has(facts, FactKinds.StatusCode, "200 OK"));
        Assert.True(Has(facts, FactKinds.StatusCode, "503 Service Unavailable"));
        Assert.True(Has(facts, FactKinds.PathVerb, "bulk-create"));
        Assert.True(Has(facts, FactKinds.PathCasing, "kebab-case: bulk-create"));
        Assert.True(Has(facts, FactKinds.Header, "X-Api-Version"));
        Assert.True(Has(facts, FactKinds.Versioning, "header"));
        Assert.True(Has(facts, FactKinds.Retention, "90 days"));
        Assert.True(Has(facts, FactKinds.ContainerImage, "tag-only: python:3.12"));
    }

    [Fact]
    public void Extract_WhenEventAndEnumValuesNamed_ClassifiesNames()
    {
        var facts = DesignFactExtractor.Extract(
            "We will publish an event type named `orderUpdated` to Nakadi. The `status` field is a closed enum with lowercase values `pending`, `paid`, `refunded`.");
        Assert.True(Has(facts, FactKinds.EventName, "orderUpdated"));
        Assert.True(Has(facts, FactKinds.EventNameCasing, "camelCase: orderUpdated"));
        Assert.True(Has(facts, FactKinds.EnumValue, "pending"));
        Assert.True(Has(facts, FactKinds.Field, "status"));
        Assert.True(Has(facts, FactKinds.Technology, "Nakadi"));
    }

    [Theory]
    [InlineData("TLSClientConfig: &tls.Config{InsecureSkipVerify: true},")]
    [InlineData("tls: { rejectUnauthorized: false },")]
    [InlineData("response = requests.get(url, verify=False)")]
    [InlineData("handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;")]
    [InlineData("ssl_verify: false")]
    [InlineData("For now TLS certificate validation is disabled for the payments client.")]
    [InlineData("The client accepts any server certificate.")]
    public void Extract_WhenCodeOrWordsTurnCertificateValidationOff_FindsIt(string line) =>
        Assert.True(Has(DesignFactExtractor.Extract(line), FactKinds.Security, SecurityFacts.CertificateValidationDisabled), line);

    [Theory]
    [InlineData("We never disable certificate validation, not even in tests.")]
    [InlineData("TLS is terminated at the gateway, which forwards over mutual TLS.")]
    [InlineData("verify: true")]
    public void Extract_WhenCertificateValidationStaysOn_DoesNotFindItOff(string line) =>
        Assert.False(Has(DesignFactExtractor.Extract(line), FactKinds.Security, SecurityFacts.CertificateValidationDisabled), line);

    [Fact]
    public void Extract_WhenPathsAreFileSystemPaths_TheyAreNotUrlPaths()
    {
        var facts = DesignFactExtractor.Extract("/opt/tools/bin/run-export --config /etc/orders/export.conf --out /var/backups");

        Assert.DoesNotContain(facts, f => f.Kind is FactKinds.Path or FactKinds.PathVerb or FactKinds.PathPrefix);
    }

    [Fact]
    public void Extract_WhenAJsonPointerRefersToASchema_ItIsNotAUrlPath()
    {
        var facts = DesignFactExtractor.Extract("$ref: '#/components/schemas/SalesOrder'");

        Assert.DoesNotContain(facts, f => f.Kind is FactKinds.Path or FactKinds.PathCasing or FactKinds.PathPrefix);
    }

    [Fact]
    public void Sentences_WhenCodeSpanHasDots_DoesNotSplitInsideIt()
    {
        var sentences = DesignText.Sentences("Use `FROM python:3.12` here. Then stop.\nSecond line e.g. this.");
        Assert.Equal(["Use `FROM python:3.12` here.", "Then stop.", "Second line e.g. this."], sentences.Select(s => s.Text));
        Assert.Equal(2, sentences[2].Line);
    }
}
