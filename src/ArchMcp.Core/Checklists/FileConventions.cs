using System.Text.RegularExpressions;

namespace ArchMcp.Core.Checklists;

/// <summary>
/// The tools a file belongs to by its conventional name or place (a principle of the tools themselves, not of any
/// repository): a GitHub Actions workflow lives in <c>.github/workflows/</c>, a Dockerfile is Docker's, <c>*.tf</c>
/// is Terraform's, a source file's extension names its language (and a JSX file the React it is written for), a build
/// or lint tool's configuration file is that tool's, a zone file is DNS.
/// </summary>
internal static class FileConventions
{
    private static readonly (Regex Path, string[] Technologies)[] Known =
    [
        (DocumentScope.Glob(".github/workflows/*.y*ml"), ["GitHub Actions"]),
        (DocumentScope.Glob(".github/dependabot.y*ml"), ["Dependabot"]),
        (DocumentScope.Glob("**/Jenkinsfile"), ["Jenkins"]),
        (DocumentScope.Glob("**/.gitlab-ci.y*ml"), ["GitLab CI"]),
        (DocumentScope.Glob(".circleci/**"), ["CircleCI"]),
        (DocumentScope.Glob("**/.travis.y*ml"), ["Travis"]),
        (DocumentScope.Glob("**/*Dockerfile*"), ["Docker"]),
        (DocumentScope.Glob("**/*.dockerfile"), ["Docker"]),
        (DocumentScope.Glob("**/docker-compose*.y*ml"), ["Docker"]),
        (DocumentScope.Glob("**/*.tf"), ["Terraform"]),
        (DocumentScope.Glob("**/*.tfvars"), ["Terraform"]),
        (DocumentScope.Glob("**/Chart.yaml"), ["Helm"]),
        (DocumentScope.Glob("**/*.pp"), ["Puppet"]),
        (DocumentScope.Glob("**/*.proto"), ["Protobuf", "gRPC"]),
        (DocumentScope.Glob("**/package.json"), ["npm", "Node.js"]),
        (DocumentScope.Glob("**/yarn.lock"), ["Yarn"]),
        (DocumentScope.Glob("**/lerna.json"), ["Lerna"]),
        (DocumentScope.Glob("**/tsconfig*.json"), ["TypeScript"]),
        (DocumentScope.Glob("**/next.config.*"), ["Next.js"]),
        (DocumentScope.Glob("**/pages/_app.*"), ["Next.js"]),
        (DocumentScope.Glob("**/pages/_document.*"), ["Next.js"]),
        (DocumentScope.Glob("**/.eslintrc*"), ["ESLint"]),
        (DocumentScope.Glob("**/eslint.config.*"), ["ESLint"]),
        (DocumentScope.Glob("**/.prettierrc*"), ["Prettier"]),
        (DocumentScope.Glob("**/prettier.config.*"), ["Prettier"]),
        (DocumentScope.Glob("**/jest.config.*"), ["Jest"]),
        (DocumentScope.Glob("**/build.gradle"), ["Gradle"]),
        (DocumentScope.Glob("**/*.gradle.kts"), ["Gradle"]),
        (DocumentScope.Glob("**/settings.gradle"), ["Gradle"]),
        (DocumentScope.Glob("**/gradle.properties"), ["Gradle"]),
        (DocumentScope.Glob("**/*.rs"), ["Rust"]),
        (DocumentScope.Glob("**/Cargo.toml"), ["Rust"]),
        (DocumentScope.Glob("**/*.zone"), ["DNS"]),
        (DocumentScope.Glob("**/pom.xml"), ["Maven", "Java"]),
        (DocumentScope.Glob("**/*.csproj"), ["NuGet", ".NET"]),
        (DocumentScope.Glob("**/*.cs"), [".NET"]),
        (DocumentScope.Glob("**/*.py"), ["Python"]),
        (DocumentScope.Glob("**/requirements*.txt"), ["Python"]),
        (DocumentScope.Glob("**/pyproject.toml"), ["Python"]),
        (DocumentScope.Glob("**/*.java"), ["Java"]),
        (DocumentScope.Glob("**/*.kt"), ["Kotlin"]),
        (DocumentScope.Glob("**/*.go"), ["Go"]),
        (DocumentScope.Glob("**/go.mod"), ["Go"]),
        (DocumentScope.Glob("**/*.rb"), ["Ruby"]),
        (DocumentScope.Glob("**/Gemfile"), ["Ruby"]),
        (DocumentScope.Glob("**/*.js"), ["Node.js", "JavaScript"]),
        (DocumentScope.Glob("**/*.ts"), ["Node.js", "TypeScript"]),
        (DocumentScope.Glob("**/*.jsx"), ["React", "JavaScript"]),
        (DocumentScope.Glob("**/*.tsx"), ["React", "TypeScript"]),
        (DocumentScope.Glob("**/*.vue"), ["Vue"]),
        (DocumentScope.Glob("**/*.svelte"), ["Svelte"]),
        (DocumentScope.Glob("**/*.php"), ["PHP"]),
        (DocumentScope.Glob("**/*.scala"), ["Scala"]),
    ];

    /// <summary>The technologies <paramref name="path"/> belongs to by convention, in table order.</summary>
    public static IReadOnlyList<string> Technologies(string path) =>
        Known.Where(k => k.Path.IsMatch(DocumentScope.Relative(path))).SelectMany(k => k.Technologies).Distinct(StringComparer.Ordinal).ToList();
}
