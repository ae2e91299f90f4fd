using ArchMcp.Core.Checklists;
using ArchMcp.Core.Model;

namespace ArchMcp.Core.Tests.Checklists;

/// <summary>Each deterministic contradiction, on a hand-made rule and design.</summary>
public sealed class ReviewChecksTests
{
    private static string VerdictOf(RuleLevel level, string statement, string design, string text = "")
    {
        var retriever = new InMemoryRetriever().AddRule("R-1", level, statement, text);
        var candidate = retriever.FindRules(statement, 1).Single().Rule;
        return DesignReviewer.Evaluate(Candidate.For(candidate), DesignContext.Create(design)).Verdict;
    }

    [Theory]
    [InlineData(RuleLevel.Must, "Keep URLs verb-free", "Clients call `GET /orders/getOrders` to list orders.")]
    [InlineData(RuleLevel.Must, "Use nouns, not verbs, in resource paths", "We expose `POST /articles/bulk-create`.")]
    [InlineData(RuleLevel.Must, "Property names must be snake_case (and never camelCase)", "Each order has `orderId` and `totalPrice`.")]
    [InlineData(RuleLevel.Must, "DO use camelCase for JSON property names", "The payload has `order_id` and `total_price` fields.")]
    [InlineData(RuleLevel.Must, "Use kebab-case for path segments", "The endpoint is `GET /shipping_labels/{id}`.")]
    [InlineData(RuleLevel.Must, "Use snake_case (never camelCase) for query parameters", "Call `GET /orders?pageSize=10`.")]
    [InlineData(RuleLevel.Should, "Declare enum values using UPPER_SNAKE_CASE strings", "The `status` field is an enum with values `pending` and `paid`.")]
    [InlineData(RuleLevel.Must, "Always return JSON objects as top-level data structures", "The endpoint returns a top-level JSON array of orders.")]
    [InlineData(RuleLevel.Must, "Use code 207 for batch or bulk requests", "The bulk import always answers `200 OK` even when some items failed.")]
    [InlineData(RuleLevel.Must, "Use code 429 with headers for rate limits", "When a caller exceeds its quota we respond `503 Service Unavailable`.")]
    [InlineData(RuleLevel.Must, "Support problem JSON", "On failure we return an HTML error page.")]
    [InlineData(RuleLevel.MustNot, "Use URL versioning", "We add a `/v2/` prefix to all paths.")]
    [InlineData(RuleLevel.Must, "Not use URL versioning", "`GET /v1/orders` lists orders.")]
    [InlineData(RuleLevel.Must, "Use media type versioning", "Clients pick the version with a custom `X-Api-Version` request header.")]
    [InlineData(RuleLevel.Should, "Avoid versioning", "We add a `/v2/` prefix to all paths.")]
    [InlineData(RuleLevel.Must, "Not expose stack traces", "Errors include the Java stack trace.")]
    [InlineData(RuleLevel.Must, "Write APIs using U.S. English", "Descriptions are written in German.")]
    [InlineData(RuleLevel.Must, "Provide API specifications using OpenAPI", "The API is documented on a Confluence page.")]
    [InlineData(RuleLevel.Should, "Avoid writing sensitive data to events", "The event payload embeds the customer's email and date of birth.")]
    [InlineData(RuleLevel.Must, "Maintain backwards compatibility for events", "We will change field types when needed.")]
    [InlineData(RuleLevel.Must, "Be robust against duplicates when consuming events", "Consumers may assume every event is delivered exactly once.")]
    [InlineData(RuleLevel.Must, "Use standard formats for date and time properties", "`createdDate` is epoch milliseconds.")]
    [InlineData(RuleLevel.Must, "Use the common money object", "`totalPrice` is a plain float in EUR.")]
    [InlineData(RuleLevel.ShouldNot, "Use /api as base path", "servers:\n  - url: https://orders.example.com/api")]
    public void Evaluate_WhenDesignContradictsStatement_IsViolated(RuleLevel level, string statement, string design) =>
        Assert.Equal(Verdicts.Violated, VerdictOf(level, statement, design));

    [Theory]
    [InlineData("Triggers", "Do not use these risky triggers: `pull_request_target`, `workflow_run` unless reviewed.", "Our workflow runs on `pull_request_target` so forks can deploy.")]
    [InlineData("Short-term storage", "Practical retention periods for short-term queryable logs are:\nno more than 7 days for non-production environments\nno more than 30 days production environments", "Non-production logs stay queryable for 90 days.")]
    [InlineData("Using tags and digests in FROM instructions", "Pin the base image by digest, for example FROM alpine@sha256:abc, so the build is reproducible.", "Production Dockerfile: `FROM python:3.12` (tag only, no digest).")]
    [InlineData("Authenticating with AWS", "When accessing AWS you must authenticate using OpenID Connect (OIDC) and not using an IAM User's access key.", "The workflow authenticates to AWS with an IAM user's access key.")]
    [InlineData("Secrets", "Keep secrets encrypted with sops or a secrets manager.", "We commit the secrets in plain text under terraform/data.")]
    [InlineData("Naming", "Event type names: <event-name> ::= [a-z][a-z0-9-]* -- free event name", "We publish an event type named `orderUpdated`.")]
    public void Evaluate_WhenDesignContradictsRuleBody_IsViolated(string statement, string body, string design) =>
        Assert.Equal(Verdicts.Violated, VerdictOf(RuleLevel.Should, statement + (statement == "Naming" ? " convention for event type names" : ""), design, body));

    [Theory]
    [InlineData("Use plural nouns for collection resources", "", "Orders are cancelled with `POST /orders/{id}/cancel`.")]
    [InlineData("Grant least privilege to people and workloads", "IAM policies do not use `*` for actions or resources.", "Orders are cancelled with `POST /orders/{id}/cancel`.")]
    [InlineData("Use Redis only as a cache, never as the system of record", "", "Build artefacts are kept in S3.")]
    [InlineData("Use HTTP methods and status codes with their standard meaning", "", "The client accepts any server certificate over TLS.")]
    [InlineData("Use REST maturity level 2", "", "The problem schema is at https://example.com/models/problem.yaml.")]
    [InlineData("Authenticate users through the identity provider with OpenID Connect", "", "Calls between the services go over mutual TLS.")]
    [InlineData("Authenticate users through the identity provider with OpenID Connect", "", "The deploy job signs in with an AWS access key.")]
    [InlineData("Keep access tokens short-lived: 15 minutes or less", "", "The deploy job signs in with an AWS access key.")]
    [InlineData("Do not use long-lived cloud access keys in CI pipelines; use OIDC federation", "", "The payments client reads its API key from the .env file.")]
    [InlineData("Encrypt data at rest with keys managed in the KMS", "", "We commit the database password in plain text.")]
    [InlineData("Rotate secrets at least every 90 days", "Prefer short-lived credentials from the secrets manager.", "We commit the database password in plain text.")]
    public void Evaluate_WhenRuleIsNotAboutWhatTheDesignDoes_IsNotViolated(string statement, string body, string design) =>
        Assert.NotEqual(Verdicts.Violated, VerdictOf(RuleLevel.Must, statement, design, body));

    [Fact]
    public void Evaluate_WhenAForbiddenBasePathIsDeeperInTheUrl_IsNotViolated() =>
        Assert.NotEqual(Verdicts.Violated, VerdictOf(RuleLevel.ShouldNot, "Use /api as base path", "servers:\n  - url: https://orders.example.com/v1/api"));

    [Theory]
    [InlineData("Property names must be snake_case (and never camelCase)", "Each order has `order_id` and `total_price`.")]
    [InlineData("Keep URLs verb-free", "Clients call `GET /orders/{id}/items`.")]
    [InlineData("Use code 207 for batch or bulk requests", "The bulk endpoint answers `207 Multi-Status` with per-item results.")]
    [InlineData("Provide API specifications using OpenAPI", "The API is described in OpenAPI 3.1.")]
    public void Evaluate_WhenDesignSatisfiesRule_IsMet(string statement, string design) =>
        Assert.Equal(Verdicts.Met, VerdictOf(RuleLevel.Must, statement, design));

    [Theory]
    [InlineData("MUST end every gRPC package name with its major version", "shop.basket", Verdicts.Violated)]
    [InlineData("MUST end every gRPC package name with its major version", "shop.v1.basket", Verdicts.Violated)]
    [InlineData("MUST end every gRPC package name with its major version", "shop.basket.v2beta1", Verdicts.Met)]
    [InlineData("Package names include the API's major version", "shop.v1.basket", Verdicts.Met)]
    // a rule on the versions of the packages a build depends on says nothing of a package's own name
    [InlineData("Pin the versions of every package you depend on", "shop.basket", Verdicts.NotAddressed)]
    public void Evaluate_WhenAChangeDeclaresAPackage_ItsNameCarriesTheMajorVersionOrNot(string statement, string package, string verdict)
    {
        var retriever = new InMemoryRetriever().AddRule("R-1", RuleLevel.Must, statement);
        var candidate = Candidate.For(retriever.FindRules(statement, 1).Single().Rule);
        var line = $"package {package};";
        var context = DesignContext.Create("syntax = \"proto3\";\n" + line, [new DesignFact(FactKinds.Package, package, 2, line)]);

        Assert.Equal(verdict, DesignReviewer.Evaluate(candidate, context).Verdict);
    }

    [Fact]
    public void Evaluate_WhenRetentionWithinLimit_IsMet() =>
        Assert.Equal(Verdicts.Met, VerdictOf(RuleLevel.Should, "Short-term storage", "Production logs stay queryable for 14 days.", "Keep logs no more than 30 days in production environments."));

    [Fact]
    public void Evaluate_WhenDesignSilentOnSubject_IsNotAddressed() =>
        Assert.Equal(Verdicts.NotAddressed, VerdictOf(RuleLevel.Must, "Secure endpoints with OAuth 2.0", "Orders are listed newest first."));

    [Fact]
    public void Evaluate_WhenDesignTouchesSubjectWithoutContradiction_NeedsJudgement() =>
        Assert.Equal(Verdicts.NeedsJudgement, VerdictOf(RuleLevel.Should, "Provide explicit event ordering for general events", "Order events are published for every order change."));

    [Fact]
    public void Review_WhenDesignRunsWhatDecisionReplaced_IsViolatedWithBothQuotes()
    {
        var retriever = new InMemoryRetriever()
            .AddDecision(25, "Use Elasticache for Redis", "We are using Elasticache instead of provisioning our own Redis instances.")
            .AddDecision(22, "Remove the Elasticsearch proxy", "We will remove the configuration and accept the ELBs as its replacement.");
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest
        {
            Design = "Run our own Redis on EC2 instances for the queue.\nKeep the local nginx Elasticsearch proxy on each app box.",
        });

        var redis = Assert.Single(result.Items, i => i.Item.Id == "ADR-0025");
        Assert.Equal(Verdicts.Violated, redis.Verdict);
        Assert.Equal(1, redis.Design!.Line);
        Assert.Contains("instead of", redis.Rule!.Quote, StringComparison.Ordinal);
        var proxy = Assert.Single(result.Items, i => i.Item.Id == "ADR-0022");
        Assert.Equal(Verdicts.Violated, proxy.Verdict);
        Assert.Equal(2, proxy.Design!.Line);
        Assert.Equal("high", result.Risk.Overall);
    }

    [Fact]
    public void Review_WhenDesignUsesWhatDecisionChose_IsNotViolated()
    {
        var retriever = new InMemoryRetriever()
            .AddDecision(25, "Use Elasticache for Redis", "We are using Elasticache instead of provisioning our own Redis instances.");
        var result = new ChecklistEngine(retriever).Review(new ChecklistRequest { Design = "The queue uses Redis on ElastiCache." });
        Assert.NotEqual(Verdicts.Violated, Assert.Single(result.Items).Verdict);
    }

    [Fact]
    public void Review_WhenOnlyShouldViolated_RiskIsMedium()
    {
        var result = new ChecklistEngine(new InMemoryRetriever().AddRule("113", RuleLevel.Should, "Avoid versioning"))
            .Review(new ChecklistRequest { Design = "We add a `/v2/` prefix to all paths to avoid versioning trouble." });
        Assert.Equal("medium", result.Risk.Overall);
        Assert.Equal(1, result.Risk.Medium);
        Assert.Equal(0, result.Risk.High);
    }
}
