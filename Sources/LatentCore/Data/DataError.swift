/// Why a data set could not be loaded, with the file and line where it went wrong.
public struct DataError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based line number, or nil when the problem is the file as a whole.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file; self.line = line; self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
