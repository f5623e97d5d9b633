import CKernels
import Foundation
import Testing
@testable import LatentCore

@Suite("Model files: damaged or crafted files are refused, never trusted, never a crash")
struct ModelIntegrityTests {
    /// A small trained model, and its bytes.
    static func model() throws -> (ModelFile.Contents, Data) {
        let (data, training) = smallTraining()
        var h = Hyperparameters.fastai
        h.factors = 4; h.epochs = 1
        let trainer = try Trainer(data: training, hyper: h)
        let contents = ModelFile.Contents(trainer: trainer, dataset: data, history: try trainer.fit())
        let url = Fixtures.folder().appendingPathComponent("m.latentlab")
        try ModelFile.write(contents, to: url)
        return (contents, try Data(contentsOf: url))
    }

    static func message(_ data: Data) -> String? {
        do { _ = try ModelFile.read(data, name: "m"); return nil } catch let e as DataError { return e.message } catch { return "\(error)" }
    }

    @Test func crc32cMatchesTheStandardCheckValueOnBothPaths() {
        let check = Array("123456789".utf8)
        #expect(ll_crc32c(0, check, Int64(check.count), 0) == 0xE306_9283)
        #expect(ll_crc32c(0, check, Int64(check.count), 1) == 0xE306_9283)
        var rng = SeededRandom(seed: 9)
        let bytes = (0..<10_007).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        #expect(ll_crc32c(0, bytes, Int64(bytes.count), 0) == ll_crc32c(0, bytes, Int64(bytes.count), 1))
        // In two pieces, continued: the same as in one.
        let first = ll_crc32c(0, bytes, 5_000, 0)
        let whole = bytes.withUnsafeBufferPointer { ll_crc32c(first, $0.baseAddress.map { $0 + 5_000 }, Int64(bytes.count - 5_000), 0) }
        #expect(whole == ll_crc32c(0, bytes, Int64(bytes.count), 0))
    }

    @Test func everyFlippedBitIsRefused() throws {
        let (contents, bytes) = try Self.model()
        #expect(try ModelFile.read(bytes, name: "m") == contents)
        // Every bit of the opening and the header's length, then bits spread over the whole file.
        var rng = SeededRandom(seed: 4)
        let positions = Array(0..<24) + (0..<400).map { _ in rng.nextIndex(below: bytes.count) }
        for p in positions {
            for bit in p < 24 ? Array(0..<8) : [rng.nextIndex(below: 8)] {
                var damaged = bytes
                damaged[p] ^= UInt8(1 << bit)
                #expect(Self.message(damaged) != nil, "a flip of bit \(bit) of byte \(p) was not noticed")
            }
        }
    }

    @Test func everyTruncationIsRefused() throws {
        let (_, bytes) = try Self.model()
        var rng = SeededRandom(seed: 5)
        for n in Array(0..<40) + (0..<200).map({ _ in rng.nextIndex(below: bytes.count) }) {
            #expect(Self.message(bytes.prefix(n)) != nil, "cut to \(n) bytes")
        }
        #expect(Self.message(Data("hello\n".utf8)) == "is not a LatentLab model file (train one with `latentlab train --save FILE`)")
        #expect(Self.message(Data("LATENTLB".utf8)) == "is truncated (8 bytes, not even a version)")
    }

    /// Files whose checksum is right but whose contents lie: what a hand-made or hostile file
    /// does. Each is written by the real writer, so only the lie is different.
    @Test func craftedFilesWithAValidChecksumAreStillChecked() throws {
        let (good, _) = try Self.model()
        let url = Fixtures.folder().appendingPathComponent("crafted.latentlab")
        func refusal(_ change: (inout ModelFile.Contents) -> Void) throws -> String? {
            var c = good
            change(&c)
            try ModelFile.write(c, to: url)
            return Self.message(try Data(contentsOf: url))
        }
        #expect(try refusal { $0.header.movies.removeLast() } == "is damaged (79 titles for 80 movies)")
        #expect(try refusal { $0.ratedOffsets[3] = -5 }?.contains("offsets are out of order") == true)
        #expect(try refusal { $0.ratedOffsets[3] = Int64.max }?.contains("offsets are out of order") == true)
        #expect(try refusal { $0.ratedItems[0] = 1_000_000 } == "is damaged (a rated movie is out of range)")
        #expect(try refusal { $0.itemFactors[5] = .nan }?.contains("movie factors hold nan at 5") == true)
        #expect(try refusal { $0.userBias[0] = .infinity }?.contains("not a finite number") == true)
        #expect(try refusal { $0.header.globalMean = .nan }?.contains("mean is not a number") == true)
        #expect(try refusal { $0.header.config.factors = 0 } == "is damaged (0 factors)")
        #expect(try refusal { $0.header.users = Int.max } != nil)
        #expect(try refusal { $0.itemIds[1] = $0.itemIds[0] } == "is damaged (a movie id appears twice)")
        #expect(try refusal { $0.userFactors.removeLast() } == "is damaged (section sizes disagree with the header)")
    }

    /// A bayes model carries its kept samples: read back, they answer as the sampler did; a
    /// count or a length that lies is refused.
    @Test func aSampledModelKeepsItsPosterior() throws {
        let (data, training) = smallTraining()
        var h = Hyperparameters.bayes
        h.factors = 3; h.epochs = 12
        let trainer = try Trainer(data: training, hyper: h)
        let history = try trainer.fit()
        let contents = ModelFile.Contents(trainer: trainer, dataset: data, history: history)
        let sampler = try #require(trainer.sampler)
        #expect(contents.header.posteriorSamples == sampler.samples.count && sampler.samples.count > 1)
        let url = Fixtures.folder().appendingPathComponent("bayes.latentlab")
        try ModelFile.write(contents, to: url)
        let read = try ModelFile.read(url)
        #expect(read == contents)
        let posterior = try #require(read.makePosterior())
        for (u, m) in [(0, 0), (3, 7), (data.userCount - 1, data.itemCount - 1)] {
            let a = try #require(sampler.posterior(user: u, item: m)), b = try #require(posterior.posterior(user: u, item: m))
            #expect(abs(a.mean - b.mean) < 1e-5 && abs(a.spread - b.spread) < 1e-5, "floats on disk, doubles in the chain")
        }
        // A person folded in gets the same posterior from the file as from the chain.
        let mine = [(item: 1, value: Float(5)), (item: 4, value: Float(2))]
        let live = try #require(sampler.foldIn(mine)), saved = try #require(posterior.foldIn(mine))
        #expect(abs((sampler.posterior(of: live, item: 9)?.mean ?? 0) - (posterior.posterior(of: saved, item: 9)?.mean ?? 9)) < 1e-4)
        func refusal(_ change: (inout ModelFile.Contents) -> Void) throws -> String? {
            var c = contents
            change(&c)
            try ModelFile.write(c, to: url)
            return Self.message(try Data(contentsOf: url))
        }
        #expect(try refusal { $0.posterior[0].removeLast() } == "is damaged (its posterior samples have broken lengths)")
        #expect(try refusal { $0.posterior[1][3] = .nan } == "is damaged (a posterior sample holds a number that is not finite)")
        #expect(try refusal { $0.header.posteriorSamples = -1 } == "is damaged (-1 posterior samples)")
        #expect(try refusal { $0.header.posteriorSamples = ($0.header.posteriorSamples ?? 0) + 1 } != nil)
    }

    @Test func olderVersionsAreStillReadAndStillChecked() throws {
        let (good, bytes) = try Self.model()
        // The same file as version 2 wrote it: no checksum.
        var v2 = Data(bytes.dropLast(4))
        v2[8] = 2
        #expect(try ModelFile.read(v2, name: "m") == good)
        // A header length of 2⁶⁴ − 1 in a file without a checksum: refused, not an overflow.
        var huge = v2
        for i in 12..<20 { huge[i] = 0xFF }
        #expect(Self.message(huge) == "is truncated (\(v2.count) bytes; a length in it promises more)")
        // A header without the fields added later reads with their defaults.
        let json = #"{"hyperparameters":null}"#
        #expect(Self.message(Self.withHeader(json, like: v2))?.hasPrefix("has a damaged header ('hyperparameters' has the wrong type") == true)
    }

    /// `file` with its JSON header replaced by `json` (version 2, no checksum).
    static func withHeader(_ json: String, like file: Data) -> Data {
        let length = file.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 12, as: UInt64.self))) }
        var out = Data(file.prefix(12))
        withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(Data(json.utf8))
        out.append(file.suffix(from: 20 + length))
        return out
    }

    @Test func aHeaderWithoutItsNewerFieldsTakesDefaults() throws {
        let (good, bytes) = try Self.model()
        var v2 = Data(bytes.dropLast(4))
        v2[8] = 2
        let length = v2.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 12, as: UInt64.self))) }
        var header = try #require(try JSONSerialization.jsonObject(with: v2.subdata(in: 20..<(20 + length))) as? [String: Any])
        for key in ["history", "steps", "session", "format", "source"] { header.removeValue(forKey: key) }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: header), as: UTF8.self)
        let read = try ModelFile.read(Self.withHeader(json, like: v2), name: "m")
        #expect(read.header.history.isEmpty && read.header.steps == 0 && read.header.source == "")
        #expect(read.itemFactors == good.itemFactors)
    }
}
