namespace ArchMcp.Core.Checklists;

/// <summary>The kinds of <see cref="Model.DesignFact"/> the extractor produces (wire names, kebab-case).</summary>
internal static class FactKinds
{
    public const string Endpoint = "endpoint";
    public const string HttpMethod = "http-method";
    public const string Path = "path";
    public const string PathVerb = "path-verb";
    public const string PathCasing = "path-casing";
    public const string PathPrefix = "path-prefix";
    public const string VersionInPath = "version-in-path";
    public const string QueryParameter = "query-parameter";
    public const string QueryParameterCasing = "query-parameter-casing";
    public const string Field = "field";
    public const string FieldCasing = "field-casing";
    public const string EnumValue = "enum-value";
    public const string EnumCasing = "enum-casing";
    public const string EventName = "event-name";
    public const string EventNameCasing = "event-name-casing";
    public const string StatusCode = "status-code";
    public const string Header = "header";
    public const string Technology = "technology";
    public const string DataStore = "data-store";
    public const string Protocol = "protocol";
    public const string Security = "security";
    public const string Retention = "retention";
    public const string Duration = "duration";
    public const string ResponseShape = "response-shape";
    public const string Versioning = "versioning";
    public const string ContainerImage = "container-image";
    public const string DataFormat = "data-format";
    public const string ErrorResponse = "error-response";
    public const string PersonalData = "personal-data";
    public const string Delivery = "delivery";
    public const string NaturalLanguage = "natural-language";
    public const string Frequency = "frequency";
    public const string SelfManaged = "self-managed";

    /// <summary>The package a schema file declares its definitions in (a protobuf <c>package</c>; read from a file's structure).</summary>
    public const string Package = "package";

    /// <summary>A type a schema allows to be null as well, <c>boolean</c> (read from a file's structure).</summary>
    public const string NullableType = "nullable-type";

    /// <summary>An object a manifest names, "kind: name" (<c>topic: orders.order.events.v1</c>; read from a file's structure).</summary>
    public const string Named = "named";

    /// <summary>A configuration setting a change writes, <c>key=value</c> (read from a file's structure, never from prose).</summary>
    public const string Setting = "setting";
}
