import Foundation

/// Makes a MovieLens-like data set from a planted latent model, so that the bundled
/// sample has structure a trained model can find: genre tastes, and as much again in tastes
/// no category names (an era axis, a mainstream axis, a tone from dark to light, two scenes
/// that cut across genres), shared tastes for sequels, user and movie biases, and noise. The
/// unnamed half is what makes the app's first lesson true on its own data: categories get part
/// of the way, learned factors find the rest.
/// Which movies a user rates follows a long-tailed popularity and the user's taste
/// (people mostly watch what they expect to like), like real rating logs.
public struct SampleGenerator: Sendable {
    public struct Parameters: Sendable, Equatable {
        public var users = 610
        public var movies = 600
        public var ratings = 80_000
        public var seed: UInt64 = 42
        public var minRatingsPerUser = 20
        public init() {}
    }

    public struct Output: Sendable {
        public var movies: [Movie]
        /// (user id, movie id, rating, unix time), ordered by user then movie.
        public var ratings: [(user: Int, movie: Int64, rating: Float, timestamp: Int)]
        /// The movie side of the planted taste model (genres, era, mainstream), for measuring
        /// how much of it a trained model recovers.
        public var planted: PlantedFactors
    }

    static let genres = ["Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
                         "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"]

    /// The hidden crowds: named here for the planted file, never in the data.
    static let scenes = ["cult", "festival"]

    public let parameters: Parameters
    public init(_ parameters: Parameters) { self.parameters = parameters }

    /// The movies the generator knows (the first `count` of its list).
    public static func catalog(count: Int = .max) -> [(movie: Movie, series: String)] {
        var out: [(Movie, String)] = []
        // The list is a resource file (`SampleMovies.txt`), embedded in the binary by SwiftPM.
        for line in String(decoding: PackageResources.SampleMovies_txt, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let year = Int(f[0]) else { continue }
            let movie = Movie(rawId: Int64(out.count + 1), title: "\(f[1]) (\(year))", year: year,
                              genres: f[2].split(separator: "|").map(String.init))
            out.append((movie, f[3]))
            if out.count == count { break }
        }
        return out
    }

    public func generate() -> Output {
        let p = parameters
        var rng = SeededRandom(seed: p.seed)
        let known = Self.catalog(count: p.movies)
        let movies = known.map(\.movie)
        let nM = movies.count
        let nG = Self.genres.count
        let seriesNames = Array(Set(known.map(\.series)).filter { !$0.isEmpty }).sorted()

        // Movie side of the planted model.
        var genreVec = [[Double]](repeating: [Double](repeating: 0, count: nG), count: nM)
        var era = [Double](repeating: 0, count: nM)
        var mainstream = [Double](repeating: 0, count: nM)
        var tone = [Double](repeating: 0, count: nM)
        var scenes = [[Double]](repeating: [Double](repeating: 0, count: Self.scenes.count), count: nM)
        var quality = [Double](repeating: 0, count: nM)
        var seriesOf = [Int](repeating: -1, count: nM)
        var popularity = [Double](repeating: 0, count: nM)
        for (m, entry) in known.enumerated() {
            let gs = entry.movie.genres.compactMap { Self.genres.firstIndex(of: $0) }
            for g in gs { genreVec[m][g] = 1 / Double(gs.count).squareRoot() }
            era[m] = (Double(entry.movie.year ?? 1990) - 1995) / 20
            let blockbuster = ["Action", "Adventure", "Animation", "IMAX", "Sci-Fi", "Children"].filter(entry.movie.genres.contains).count
            let arthouse = ["Documentary", "Film-Noir"].filter(entry.movie.genres.contains).count
            let foreign = entry.movie.title.dropLast(7).contains("(") ? 1.0 : 0.0
            mainstream[m] = 0.35 * Double(blockbuster) - 0.8 * Double(arthouse) - 0.7 * foreign
                + (entry.series.isEmpty ? 0 : 0.6) + 0.5 * rng.nextNormal()
            // Dark (−) to light (+): mostly the film's own, a little of its genres.
            let light = ["Animation", "Children", "Comedy", "Musical", "Romance"].filter(entry.movie.genres.contains).count
            let dark = ["Crime", "Film-Noir", "Horror", "Thriller", "War"].filter(entry.movie.genres.contains).count
            tone[m] = 0.9 * rng.nextNormal() + 0.25 * Double(light - dark)
            // A scene is a crowd that shares films across genres: about one movie in six belongs to each.
            for s in 0..<Self.scenes.count where rng.nextUnit() < 0.17 { scenes[m][s] = 1 }
            seriesOf[m] = entry.series.isEmpty ? -1 : (seriesNames.firstIndex(of: entry.series) ?? -1)
            // The list puts famous films first; later entries of a series are less famous than the first two.
            let earlier = entry.series.isEmpty ? 0 : known[..<m].filter { $0.series == entry.series }.count
            let fameRank = Double(m) + Double(min(earlier, 2)) * 90
            let fame = exp(-fameRank / 200)
            // Old movies that people still rate are mostly the good ones.
            quality[m] = 0.3 * rng.nextNormal() + 0.35 * fame + 0.15 * max(0, -era[m])
            // Long tail: a Zipf-like weight by fame, lifted by how mainstream the movie is.
            popularity[m] = exp(0.5 * mainstream[m] + 0.7 * rng.nextNormal()) * pow(fameRank + 30, -1.1)
        }
        // Sequels after the first tend to be a little worse (a visible bias pattern).
        var seenSeries = Set<Int>()
        for m in 0..<nM where seriesOf[m] >= 0 {
            if !seenSeries.insert(seriesOf[m]).inserted { quality[m] -= 0.25 }
        }

        // How many ratings each user gives: at least the minimum, then a long tail, scaled to the target total.
        let raw = (0..<p.users).map { _ in exp(3.6 + 0.85 * rng.nextNormal()) }
        let cap = Double(max(p.minRatingsPerUser, nM * 2 / 5))
        // Scale the tail so the total lands on the target despite the cap (bisection on the scale).
        func counts(_ scale: Double) -> [Double] { raw.map { min(cap, Double(p.minRatingsPerUser) + ($0 * scale).rounded()) } }
        var low = 0.0, high = 1.0
        while counts(high).reduce(0, +) < Double(p.ratings) && high < 1e6 { high *= 2 }
        for _ in 0..<40 {
            let mid = (low + high) / 2
            if counts(mid).reduce(0, +) < Double(p.ratings) { low = mid } else { high = mid }
        }
        let counts = counts(high)

        var ratings: [(user: Int, movie: Int64, rating: Float, timestamp: Int)] = []
        ratings.reserveCapacity(p.ratings + p.users)
        for u in 0..<p.users {
            // User side of the planted model.
            let favourite = rng.nextIndex(below: nG), second = rng.nextIndex(below: nG)
            var taste = (0..<nG).map { _ in 0.4 * rng.nextNormal() }
            taste[favourite] += 1.1; taste[second] += 0.55
            let eraTaste = 0.5 * rng.nextNormal()
            let mainstreamTaste = 0.4 * rng.nextNormal()
            let toneTaste = 0.7 * rng.nextNormal()
            let sceneTaste = Self.scenes.map { _ in 0.9 * rng.nextNormal() }
            let seriesTaste = seriesNames.map { _ in 0.5 * rng.nextNormal() }
            let bias = 0.4 * rng.nextNormal()
            let start = 1_000_000_000 + rng.nextIndex(below: 600_000_000)

            var affinity = [Double](repeating: 0, count: nM)
            for m in 0..<nM {
                var a = 0.0
                for g in 0..<nG where genreVec[m][g] != 0 { a += taste[g] * genreVec[m][g] }
                a += eraTaste * era[m] + mainstreamTaste * mainstream[m] + toneTaste * tone[m]
                for s in 0..<Self.scenes.count where scenes[m][s] != 0 { a += sceneTaste[s] * scenes[m][s] }
                if seriesOf[m] >= 0 { a += seriesTaste[seriesOf[m]] }
                affinity[m] = a
            }
            // Weighted sampling without replacement (Efraimidis–Spirakis keys).
            var keyed: [(key: Double, m: Int)] = (0..<nM).map { m in
                let w = popularity[m] * exp(2.2 * affinity[m] + 0.8 * quality[m])
                return (log(max(rng.nextUnit(), 1e-300)) / w, m)
            }
            keyed.sort { $0.key > $1.key }
            let chosen = keyed.prefix(Int(counts[u])).map(\.m).sorted()
            for m in chosen {
                let score = 2.4 + bias + quality[m] + 0.9 * affinity[m] + 0.55 * rng.nextNormal()
                // People favour whole stars: most ratings are rounded to them, some to half stars.
                let star = rng.nextUnit() < 0.6 ? score.rounded() : (score * 2).rounded() / 2
                let rating = Float(min(5, max(0.5, star)))
                ratings.append((u + 1, movies[m].rawId, rating, start + rng.nextIndex(below: 90_000_000)))
            }
        }
        var planted = PlantedFactors(names: Self.genres.map { PlantedFactors.genrePrefix + $0 } + ["era", "mainstream", "tone"]
                                     + Self.scenes.map { "scene \($0)" })
        for m in 0..<nM { planted.byMovie[movies[m].rawId] = (genreVec[m] + [era[m], mainstream[m], tone[m]] + scenes[m]).map(Float.init) }
        return Output(movies: movies, ratings: ratings, planted: planted)
    }
}
