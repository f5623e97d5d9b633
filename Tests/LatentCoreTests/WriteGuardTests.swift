import Foundation
import Testing
@testable import LatentCore

/// Issue 20's rule in the core: a writer replaces a file or folder only when it wrote it, and a
/// refusal leaves every byte where it was.
@Suite("Writers replace only what LatentLab wrote")
struct WriteGuardTests {
    static let notes = Data("my notes\n".utf8)

    @Test func aFileOfAnotherKindIsRefusedAndKept() throws {
        let dir = Fixtures.folder()
        let target = dir.appendingPathComponent("model.latentlab")
        try Self.notes.write(to: target)
        #expect(throws: DataError.self) { try AtomicFile.write(Data("LATENTLB…".utf8), to: target, replacing: .model) }
        #expect(try Data(contentsOf: target) == Self.notes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["model.latentlab"], "no temporary file left")
        do { try AtomicFile.write(Data("x".utf8), to: target, replacing: .model) } catch let error as DataError {
            #expect(error.message.hasPrefix("is already there and is not a LatentLab model file (it begins “my notes”)"))
        }
    }

    @Test func aFileOfItsOwnKindAnEmptyFileAndANewNameAreWritten() throws {
        let dir = Fixtures.folder()
        let model = dir.appendingPathComponent("m.latentlab")
        try Data("LATENTLB old".utf8).write(to: model)
        try AtomicFile.write(Data("LATENTLB new".utf8), to: model, replacing: .model)
        #expect(try Data(contentsOf: model) == Data("LATENTLB new".utf8))
        let empty = dir.appendingPathComponent("empty")
        try Data().write(to: empty)
        try AtomicFile.write(Self.notes, to: empty, replacing: .nothing)
        #expect(try Data(contentsOf: empty) == Self.notes, "an empty file holds nothing to lose")
        try AtomicFile.write(Self.notes, to: dir.appendingPathComponent("new/deeper/file"), replacing: .nothing)
        #expect(try Data(contentsOf: dir.appendingPathComponent("new/deeper/file")) == Self.notes)
    }

    @Test func aModelFileIsNeverWrittenOverAnotherFile() throws {
        let (contents, _) = try FactorDirectoryTests.trainedContents()
        let target = Fixtures.folder().appendingPathComponent("ratings.csv")
        try Data("userId,movieId,rating\n1,1,4\n".utf8).write(to: target)
        #expect(throws: DataError.self) { try ModelFile.write(contents, to: target) }
        #expect(try Data(contentsOf: target) == Data("userId,movieId,rating\n1,1,4\n".utf8))
        // Over a model it is written (the session's and --save's everyday case).
        let model = target.deletingLastPathComponent().appendingPathComponent("m.latentlab")
        try ModelFile.write(contents, to: model)
        try ModelFile.write(contents, to: model)
        #expect(try ModelFile.read(model).userFactors == contents.userFactors)
    }

    @Test func aFactorDirectoryReplacesOnlyAFactorDirectoryOfOurs() throws {
        let (contents, _) = try FactorDirectoryTests.trainedContents()
        let root = Fixtures.folder()
        // Other files: refused, all kept.
        let other = root.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Self.notes.write(to: other.appendingPathComponent("notes.txt"))
        #expect(throws: DataError.self) { try FactorDirectory.write(contents, to: other, version: "t") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path) == ["notes.txt"])
        // A file: refused, kept.
        let file = root.appendingPathComponent("file")
        try Self.notes.write(to: file)
        #expect(throws: DataError.self) { try FactorDirectory.write(contents, to: file, version: "t") }
        #expect(try Data(contentsOf: file) == Self.notes)
        // Ours plus one more file: refused, every file kept.
        let ours = root.appendingPathComponent("ours")
        try FactorDirectory.write(contents, to: ours, version: "t")
        try Self.notes.write(to: ours.appendingPathComponent("extra.txt"))
        #expect(throws: DataError.self) { try FactorDirectory.write(contents, to: ours, version: "t") }
        #expect(FileManager.default.fileExists(atPath: ours.appendingPathComponent("extra.txt").path))
        try FileManager.default.removeItem(at: ours.appendingPathComponent("extra.txt"))
        // Ours alone: replaced, and nothing is left beside it.
        try FactorDirectory.write(contents, to: ours, version: "t2")
        #expect(try FactorDirectory.read(ours).manifest.source.version == "t2")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root.path)) == ["other", "file", "ours"])
        // Another tool's directory (Spark's): refused, kept.
        let spark = root.appendingPathComponent("spark")
        try FileManager.default.createDirectory(at: spark, withIntermediateDirectories: true)
        let manifest = Data(#"{"format_version":1,"kind":"dot","factors":2,"scale":{"min":1,"max":5,"step":1},"source":{"tool":"spark"}}"#.utf8)
        try manifest.write(to: spark.appendingPathComponent("manifest.json"))
        #expect(throws: DataError.self) { try FactorDirectory.write(contents, to: spark, version: "t") }
        #expect(try Data(contentsOf: spark.appendingPathComponent("manifest.json")) == manifest)
        // An empty folder: written into.
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try FactorDirectory.write(contents, to: empty, version: "t")
        #expect(try FactorDirectory.read(empty).users.ids == contents.userIds)
    }

    @Test func aFolderHoldingTheModelOrTheCurrentFolderIsNeverReplaced() throws {
        let (contents, _) = try FactorDirectoryTests.trainedContents()
        let root = Fixtures.folder()
        let model = root.appendingPathComponent("m.latentlab")
        try ModelFile.write(contents, to: model)
        #expect(throws: DataError.self) { try FactorDirectory.write(contents, to: root, version: "t", protecting: [model]) }
        #expect(throws: DataError.self) { try FactorDirectory.write(contents, to: root.deletingLastPathComponent(), version: "t", protecting: [model]) }
        #expect(FileManager.default.fileExists(atPath: model.path))
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        #expect(throws: DataError.self) { try WriteGuard.requireApart(cwd, from: []) }
        #expect(throws: DataError.self) { try WriteGuard.requireApart(cwd.deletingLastPathComponent(), from: []) }
        try WriteGuard.requireApart(root.appendingPathComponent("new"), from: [model])
    }

    @Test func aSampleReplacesOnlyASampleOfOurs() throws {
        var p = SampleGenerator.Parameters()
        p.users = 20; p.movies = 20; p.ratings = 300
        let output = SampleGenerator(p).generate()
        let real = Fixtures.folder()
        let ratings = Data("userId,movieId,rating,timestamp\n1,1,4.0,0\n".utf8)
        try ratings.write(to: real.appendingPathComponent("ratings.csv"))
        #expect(throws: DataError.self) { try SampleWriter.write(output, parameters: p, to: real) }
        #expect(try Data(contentsOf: real.appendingPathComponent("ratings.csv")) == ratings)
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path) == ["ratings.csv"], "nothing written beside it")
        // A sample of ours is written again (the README says so).
        let sample = Fixtures.folder()
        try SampleWriter.write(output, parameters: p, to: sample)
        p.seed = 9
        try SampleWriter.write(SampleGenerator(p).generate(), parameters: p, to: sample)
        #expect(try String(decoding: Data(contentsOf: sample.appendingPathComponent("README.md")), as: UTF8.self).contains("--seed 9"))
    }

    @Test func theMapRecognisesItsOwnSVGOnly() throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\">\n\(MapSVG.marker)\n<rect/>"
        #expect(MapSVG.signature.recognises(Array(svg.utf8)))
        // Written before the marker: the opening and the title it always had.
        #expect(MapSVG.signature.recognises(Array("<svg xmlns=\"x\">\n<rect/>\n<text x=\"70\" y=\"28\" font-size=\"16\">PCA of the 5 most".utf8)))
        #expect(!MapSVG.signature.recognises(Array("<svg xmlns=\"x\"><circle r=\"4\"/></svg>".utf8)))
        #expect(!MapSVG.signature.recognises(Array("PCA of the\n".utf8)))
    }
}
