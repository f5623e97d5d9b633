import Foundation

/// Fast, allocation-free parsing over the bytes of a memory-mapped file:
/// lines, fields and numbers, without building a `String` per line.
struct ByteLine {
    let base: UnsafePointer<UInt8>
    let count: Int

    subscript(i: Int) -> UInt8 { base[i] }

    var string: String { decodeText(UnsafeBufferPointer(start: base, count: count)) }
}

/// Decodes UTF-8, falling back to Latin-1 (ml-100k and ml-1m are ISO-8859-1) when the bytes are not valid UTF-8.
func decodeText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
    var scalars = String.UnicodeScalarView()
    for b in bytes { scalars.append(Unicode.Scalar(b)) }
    return String(scalars)
}

/// Calls `body` with each line of `bytes` (without the line break, `\r` stripped) and its 1-based
/// number (counted from `firstLine`, for a piece cut from the middle of a file).
/// `body` returns false to stop early.
@inline(__always)
func forEachLine(_ bytes: UnsafeRawBufferPointer, firstLine: Int = 1, _ body: (ByteLine, Int) throws -> Bool) rethrows {
    guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
    let end = start + bytes.count
    var p = start
    var lineNumber = firstLine - 1
    while p < end {
        lineNumber += 1
        let remaining = end - p
        let nl = memchrByte(p, 0x0A, remaining)
        var lineEnd = nl ?? end
        let next = nl.map { $0 + 1 } ?? end
        if lineEnd > p && (lineEnd - 1).pointee == 0x0D { lineEnd -= 1 }
        if try !body(ByteLine(base: p, count: lineEnd - p), lineNumber) { return }
        p = next
    }
}

@inline(__always)
private func memchrByte(_ p: UnsafePointer<UInt8>, _ byte: UInt8, _ n: Int) -> UnsafePointer<UInt8>? {
    guard let raw = memchr(p, Int32(byte), n) else { return nil }
    return UnsafePointer(raw.assumingMemoryBound(to: UInt8.self))
}

/// Splits a line at a one- or two-byte separator into at most `fields.count` ranges.
/// Returns the number of fields found (which may exceed the capacity: the rest are not recorded).
@inline(__always)
func splitFields(_ line: ByteLine, separator: (UInt8, UInt8?), into fields: inout [Range<Int>]) -> Int {
    var n = 0
    var fieldStart = 0
    var i = 0
    let capacity = fields.count
    let (s0, s1) = separator
    while i < line.count {
        if line[i] == s0 {
            if let s1 {
                if i + 1 < line.count && line[i + 1] == s1 {
                    if n < capacity { fields[n] = fieldStart..<i }
                    n += 1
                    i += 2
                    fieldStart = i
                    continue
                }
            } else {
                if n < capacity { fields[n] = fieldStart..<i }
                n += 1
                fieldStart = i + 1
            }
        }
        i += 1
    }
    if n < capacity { fields[n] = fieldStart..<line.count }
    return n + 1
}

/// Parses a base-10 integer (optional sign, surrounding spaces allowed).
@inline(__always)
func parseInt(_ line: ByteLine, _ r: Range<Int>) -> Int64? {
    var i = r.lowerBound, end = r.upperBound
    while i < end && line[i] == 0x20 { i += 1 }
    while end > i && line[end - 1] == 0x20 { end -= 1 }
    guard i < end else { return nil }
    var negative = false
    if line[i] == 0x2D { negative = true; i += 1 } else if line[i] == 0x2B { i += 1 }
    guard i < end else { return nil }
    var v: Int64 = 0
    if end - i <= 18 {
        // Eighteen digits cannot overflow: the fast path for every id in practice.
        while i < end {
            let d = line[i] &- 0x30
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -v : v
    }
    // Longer: every Int64 (down to −2⁶³, built on the negative side), nothing beyond.
    while i < end {
        let d = line[i] &- 0x30
        guard d < 10 else { return nil }
        let (times10, o1) = v.multipliedReportingOverflow(by: 10)
        let (next, o2) = negative ? times10.subtractingReportingOverflow(Int64(d)) : times10.addingReportingOverflow(Int64(d))
        guard !o1 && !o2 else { return nil }
        v = next
        i += 1
    }
    return v
}

/// Why an id's text was refused: beyond 64 bits when it is all digits, else not an integer.
func idProblem(_ text: String) -> String {
    var digits = Substring(text.trimmingSpaces())
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
        return "is too large: ids are 64-bit integers, from −9223372036854775808 to 9223372036854775807"
    }
    return "is not an integer"
}

/// Parses a decimal number: a fast path for `4`, `3.5`, `-0.25`; exponents (`4.0e+00`) through
/// strtod. Hexadecimal (`0x4`), `inf`, `nan` and values beyond a Float's range are not numbers here.
@inline(__always)
func parseFloat(_ line: ByteLine, _ r: Range<Int>) -> Float? {
    var i = r.lowerBound, end = r.upperBound
    while i < end && line[i] == 0x20 { i += 1 }
    while end > i && line[end - 1] == 0x20 { end -= 1 }
    guard i < end else { return nil }
    let start = i
    var negative = false
    if line[i] == 0x2D { negative = true; i += 1 } else if line[i] == 0x2B { i += 1 }
    var intPart: Int64 = 0
    var digits = 0
    while i < end, line[i] &- 0x30 < 10, digits < 15 {
        intPart = intPart * 10 + Int64(line[i] &- 0x30); i += 1; digits += 1
    }
    var value = Double(intPart)
    if i < end && line[i] == 0x2E {
        i += 1
        var scale = 0.1
        while i < end, line[i] &- 0x30 < 10 {
            value += Double(line[i] &- 0x30) * scale
            scale *= 0.1
            i += 1; digits += 1
        }
    }
    if i == end && digits > 0 { return Float(negative ? -value : value) }
    return slowParseFloat(line, start..<end)
}

private func slowParseFloat(_ line: ByteLine, _ r: Range<Int>) -> Float? {
    // Only what a decimal number with an exponent is made of; strtod alone would take 0x4 and inf.
    for i in r {
        switch line[i] {
        case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x45, 0x65: continue
        default: return nil
        }
    }
    var text = [CChar](repeating: 0, count: r.count + 1)
    for (k, i) in r.enumerated() { text[k] = CChar(bitPattern: line[i]) }
    return text.withUnsafeMutableBufferPointer { buf -> Float? in
        guard let base = buf.baseAddress else { return nil }
        var endPtr: UnsafeMutablePointer<CChar>?
        let v = strtod(base, &endPtr)
        guard let endPtr, endPtr - base == r.count, v.isFinite, Float(v).isFinite else { return nil }
        return Float(v)
    }
}

/// Parses a decimal number exactly as `strtof` rounds it (the nearest Float, so a factor written
/// with enough digits comes back bit for bit), from the bytes: spaces around it allowed; only
/// digits, a sign, a point and an exponent taken (no hexadecimal, `inf` or `nan`); nil when it is
/// not a finite Float.
@inline(__always)
func parseExactFloat(_ line: ByteLine, _ r: Range<Int>) -> Float? {
    var i = r.lowerBound, end = r.upperBound
    while i < end && line[i] == 0x20 { i += 1 }
    while end > i && line[end - 1] == 0x20 { end -= 1 }
    let count = end - i
    guard count > 0, count < 64 else { return nil }
    var digits = false
    for j in i..<end {
        switch line[j] {
        case 0x30...0x39: digits = true
        case 0x2B, 0x2D, 0x2E, 0x45, 0x65: continue
        default: return nil
        }
    }
    guard digits else { return nil }
    // A copy with its terminating zero on the stack: strtof reads up to it.
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Float? in
        guard let base = buffer.baseAddress else { return nil }
        for j in 0..<count { base[j] = CChar(bitPattern: line[i + j]) }
        base[count] = 0
        var stop: UnsafeMutablePointer<CChar>?
        let v = strtof(base, &stop)
        guard let stop, stop - base == count, v.isFinite else { return nil }
        return v
    }
}
