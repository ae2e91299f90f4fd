namespace ArchMcp.SemanticKernel; public static class Placeholder { }
