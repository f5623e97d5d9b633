import ArgumentParser
import Foundation
import LatentCore

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the training kernels and the loader (build with -c release for real figures).",
        discussion: "Trains one epoch of each preset on synthetic data shaped like MovieLens 100k, 1M and 25M (or on --data), times loading a 25M-line ratings.csv, and reports peak memory.")

    @Option(name: .long, help: "Benchmark on this data set instead of the synthetic shapes.")
    var data: String?

    @Flag(name: .long, help: "Skip the 25M shape (a run of a few seconds).")
    var quick = false

    @Option(name: .long, help: "Latent factors for every run, 1–4096 (the targets are stated for 50).",
            transform: FlagBounds.int(1...4096, "the number of factors"))
    var factors = 50

    @Option(name: .long, parsing: .upToNextOption, help: "The presets to time.")
    var presets: [GradientPreset] = [.funkSVD, .fastai]

    @Option(name: .long, help: "Epochs timed per run, 1–1,000; the median is reported.",
            transform: FlagBounds.int(1...1_000, "the number of repeats"))
    var repeats = 5

    @Option(name: .long, parsing: .upToNextOption, help: "Thread counts to time the per-rating SGD with (default: 1 and every core).",
            transform: FlagBounds.int(1...256, "the number of threads"))
    var threads: [Int] = []

    @Flag(name: .long, help: "Run the SGD kernel on the portable x86-64 baseline (SSE2) even where the CPU has AVX.")
    var baselineKernels = false

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    struct Result: Codable {
        var preset: String, dataset: String, ratings: Int, factors: Int, threads: Int, kernels: String
        var secondsPerEpoch: Double, ratingsPerSecond: Double
        enum CodingKeys: String, CodingKey {
            case preset, dataset, ratings, factors, threads, kernels
            case secondsPerEpoch = "seconds_per_epoch", ratingsPerSecond = "ratings_per_second"
        }
    }
    struct Load: Codable {
        var dataset: String, ratings: Int, seconds: Double, threads: Int
        /// The process's peak while loading (the peak is started again before each load).
        var peakMemoryBytes: Int?
        enum CodingKeys: String, CodingKey {
            case dataset, ratings, seconds, threads, peakMemoryBytes = "peak_memory_bytes"
        }
    }
    struct Report: Codable {
        var results: [Result], load: [Load], peakMemoryBytes: Int, build: String, foldInMilliseconds: Double?
        enum CodingKeys: String, CodingKey {
            case results, load, build, peakMemoryBytes = "peak_memory_bytes", foldInMilliseconds = "fold_in_ms"
        }
    }

    func run() throws {
        var results: [Result] = []
        var loads: [Load] = []
        var foldIn: Double?
        func say(_ s: String) { if !json { print(s) } }
        #if DEBUG
        let build = "debug"
        say("warning: a debug build; run `swift build -c release` and .build/release/latentlab bench for real figures")
        #else
        let build = "release"
        #endif

        TrainingKernels.useBaselineOnly(baselineKernels)
        let kernels = TrainingKernels.instructionSet
        var sets: [(String, TrainingData)] = []
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threadCounts = threads.isEmpty ? Array(Set([1, cores])).sorted() : threads
        var overallPeak = 0
        /// Loads `path` with each thread count; the data set of the last load.
        func timeLoads(_ path: String, name: String) throws -> Dataset? {
            var last: Dataset?
            for threadCount in threadCounts {
                last = nil
                overallPeak = max(overallPeak, MemoryUsage.peakBytes ?? 0)
                let resetWorked = MemoryUsage.resetPeak()
                let started = DispatchTime.now().uptimeNanoseconds
                let loaded = try DatasetLoader.load(path, options: LoadOptions(threads: threadCount))
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                let peak = resetWorked ? MemoryUsage.peakBytes : nil
                loads.append(Load(dataset: name, ratings: loaded.ratings.count, seconds: seconds, threads: threadCount, peakMemoryBytes: peak))
                say(String(format: "load      %@ (%@ ratings): %.2f s, %d thread%@", name, loaded.ratings.count.grouped, seconds, threadCount, threadCount == 1 ? "" : "s")
                    + (peak.map { ", peak \($0 >> 20) MiB" } ?? ""))
                last = loaded
            }
            return last
        }
        if let data {
            guard let loaded = try timeLoads(data, name: data) else { return }
            sets.append((data, TrainingData(dataset: loaded, split: Split(count: loaded.ratings.count, valid: []))))
        } else {
            var shapes: [SyntheticRatings.Shape] = [.ml100k, .ml1m]
            if !quick { shapes.append(.ml25m) }
            for shape in shapes { sets.append((shape.name, SyntheticRatings.trainingData(shape))) }
        }
        say("preset    dataset          ratings       factors  s/epoch    ratings/s")
        for (name, training) in sets {
            for preset in presets {
              // Threads change the epochs that run in a kernel (funk-svd, fastai); the genres preset runs once.
              for threadCount in preset == .genres ? [1] : threadCounts {
                let presetName = preset.rawValue
                var h = preset.name.hyperparameters
                h.factors = factors
                h.epochs = 1
                h.epochs = repeats
                let trainer = try Trainer(data: training, hyper: h, threads: threadCount)
                var rated = 0
                var timings: [Double] = []
                if !trainer.usesFusedEpochs && training.trainCount > 2_000_000 {
                    // Step by step (the genres preset) 25M ratings would take minutes: time a slice and scale.
                    let started = DispatchTime.now().uptimeNanoseconds
                    let steps = 2_000_000 / h.batchSize
                    for _ in 0..<steps { rated += try trainer.trainStep().batchSize }
                    timings.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                } else {
                    // Several epochs, the median reported: one epoch is noisy on a shared machine.
                    let runs = training.trainCount > 2_000_000 ? 1 : repeats
                    for _ in 0..<runs { timings.append(try trainer.trainEpoch().seconds) }
                    rated = training.trainCount
                }
                let seconds = timings.sorted()[timings.count / 2]
                let perSecond = Double(rated) / seconds
                let epochSeconds = Double(training.trainCount) / perSecond
                results.append(Result(preset: presetName, dataset: name, ratings: training.trainCount, factors: factors,
                                      threads: trainer.usesFusedEpochs ? threadCount : 1,
                                      kernels: trainer.usesPerRatingKernel ? kernels : (trainer.usesFusedAdam ? "c-adam" : "swift-simd8"),
                                      secondsPerEpoch: epochSeconds, ratingsPerSecond: perSecond))
                say("\(presetName.padded(9)) \(name.padded(16)) \(training.trainCount.grouped.leftPadded(10))  \(String(factors).leftPadded(7))  "
                    + String(format: "%8.4f  %11.0f", epochSeconds, perSecond)
                    + (trainer.usesFusedEpochs ? "  \(threadCount) thread\(threadCount == 1 ? "" : "s")" : "")
                    + (trainer.usesFusedEpochs && trainer.threadsInUse < threadCount ? " (too small to split: trained on one)" : "")
                    + (rated < training.trainCount ? "  (timed on \(rated.grouped) ratings)" : ""))
              }
            }
        }
        if data == nil && !quick {
            let shape = SyntheticRatings.Shape.ml25m
            // A new folder of its own (never one that was there: it is removed afterwards).
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("ratings.csv")
            try SyntheticRatings.writeCSV(shape, to: file)
            sets.removeAll() // the training sets' memory is not the loader's
            _ = try timeLoads(file.path, name: "\(shape.name) ratings.csv")
        }
        if data == nil {
            // Folding a person in and ranking every movie, on an ml-25m-size catalog: must fit in a frame.
            let model = DotProductBias(users: 1, items: SyntheticRatings.Shape.ml25m.items, config: ModelConfig(factors: factors))
            model.initialize(seed: 3)
            let counts = [Int32](repeating: 50, count: model.itemCount)
            let ratings = (0..<20).map { (item: $0 * 997 % model.itemCount, rating: Float(1 + $0 % 5)) }
            var timings: [Double] = []
            for _ in 0..<9 {
                let started = DispatchTime.now().uptimeNanoseconds
                _ = PersonalRecommendations.make(model: model, ratings: ratings, counts: counts, n: 12)
                timings.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            }
            foldIn = timings.sorted()[timings.count / 2]
            say(String(format: "fold-in   20 ratings, top 12 of %@ movies: %.2f ms", model.itemCount.grouped, foldIn ?? 0))
        }
        let peak = max(overallPeak, MemoryUsage.peakBytes ?? 0)
        say("peak memory: \(peak / (1 << 20)) MiB (\(build) build; SGD kernel: \(kernels))")
        if json { print(try JSONOutput.string(Report(results: results, load: loads, peakMemoryBytes: peak, build: build, foldInMilliseconds: foldIn))) }
    }
}

/// The presets `bench` times: the ones trained by gradient steps.
enum GradientPreset: String, CaseIterable, ExpressibleByArgument {
    case fastai
    case funkSVD = "funk-svd"
    case genres

    var name: PresetName {
        switch self {
        case .fastai: return .fastai
        case .funkSVD: return .funkSVD
        case .genres: return .genres
        }
    }
}

