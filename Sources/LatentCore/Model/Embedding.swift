import Foundation

/// A table of `rows` vectors of `dim` floats: the parameters of one embedding.
///
/// Rows are stored contiguously (one flat buffer, each row padded to a multiple of 8
/// floats for SIMD), so looking a row up is indexing. That lookup is exactly the
/// product of a one-hot vector with the matrix, `oneHot(i) · W == W[i]`, which is
/// why an embedding is "just" a linear layer with a cheap implementation;
/// `multiply(oneHot:)` computes the product the long way so the two can be compared.
public final class Embedding {
    public let rows: Int
    public let dim: Int
    /// Floats per stored row (dim rounded up to 8; 1 for a bias column).
    public let stride: Int
    /// rows × stride floats; lanes past `dim` are always zero. Internal: outside the core, rows
    /// are read and written through the checked `lookup`, `setRow` and subscript.
    let storage: UnsafeMutablePointer<Float>

    /// A table of factor rows, each padded to whole SIMD lanes (even a single factor:
    /// the vector loops always read and write whole lanes).
    public convenience init(rows: Int, dim: Int) {
        self.init(rows: rows, dim: dim, stride: (dim + laneWidth - 1) / laneWidth * laneWidth)
    }

    /// A column of one value per row (a bias), unpadded: only scalar code touches it.
    public static func column(rows: Int) -> Embedding { Embedding(rows: rows, dim: 1, stride: 1) }

    /// An all-zero table laid out like `other` (gradients and optimizer state).
    public convenience init(shapedLike other: Embedding) {
        self.init(rows: other.rows, dim: other.dim, stride: other.stride)
    }

    init(rows: Int, dim: Int, stride: Int) {
        precondition(rows >= 0 && dim > 0 && stride >= dim)
        self.rows = rows
        self.dim = dim
        self.stride = stride
        let count = max(1, rows * stride)
        let bytes = count * MemoryLayout<Float>.stride
        // A large table comes from the kernel as zero pages, which take memory only once written:
        // a gradient or optimizer table the training path never touches (the per-rating kernel
        // keeps no gradients) then costs nothing. A small one is allocated and zeroed.
        if bytes >= Self.mappedBytes, let mapped = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
           mapped != MAP_FAILED {
            storage = mapped.bindMemory(to: Float.self, capacity: count)
            mappedByteCount = bytes
        } else {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
            storage = raw.bindMemory(to: Float.self, capacity: count)
            storage.initialize(repeating: 0, count: count)
            mappedByteCount = 0
        }
    }

    /// From this size up, tables are anonymous mappings (page-aligned, zero, committed on write).
    static let mappedBytes = 1 << 20
    /// The mapping's size, or 0 when the table was allocated.
    private let mappedByteCount: Int

    deinit {
        if mappedByteCount > 0 { munmap(storage, mappedByteCount) } else { storage.deallocate() }
    }

    /// Pointer to row `i` (the hot loops'; checked in debug builds).
    @inline(__always)
    func row(_ i: Int) -> UnsafeMutablePointer<Float> {
        assert(i >= 0 && i < max(rows, 1), "row \(i) of an embedding of \(rows)")
        return storage + i * stride
    }

    /// Row `i` as an array of `dim` floats: the lookup.
    public func lookup(_ i: Int) -> [Float] {
        precondition(i >= 0 && i < rows, "row \(i) of an embedding of \(rows)")
        return Array(UnsafeBufferPointer(start: row(i), count: dim))
    }

    /// Writes row `i` (the first `dim` values of `values`; the padding stays zero).
    public func setRow(_ i: Int, to values: [Float]) {
        precondition(i >= 0 && i < rows && values.count >= dim, "row \(i) of an embedding of \(rows)")
        let r = row(i)
        for j in 0..<dim { r[j] = values[j] }
    }

    /// One value: row `i`, factor `j` (a bias column: `[i, 0]`). Checked in debug builds.
    public subscript(i: Int, j: Int) -> Float {
        get {
            assert(i >= 0 && i < rows && j >= 0 && j < dim, "[\(i), \(j)] of an embedding of \(rows) × \(dim)")
            return storage[i * stride + j]
        }
        set {
            assert(i >= 0 && i < rows && j >= 0 && j < dim, "[\(i), \(j)] of an embedding of \(rows) × \(dim)")
            storage[i * stride + j] = newValue
        }
    }

    /// Every stored float, padding included (rows × stride): the table as a value.
    func storedValues() -> [Float] {
        Array(UnsafeBufferPointer(start: storage, count: max(1, rows * stride)))
    }

    /// Overwrites the table with `storedValues()` of one laid out the same.
    func setStoredValues(_ values: [Float]) {
        precondition(values.count == max(1, rows * stride), "a table of another shape")
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { storage.update(from: base, count: $0.count) } }
    }

    /// The one-hot vector of length `count` with a 1 at `index`.
    public static func oneHot(_ index: Int, count: Int) -> [Float] {
        var v = [Float](repeating: 0, count: count)
        v[index] = 1
        return v
    }

    /// `vector · W` as a full vector–matrix product over every row (what a linear
    /// layer would compute); with a one-hot vector it equals `lookup(i)`.
    public func multiply(_ vector: [Float]) -> [Float] {
        precondition(vector.count == rows)
        var out = [Float](repeating: 0, count: dim)
        for i in 0..<rows {
            let w = vector[i]
            for j in 0..<dim { out[j] += w * self[i, j] }
        }
        return out
    }

    /// Fills every value with a normal draw of standard deviation `std`, truncated at ±2 std
    /// (PyTorch's `trunc_normal_`, which fastai uses for embeddings).
    public func initialize(std: Float, rng: inout SeededRandom) {
        for i in 0..<rows {
            let r = row(i)
            for j in 0..<dim {
                var x = rng.nextNormal()
                while abs(x) > 2 { x = rng.nextNormal() }
                r[j] = Float(x) * std
            }
        }
    }

    public func fill(_ value: Float) {
        for i in 0..<rows { for j in 0..<dim { row(i)[j] = value } }
    }

    /// A new embedding with the same values.
    public func copy() -> Embedding {
        let e = Embedding(shapedLike: self)
        e.storage.update(from: storage, count: max(1, rows * stride))
        return e
    }

    /// The values as one unpadded array (rows × dim), for saving.
    public var flatValues: [Float] { flatValues(rows: rows) }

    /// The first `n` rows as one unpadded array (n × dim).
    public func flatValues(rows n: Int) -> [Float] {
        let n = max(0, min(n, rows))
        var out = [Float]()
        out.reserveCapacity(n * dim)
        for i in 0..<n { out.append(contentsOf: UnsafeBufferPointer(start: row(i), count: dim)) }
        return out
    }

    /// Loads unpadded rows of `sourceDim` values (the first `min(sourceDim, dim)` of each are kept):
    /// source row `i` goes to row `rowMap[i]`. Rows the map does not name keep their values.
    public func load(flat values: [Float], sourceDim: Int, rowMap: [Int]) {
        guard sourceDim > 0 else { return }
        let width = min(sourceDim, dim)
        values.withUnsafeBufferPointer { src in
            guard let base = src.baseAddress else { return }
            for (i, target) in rowMap.enumerated() where target >= 0 && target < rows && (i + 1) * sourceDim <= src.count {
                row(target).update(from: base + i * sourceDim, count: width)
            }
        }
    }

    /// Loads values saved by `flatValues`.
    public func load(flat values: [Float]) {
        precondition(values.count == rows * dim)
        values.withUnsafeBufferPointer { src in
            for i in 0..<rows {
                guard let base = src.baseAddress else { return }
                row(i).update(from: base + i * dim, count: dim)
            }
        }
    }
}
