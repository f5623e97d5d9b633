/// The ratings' values, **one byte each** where the scale has steps: MovieLens rates in whole
/// or half stars, ten values at most, so a rating is stored as its step number (0.5 + 0.5·k)
/// rather than as a four-byte float. A scale without steps (or with more than 256 of them)
/// keeps the floats. Either way each value reads back exactly as the file gave it.
public struct RatingValues: RandomAccessCollection, Sendable {
    private let codes: [UInt8]
    private let floats: [Float]
    private let coded: Bool
    private let base: Float
    private let step: Float

    /// Codes `values` on `scale`'s steps when every value is exactly a step (checked value by value).
    public init(_ values: [Float], scale: RatingScale) {
        let step = scale.step, base = scale.min
        if step > 0, (scale.max - base) / step < 255.5, let codes = Self.encode(values, base: base, step: step) {
            self.codes = codes; floats = []; coded = true
        } else {
            codes = []; floats = values; coded = false
        }
        self.base = base; self.step = step
    }

    private static func encode(_ values: [Float], base: Float, step: Float) -> [UInt8]? {
        // No values (a model opened on its factors alone): `[]`, not the uninitialized-capacity
        // initializer, which writes the count into the one shared empty array and so races with
        // any other thread making an empty array (ThreadSanitizer caught it between two tests).
        if values.isEmpty { return [] }
        var exact = true
        let codes = [UInt8](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { v in
                for i in 0..<v.count {
                    let k = ((v[i] - base) / step).rounded()
                    let code = k >= 0 && k <= 255 ? UInt8(k) : 0
                    out[i] = code
                    // The rule, not an assumption: a value that is not exactly a step stays a float.
                    if base + Float(code) * step != v[i] { exact = false }
                }
            }
            initialized = values.count
        }
        return exact ? codes : nil
    }

    /// The same values at the positions `order`.
    func picking(_ order: [Int32]) -> RatingValues {
        if coded { return RatingValues(codes: order.map { codes[Int($0)] }, base: base, step: step) }
        return RatingValues(floats: order.map { floats[Int($0)] })
    }

    private init(codes: [UInt8], base: Float, step: Float) {
        self.codes = codes; floats = []; coded = true; self.base = base; self.step = step
    }

    private init(floats: [Float]) {
        codes = []; self.floats = floats; coded = false; base = 0; step = 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { coded ? codes.count : floats.count }

    @inline(__always)
    public subscript(i: Int) -> Float { coded ? base + Float(codes[i]) * step : floats[i] }

    /// Bytes a value takes: 1 when coded, 4 otherwise.
    public var bytesPerValue: Int { coded ? 1 : 4 }
}
