using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace ArchMcp.Search;

/// <summary>
/// Architecture vocabulary: abbreviations and spelling variants grouped with their canonical form. Applied at
/// query time in both directions (the original word is kept), so "pg" finds "PostgreSQL" and "load balancer"
/// finds "ELB"; the index holds the text as written. A team extends it with <c>archmcp-synonyms.txt</c>
/// in a knowledge root: one group per line, <c>variant, variant => canonical form</c> or <c>canonical, variant, variant</c>.
/// </summary>
internal static class SynonymGroups
{
    // canonical form first, then the variants that map to it
    private static readonly string[] BuiltIn =
    [
        "kubernetes, k8s, kube",
        "postgresql, postgres, pg, psql",
        "terraform, tf",
        "infrastructure as code, iac",
        "opentelemetry, otel",
        "github, gh",
        "github actions, gha",
        "mongodb, mongo",
        "documentdb, docdb",
        "elasticsearch, es, elastic search",
        "opensearch, open search",
        "database, db, dbs, databases",
        "load balancer, elb, alb, nlb, lb, load balancers, loadbalancer",
        "tls, ssl, https",
        "certificate, cert, certs, certificates",
        "authentication, authn",
        "authorization, authz, authorisation",
        "organization, organisation",
        "continuous integration, ci",
        "continuous delivery, cd",
        "architecture decision record, adr, adrs",
        "auto scaling group, asg, autoscaling group",
        "launch configuration, lc, launch config",
        "amazon machine image, ami, amis",
        "relational database service, rds",
        "virtual machine, vm, vms",
        "object storage, s3",
        "content delivery network, cdn",
        "single sign on, sso",
        "multi factor authentication, mfa, 2fa",
        "restful, rest",
        "high availability, ha",
        "disaster recovery, dr",
        "service level objective, slo, slos",
        "service level indicator, sli, slis",
        "service level agreement, sla, slas",
        "message queue, mq",
        "publish subscribe, pubsub, pub sub",
        "end to end, e2e",
        "pull request, pr, prs",
        "repository, repo, repos",
        "environment, env, envs",
        "production, prod",
        "configuration, config",
        "infrastructure, infra",
        "dependencies, deps",
        "domain driven design, ddd",
        "graphql, gql",
        "openid connect, oidc",
        "json web token, jwt",
        "pagination, paging, paginate",
        "secrets manager, vault",
        "containers, container, docker",
        "elasticache, managed redis",
        "command line, cli",
        "user interface, ui",
        "api gateway, gateway",
        "identity and access management, iam",
        "cross origin resource sharing, cors",
        "time to live, ttl",
        "personally identifiable information, pii",
        "role based access control, rbac",
        "server sent events, sse",
        "large language model, llm",
    ];

    /// <summary>Builds the synonym map from the built-in list plus each root's own file (missing files are fine).</summary>
    public static SynonymMap Build(IEnumerable<string> extraLines)
    {
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var line in BuiltIn.Concat(extraLines))
        {
            AddLine(builder, line);
        }

        return builder.Build();
    }

    private static void AddLine(SynonymMap.Builder builder, string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return;
        }

        string canonical;
        IEnumerable<string> variants;
        var arrow = text.IndexOf("=>", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            canonical = text[(arrow + 2)..].Trim();
            variants = text[..arrow].Split(',');
        }
        else
        {
            var parts = text.Split(',');
            canonical = parts[0];
            variants = parts.Skip(1);
        }

        var output = Words(canonical);
        if (output.Length == 0)
        {
            return;
        }

        var outputRef = SynonymMap.Builder.Join(output, new CharsRef());
        foreach (var variant in variants)
        {
            var input = Words(variant);
            if (input.Length == 0 || input.SequenceEqual(output))
            {
                continue;
            }

            var inputRef = SynonymMap.Builder.Join(input, new CharsRef());
            builder.Add(inputRef, outputRef, includeOrig: true);
            builder.Add(outputRef, inputRef, includeOrig: true);
        }
    }

    private static string[] Words(string phrase) =>
        phrase.ToLowerInvariant().Split([' ', '\t', '-'], StringSplitOptions.RemoveEmptyEntries);
}
