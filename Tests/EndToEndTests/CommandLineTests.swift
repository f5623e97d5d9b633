import Foundation
import Testing

/// Every command's happy path and its bad input, through the real binary.
@Suite("The command line")
struct CommandLineTests {
    @Test func inspectSampleDataAsJSON() throws {
        let out = try Harness.run(["inspect", "--data", "SampleData", "--json"])
        #expect(out.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "ml-latest")
        #expect(json["users"] as? Int == 610)
        #expect((json["ratings"] as? Int ?? 0) >= 60_000)
        #expect(json["catalog_movies"] as? Int == 600)
        for key in ["movies", "sparsity", "rating_min", "rating_max", "rating_step", "histogram"] { #expect(json[key] != nil, "\(key)") }
        let text = try Harness.run(["inspect", "--data", "SampleData"])
        #expect(text.stdout.contains("Most rated movies"))
    }

    @Test func badInputNamesFileAndLineAndExitsNonZero() throws {
        let dir = Harness.temporaryFolder()
        try Data("userId,movieId,rating,timestamp\n1,2,4.0,1\n1,3\n".utf8).write(to: dir.appendingPathComponent("ratings.csv"))
        let out = try Harness.run(["inspect", "--data", dir.path])
        #expect(out.status != 0)
        #expect(out.stderr.contains("ratings.csv:3:"))
        #expect(!out.stderr.contains("Fatal error") && !out.stderr.contains("Stack"))
        let skipped = try Harness.run(["inspect", "--data", dir.path, "--skip-bad-lines"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("skipped     1 malformed"))
        let missing = try Harness.run(["inspect", "--data", "/no/such/place"])
        #expect(missing.status != 0 && missing.stderr.contains("no such"))
    }

    /// A save that cannot happen is refused before the training, not after it.
    @Test func trainRefusesAnUnwritableSaveBeforeTraining() throws {
        let out = try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--save", "/proc/latentlab.latentlab"])
        #expect(out.status == 1 && out.stderr.contains("/proc/latentlab.latentlab: cannot be written"))
        #expect(!out.stdout.contains("train_loss"), "no epoch was trained: \(out.stdout)")
    }

    /// Issue 20: no printed number comes from a row that never trained. With 97% of the ratings
    /// held out, some users and movies have none in training.
    @Test func untrainedUsersAndMoviesArePredictedFromWhatIsKnown() throws {
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("m.latentlab").path
        #expect(try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "8", "--valid-pct", "0.97", "--save", model]).status == 0)
        // Which rows never trained: the ones `export` leaves out.
        let export = try Harness.run(["export", "--model", model, "--csv", dir.appendingPathComponent("csv").path])
        #expect(export.stdout.contains("left out") && export.stdout.contains("movies without training ratings"), "\(export.stdout)")
        let exported = try String(contentsOf: dir.appendingPathComponent("csv/user_factors.csv"), encoding: .utf8)
        let trainedUsers = Set(exported.split(separator: "\n").dropFirst().compactMap { Int64($0.split(separator: ",")[0]) })
        let allUsers = Set(1...610).map(Int64.init)
        let untrained = try #require(allUsers.sorted().first { !trainedUsers.contains($0) })
        let trained = try #require(trainedUsers.sorted().first)
        // predict: the CSV as other tools read it, the note beside it on standard error.
        let pairs = dir.appendingPathComponent("pairs.csv")
        try Data("user,item\n\(untrained),1\n\(trained),1\n".utf8).write(to: pairs)
        let predicted = try Harness.run(["predict", "--model", model, "--pairs", pairs.path])
        #expect(predicted.status == 0)
        #expect(predicted.stdout.hasPrefix("user,item,prediction\n\(untrained),1,"))
        #expect(predicted.stderr.contains("note: 1 of the pairs involve a user or movie without training ratings"), "\(predicted.stderr)")
        #expect(predicted.stderr.contains("line 2: user \(untrained) has no training ratings"))
        // recommend: the same list for this user by either scoring (the movies' biases), said so.
        let dot = try Harness.run(["recommend", "--model", model, "--user", "\(untrained)", "-n", "5"])
        let cosine = try Harness.run(["recommend", "--model", model, "--user", "\(untrained)", "-n", "5", "--scoring", "cosine"])
        #expect(dot.status == 0 && cosine.status == 0)
        #expect(dot.stdout.contains("user \(untrained) has no training ratings") && dot.stdout.contains("the list follows the movies' biases"))
        let list = { (s: String) in s.split(separator: "\n").filter { $0.hasPrefix("  ") } }
        #expect(!list(dot.stdout).isEmpty && list(dot.stdout) == list(cosine.stdout), "\(dot.stdout)\n---\n\(cosine.stdout)")
        #expect(!(dot.stdout + cosine.stdout + predicted.stdout).lowercased().contains("nan"))
    }

    /// A model through a factor directory and back recommends the same movies; the commands
    /// that take --model work on it.
    @Test func exportAndImportAFactorDirectory() throws {
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("m.latentlab").path, back = dir.appendingPathComponent("back.latentlab").path
        let factors = dir.appendingPathComponent("factors").path
        #expect(try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "8", "--save", model]).status == 0)
        let export = try Harness.run(["export", "--model", model, "--factors", factors])
        #expect(export.status == 0, "\(export.stderr)")
        let imported = try Harness.run(["import", "--factors", factors, "--data", "SampleData", "--out", back])
        #expect(imported.status == 0 && imported.stdout.contains("dot-bias-sigmoid model of 8 factors"), "\(imported.stderr)")
        let a = try Harness.run(["recommend", "--model", model, "--user", "14", "-n", "5"])
        let b = try Harness.run(["recommend", "--model", back, "--user", "14", "-n", "5"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        for command in [["similar", "--movie", "Toy Story"], ["biases"], ["map"]] {
            #expect(try Harness.run([command[0], "--model", back] + command.dropFirst()).status == 0, "\(command[0])")
        }
        let broken = dir.appendingPathComponent("factors/users.csv")
        try Data("id,bias,f1,f2,f3,f4,f5,f6,f7,f8\n1,0,1,2\n".utf8).write(to: broken)
        let refused = try Harness.run(["import", "--factors", factors, "--out", back])
        #expect(refused.status != 0 && refused.stderr.contains("users.csv:2: expected 10 fields"), "\(refused.stderr)")
    }

    @Test func trainSaveAndQueryAModel() throws {
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("sample.latentlab").path
        let train = try Harness.run(["train", "--data", "SampleData", "--epochs", "2", "--factors", "8", "--save", model, "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any])
        for key in ["train_loss", "valid_mse", "valid_rmse", "valid_mae", "epochs", "seconds_per_epoch"] { #expect(json[key] != nil, "\(key)") }
        #expect(json["epochs"] as? Int == 2)
        #expect((json["valid_rmse"] as? Double ?? 9) < 1.2)

        let table = try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "4", "--preset", "funk-svd"])
        #expect(table.stdout.contains("epoch  train_loss  valid_loss  valid_rmse"))

        let rec = try Harness.run(["recommend", "--model", model, "--user", "14", "-n", "5"])
        #expect(rec.status == 0)
        #expect(rec.stdout.split(separator: "\n").filter { $0.contains(". ") }.count == 5)
        let unknown = try Harness.run(["recommend", "--model", model, "--user", "99999"])
        #expect(unknown.status != 0 && unknown.stderr.contains("No user 99999"))

        let ratings = dir.appendingPathComponent("me.csv")
        try Data("movie,rating\n\"Toy Story (1995)\",5\nFinding Nemo,5\n".utf8).write(to: ratings)
        let mine = try Harness.run(["recommend", "--model", model, "--ratings", ratings.path, "-n", "3"])
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(mine.stdout.contains("because you liked"))
        try Data("movie,rating\nNo Such Film At All,5\n".utf8).write(to: ratings)
        let bad = try Harness.run(["recommend", "--model", model, "--ratings", ratings.path])
        #expect(bad.status != 0 && bad.stderr.contains("me.csv:2:"))

        let similar = try Harness.run(["similar", "--model", model, "--movie", "the empire strikes back", "-n", "3"])
        #expect(similar.status == 0 && similar.stdout.contains("Empire Strikes Back"))
        let nothing = try Harness.run(["similar", "--model", model, "--movie", "Star Warz Empir"])
        #expect(nothing.status != 0 && nothing.stderr.contains("Closest titles"))

        let biases = try Harness.run(["biases", "--model", model, "-n", "3"])
        #expect(biases.status == 0 && biases.stdout.contains("Highest bias"))

        let projector = dir.appendingPathComponent("projector")
        let export = try Harness.run(["export", "--model", model, "--projector", projector.path, "--csv", projector.path])
        #expect(export.status == 0)
        let vectors = try String(contentsOf: projector.appendingPathComponent("vectors.tsv"), encoding: .utf8)
        #expect(vectors.split(separator: "\n").count == 600)
        #expect(vectors.split(separator: "\n").first?.split(separator: "\t").count == 8)
        let meta = try String(contentsOf: projector.appendingPathComponent("metadata.tsv"), encoding: .utf8)
        #expect(meta.hasPrefix("title\tyear\tgenres\tcount\n"))

        let truncated = dir.appendingPathComponent("cut.latentlab")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        try bytes.prefix(100).write(to: truncated)
        let cut = try Harness.run(["biases", "--model", truncated.path])
        #expect(cut.status != 0 && cut.stderr.contains("its checksum does not match (it changed after it was written, or was cut short)"))
    }

    /// A bayes model keeps its samples: predictions come with their spread, and the sure bets rank by mean − spread.
    @Test func aBayesModelPredictsWithItsSpread() throws {
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("bayes.latentlab").path
        let train = try Harness.run(["train", "--data", "SampleData", "--preset", "bayes", "--epochs", "12", "--factors", "4", "--save", model])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("samples kept for the predictions' mean and spread"))
        let pairs = dir.appendingPathComponent("pairs.csv")
        try Data("user,item\n1,1\n14,260\n".utf8).write(to: pairs)
        let predicted = try Harness.run(["predict", "--model", model, "--pairs", pairs.path])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let lines = predicted.stdout.split(separator: "\n")
        #expect(lines.first == "user,item,prediction,spread" && lines.count == 3)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",").compactMap { Double($0) }
            #expect(fields.count == 4 && (0.5...5).contains(fields[2]) && fields[3] > 0 && fields[3] < 2, "\(line)")
        }
        let rec = try Harness.run(["recommend", "--model", model, "--user", "14", "-n", "4", "--sure-bets", "--json"])
        #expect(rec.status == 0, "\(rec.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(rec.stdout.utf8)) as? [[String: Any]])
        let bounds = rows.compactMap { row in (row["score"] as? Double).flatMap { s in (row["spread"] as? Double).map { s - $0 } } }
        #expect(bounds.count == 4 && zip(bounds, bounds.dropFirst()).allSatisfy { $0 >= $1 - 1e-6 }, "\(rows)")
        let text = try Harness.run(["recommend", "--model", model, "--user", "14", "-n", "2"])
        #expect(text.stdout.contains(" ± ") && text.stdout.contains("kept samples"))
        // A model with one set of factors has no spread to rank by.
        let plain = dir.appendingPathComponent("plain.latentlab").path
        _ = try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "4", "--save", plain])
        let refused = try Harness.run(["recommend", "--model", plain, "--user", "14", "--sure-bets"])
        #expect(refused.status != 0 && refused.stderr.contains("--sure-bets needs a bayes model"))
    }

    @Test func sampleWritesADataSetTheLoaderReads() throws {
        let dir = Harness.temporaryFolder()
        let out = try Harness.run(["sample", "--out", dir.path, "--users", "50", "--movies", "40", "--ratings", "2000", "--seed", "3"])
        #expect(out.status == 0)
        let inspect = try Harness.run(["inspect", "--data", dir.path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(json["users"] as? Int == 50)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("README.md").path))
    }

    @Test func badFlagsAreRefused() throws {
        let out = try Harness.run(["train", "--data", "SampleData", "--lr=-1"])
        #expect(out.status != 0 && out.stderr.contains("learning rate"))
        let preset = try Harness.run(["train", "--preset", "nope"])
        #expect(preset.status != 0 && ["fastai", "funk-svd", "genres", "bayes", "als", "nn"].allSatisfy { preset.stderr.contains("  - \($0)\n") }, "the valid values are listed")
    }

    @Test func versionAndEnumeratedValues() throws {
        let version = try Harness.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("latentlab "))
        let help = try Harness.run(["train", "--help"])
        #expect(help.stdout.contains("Number of latent factors, 1–4096") && help.stdout.contains("funk-svd: 100, genres"), "the range and the presets' values in the help")
        #expect(help.stdout.contains("--sigmoid/--no-sigmoid") && help.stdout.contains("values: adam, sgd, momentum"))
        let bench = try Harness.run(["bench", "--help"])
        #expect(bench.stdout.components(separatedBy: "default: funk-svd").count == 2, "the default is printed once")
        let scoring = try Harness.run(["recommend", "--model", "x", "--user", "1", "--scoring", "best"])
        #expect(scoring.status != 0 && scoring.stderr.contains("'dot' and 'cosine'"))
        let linear = try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "4", "--no-sigmoid", "--no-bias", "--json"])
        #expect(linear.status == 0, "\(linear.stderr)")
        let inspect = try Harness.run(["inspect", "--data", "SampleData", "--top", "8"])
        #expect(inspect.stdout.contains("The Lord of the Rings: The Two Towers (2002)") && !inspect.stdout.contains("Lord of the Rings: The Two Towers, The"))
    }

    /// A title in a ratings file names one movie or stops with the candidates; never the first hit.
    @Test func anAmbiguousTitleStopsWithTheCandidates() throws {
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("m.latentlab").path
        #expect(try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "4", "--save", model]).status == 0)
        let ratings = dir.appendingPathComponent("me.csv")
        try Data("movie,rating\nToy Story,5\nstar wars,4\n".utf8).write(to: ratings)
        let out = try Harness.run(["recommend", "--model", model, "--ratings", ratings.path])
        #expect(out.status != 0)
        #expect(out.stderr.contains("me.csv:3: 'star wars' matches several movies: Star Wars: Episode IV - A New Hope (1977)"))
        try Data("movie,rating\nToy Story,5\nStar Wars: Episode V - The Empire Strikes Back (1980),4\n".utf8).write(to: ratings)
        let whole = try Harness.run(["recommend", "--model", model, "--ratings", ratings.path, "--json"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let similar = try Harness.run(["similar", "--model", model, "--movie", "harry potter"])
        #expect(similar.status != 0 && similar.stderr.contains("matches several movies"))
    }

    /// The map, as text and as SVG, neighbours by distance, users' biases, from one fixed model.
    @Test func mapSimilarAndBiasesFromAFixedModel() throws {
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("m.latentlab").path
        #expect(try Harness.run(["train", "--data", "SampleData", "--epochs", "2", "--factors", "8", "--bs", "256", "--save", model]).status == 0)
        let text = try Harness.run(["map", "--model", model, "--width", "90", "--height", "30"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("PCA of the 600 most rated movies' factors: components 1") == true)
        #expect(lines.count >= 30 && lines.dropFirst().allSatisfy { $0.unicodeScalars.count <= 90 })
        #expect(text.stdout.unicodeScalars.contains { $0.value > 0x2800 && $0.value <= 0x28FF }, "braille dots")
        #expect(text.stdout.contains("↑ ") && text.stdout.contains("· component 1 ·") && text.stdout.contains("■ "), "axis names and the legend")
        let glyphs = try Harness.run(["map", "--model", model, "--glyphs", "--components", "2,3"])
        #expect(glyphs.status == 0 && glyphs.stdout.contains("components 2") && glyphs.stdout.contains("o "))
        let svg = dir.appendingPathComponent("map.svg")
        let written = try Harness.run(["map", "--model", model, "--svg", svg.path])
        #expect(written.status == 0)
        let picture = try String(contentsOf: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<svg") && picture.hasSuffix("</svg>\n"))
        #expect(picture.components(separatedBy: "<circle").count > 600, "a point per movie, and the legend")
        #expect(picture.contains("Star Wars") && !picture.contains(" & "), "titles, escaped")
        #expect(try Harness.run(["map", "--model", model, "--components", "1,4"]).status != 0)

        let near = try Harness.run(["similar", "--model", model, "--movie", "toy story", "--metric", "euclidean", "-n", "3"])
        #expect(near.status == 0 && near.stdout.contains("(distance)") && near.stdout.split(separator: "\n").count == 4)
        let biases = try Harness.run(["biases", "--model", model, "-n", "2", "--users"])
        #expect(biases.status == 0 && biases.stdout.contains("stars") && biases.stdout.contains("Users with the highest bias"))
        let inspect = try Harness.run(["inspect", "--data", "SampleData", "--json"])
        #expect(inspect.stdout.contains("\"synthetic\":true"))
        let genres = try Harness.run(["train", "--data", "SampleData", "--preset", "genres", "--epochs", "1", "--bs", "256"])
        #expect(genres.status == 0 && genres.stdout.contains("18 factors (one per genre, fixed)"))
    }

    @Test func benchOnAGivenDataSetPrintsJSON() throws {
        let out = try Harness.run(["bench", "--data", "SampleData", "--repeats", "1", "--presets", "funk-svd", "--json"])
        #expect(try Harness.run(["bench", "--presets", "nonsense"]).status != 0, "an unknown preset is refused, not an empty table")
        #expect(out.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.split(separator: "\n").last.map(String.init)?.utf8 ?? "".utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.first?["preset"] as? String == "funk-svd")
        #expect((results.first?["ratings_per_second"] as? Double ?? 0) > 0)
        #expect(json["peak_memory_bytes"] as? Int ?? 0 > 0)
    }
}

import LatentCore

@Suite("The headless path and the panel agree")
struct HeadlessAgreementTests {
    @Test func recommendWithRatingsMatchesTheSharedFoldIn() throws {
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("m.latentlab").path
        let train = try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "8", "--save", model])
        #expect(train.status == 0)
        // A journal as the explorer writes it: ids, later lines win, 0 clears.
        let journal = RatingsJournal(url: dir.appendingPathComponent("my-ratings.csv"))
        try journal.append(movie: 1, rating: 5)
        try journal.append(movie: 2, rating: 4.5)
        try journal.append(movie: 3, rating: 2)
        try journal.append(movie: 3, rating: 0)
        let out = try Harness.run(["recommend", "--model", model, "--ratings", journal.url.path, "-n", "5", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        // The explorer's panel computes the same thing with the same function on its model.
        let contents = try ModelFile.read(URL(fileURLWithPath: model))
        let m = contents.makeModel()
        let ratings = try journal.load().compactMap { raw, r in contents.itemIds.firstIndex(of: raw).map { (item: $0, rating: r) } }
        #expect(ratings.count == 2)
        let panel = PersonalRecommendations.make(model: m, ratings: ratings, counts: contents.itemCounts, n: 5)
        #expect(rows.compactMap { $0["id"] as? Int }.map(Int64.init) == panel.recommendations.map { contents.itemIds[$0.item] })
    }
}
