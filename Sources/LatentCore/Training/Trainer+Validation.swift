import CKernels
import Foundation

/// The validation pass: the errors of the predictions on the held-out ratings, in C, on several
/// threads, on the trainer's model or on a copy of it (validated while training goes on).
extension Trainer {
    /// Errors on the validation ratings; a user or movie without training ratings is predicted from what is known.
    /// With a `limit`, an evenly spaced sample of that many held-out ratings (a quick estimate mid-epoch).
    /// `threads` (default: the trainer's) may be more than train: the explorer trains on all
    /// cores but one and validates on all of them.
    public func validate(limit: Int = .max, threads validationThreads: Int? = nil) -> ValidationMetrics {
        if let neural { return neural.validate(limit: limit) }
        let input = ValidationInput(model: model, data: data, mean: trainMean, averagedMSE: averagedValidMSE)
        if limit > 0 && limit < data.validCount { return Self.validate(input, sample: sample(limit: limit)) }
        return Self.validate(input, limit: limit, threads: validationThreads ?? threads)
    }

    /// A copy of the model as it stands, with what validation reads: validated on another thread
    /// while this trainer goes on (the explorer flat out on a large data set).
    public func validationInput() -> sending ValidationInput {
        ValidationInput(model: model.copy(), data: data, mean: trainMean, averagedMSE: averagedValidMSE)
    }

    /// A sampled model's figure on the held-out ratings: the running average's, as of the last sweep.
    var averagedValidMSE: Float? { sampler?.averagedValidMSE.map(Float.init) }

    /// For a pass on a thread of its own beside the training: that thread yields to the others
    /// (nice 10) when the cores are all wanted.
    public static func lowerThisThreadsPriority() { ll_lower_thread_priority(10) }

    /// What the validation pass reads: a model (this trainer's, or a copy of it owned by the
    /// pass) and the held-out ratings with which rows were trained. Not `Sendable`: the model is
    /// mutable, so a copy crosses to another thread only as a `sending` value, owned by it alone.
    public struct ValidationInput {
        let model: DotProductBias
        let data: TrainingData
        let mean: Float
        /// A sampled model's averaged figure, carried into the metrics (`ValidationMetrics.averagedMSE`).
        let averagedMSE: Float?
    }

    /// The quick estimate's ratings (every `stride`-th held-out rating) packed once, with where
    /// each chunk of positions begins among them: read in order at every estimate instead of
    /// from all over the table (on 25M ratings an estimate took 4 ms, a fifth of the explorer's
    /// time flat out).
    struct ValidationSample {
        let limit: Int
        let ratings: [Rating]
        let chunkStarts: [Int]
    }

    /// Positions are summed in chunks of this many, the chunks' sums added in order: the figures
    /// do not depend on the thread count, nor on the sample being packed.
    static let validationChunk = 1 << 16

    /// The sample for `limit`, packed the first time it is asked for.
    func sample(limit: Int) -> ValidationSample {
        if let cached = validationSample, cached.limit == limit { return cached }
        let total = data.validCount, chunk = Self.validationChunk
        let stride = (total + limit - 1) / limit
        var ratings: [Rating] = []
        ratings.reserveCapacity(total / stride + 1)
        var starts: [Int] = []
        for c in 0..<((total + chunk - 1) / chunk) {
            starts.append(ratings.count)
            let first = (c * chunk + stride - 1) / stride * stride
            data.valid.forEach(Swift.stride(from: first, to: min(total, (c + 1) * chunk), by: stride)) { ratings.append($0) }
        }
        starts.append(ratings.count)
        let made = ValidationSample(limit: limit, ratings: ratings, chunkStarts: starts)
        validationSample = made
        return made
    }

    /// Runs `body` with the C pass's view of `input`'s model (a Swift Bool is one byte, 0 or 1).
    static func withScoring<R>(_ input: ValidationInput, _ body: (UnsafePointer<ll_score_model>) -> R) -> R {
        let (model, data) = (input.model, input.data)
        let range = model.config.yRange
        return data.userSeen.withUnsafeBytes { userSeen in
            data.itemSeen.withUnsafeBytes { itemSeen in
                var scoring = ll_score_model(
                    user_factors: model.userFactors.storage, item_factors: model.itemFactors.storage,
                    user_bias: model.userBias.storage, item_bias: model.itemBias.storage,
                    user_seen: userSeen.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    item_seen: itemSeen.baseAddress?.assumingMemoryBound(to: UInt8.self),
                    stride: Int64(model.userFactors.stride), base: range == nil ? model.globalMean : 0,
                    lo: range?.lowerBound ?? 0, span: range.map { $0.upperBound - $0.lowerBound } ?? 0,
                    mean: input.mean, use_bias: model.config.useBias ? 1 : 0, squash: range == nil ? 0 : 1)
                return withUnsafePointer(to: &scoring) { body($0) }
            }
        }
    }

    /// Ratings are scored this many at a time (in a chunk, the calls' sums added in order).
    static let validationBatch = 1_024

    /// Errors of `input`'s model on its held-out ratings (see `validate`).
    public static func validate(_ input: ValidationInput, limit: Int = .max, threads: Int) -> ValidationMetrics {
        let data = input.data
        let total = data.validCount
        guard total > 0, limit > 0 else { return .empty }
        let stride = limit >= total ? 1 : (total + limit - 1) / limit
        let chunk = validationChunk
        let chunks = (total + chunk - 1) / chunk
        var parts = [ll_errors](repeating: ll_errors(), count: chunks)
        let workers = max(1, threads)
        withScoring(input) { scoring in
            parts.withUnsafeMutableBufferPointer { parts in
                let job = ValidationJob(data: data, scoring: scoring, out: parts.baseAddress)
                DispatchQueue.concurrentPerform(iterations: min(workers, chunks)) { w in
                    // The held-out ratings are read where they lie in the table, a batch at a
                    // time, and scored in C with their rows prefetched ahead.
                    // The batch is in the kernels' own type: each rating copied in, nothing reinterpreted.
                    var batch = [ll_rating](repeating: ll_rating(user: 0, item: 0, value: 0), count: validationBatch)
                    batch.withUnsafeMutableBufferPointer { batch in
                        guard let ratings = batch.baseAddress else { return }
                        for c in Swift.stride(from: w, to: chunks, by: workers) {
                            var part = ll_errors()
                            var filled = 0
                            // The sample's positions (every `stride`-th rating) that fall in this chunk.
                            let first = (c * chunk + stride - 1) / stride * stride
                            job.data.valid.forEach(Swift.stride(from: first, to: min(total, (c + 1) * chunk), by: stride)) { r in
                                batch[filled] = ll_rating(user: r.user, item: r.item, value: r.value)
                                filled += 1
                                if filled == batch.count {
                                    ll_rating_errors(ratings, Int64(filled), job.scoring, &part)
                                    filled = 0
                                }
                            }
                            ll_rating_errors(ratings, Int64(filled), job.scoring, &part)
                            job.out?[c] = part
                        }
                    }
                }
            }
        }
        return metrics(parts, averagedMSE: input.averagedMSE)
    }

    /// Errors on a packed sample: the same calls and sums as `validate(_:limit:threads:)` with its limit.
    static func validate(_ input: ValidationInput, sample: ValidationSample) -> ValidationMetrics {
        var parts: [ll_errors] = []
        parts.reserveCapacity(max(0, sample.chunkStarts.count - 1))
        withScoring(input) { scoring in
            sample.ratings.withKernelRatings { packed in
                guard let ratings = packed.baseAddress else { return }
                for (start, end) in zip(sample.chunkStarts, sample.chunkStarts.dropFirst()) {
                    var part = ll_errors()
                    var at = start
                    repeat {
                        let n = min(validationBatch, end - at)
                        ll_rating_errors(ratings + at, Int64(n), scoring, &part)
                        at += n
                    } while at < end
                    parts.append(part)
                }
            }
        }
        return metrics(parts, averagedMSE: input.averagedMSE)
    }

    private static func metrics(_ parts: [ll_errors], averagedMSE: Float?) -> ValidationMetrics {
        var se = 0.0, ae = 0.0, n = 0, unseen = 0
        for p in parts { se += p.squared; ae += p.absolute; n += Int(p.count); unseen += Int(p.unseen) }
        guard n > 0 else { return .empty }
        let mse = se / Double(n)
        var m = ValidationMetrics(mse: Float(mse), rmse: Float(mse.squareRoot()), mae: Float(ae / Double(n)), count: n, unseen: unseen)
        m.averagedMSE = averagedMSE
        return m
    }

    /// What the validation threads read (the model, not written while they run) and where each
    /// chunk's sums go (a slot per chunk, written by the one thread that computes it).
    struct ValidationJob: @unchecked Sendable {
        let data: TrainingData
        let scoring: UnsafePointer<ll_score_model>
        let out: UnsafeMutablePointer<ll_errors>?
    }
}
