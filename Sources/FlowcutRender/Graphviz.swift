import CGraphviz

/// Facts about the Graphviz library linked into this process.
public enum GraphvizLibrary {
    /// The version libgvc reports (Debian 12: "2.43.0"), read through a
    /// context that is freed again.
    public static func version() -> String? {
        guard let context = gvContext() else { return nil }
        defer { gvFreeContext(context) }
        guard let text = gvcVersion(context) else { return nil }
        return String(cString: text)
    }
}
