import FlowcutCore

/// Why a file could not be brought in: one message for the reviewer.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// What came in, and what the reviewer should look at.
public struct Imported: Sendable {
    public var workflow: Workflow
    public var warnings: [String]
}
