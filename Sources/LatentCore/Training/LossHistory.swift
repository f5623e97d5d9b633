/// The whole history of a per-step series in bounded memory: at most `capacity` buckets,
/// each the mean and minimum of a run of steps. When the buckets fill up, neighbours merge
/// and each bucket covers twice as many steps, so a long run costs no more to keep or to
/// draw than a short one.
public struct LossHistory: Sendable, Equatable, Codable {
    public struct Bucket: Sendable, Equatable, Codable {
        public var sum: Double
        public var min: Float
        public var count: Int
        public var mean: Float { Float(sum / Double(max(1, count))) }
    }

    public let capacity: Int
    public private(set) var buckets: [Bucket] = []
    /// Steps per full bucket.
    public private(set) var stepsPerBucket = 1
    public private(set) var total = 0

    public init(capacity: Int = 1024) {
        self.capacity = max(2, capacity - capacity % 2)
    }

    public mutating func append(_ value: Float) {
        guard value.isFinite else { return }
        total += 1
        if let last = buckets.last, last.count < stepsPerBucket {
            buckets[buckets.count - 1] = Bucket(sum: last.sum + Double(value), min: Swift.min(last.min, value), count: last.count + 1)
        } else {
            if buckets.count == capacity { compact() }
            buckets.append(Bucket(sum: Double(value), min: value, count: 1))
        }
    }

    /// `steps` steps of the same value at once (a slice of training reports its mean loss).
    public mutating func append(_ value: Float, steps: Int) {
        guard value.isFinite else { return }
        var left = steps
        while left > 0 {
            if let last = buckets.last, last.count < stepsPerBucket {
                let k = Swift.min(left, stepsPerBucket - last.count)
                buckets[buckets.count - 1] = Bucket(sum: last.sum + Double(value) * Double(k), min: Swift.min(last.min, value), count: last.count + k)
                left -= k; total += k
            } else {
                if buckets.count == capacity { compact() }
                let k = Swift.min(left, stepsPerBucket)
                buckets.append(Bucket(sum: Double(value) * Double(k), min: value, count: k))
                left -= k; total += k
            }
        }
    }

    private mutating func compact() {
        var merged: [Bucket] = []
        merged.reserveCapacity(capacity / 2 + 1)
        var i = 0
        while i < buckets.count {
            if i + 1 < buckets.count {
                let a = buckets[i], b = buckets[i + 1]
                merged.append(Bucket(sum: a.sum + b.sum, min: Swift.min(a.min, b.min), count: a.count + b.count))
            } else {
                merged.append(buckets[i])
            }
            i += 2
        }
        buckets = merged
        stepsPerBucket *= 2
    }

    public var last: Float? { buckets.last?.mean }

    /// Resamples to `width` points: each point the mean (and min) of the steps it covers.
    public func resampled(to width: Int) -> [(mean: Float, min: Float)] {
        guard width > 0, !buckets.isEmpty else { return [] }
        if buckets.count <= width { return buckets.map { ($0.mean, $0.min) } }
        var out: [(Float, Float)] = []
        out.reserveCapacity(width)
        for p in 0..<width {
            let lo = p * buckets.count / width, hi = max(lo + 1, (p + 1) * buckets.count / width)
            var sum = 0.0, count = 0, mn = Float.infinity
            for b in buckets[lo..<hi] { sum += b.sum; count += b.count; mn = Swift.min(mn, b.min) }
            out.append((Float(sum / Double(max(1, count))), mn))
        }
        return out
    }
}

/// A validation figure at a step.
public struct ValidPoint: Sendable, Equatable, Codable {
    public var step: Int
    public var mse: Float
    public init(step: Int, mse: Float) { self.step = step; self.mse = mse }
}

/// Something that changed mid-run (reset, learning rate, a new cycle, ...), drawn on the loss curve.
public struct Marker: Sendable, Equatable, Codable {
    public var step: Int
    public var label: String
    public init(step: Int, label: String) { self.step = step; self.label = label }
}
