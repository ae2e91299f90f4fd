using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// Well-known technologies and products a design may name, each with its category and spelling variants. A category
/// groups alternatives — what one product of it does, another could do instead (a rule asking for one is broken by a
/// design using another): object storage is no database, TLS secures a protocol rather than replacing one, an identity
/// protocol keeps no secrets, and HTTP is the web's medium, which every API style uses.
/// </summary>
internal static partial class Technologies
{
    public const string DataStore = "data-store";
    public const string ObjectStore = "object-store";
    public const string Web = "web";
    public const string TransportSecurity = "transport-security";
    public const string Identity = "identity";
    public const string Secrets = "secrets";
    public const string Messaging = "messaging";
    public const string Cloud = "cloud";
    public const string Infrastructure = "infrastructure";
    public const string Delivery = "ci-cd";
    public const string Observability = "observability";
    public const string Protocol = "protocol";
    public const string Format = "format";
    public const string Security = "security";
    public const string Platform = "platform";
    public const string Documentation = "documentation";
    public const string Language = "language";
    public const string Frontend = "frontend";
    public const string WebFramework = "web-framework";
    public const string Testing = "testing";
    public const string CodeStyle = "code-style";
    public const string Dns = "dns";
    public const string Cdn = "cdn";

    /// <summary>Canonical name, category, and the regex alternatives that spell it.</summary>
    private static readonly (string Name, string Category, string Pattern)[] Known =
    [
        ("Redis", DataStore, "redis"), ("Memcached", DataStore, "memcached?"), ("MySQL", DataStore, "mysql"),
        ("PostgreSQL", DataStore, "postgres(?:ql)?"), ("MongoDB", DataStore, "mongo(?:db)?"), ("Elasticsearch", DataStore, "elastic ?search"),
        ("OpenSearch", DataStore, "open ?search"), ("Cassandra", DataStore, "cassandra"), ("DynamoDB", DataStore, "dynamo ?db"),
        ("DocumentDB", DataStore, "document ?db"), ("RDS", DataStore, "rds|aurora"), ("ElastiCache", DataStore, "elasti ?cache"),
        ("S3", ObjectStore, "s3"), ("SQL Server", DataStore, "sql ?server|mssql"), ("Oracle", DataStore, "oracle"),
        ("SQLite", DataStore, "sqlite"), ("Cosmos DB", DataStore, "cosmos ?db"), ("Neo4j", DataStore, "neo4j"), ("etcd", DataStore, "etcd"),
        ("Kafka", Messaging, "kafka"), ("RabbitMQ", Messaging, "rabbit ?mq"), ("SQS", Messaging, "sqs"), ("SNS", Messaging, "sns"),
        ("Kinesis", Messaging, "kinesis"), ("Nakadi", Messaging, "nakadi"), ("Pub/Sub", Messaging, "pub/?sub"), ("Service Bus", Messaging, "service ?bus"),
        ("Event Hubs", Messaging, "event ?hubs?"), ("ActiveMQ", Messaging, "active ?mq"), ("NATS", Messaging, "nats"),
        ("EC2", Cloud, "ec2"), ("ECS", Cloud, "ecs"), ("EKS", Cloud, "eks"), ("Fargate", Cloud, "fargate"), ("Lambda", Cloud, "lambda"),
        ("AWS", Cloud, "aws"), ("Azure", Cloud, "azure"), ("GCP", Cloud, "gcp|google cloud"), ("ELB", Cloud, "elbs?|alb|nlb|aws ?a?lb|load ?balancers?"),
        ("CloudFront", Cloud, "cloud ?front"), ("Route 53", Cloud, "route ?53"), ("ACM", Security, "acm"), ("IAM", Identity, "iam"),
        ("Kubernetes", Platform, "kubernetes|k8s"), ("Docker", Platform, "docker(?:file)?"), ("Cloud Foundry", Platform, "cloud ?foundry|paas"),
        ("Heroku", Platform, "heroku"), ("nginx", Infrastructure, "nginx"), ("HAProxy", Infrastructure, "haproxy"), ("Varnish", Infrastructure, "varnish"),
        ("Terraform", Infrastructure, "terraform"), ("Puppet", Infrastructure, "puppet"), ("Chef", Infrastructure, "chef"),
        ("Ansible", Infrastructure, "ansible"), ("CloudFormation", Infrastructure, "cloud ?formation"), ("Helm", Infrastructure, "helm"),
        ("Consul", Infrastructure, "consul"), ("Vault", Secrets, "vault"), ("Secrets Manager", Secrets, "secrets? manager"),
        ("KMS", Secrets, "kms"), ("sops", Secrets, "sops"),
        ("GitHub Actions", Delivery, "github actions?|gh actions"), ("GitLab CI", Delivery, "gitlab(?: ci)?"), ("Jenkins", Delivery, "jenkins"),
        ("Concourse", Delivery, "concourse"), ("CircleCI", Delivery, "circle ?ci"), ("Travis", Delivery, "travis"), ("Dependabot", Delivery, "dependabot"),
        ("npm", Delivery, "npm"), ("PyPI", Delivery, "pypi"), ("RubyGems", Delivery, "rubygems"), ("Maven", Delivery, "maven"), ("NuGet", Delivery, "nuget"),
        ("Logit", Observability, "logit"), ("ELK", Observability, "elk"), ("Splunk", Observability, "splunk"), ("Kibana", Observability, "kibana"),
        ("Logstash", Observability, "logstash"), ("Prometheus", Observability, "prometheus"), ("Grafana", Observability, "grafana"),
        ("PagerDuty", Observability, "pager ?duty"), ("Sentry", Observability, "sentry"), ("CloudWatch", Observability, "cloud ?watch"),
        ("Datadog", Observability, "data ?dog"), ("OpenTelemetry", Observability, "open ?telemetry|otel"),
        ("HTTP", Web, "https?"), ("REST", Protocol, "rest(?:ful)?"), ("GraphQL", Protocol, "graph ?ql"), ("gRPC", Protocol, "grpc"),
        ("SOAP", Protocol, "soap"), ("WebSocket", Protocol, "web ?sockets?"), ("AMQP", Protocol, "amqp"), ("MQTT", Protocol, "mqtt"),
        ("TLS", TransportSecurity, "tls|ssl"), ("SFTP", Protocol, "s?ftp"), ("OAuth", Identity, "oauth ?2?(?:\\.0)?"), ("OIDC", Identity, "oidc|openid connect"),
        ("JWT", Identity, "jwt"), ("SAML", Identity, "saml"), ("mTLS", TransportSecurity, "mtls|mutual tls"),
        ("OpenAPI", Documentation, "open ?api|swagger"), ("Confluence", Documentation, "confluence"), ("Postman", Documentation, "postman"),
        ("AsyncAPI", Documentation, "async ?api"), ("JSON", Format, "json"), ("XML", Format, "xml"), ("YAML", Format, "yaml"),
        ("Protobuf", Format, "protobuf|protocol buffers"), ("Avro", Format, "avro"),
        ("Java", Language, "java"), ("Python", Language, "python"), ("Ruby", Language, "ruby"), ("Go", Language, "golang"),
        ("Node.js", Language, "node\\.?js"), (".NET", Language, "\\.net|c#"), ("Rails", Language, "rails"), ("Django", Language, "django"),
        ("Spring", Language, "spring(?: boot)?"), ("PHP", Language, "php"), ("Scala", Language, "scala"), ("Kotlin", Language, "kotlin"),
        ("TypeScript", Language, "type ?script"), ("JavaScript", Language, "java ?script|ecma ?script"), ("Rust", Language, "rust"),
        ("React", Frontend, "react"), ("Next.js", WebFramework, "next\\.?js"), ("Vue", Frontend, "vue(?:\\.js)?"), ("Angular", Frontend, "angular"),
        ("Svelte", Frontend, "svelte"), ("Gradle", Delivery, "gradle"), ("Yarn", Delivery, "yarn"), ("Lerna", Delivery, "lerna"), ("Webpack", Delivery, "webpack"),
        ("Argo CD", Delivery, "argo ?cd"), ("Pulumi", Infrastructure, "pulumi"), ("Istio", Infrastructure, "istio"), ("Envoy", Infrastructure, "envoy"),
        ("Testcontainers", Testing, "test ?containers"), ("JUnit", Testing, "junit"), ("pytest", Testing, "pytest"), ("Jest", Testing, "jest"),
        ("Cypress", Testing, "cypress"), ("Playwright", Testing, "playwright"), ("ESLint", CodeStyle, "eslint"), ("Prettier", CodeStyle, "prettier"),
        ("Micrometer", Observability, "micrometer"), ("DNS", Dns, "dns|domain name system"), ("CDN", Cdn, "cdns?|content delivery networks?"),
        ("Fastly", Cdn, "fastly"), ("Cloudflare", Cdn, "cloudflare"), ("Akamai", Cdn, "akamai"),
    ];

    /// <summary>
    /// What a technology is a kind of or is built on, so that what governs the broader one governs it too: Route 53 is
    /// a DNS service, CloudFront a CDN, Next.js a React framework, TypeScript compiles to JavaScript, a Helm chart
    /// deploys to Kubernetes.
    /// </summary>
    private static readonly Dictionary<string, string[]> KindOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Route 53"] = ["DNS"], ["CloudFront"] = ["CDN"], ["Fastly"] = ["CDN"], ["Akamai"] = ["CDN"], ["Cloudflare"] = ["CDN"],
        ["Next.js"] = ["React"], ["React"] = ["JavaScript"], ["Vue"] = ["JavaScript"], ["Svelte"] = ["JavaScript"], ["Angular"] = ["TypeScript"],
        ["TypeScript"] = ["JavaScript"], ["Rails"] = ["Ruby"], ["Django"] = ["Python"], ["Spring"] = ["Java"],
        ["EKS"] = ["Kubernetes"], ["Helm"] = ["Kubernetes"],
    };

    /// <summary>The languages whose source files a tool checks or formats: a rule about the tool governs those files.</summary>
    private static readonly Dictionary<string, string[]> Checks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ESLint"] = ["JavaScript"], ["Prettier"] = ["JavaScript"],
    };

    /// <summary>
    /// <paramref name="names"/> with every technology each is a kind of, directly or through another
    /// (<see cref="KindOf"/>: a Next.js page is React, React is JavaScript).
    /// </summary>
    public static HashSet<string> WithBroader(IEnumerable<string> names)
    {
        var found = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>(found);
        while (pending.TryDequeue(out var name))
        {
            foreach (var broader in KindOf.GetValueOrDefault(name, []).Where(found.Add))
            {
                pending.Enqueue(broader);
            }
        }

        return found;
    }

    /// <summary>
    /// The words that name a kind of technology as a whole — its plural, or the practice the tools of the kind serve —
    /// rather than one product of it: "programming languages", "databases", "configuration management", "monitoring". A
    /// singular ("a test database") names one member, which the vocabulary knows by its own name.
    /// </summary>
    private static readonly (string Category, Regex Words)[] KindWords =
    [
        .. new (string Category, string Pattern)[]
        {
            (Language, "programming languages|languages"), (DataStore, "databases|data ?stores"),
            (Messaging, "message (?:brokers|queues)|messaging"), (Infrastructure, "configuration management|infrastructure as code"),
            (Delivery, "continuous (?:integration|delivery|deployment)|ci/cd"), (Observability, "monitoring|observability|logging|tracing|alerting"),
            (CodeStyle, "code style|linting|linters"), (Testing, "test(?:ing)? frameworks"), (Secrets, "secrets? management"),
            (Protocol, "protocols"), (Format, "(?:data|serialization) formats"), (Frontend, "frontend frameworks"),
        }.Select(k => (k.Category, new Regex($@"(?<![\w-])(?:{k.Pattern})(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))),
    ];

    /// <summary>The categories whose kind <paramref name="text"/> names as a whole (<see cref="KindWords"/>).</summary>
    public static IReadOnlyList<string> KindsNamed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. KindWords.Where(k => k.Words.IsMatch(text)).Select(k => k.Category).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The languages whose files <paramref name="name"/> checks (<see cref="Checks"/>); none for anything but a checker.</summary>
    public static IReadOnlyList<string> AppliesTo(string name) => Checks.GetValueOrDefault(name, []);

    private static readonly Regex[] Patterns = Known
        .Select(k => new Regex($@"(?<![\w.-])(?:{k.Pattern})(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        .ToArray();

    /// <summary>The known technologies named in <paramref name="text"/>, in order of first mention.</summary>
    /// <param name="text">What is searched.</param>
    /// <param name="context">
    /// The whole <paramref name="text"/> is part of (a record's text for its title), which decides what a generic word
    /// names: a "load balancer" is the ELB where the context calls it one. By default the text itself.
    /// </param>
    public static IReadOnlyList<(string Name, string Category, int Index)> Find(string text, string? context = null)
    {
        var found = new List<(string, string, int)>();
        for (var i = 0; i < Known.Length; i++)
        {
            var m = Patterns[i].Match(text);
            if (m.Success && !IsFalseFriend(Known[i].Name, context ?? text, m))
            {
                found.Add((Known[i].Name, Known[i].Category, m.Index));
            }
        }

        return found.OrderBy(f => f.Item3).ToList();
    }

    /// <summary>Words that name a product only when written as one ("Go", "Chef", "Lambda", "Spring", "Rest", "Oracle", "Vault", "React", "Rust").</summary>
    private static bool IsFalseFriend(string name, string text, Match m) => name switch
    {
        "Chef" or "Lambda" or "Spring" or "Oracle" or "Vault" or "Helm" or "Consul" or "Sentry" or "Concourse" or "Travis" or "Rails" or "Scala" or "Java" or "Python" or "Ruby"
            or "Rust" or "React" or "Angular" or "Svelte" or "Prettier" or "Jest" or "Cypress" or "Envoy"
            => !char.IsUpper(m.Value[0]),
        "REST" => m.Value is not ("REST" or "RESTful" or "Rest"),
        "ELB" => m.Value.Contains("balancer", StringComparison.OrdinalIgnoreCase) && !text.Contains("ELB", StringComparison.Ordinal),
        _ => false,
    };
}
