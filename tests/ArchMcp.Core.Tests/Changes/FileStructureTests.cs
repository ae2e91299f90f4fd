using ArchMcp.Core.Changes;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>Facts a change states in the structure of a YAML, JSON, .env, properties, INI or TOML file, and the full names of the keys it adds, read by the file's format.</summary>
public sealed class FileStructureTests
{
    /// <summary>The facts of the one file of <paramref name="hunk"/> (a hunk of a diff of <paramref name="path"/>), as "line kind value".</summary>
    private static List<string> Facts(string path, string hunk)
    {
        var file = UnifiedDiff.Parse($"--- a/{path}\n+++ b/{path}\n{hunk}").Single();
        return FileStructure.Read(file).Select(f => $"{f.At.Line} {f.Kind} {f.Value}").ToList();
    }

    [Fact]
    public void Read_WhenYamlAddsKeysUnderProperties_EachIsAFieldWithItsCasing()
    {
        var facts = Facts("api/schemas/item.yaml", "@@ -1,2 +1,5 @@\n properties:\n   itemId:\n+  item_name:\n+    type: string\n+    description: shown to people\n");

        Assert.Contains("3 field item_name", facts);
        Assert.Contains("3 field-casing snake_case: item_name", facts);
        Assert.DoesNotContain(facts, f => f.Contains("field type", StringComparison.Ordinal) || f.Contains("field description", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenPrettyJsonAddsAPropertyWithAnInlineSchema_IsAField()
    {
        var facts = Facts("schemas/item.json", "@@ -1,3 +1,4 @@\n {\n   \"properties\": {\n+    \"itemName\": { \"type\": \"string\" },\n     \"price\": { \"type\": \"number\" }\n");

        Assert.Contains("3 field itemName", facts);
        Assert.DoesNotContain(facts, f => f.Contains("field price", StringComparison.Ordinal)); // a context line: not what the change adds
    }

    [Fact]
    public void Read_WhenYamlListItemNamesAParameterInQuery_IsAQueryParameterAtItsNameLine()
    {
        var facts = Facts("api/openapi.yaml", "@@ -1,2 +1,5 @@\n     parameters:\n+      - name: pageSize\n+        in: query\n+      - name: itemId\n         in: path\n");

        Assert.Contains("2 query-parameter pageSize", facts);
        Assert.Contains("2 query-parameter-casing camelCase: pageSize", facts);
        Assert.DoesNotContain(facts, f => f.Contains("query-parameter itemId", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenJsonObjectOverSeveralLinesIsInQuery_IsAQueryParameter()
    {
        var facts = Facts("api/openapi.json", "@@ -1,1 +1,6 @@\n   \"parameters\": [\n+    {\n+      \"name\": \"sort_order\",\n+      \"in\": \"query\"\n+    },\n+    { \"name\": \"id\", \"in\": \"path\" }\n");

        Assert.Contains("3 query-parameter sort_order", facts);
        Assert.DoesNotContain(facts, f => f.Contains("query-parameter id", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenTheSchemaOfAMediaTypeIsAnArray_IsATopLevelArray_NotAnArrayProperty()
    {
        var body = Facts("api/openapi.yaml", "@@ -1,3 +1,4 @@\n       content:\n         application/json:\n           schema:\n+            type: array\n");
        var property = Facts("api/openapi.yaml", "@@ -1,2 +1,4 @@\n       properties:\n         tags:\n+          type: array\n+          items: { type: string }\n");

        Assert.Contains("4 response-shape top-level-array", body);
        Assert.DoesNotContain(property, f => f.Contains("top-level-array", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenEnvFileSetsSecretsToLiterals_ArePlaintextSecrets_ButNotReferences()
    {
        var facts = Facts(".env", "@@ -0,0 +1,4 @@\n+DB_PASSWORD=s3cret\n+API_TOKEN=${API_TOKEN}\n+export SMTP_USER=mailer\n+PRIVATE_KEY=\"-----BEGIN\"\n");

        Assert.Contains("1 security plaintext-secret", facts);
        Assert.Contains("4 security plaintext-secret", facts);
        Assert.DoesNotContain("2 security plaintext-secret", facts);
        Assert.DoesNotContain("3 security plaintext-secret", facts);
        Assert.Contains("3 setting SMTP_USER=mailer", facts);
    }

    [Fact]
    public void Read_WhenAWorkflowPassesCloudAccessKeysFromSecrets_TheKeyNamesSayAccessKey_NotPlaintext()
    {
        var facts = Facts(".github/workflows/ci.yml", "@@ -1,1 +1,3 @@\n     env:\n+      AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n+      REGION: eu-west-1\n");

        Assert.Contains("2 security access-key", facts);
        Assert.DoesNotContain(facts, f => f.EndsWith("plaintext-secret", StringComparison.Ordinal));
        Assert.Contains("3 setting env.REGION=eu-west-1", facts);
    }

    [Fact]
    public void Read_WhenPropertiesFileSetsKeys_EachIsASetting()
    {
        var facts = Facts("src/main/resources/application.properties", "@@ -1,1 +1,2 @@\n app.name=orders\n+spring.kafka.producer.acks=1\n");

        Assert.Equal(["2 setting spring.kafka.producer.acks=1"], facts);
    }

    [Fact]
    public void Read_WhenYamlNestsASetting_ItsKeyIsNamedInFull()
    {
        var facts = Facts("config/application.yml", "@@ -1,3 +1,4 @@\n spring:\n   kafka:\n     consumer:\n+      enable-auto-commit: true\n");

        Assert.Equal(["4 setting spring.kafka.consumer.enable-auto-commit=true"], facts);
    }

    [Fact]
    public void Read_WhenProtoFileDeclaresAPackage_IsThePackage_NotAFieldOrSetting()
    {
        var facts = Facts("proto/shop/basket.proto", "@@ -0,0 +1,4 @@\n+syntax = \"proto3\";\n+package shop.basket;\n+message Basket {\n+  string basket_id = 1;\n");

        Assert.Equal(["2 package shop.basket"], facts);
    }

    [Fact]
    public void AddedKeys_WhenTheBlockAYamlKeySitsInIsAContextLine_NameTheBlock()
    {
        var file = UnifiedDiff.Parse("--- a/config/app.yml\n+++ b/config/app.yml\n@@ -1,3 +1,5 @@\n queue:\n   consumer:\n     group: orders\n+    batch:\n+      size: 10\n").Single();

        Assert.Equal(["queue.consumer.batch", "queue.consumer.batch.size"], FileStructure.AddedKeys(file));
    }

    [Theory]
    [InlineData("tools/cli/Cargo.toml", "@@ -1,2 +1,3 @@\n [dependencies]\n clap = \"4\"\n+serde = \"1\"\n", "dependencies.serde")]
    [InlineData("setup.cfg", "@@ -1,1 +1,2 @@\n [tool:pytest] # test runner\n+addopts = -q\n", "tool:pytest.addopts")]
    [InlineData("Cargo.toml", "@@ -1,1 +1,2 @@\n [[bin]]\n+name = \"cli\"\n", "bin.name")]
    public void AddedKeys_WhenAnIniOrTomlKeySitsUnderASection_NameTheSection(string path, string hunk, string key)
    {
        var file = UnifiedDiff.Parse($"--- a/{path}\n+++ b/{path}\n{hunk}").Single();

        Assert.Equal([key], FileStructure.AddedKeys(file));
    }

    [Fact]
    public void Read_WhenIniSectionHoldsASetting_ItsKeyIsNamedWithTheSection()
    {
        var facts = Facts("conf/app.ini", "@@ -1,2 +1,3 @@\n [database]\n host = db.internal\n+timeout = 5\n");

        Assert.Equal(["3 setting database.timeout=5"], facts);
    }

    [Fact]
    public void Read_WhenYamlAddsAnEnumList_EachAddedValueIsAnEnumValueWithItsCase()
    {
        var facts = Facts("api/schemas/parcel.yaml", "@@ -1,3 +1,5 @@\n     state:\n       enum:\n         - waiting\n+        - outForDelivery\n+        - LOST_IN_TRANSIT\n");

        Assert.Contains("4 enum-value outForDelivery", facts);
        Assert.Contains("4 enum-casing camelCase: outForDelivery", facts);
        Assert.Contains("5 enum-casing UPPER_SNAKE_CASE: LOST_IN_TRANSIT", facts);
        Assert.DoesNotContain(facts, f => f.Contains("waiting", StringComparison.Ordinal)); // a context line: not what the change adds
    }

    [Theory]
    [InlineData("schemas/parcel.json", "@@ -1,1 +1,2 @@\n   \"state\": {\n+    \"enum\": [\"waiting\", \"out_for_delivery\"]\n")]
    [InlineData("schemas/parcel.json", "@@ -1,1 +1,4 @@\n   \"state\": {\n+    \"x-extensible-enum\": [\n+      \"waiting\",\n+      \"out_for_delivery\"\n")]
    [InlineData("api/parcel.yaml", "@@ -1,1 +1,2 @@\n   state:\n+    enum: [waiting, out_for_delivery]  # shown to couriers\n")]
    public void Read_WhenAnEnumIsAFlowListOrAJsonArray_ItsValuesAreEnumValues(string path, string hunk) =>
        Assert.Contains(Facts(path, hunk), f => f.EndsWith("enum-casing snake_case: out_for_delivery", StringComparison.Ordinal));

    [Theory]
    [InlineData("@@ -1,2 +1,4 @@\n   properties:\n     is_member:\n+      type: boolean\n+      nullable: true\n", "4 nullable-type boolean")]
    [InlineData("@@ -1,2 +1,3 @@\n   properties:\n     is_member:\n+      type: [boolean, \"null\"]\n", "3 nullable-type boolean")]
    [InlineData("@@ -1,3 +1,4 @@\n     is_member:\n       type:\n         - integer\n+        - \"null\"\n", "4 nullable-type integer")]
    public void Read_WhenASchemaAllowsNullBesideAType_IsANullableType(string hunk, string fact) =>
        Assert.Contains(fact, Facts("api/member.yaml", hunk));

    [Fact]
    public void Read_WhenASchemaAddsATypeThatIsNotNullable_IsNoNullableType() =>
        Assert.DoesNotContain(Facts("api/member.yaml", "@@ -1,2 +1,4 @@\n   properties:\n     is_member:\n+      type: boolean\n+      nullable: false\n"),
            f => f.Contains("nullable-type", StringComparison.Ordinal));

    [Fact]
    public void Read_WhenAManifestDeclaresAnObjectOfAKind_ItsNameIsNamedByTheKindsLastWord()
    {
        var facts = Facts("deploy/queues.yaml", "@@ -0,0 +1,6 @@\n+apiVersion: messaging.example.org/v1\n+kind: MessageQueue\n+metadata:\n+  name: BillingJobs\n+spec:\n+  durable: true\n");

        Assert.Contains("4 named queue: BillingJobs", facts);
        Assert.DoesNotContain(facts, f => f.Contains("named", StringComparison.Ordinal) && !f.EndsWith("queue: BillingJobs", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WhenFileIsSourceCode_ReadsNoStructure()
    {
        Assert.Empty(Facts("src/Client.cs", "@@ -0,0 +1,1 @@\n+var password = \"x\"; properties: { a: 1 }\n"));
    }
}
