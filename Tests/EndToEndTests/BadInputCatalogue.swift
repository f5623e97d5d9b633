import Foundation
import Testing
import ZIPFoundation

/// One bad input tried against the real binary: the files it finds, the command, and what
/// must come out (the exit status and the message, exactly as a person reads it).
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// Files written into a fresh folder before the run (`{dir}` in arguments and messages).
    var files: [String: Data] = [:]
    /// What plain files cannot express: pipes, link loops, zips, damaged models.
    var special: [Special] = []
    var arguments: [String]
    var status: Int32
    /// A line the standard error must contain (after `{dir}` and `{model}` are filled in).
    var message: String
    /// A text the standard output must contain, when the command should still succeed.
    var output: String? = nil

    var testDescription: String { name }

    enum Special: Sendable {
        case fifo(String)
        case linkLoop(String)
        case zip(String, [(path: String, contents: Data)])
        /// A zip whose one entry, `ratings.csv`, declares 1,000 bytes and unpacks to 20 MB.
        case zipBomb(String)
        /// A folder with nothing in it.
        case emptyFolder(String)
        /// A copy of the shared model with its bytes changed.
        case model(String, @Sendable (inout Data) -> Void)
    }

    init(_ name: String, files: [String: String] = [:], binary: [String: Data] = [:], special: [Special] = [],
         _ arguments: [String], status: Int32, _ message: String, output: String? = nil) {
        self.name = name
        self.files = binary.merging(files.mapValues { Data($0.utf8) }) { a, _ in a }
        self.special = special; self.arguments = arguments; self.status = status; self.message = message; self.output = output
    }
}

/// The small data set every case starts from: ml-latest's layout, a title holding an escape
/// sequence, a quoted title with a comma.
enum CatalogueData {
    static let ratings = "userId,movieId,rating,timestamp\n" + [
        "1,1,4.0", "1,2,3.5", "1,3,1.0", "1,4,4.5", "2,1,5.0", "2,2,2.0", "2,5,4.0", "3,1,3.0", "3,3,5.0", "3,4,2.5",
        "4,2,4.0", "4,3,2.0", "4,5,3.5", "5,1,4.5", "5,4,4.0", "5,5,1.5", "6,2,3.0", "6,3,4.5", "6,4,2.0", "6,5,5.0",
    ].map { $0 + ",964982703" }.joined(separator: "\n") + "\n"
    static let movies = """
    movieId,title,genres
    1,Toy Story (1995),Animation|Children|Comedy
    2,Jumanji (1995),Adventure|Children
    3,"Evil \u{1B}]0;pwned\u{07} \u{1B}[2J (1999)",Horror
    4,"American President, The (1995)",Comedy|Drama|Romance
    5,Heat (1995),Action|Crime

    """
    static var folder: [String: String] { ["ratings.csv": ratings, "movies.csv": movies] }

    /// A model trained once on the data above (no held-out ratings, so every movie is trained).
    static let model: Result<URL, Error> = Result {
        let dir = Harness.temporaryFolder()
        try Data(ratings.utf8).write(to: dir.appendingPathComponent("ratings.csv"))
        try Data(movies.utf8).write(to: dir.appendingPathComponent("movies.csv"))
        let model = dir.appendingPathComponent("model.latentlab")
        let out = try Harness.run(["train", "--data", dir.path, "--epochs", "2", "--factors", "4", "--valid-pct", "0", "--save", model.path])
        guard out.status == 0 else { throw CatalogueSetupError(description: out.stderr) }
        return model
    }

    struct CatalogueSetupError: Error, CustomStringConvertible { var description: String }
}

@Suite("Bad input: the catalogue, against the real binary")
struct BadInputCatalogueTests {
    @Test(arguments: BadInputCatalogue.cases)
    func refusedClearly(_ c: BadInput) throws {
        let dir = Harness.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try CatalogueData.model.get()
        for (name, data) in c.files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        for special in c.special { try make(special, in: dir, model: model) }
        func fill(_ s: String) -> String { s.replacingOccurrences(of: "{dir}", with: dir.path).replacingOccurrences(of: "{model}", with: model.path) }
        let out = try Harness.run(c.arguments.map(fill), in: dir, timeout: 60)
        #expect(!out.timedOut, "hung")
        #expect(!out.signalled, "crashed: \(out.stderr.prefix(400))")
        #expect(out.status == c.status, "exit status; stderr: \(out.stderr.prefix(300))")
        if c.message.isEmpty {
            #expect(!out.stderr.contains("Error"), "no error expected; stderr was: \(out.stderr.prefix(600))")
        } else {
            #expect(out.stderr.contains(fill(c.message)), "the message; stderr was: \(out.stderr.prefix(600))")
        }
        if let expected = c.output { #expect(out.stdout.contains(fill(expected)), "stdout was: \(out.stdout.prefix(600))") }
        if c.status != 0 {
            // A refusal changes nothing: every file the case started with holds its bytes, and no
            // temporary file or folder is left behind.
            for (name, data) in c.files {
                #expect((try? Data(contentsOf: dir.appendingPathComponent(name))) == data, "\(name) was changed or removed")
            }
            let left = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String }.filter { $0.contains(".tmp") } ?? []
            #expect(left.isEmpty, "temporary files left: \(left)")
        }
        // Nothing from a file reaches the terminal raw: no control character but the line feed.
        let control = (out.stdout + out.stderr).unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
        #expect(control.isEmpty, "control characters in the output: \(control.map { String($0.value, radix: 16) })")
    }

    func make(_ special: BadInput.Special, in dir: URL, model: URL) throws {
        switch special {
        case .fifo(let name):
            #expect(mkfifo(dir.appendingPathComponent(name).path, 0o600) == 0)
        case .linkLoop(let name):
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(name).path, withDestinationPath: name)
        case .zip(let name, let entries):
            let archive = try Archive(url: dir.appendingPathComponent(name), accessMode: .create)
            for e in entries {
                try archive.addEntry(with: e.path, type: .file, uncompressedSize: Int64(e.contents.count), compressionMethod: .deflate) { position, size in
                    e.contents.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        case .zipBomb(let name):
            let url = dir.appendingPathComponent(name)
            let zeros = Data(count: 20_000_000)
            let archive = try Archive(url: url, accessMode: .create)
            try archive.addEntry(with: "ratings.csv", type: .file, uncompressedSize: Int64(zeros.count), compressionMethod: .deflate) { position, size in
                zeros.subdata(in: Int(position)..<Int(position) + size)
            }
            // Claim 1,000 bytes in both headers (local: offset 22; central: offset 24).
            var bytes = try Data(contentsOf: url)
            func patch(signature: [UInt8], offset: Int) {
                guard let at = bytes.firstRange(of: Data(signature))?.lowerBound else { return }
                withUnsafeBytes(of: UInt32(1_000).littleEndian) { bytes.replaceSubrange((at + offset)..<(at + offset + 4), with: $0) }
            }
            patch(signature: [0x50, 0x4B, 0x03, 0x04], offset: 22)
            patch(signature: [0x50, 0x4B, 0x01, 0x02], offset: 24)
            try bytes.write(to: url)
        case .emptyFolder(let name):
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
        case .model(let name, let change):
            var bytes = try Data(contentsOf: model)
            change(&bytes)
            try bytes.write(to: dir.appendingPathComponent(name))
        }
    }

    @Test func theCatalogueIsLargeAndItsNamesUnique() {
        #expect(BadInputCatalogue.cases.count >= 80)
        #expect(Set(BadInputCatalogue.cases.map(\.name)).count == BadInputCatalogue.cases.count)
    }
}
