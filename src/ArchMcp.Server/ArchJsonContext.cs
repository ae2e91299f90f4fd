using System.Text.Json.Serialization;
using ArchMcp.Core;
using ArchMcp.Core.Evaluation;
using ArchMcp.Core.Export;
using ArchMcp.Core.Model;
using ArchMcp.Server.Cli;

namespace ArchMcp.Server;

/// <summary>
/// Serialization code for every value the server writes (tool results and their schemas, resources, CLI JSON) and
/// every tool argument it reads, generated at build time: no reflection at run time, so the server can be compiled
/// ahead of time and starts without building serializers. A type missing here fails the CLI tests, and the native build
/// check (tests/native/run.sh) for MCP answers.
/// </summary>
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(DecisionView))]
[JsonSerializable(typeof(DecisionPage))]
[JsonSerializable(typeof(IReadOnlyList<DecisionSummary>))]
[JsonSerializable(typeof(RuleLookup))]
[JsonSerializable(typeof(ChecklistResult))]
[JsonSerializable(typeof(ReviewResult))]
[JsonSerializable(typeof(IndexInfo))]
[JsonSerializable(typeof(LintReport))]
[JsonSerializable(typeof(InspectReport))]
[JsonSerializable(typeof(EvalReport))]
[JsonSerializable(typeof(IndexOutput))]
[JsonSerializable(typeof(NewAdrOutput))]
[JsonSerializable(typeof(ChangesResult))]
[JsonSerializable(typeof(ChangeReviewResult))]
[JsonSerializable(typeof(IReadOnlyList<RuleFileState>))]
[JsonSerializable(typeof(SiteOutput))]
[JsonSerializable(typeof(List<Web.SiteIndexEntry>))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int))]
internal sealed partial class ArchJsonContext : JsonSerializerContext;
