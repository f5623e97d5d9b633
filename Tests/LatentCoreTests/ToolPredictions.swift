import Foundation
import Testing
@testable import LatentCore

/// A tool's own predictions (`user,item,rating,prediction`, the files' ids), as the fixtures made
/// by `Scale/` keep them, against a model's.
enum ToolPredictions {
    /// How many lines were compared, and the largest difference from the model's prediction.
    static func compare(_ contents: ModelFile.Contents, _ file: URL) throws -> (checked: Int, worst: Float) {
        let model = contents.makeModel()
        var users: [Int64: Int] = [:], items: [Int64: Int] = [:]
        for (i, id) in contents.userIds.enumerated() { users[id] = i }
        for (i, id) in contents.itemIds.enumerated() { items[id] = i }
        var checked = 0, worst: Float = 0
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 4, let u = Int64(f[0]).flatMap({ users[$0] }), let m = Int64(f[1]).flatMap({ items[$0] }),
                  let theirs = Float(f[3]) else { Issue.record("bad fixture line \(line)"); continue }
            worst = max(worst, abs(model.predict(user: u, item: m) - theirs))
            checked += 1
        }
        return (checked, worst)
    }
}
