namespace ArchMcp.SemanticKernel.Tests; public class Placeholder { }
