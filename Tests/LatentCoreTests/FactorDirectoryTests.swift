import Foundation
import Testing
@testable import LatentCore

@Suite("Factor directories: export, import, and every malformed file refused")
struct FactorDirectoryTests {
    static func trainedContents() throws -> (ModelFile.Contents, Dataset) {
        let (data, training) = smallTraining()
        var h = Hyperparameters.fastai
        h.factors = 6; h.epochs = 2
        let trainer = try Trainer(data: training, hyper: h)
        _ = try trainer.fit()
        return (ModelFile.Contents(trainer: trainer, dataset: data, history: []), data)
    }

    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("factors-\(UUID().uuidString)")
    }

    @Test func exportThenImportPredictsTheSame() throws {
        let (contents, data) = try Self.trainedContents()
        let dir = Self.folder()
        try FactorDirectory.write(contents, to: dir, version: "test")
        let read = try FactorDirectory.read(dir)
        #expect(read.manifest.kind == .dotBiasSigmoid && read.manifest.factors == 6)
        let back = FactorDirectory.model(read, dataset: data, source: dir.path)
        #expect(back.userFactors == contents.userFactors && back.itemFactors == contents.itemFactors, "%.9g keeps every float")
        #expect(back.userBias == contents.userBias && back.itemBias == contents.itemBias)
        #expect(back.itemCounts == contents.itemCounts, "counts joined from the data set")
        let a = contents.makeModel(), b = back.makeModel()
        for (u, m) in [(0, 0), (3, 7), (10, 2)] { #expect(a.predict(user: u, item: m) == b.predict(user: u, item: m)) }
        // Written again over itself: replaced whole.
        try FactorDirectory.write(contents, to: dir, version: "test")
        #expect(try FactorDirectory.read(dir).users == read.users)
        // The mean rating the biases are read from travels too, even without the data set.
        #expect(read.manifest.meanRating == contents.header.globalMean)
        #expect(FactorDirectory.model(read, dataset: nil, source: dir.path).header.globalMean == contents.header.globalMean)
    }

    /// Every kind of LatentLab model comes back predicting the same: without the sigmoid the
    /// global mean is in every score, biases or not, so the directory carries it as the intercept.
    @Test(arguments: [(true, false), (false, false), (false, true)])
    func everyKindComesBackTheSame(_ bias: Bool, _ sigmoid: Bool) throws {
        let (data, training) = smallTraining()
        var h = sigmoid ? Hyperparameters.fastai : Hyperparameters.funkSVD
        h.factors = 4; h.epochs = 1; h.useBias = bias
        let trainer = try Trainer(data: training, hyper: h)
        _ = try trainer.fit()
        let contents = ModelFile.Contents(trainer: trainer, dataset: data, history: [])
        let dir = Self.folder()
        try FactorDirectory.write(contents, to: dir, version: "test")
        let read = try FactorDirectory.read(dir)
        #expect(read.manifest.kind == (sigmoid ? .dotBiasSigmoid : bias ? .dotBias : .dot))
        let a = contents.makeModel(), b = FactorDirectory.model(read, dataset: nil, source: dir.path).makeModel()
        for (u, m) in [(0, 0), (3, 7), (10, 2), (5, 5)] { #expect(a.predict(user: u, item: m) == b.predict(user: u, item: m), "\(u), \(m)") }
    }

    /// A directory whose files are these texts.
    static func directory(manifest: String? = nil, users: String, movies: String) throws -> URL {
        let dir = folder()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let m = manifest ?? #"{"format_version": 1, "kind": "dot-bias", "factors": 2, "intercept": 3.5, "scale": {"min": 1, "max": 5, "step": 1}, "source": {"tool": "test"}}"#
        try Data(m.utf8).write(to: dir.appendingPathComponent("manifest.json"))
        try Data(users.utf8).write(to: dir.appendingPathComponent("users.csv"))
        try Data(movies.utf8).write(to: dir.appendingPathComponent("movies.csv"))
        return dir
    }

    static let goodUsers = "id,bias,f1,f2\n1,0.1,0.5,-0.5\n2,-0.2,0.25,1\n"
    static let goodMovies = "id,bias,f1,f2,title,genres\n10,0.3,1,2,\"Heat, the film (1995)\",Crime|Drama\n20,0,0,0,,\n"

    @Test func aGoodDirectoryReads() throws {
        let read = try FactorDirectory.read(try Self.directory(users: Self.goodUsers, movies: Self.goodMovies))
        #expect(read.users.ids == [1, 2] && read.movies.ids == [10, 20])
        #expect(read.movies.titles == ["Heat, the film (1995)", nil] && read.movies.genres[0] == ["Crime", "Drama"])
        let model = FactorDirectory.model(read, dataset: nil, source: "x").makeModel()
        // intercept + bᵤ + bₘ + U·M = 3.5 + 0.1 + 0.3 + (0.5·1 − 0.5·2)
        #expect(abs(model.predict(user: 0, item: 0) - 3.4) < 1e-6)
    }

    @Test(arguments: [
        ("users", "id,bias,f1,f2\n1,0.1,0.5\n", "users.csv:2: expected 4 fields"),
        ("users", "id,bias,f1,f2\n1,0.1,0.5,x\n", "users.csv:2: factor f2 'x' is not a finite number"),
        ("users", "id,bias,f1,f2\n1,0.1,0.5,nan\n", "users.csv:2: factor f2 'nan' is not a finite number"),
        ("users", "id,bias,f1,f2\n1,0.1,0.5,1\n1,0,0,0\n", "users.csv:3: id 1 appears twice"),
        ("users", "id,bias,f1,f2\nA,0.1,0.5,1\n", "users.csv:2: id 'A' is not an integer"),
        ("users", "id,bias,f1,f2\n1,,0.5,1\n", "users.csv:2: bias '' is not a finite number"),
        ("users", "user,bias,f1\n", "users.csv:1: expected the header"),
        ("users", "", "users.csv: the file is empty"),
        ("movies", "id,bias,f1,f2\n", "movies.csv: no rows after the header"),
        ("movies", "id,bias,f1,f2,title,genres\n10,0,1,2,Heat\n", "movies.csv:2: expected 4 fields (id, bias, 2 factors) or 6"),
    ])
    func malformedRowsAreRefusedWithFileAndLine(_ which: String, _ text: String, _ message: String) throws {
        let dir = try Self.directory(users: which == "users" ? text : Self.goodUsers, movies: which == "movies" ? text : Self.goodMovies)
        let error = #expect(throws: DataError.self) { try FactorDirectory.read(dir) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#"{"format_version": 2, "kind": "dot", "factors": 2, "scale": {"min": 1, "max": 5, "step": 1}, "source": {"tool": "x"}}"#, "format version 2; this LatentLab reads version 1"),
        (#"{"format_version": 1, "kind": "svd", "factors": 2, "scale": {"min": 1, "max": 5, "step": 1}, "source": {"tool": "x"}}"#, "is not a factor manifest"),
        (#"{"format_version": 1, "kind": "dot-bias-sigmoid", "factors": 2, "scale": {"min": 1, "max": 5, "step": 1}, "source": {"tool": "x"}}"#, "needs y_range"),
        (#"{"format_version": 1, "kind": "dot", "factors": 0, "scale": {"min": 1, "max": 5, "step": 1}, "source": {"tool": "x"}}"#, "factors must be 1–4096"),
        ("not json", "is not a factor manifest"),
    ])
    func badManifestsAreRefused(_ manifest: String, _ message: String) throws {
        let dir = try Self.directory(manifest: manifest, users: Self.goodUsers, movies: Self.goodMovies)
        let error = #expect(throws: DataError.self) { try FactorDirectory.read(dir) }
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    }

    @Test func aDotModelHasNoBiases() throws {
        let manifest = #"{"format_version": 1, "kind": "dot", "factors": 2, "scale": {"min": 1, "max": 5, "step": 1}, "source": {"tool": "spark"}}"#
        let dir = try Self.directory(manifest: manifest, users: "id,bias,f1,f2\n1,0.5,1,1\n", movies: Self.goodMovies)
        let error = #expect(throws: DataError.self) { try FactorDirectory.read(dir) }
        #expect(error?.description.contains("users.csv:2: a dot model has no biases") == true)
        let fine = try Self.directory(manifest: manifest, users: "id,bias,f1,f2\n1,,1,1\n", movies: "id,bias,f1,f2\n10,,2,3\n")
        let model = FactorDirectory.model(try FactorDirectory.read(fine), dataset: nil, source: "x").makeModel()
        #expect(model.predict(user: 0, item: 0) == 5, "U·M alone: 1·2 + 1·3")
    }
}

/// A model trained by Spark's ALS (`Tests/Fixtures/spark-als`, made by `Scale/spark_als.py`):
/// imported, it predicts what Spark's own `transform` predicted for the held-out ratings.
@Suite("A Spark ALS model imported")
struct FactorImportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/spark-als")

    @Test func importedALSPredictionsEqualSparks() throws {
        let read = try FactorDirectory.read(Self.fixture.appendingPathComponent("factors"))
        #expect(read.manifest.kind == .dot && read.manifest.source.tool == "spark-als")
        let contents = FactorDirectory.model(read, dataset: nil, source: "spark-als fixture")
        let (checked, worst) = try ToolPredictions.compare(contents, Self.fixture.appendingPathComponent("predictions.csv"))
        #expect(checked > 200)
        #expect(worst <= 1e-5, "largest difference from Spark's prediction: \(worst)")
    }

    /// A new person on an ALS model is folded in as Spark's user step would place them:
    /// x = (QᵀQ + λ·n·I)⁻¹ Qᵀr, Q the rated movies' factors, n their number (ALS-WR).
    @Test func foldInOnAnALSModelIsSparksUserStep() throws {
        let contents = FactorDirectory.model(try FactorDirectory.read(Self.fixture.appendingPathComponent("factors")), dataset: nil, source: "x")
        #expect(contents.header.foldIn == .alsWR(0.1))
        let model = contents.makeModel()
        let ratings: [(item: Int, rating: Float)] = [(0, 5), (3, 1), (7, 4), (12, 2.5), (20, 4.5)]
        let folded = FoldIn.solve(model: model, ratings: ratings, rule: contents.header.foldIn ?? .standard)
        // The closed form, by Gaussian elimination in Double.
        let k = model.config.factors, lambda = 0.1 * Double(ratings.count)
        var a = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
        for (item, r) in ratings {
            let q = model.itemFactors.lookup(item).map(Double.init)
            for i in 0..<k {
                for j in 0..<k { a[i][j] += q[i] * q[j] }
                a[i][k] += q[i] * Double(r)
            }
        }
        for i in 0..<k { a[i][i] += lambda }
        for c in 0..<k {
            for r in (c + 1)..<k {
                let f = a[r][c] / a[c][c]
                for j in c...k { a[r][j] -= f * a[c][j] }
            }
        }
        var x = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            x[i] = (a[i][k] - ((i + 1)..<k).reduce(0) { $0 + a[i][$1] * x[$1] }) / a[i][i]
        }
        for i in 0..<k { #expect(abs(Double(folded.factors[i]) - x[i]) < 1e-5, "factor \(i)") }
        #expect(folded.bias == 0, "no bias in a dot model")
        // The ridge of LatentLab's own models would place them elsewhere: the rule matters.
        let ridge = FoldIn.solve(model: model, ratings: ratings, rule: .standard)
        #expect(zip(ridge.factors, folded.factors).contains { abs($0 - $1) > 1e-3 })
    }

    /// Through Spark itself: its last iteration solves every user's row from their training
    /// ratings against the final movie factors, so each user of the fixture, folded in from
    /// their training ratings (`train.csv`, Spark's split) as a new person, gets Spark's row.
    @Test func foldingAUserInGivesSparksOwnRow() throws {
        let contents = FactorDirectory.model(try FactorDirectory.read(Self.fixture.appendingPathComponent("factors")), dataset: nil, source: "x")
        let model = contents.makeModel(), k = model.config.factors
        var items: [Int64: Int] = [:]
        for (i, id) in contents.itemIds.enumerated() { items[id] = i }
        var training: [Int64: [(item: Int, rating: Float)]] = [:]
        let text = try String(contentsOf: Self.fixture.appendingPathComponent("train.csv"), encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 3, let u = Int64(f[0]), let m = Int64(f[1]).flatMap({ items[$0] }), let r = Float(f[2]) else {
                Issue.record("bad fixture line \(line)"); continue
            }
            training[u, default: []].append((m, r))
        }
        #expect(training.count == contents.userIds.count)
        var worst: Float = 0
        for (row, id) in contents.userIds.enumerated() {
            let folded = FoldIn.solve(model: model, ratings: training[id] ?? [], rule: contents.header.foldIn ?? .standard)
            for f in 0..<k { worst = max(worst, abs(folded.factors[f] - contents.userFactors[row * k + f])) }
        }
        #expect(worst <= 1e-5, "largest difference from Spark's user factors: \(worst)")
    }
}

@Suite("A model file's fold-in rule is checked")
struct FoldInRuleIntegrityTests {
    @Test func aNegativeOrMissingStrengthIsRefused() throws {
        let (contents, _) = try FactorDirectoryTests.trainedContents()
        for bad in [FoldIn.Rule.alsWR(-1), .ridge(.nan)] {
            var c = contents
            c.header.foldIn = bad
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("rule-\(UUID().uuidString).latentlab")
            try ModelFile.write(c, to: url)
            let error = #expect(throws: DataError.self) { try ModelFile.read(url) }
            #expect(error?.description.contains("fold-in strength") == true)
        }
        var good = contents
        good.header.foldIn = .alsWR(0.05)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rule-\(UUID().uuidString).latentlab")
        try ModelFile.write(good, to: url)
        #expect(try ModelFile.read(url).header.foldIn == .alsWR(0.05), "kept through a save")
    }
}
