namespace ArchMcp.Server.Tests; public class Placeholder { }
