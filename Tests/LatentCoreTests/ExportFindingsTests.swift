import Foundation
import Testing
@testable import LatentCore

/// What fuzzing the export path found (the inputs are in Tests/Fuzz/export/, replayed by the suite).
@Suite("The export path's fuzz findings")
struct ExportFindingsTests {
    /// A model with a factor beyond what an import accepts was exported into a directory that
    /// could not be imported again: it is refused, and no folder is left.
    @Test func aModelBeyondTheImportLimitIsNotExported() throws {
        var (contents, _) = try FactorDirectoryTests.trainedContents()
        contents.itemFactors[5] = -4.9e7
        let dir = FactorDirectoryTests.folder()
        #expect {
            try FactorDirectory.write(contents, to: dir, version: "t")
        } throws: { error in
            (error as? DataError)?.message.contains("a movie value is -4.9e+07, beyond ±100,000") == true
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.deletingLastPathComponent().path).allSatisfy { !$0.hasPrefix(".\(dir.lastPathComponent)") },
                "no staging folder left")
    }

    /// A model file naming one user twice passed every check, and its export did not read back.
    @Test func aModelFileWithAUserIdTwiceIsDamaged() throws {
        var (contents, _) = try FactorDirectoryTests.trainedContents()
        contents.userIds[3] = contents.userIds[0]
        let file = Fixtures.folder().appendingPathComponent("twice.latentlab")
        try ModelFile.write(contents, to: file)
        #expect {
            try ModelFile.read(file)
        } throws: { error in
            (error as? DataError)?.message == "is damaged (a user id appears twice)"
        }
    }
}
