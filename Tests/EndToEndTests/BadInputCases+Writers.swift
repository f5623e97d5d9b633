import Foundation

/// Issue 20's rule, tried on every command that writes: nothing is deleted or replaced that
/// LatentLab did not write. Each refusal is checked to leave every file as it was (the
/// catalogue's runner compares their bytes after the run).
extension BadInputCatalogue {
    static let notes = "my notes\n"
    static let sparkManifest = """
    {"format_version": 1, "kind": "dot", "factors": 2, "scale": {"min": 0.5, "max": 5, "step": 0.5}, "source": {"tool": "spark"}}
    """

    static var writers: [BadInput] { [
        BadInput("export --factors onto a folder of other files", files: ["out/notes.txt": notes, "out/data.csv": "1,2\n"],
                 ["export", "--model", "{model}", "--factors", "{dir}/out"], status: 1,
                 "Error: {dir}/out: is not a factor directory: it holds “data.csv”, “notes.txt”; LatentLab replaces only a factor directory it wrote"),
        BadInput("export --factors onto the current folder", files: ["notes.txt": notes], ["export", "--model", "{model}", "--factors", "."], status: 1,
                 "Error: {dir}: is the current folder or holds it; give a new folder for the output"),
        BadInput("export --factors onto the model's own folder", files: ["m/keep.txt": notes], special: [.model("m/m.latentlab") { _ in }],
                 ["export", "--model", "{dir}/m/m.latentlab", "--factors", "{dir}/m"], status: 1,
                 "Error: {dir}/m: holds m.latentlab, which is being read; give a new folder for the output"),
        BadInput("export --factors onto a file", files: ["out": notes], ["export", "--model", "{model}", "--factors", "{dir}/out"], status: 1,
                 "Error: {dir}/out: is a file; a factor directory is a folder: give a new folder name"),
        BadInput("export --factors onto Spark's factor directory", files: ["als/manifest.json": sparkManifest, "als/users.csv": "id,bias,f1,f2\n1,,0.1,0.2\n"],
                 ["export", "--model", "{model}", "--factors", "{dir}/als"], status: 1,
                 "Error: {dir}/als: holds manifest.json, users.csv but no manifest.json written by LatentLab"),
        BadInput("export --factors into /proc", ["export", "--model", "{model}", "--factors", "/proc/latentlab-factors"], status: 1,
                 "Error: /proc/latentlab-factors: could not be written: no folder can be made in /proc"),
        BadInput("export --csv over a file of the same name", files: ["out/movie_factors.csv": "movie,score\n1,2\n"],
                 ["export", "--model", "{model}", "--csv", "{dir}/out"], status: 1,
                 "Error: {dir}/out/movie_factors.csv: is already there and is not a movie_factors.csv LatentLab wrote (it begins “movie,score”)"),
        BadInput("export --csv into a file", files: ["out": notes], ["export", "--model", "{model}", "--csv", "{dir}/out"], status: 1,
                 "Error: {dir}/out: is a file, not a folder"),
        BadInput("export --projector over someone's metadata.tsv", files: ["p/metadata.tsv": "name\tgroup\nx\t1\n"],
                 ["export", "--model", "{model}", "--projector", "{dir}/p"], status: 1,
                 "Error: {dir}/p/metadata.tsv: is already there and is not a projector metadata.tsv LatentLab wrote"),
        BadInput("export --projector over a text vectors.tsv", files: ["p/vectors.tsv": notes],
                 ["export", "--model", "{model}", "--projector", "{dir}/p"], status: 1,
                 "Error: {dir}/p/vectors.tsv: is already there and is not a projector vectors.tsv LatentLab wrote"),
        BadInput("export: one refused target writes none of the others", files: ["c/user_factors.csv": notes],
                 ["export", "--model", "{model}", "--projector", "{dir}/p", "--csv", "{dir}/c"], status: 1,
                 "Error: {dir}/c/user_factors.csv: is already there and is not a user_factors.csv LatentLab wrote (it begins “my notes”)"),
        BadInput("train --save over a text file", files: CatalogueData.folder.merging(["notes.txt": notes]) { a, _ in a },
                 ["train", "--data", "{dir}", "--epochs", "1", "--factors", "2", "--save", "{dir}/notes.txt"], status: 1,
                 "Error: {dir}/notes.txt: is already there and is not a LatentLab model file (it begins “my notes”)"),
        BadInput("train --save over the ratings", files: CatalogueData.folder,
                 ["train", "--data", "{dir}", "--epochs", "1", "--factors", "2", "--save", "{dir}/ratings.csv"], status: 1,
                 "Error: {dir}/ratings.csv: is already there and is not a LatentLab model file (it begins “userId,movieId,rating,timestamp”)"),
        BadInput("train --save where nothing can be written fails before training", files: CatalogueData.folder,
                 ["train", "--data", "{dir}", "--epochs", "1", "--factors", "2", "--save", "/proc/latentlab.latentlab"], status: 1,
                 "Error: /proc/latentlab.latentlab: cannot be written: No such file or directory (in /proc)"),
        BadInput("import --out over a text file", files: ["notes.txt": notes], ["import", "--factors", "\(Harness.root.path)/Tests/Fixtures/spark-als/factors", "--out", "{dir}/notes.txt"],
                 status: 1, "Error: {dir}/notes.txt: is already there and is not a LatentLab model file"),
        BadInput("map --svg over someone's drawing", files: ["map.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n"],
                 ["map", "--model", "{model}", "--svg", "{dir}/map.svg"], status: 1,
                 "Error: {dir}/map.svg: is already there and is not an SVG map LatentLab wrote"),
        BadInput("map --svg over a binary file", binary: ["map.svg": Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 1])],
                 ["map", "--model", "{model}", "--svg", "{dir}/map.svg"], status: 1,
                 "Error: {dir}/map.svg: is already there and is not an SVG map LatentLab wrote (it holds binary data)"),
        BadInput("sample --out onto a real data set", files: CatalogueData.folder,
                 ["sample", "--out", "{dir}", "--users", "5", "--ratings", "50"], status: 1,
                 "Error: {dir}/ratings.csv: is already there and is not part of a sample LatentLab wrote"),
        BadInput("sample --out onto a folder with someone's README", files: ["README.md": "# My project\n"],
                 ["sample", "--out", "{dir}", "--users", "5", "--ratings", "50"], status: 1,
                 "Error: {dir}/README.md: is already there and is not part of a sample LatentLab wrote"),
    ] }
}
