namespace ArchMcp.Core.Tests; public class Placeholder { }
