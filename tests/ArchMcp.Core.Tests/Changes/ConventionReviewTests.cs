using ArchMcp.Core.Model;
using ArchMcp.Core.Tests.Harness;

namespace ArchMcp.Core.Tests.Changes;

/// <summary>
/// review_change against conventions a change states in its files' structure (an OpenAPI schema, a manifest), over a
/// standard written here and a real on-disk index: enum values in another case, a nullable boolean, an object named
/// against the naming rule for its kind — and a setting a rule gives only for some objects, which is not required of all.
/// </summary>
public sealed class ConventionReviewTests : IDisposable
{
    private readonly EngineHarness _engine = new(EngineHarness.Empty);

    public ConventionReviewTests()
    {
        _engine.Folder.Write("standards/messaging.md", """
            # Messaging and payloads

            ### SHOULD write enum values in UPPER_SNAKE_CASE [MSG-001]

            Every value of an enumeration in a payload schema is written in upper case with underscores.

            ### MUST NOT use null for boolean properties [MSG-002]

            A yes-or-no answer that can be unknown is an enumeration with a value for unknown.

            ### MUST name queues `<team>.<purpose>` in lowercase [MSG-003]

            `team` owns the queue and `purpose` says what the messages ask for: `billing.invoice-runs`.

            ### MUST set the message lifetime on every queue [MSG-004]

            The default for work queues is three days (`ttl.hours=72`); audit queues that keep records
            use `ttl.hours=720` instead.
            """);
    }

    public void Dispose() => _engine.Dispose();

    private async Task<List<string>> Violations(string diff) =>
        [.. (await _engine.Service.ReviewChangeAsync(new ChangeReviewRequest { Diff = diff })).Files
            .SelectMany(f => f.Findings).Select(f => $"{f.Id} {f.File}:{f.Line}")];

    [Fact]
    public async Task ReviewChange_WhenASchemaAddsEnumValuesInAnotherCaseAndANullableBoolean_BreaksBothRules()
    {
        var found = await Violations("""
            diff --git a/api/parcels.yaml b/api/parcels.yaml
            --- a/api/parcels.yaml
            +++ b/api/parcels.yaml
            @@ -10,3 +10,10 @@ components:
                   properties:
                     parcel_id:
                       type: string
            +        state:
            +          type: string
            +          enum: [waiting, outForDelivery]
            +        signed_for:
            +          type: boolean
            +          nullable: true
            +          description: Unknown until the courier reports back.
            """);

        Assert.Contains("MSG-001 api/parcels.yaml:15", found);
        Assert.Contains("MSG-002 api/parcels.yaml:18", found);
    }

    [Fact]
    public async Task ReviewChange_WhenTheSchemaFollowsTheConventions_BreaksNeither()
    {
        var found = await Violations("""
            diff --git a/api/parcels.yaml b/api/parcels.yaml
            --- a/api/parcels.yaml
            +++ b/api/parcels.yaml
            @@ -10,3 +10,9 @@ components:
                   properties:
                     parcel_id:
                       type: string
            +        state:
            +          type: string
            +          enum: [WAITING, OUT_FOR_DELIVERY]
            +        signed_for:
            +          type: boolean
            +          description: False until the courier reports back.
            """);

        Assert.DoesNotContain(found, f => f.StartsWith("MSG-001", StringComparison.Ordinal) || f.StartsWith("MSG-002", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("BillingInvoiceRuns", true)]
    [InlineData("billing.invoice-runs", false)]
    public async Task ReviewChange_WhenAManifestNamesAQueue_ItsNameIsHeldToTheQueueNamingRule(string name, bool violated)
    {
        var found = await Violations($"""
            diff --git a/deploy/queues/invoice-runs.yaml b/deploy/queues/invoice-runs.yaml
            new file mode 100644
            --- /dev/null
            +++ b/deploy/queues/invoice-runs.yaml
            @@ -0,0 +1,7 @@
            +apiVersion: messaging.example.org/v1
            +kind: MessageQueue
            +metadata:
            +  name: {name}
            +spec:
            +  config:
            +    ttl.hours: 24
            """);

        Assert.Equal(violated, found.Contains("MSG-003 deploy/queues/invoice-runs.yaml:4"));
        Assert.DoesNotContain(found, f => f.StartsWith("MSG-004", StringComparison.Ordinal)); // the lifetimes given are a default and one for audit queues only
    }
}
