using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace ArchMcp.Server.Cli;

/// <summary>
/// Usage errors (an unknown verb or option, a missing argument, a value of the wrong type) as one line for stderr:
/// what is wrong, naming the option or argument, and where the help is. No .NET type names, no help dump.
/// </summary>
public static class UsageErrors
{
    /// <summary>The usage error of a parse, or null when the parse is fine or asks for help or the version.</summary>
    public static string? Describe(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Action is HelpAction || parse.Action is not null && parse.Action == VersionAction(parse))
        {
            return null;
        }

        var problem = FirstProblem(parse);
        return problem is null ? null : $"archmcp: {problem} (see {Hint(parse.CommandResult)})";
    }

    /// <summary>"archmcp search --help" for the verb the user typed, "archmcp --help" without one.</summary>
    public static string Hint(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c; r = r.Parent)
        {
            if (c.Parent is not null)
            {
                names.Insert(0, c.Command.Name);
            }
        }

        return string.Join(' ', ["archmcp", .. names, "--help"]);
    }

    private static string? FirstProblem(ParseResult parse)
    {
        // a token after a verb's free-text argument that looks like an option: "search --bogus kafka" is a typo,
        // not a query (a literal "-x" can still be searched for after "--")
        var dashDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                var at = IndexOf(parse.Tokens, token);
                if (LooksLikeOption(token.Value) && (dashDash < 0 || at < dashDash))
                {
                    return $"unknown option '{token.Value}'";
                }
            }
        }

        if (parse.Errors.Count == 0)
        {
            return null;
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            return LooksLikeOption(token) ? $"unknown option '{token}'"
                : parse.CommandResult.Parent is null ? $"unknown verb '{token}'"
                : $"unexpected argument '{token}'";
        }

        foreach (var error in parse.Errors)
        {
            var described = error.SymbolResult switch
            {
                ArgumentResult a => OfArgument(a),
                OptionResult o => OfOption(o),
                CommandResult c => OfCommand(c),
                _ => null,
            };
            if (described is not null)
            {
                return described;
            }
        }

        return OneLine(parse.Errors[0].Message);
    }

    private static string OfOption(OptionResult result) =>
        result.IdentifierToken is null ? $"missing option {result.Option.Name}"
        : result.Tokens.Count == 0 ? $"option {result.Option.Name} needs a value"
        : result.Tokens.Count > 1 && result.Option.Arity.MaximumNumberOfValues == 1 ? $"option {result.Option.Name} takes one value"
        : $"invalid value '{string.Join(' ', result.Tokens.Select(t => t.Value))}' for {result.Option.Name}: expected {Expected(result.Option.ValueType)}";

    private static string OfArgument(ArgumentResult result)
    {
        var value = string.Join(' ', result.Tokens.Select(t => t.Value));
        if (result.Parent is OptionResult option)
        {
            return result.Tokens.Count == 0
                ? $"option {option.Option.Name} needs a value"
                : $"invalid value '{value}' for {option.Option.Name}: expected {Expected(result.Argument.ValueType)}";
        }

        return result.Tokens.Count == 0
            ? $"missing argument <{result.Argument.Name}>"
            : $"invalid value '{value}' for <{result.Argument.Name}>: expected {Expected(result.Argument.ValueType)}";
    }

    private static string? OfCommand(CommandResult result)
    {
        var command = result.Command;
        var missing = command.Arguments.FirstOrDefault(a => a.Arity.MinimumNumberOfValues > 0 && result.GetResult(a) is not { Tokens.Count: > 0 });
        if (missing is not null)
        {
            return $"missing argument <{missing.Name}>";
        }

        var option = command.Options.FirstOrDefault(o => o.Required && result.GetResult(o) is null);
        if (option is not null)
        {
            return $"missing option {option.Name}";
        }

        return command.Subcommands.Count > 0 ? "no verb given" : null;
    }

    /// <summary>What a value of this type looks like, in words.</summary>
    public static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            return Expected(type.GetElementType()!);
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        }

        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(double) || type == typeof(decimal) => "a number",
            _ when type == typeof(DateOnly) => "a date (yyyy-mm-dd)",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(FileInfo) || type == typeof(DirectoryInfo) => "a path",
            _ => "a valid value",
        };
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first line of a parser message, with any .NET type name replaced by words.</summary>
    private static string OneLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "invalid command line";
        return System.Text.RegularExpressions.Regex.Replace(line.TrimEnd('.'), @"'?System\.[\w`.\[\]]+'?", "a valid value");
    }

    private static CommandLineAction? VersionAction(ParseResult parse) =>
        parse.RootCommandResult.Command.Options.OfType<VersionOption>().FirstOrDefault()?.Action;
}
