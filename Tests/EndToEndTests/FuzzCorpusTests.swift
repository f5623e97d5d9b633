import Foundation
import Testing

/// Every input in the seed corpus, and every crash fuzzing ever found (copied into the same
/// folders), replayed through the fuzz targets on each run of the suite: none may crash.
@Suite("The fuzz corpus replays without a crash")
struct FuzzCorpusTests {
    static let targets = ["ratings", "movies", "zip", "model", "journal", "factors", "export"]

    @Test(arguments: targets)
    func replays(_ target: String) throws {
        let binary = Harness.root.appendingPathComponent(".build/debug/latentlab-fuzz")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("no latentlab-fuzz binary: run `swift build` first (./lab test does)")
            return
        }
        let folder = Harness.root.appendingPathComponent("Tests/Fuzz/\(target)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).count
        #expect(inputs >= 3, "a seed corpus of a few inputs at least")
        let out = try Harness.run([target, folder.path], executable: binary, timeout: 120)
        #expect(out.status == 0 && !out.signalled, "\(out.stderr.prefix(800))")
        #expect(out.stdout.contains("\(target): replayed \(inputs) inputs"))
    }
}
