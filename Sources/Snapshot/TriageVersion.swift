/// The version of triage, reported by `triage --version`, the MCP server's handshake and recorded trajectories.
/// Bumped together with the top entry of CHANGELOG.md.
public enum TriageVersion {
    public static let string = "0.2.0"
}
