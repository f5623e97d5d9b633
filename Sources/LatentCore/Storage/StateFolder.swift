import Foundation

/// Where LatentLab keeps what a person makes, per data set (DESIGN.md §6): their ratings
/// journal and the explorer's saved session, side by side under `$XDG_DATA_HOME/latentlab`
/// (or `~/.local/share/latentlab`, or `--state DIR`).
public struct StateFolder: Sendable {
    public let url: URL

    public init(_ url: URL? = nil) { self.url = url ?? Self.defaultURL() }

    public static func defaultURL() -> URL {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { return URL(fileURLWithPath: xdg).appendingPathComponent("latentlab") }
        let home = env["HOME"] ?? NSTemporaryDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/latentlab")
    }

    /// `SampleData-1a2b3c4d`: the data set's file or folder name and a short hash of its full
    /// path, so two folders with the same name keep apart.
    public static func key(for source: String) -> String {
        let absolute = URL(fileURLWithPath: source).standardizedFileURL.path
        let name = URL(fileURLWithPath: absolute).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in absolute.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return "\(name.isEmpty ? "data" : name)-\(String(hash % 0xFFFF_FFFF, radix: 16))"
    }

    /// The person's ratings journal for a data set.
    public func journal(for source: String) -> RatingsJournal {
        RatingsJournal(url: url.appendingPathComponent("my-ratings-\(Self.key(for: source)).csv"))
    }

    /// The explorer's saved session (a model file) for a data set.
    public func session(for source: String) -> URL {
        url.appendingPathComponent("session-\(Self.key(for: source)).latentlab")
    }

    /// Moves a saved session that cannot be used out of the way (nothing is deleted) and returns
    /// where it went: `session-KEY.unusable.latentlab`, numbered when that is taken.
    public static func setAside(_ url: URL) throws -> URL {
        let base = url.deletingPathExtension().lastPathComponent, folder = url.deletingLastPathComponent()
        var target = folder.appendingPathComponent("\(base).unusable.latentlab")
        var n = 2
        while FileManager.default.fileExists(atPath: target.path) {
            target = folder.appendingPathComponent("\(base).unusable-\(n).latentlab")
            n += 1
        }
        guard link(url.path, target.path) == 0 || rename(url.path, target.path) == 0 else {
            throw DataError(file: url.path, "could not be set aside: \(String(cString: strerror(errno)))")
        }
        // A hard link made: drop the old name (the bytes live on under the new one).
        if FileManager.default.fileExists(atPath: url.path) { unlink(url.path) }
        return target
    }
}
