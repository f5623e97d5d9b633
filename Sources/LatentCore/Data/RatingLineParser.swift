/// Reads one line of a ratings file: the user and movie ids as the file writes them and the
/// rating, checked against the layout's scale and step. Errors name the file and the line.
struct RatingLineParser {
    let layout: RatingsLayout
    let fileName: String
    private let separator: (UInt8, UInt8?)
    private let stepsPerUnit: Float?
    private var fields: [Range<Int>]

    init(layout: RatingsLayout, fileName: String) {
        self.layout = layout
        self.fileName = fileName
        separator = layout.separatorBytes
        stepsPerUnit = layout.step.map { 1 / $0 }
        fields = [Range<Int>](repeating: 0..<0, count: layout.fieldsNeeded)
    }

    @inline(__always)
    mutating func parse(_ line: ByteLine, number: Int) throws(DataError) -> (user: Int64, item: Int64, rating: Float) {
        let found = splitFields(line, separator: separator, into: &fields)
        guard found >= layout.fieldsNeeded else {
            throw DataError(file: fileName, line: number,
                            "expected at least \(layout.fieldsNeeded) fields separated by '\(printable(layout.separator))', found \(found)")
        }
        guard let rawUser = parseInt(line, fields[layout.userColumn]) else {
            let shown = text(line, fields[layout.userColumn])
            throw DataError(file: fileName, line: number, "user id '\(shown)' \(idProblem(shown))")
        }
        guard let rawItem = parseInt(line, fields[layout.itemColumn]) else {
            let shown = text(line, fields[layout.itemColumn])
            throw DataError(file: fileName, line: number, "movie id '\(shown)' \(idProblem(shown))")
        }
        guard let rating = parseFloat(line, fields[layout.ratingColumn]) else {
            throw DataError(file: fileName, line: number, "rating '\(text(line, fields[layout.ratingColumn]))' is not a number")
        }
        if let allowed = layout.allowed, !allowed.contains(rating) {
            throw DataError(file: fileName, line: number,
                            "rating \(formatRating(rating)) is outside the scale \(formatRating(allowed.lowerBound))–\(formatRating(allowed.upperBound))")
        }
        // A whole number of steps? Adding and taking away 2²³ rounds a small float to an
        // integer in two additions (the range check above keeps it small), where
        // `rounded()` would call libm's roundf for every rating.
        if let perStep = stepsPerUnit, rating * perStep + 8_388_608 - 8_388_608 != rating * perStep {
            throw DataError(file: fileName, line: number,
                            "rating \(formatRating(rating)) is between the steps of this layout's scale (\(perStep == 1 ? "whole stars" : "steps of \(formatRating(1 / perStep))"))")
        }
        return (rawUser, rawItem, rating)
    }

    /// Whether `line` is a header: enough fields, but neither a number for the rating nor an
    /// integer for the user.
    func isHeader(_ line: ByteLine) -> Bool {
        var fields = [Range<Int>](repeating: 0..<0, count: layout.fieldsNeeded)
        let found = splitFields(line, separator: separator, into: &fields)
        guard found >= layout.fieldsNeeded else { return false }
        return parseFloat(line, fields[layout.ratingColumn]) == nil && parseInt(line, fields[layout.userColumn]) == nil
    }
}
