import Foundation

/// Writes generated data in the ml-latest CSV layout (`ratings.csv`, `movies.csv`)
/// with a README that says what it is, so it travels the same path as real downloads.
public enum SampleWriter {
    public static func write(_ output: SampleGenerator.Output, parameters: SampleGenerator.Parameters, to folder: URL) throws {
        var ratings = "userId,movieId,rating,timestamp\n"
        ratings.reserveCapacity(output.ratings.count * 24)
        for r in output.ratings {
            ratings += "\(r.user),\(r.movie),\(String(format: "%.1f", r.rating)),\(r.timestamp)\n"
        }
        var movies = "movieId,title,genres\n"
        for m in output.movies {
            movies += "\(m.rawId),\(CSV.field(m.title)),\(m.genres.isEmpty ? "(no genres listed)" : m.genres.joined(separator: "|"))\n"
        }
        let files: [(String, String)] = [("ratings.csv", ratings), ("movies.csv", movies),
                                         (PlantedFactors.fileName, output.planted.csv()), ("README.md", readme(output, parameters))]
        // A folder of real ratings.csv and movies.csv looks the same as a sample's: its files are
        // replaced only when its README says it is a sample LatentLab wrote. Checked for every
        // file before any is written, so a refusal leaves the folder as it was.
        let ours = sampleSignature(folder)
        for (name, _) in files { try WriteGuard.requireReplaceable(folder.appendingPathComponent(name), by: ours) }
        for (name, text) in files { try AtomicFile.write(text, to: folder.appendingPathComponent(name), replacing: ours) }
    }

    static let readmeTitle = "# LatentLab sample data (synthetic)"

    /// Any of the sample's files, when the folder's README is a sample's README.
    static func sampleSignature(_ folder: URL) -> FileSignature {
        let readme = folder.appendingPathComponent("README.md")
        let readmeIsOurs = (try? WriteGuard.readHead(readme)).map { $0.starts(with: Array(readmeTitle.utf8)) } ?? false
        return FileSignature(name: "part of a sample LatentLab wrote (its README.md does not begin “\(readmeTitle)”)") { _ in readmeIsOurs }
    }

    static func readme(_ output: SampleGenerator.Output, _ p: SampleGenerator.Parameters) -> String {
        """
        \(readmeTitle)

        These ratings are **made up**. The movies are real (\(output.movies.count) well-known titles with
        their year and genres), but every rating was drawn from a planted latent model by

            latentlab sample --out SampleData --seed \(p.seed) --users \(p.users) --movies \(p.movies) --ratings \(p.ratings)

        and the same command writes the same files again.

        ## How the ratings were made
        - Each user has a taste for each genre (one favourite and one second favourite stand out),
          and as much again in tastes no category names: for older or newer films (an era axis),
          for blockbusters or art-house films (a mainstream axis), for dark or light films (a tone
          axis), and for two hidden scenes, crowds that share films across genres (a "cult" and a
          "festival" scene, about one movie in six each). Each user also has a taste for each
          franchise (so sequels sit together) and a bias (some people rate everything high).
        - Each movie has its genres, its era, how mainstream it is, its tone, its scenes, and a
          quality bias; sequels after the first of a series are a little worse.
        - Which movies a user rates follows a long-tailed popularity and the user's own taste, since
          people mostly watch what they expect to like. Every user rates at least \(p.minRatingsPerUser) movies.
        - The rating is the sum of those parts plus noise, mostly rounded to whole stars and sometimes
          to half stars, on the 0.5–5 scale, so the histogram looks like MovieLens (mostly 3s and 4s).

        Categories alone (`--preset genres`) get part of the way; a model that learns its factors
        finds the rest, the tastes no category names: movies of one tone, era or scene cluster,
        franchises sit together, and the movie biases show the quality that was planted.

        ## Layout
        The files use the layout of the MovieLens `ml-latest` releases, so they go through the same
        loader as real data:
        - `ratings.csv`: `userId,movieId,rating,timestamp` (\(output.ratings.count) ratings),
        - `movies.csv`: `movieId,title,genres`, titles quoted when they hold a comma,
        - `planted.csv`: the planted movie side (`movieId`, then the movie's genre weights, era,
          mainstream score, tone and scenes), which real releases do not have: LatentLab scores how
          much of it a trained model's movie factors recover, the genres and the unnamed tastes apart.

        ## Real data
        Download a MovieLens release from GroupLens (ml-100k, ml-1m, ml-10m, ml-latest-small,
        ml-25m, ...) and point LatentLab at the folder or the zip as it comes:

            latentlab explore --data ~/Downloads/ml-100k.zip
            latentlab inspect --data ~/Downloads/ml-25m

        """
    }
}
