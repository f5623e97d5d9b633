import Foundation

/// The cases, by what they attack. Each message is what a person reads, word for word.
enum BadInputCatalogue {
    static var cases: [BadInput] { ratings + layouts + paths + zips + movies + models + personal + flags + terminal + writers + messages }

    static let header = "userId,movieId,rating,timestamp\n"
    /// ml-latest's layout with one bad line (line 3) after a good one.
    static func ratingsLine(_ name: String, _ line: String, _ message: String) -> BadInput {
        BadInput("ratings.csv: \(name)", files: ["ratings.csv": header + "1,1,4,0\n" + line + "\n"], ["inspect", "--data", "{dir}"], status: 1, message)
    }

    static var ratings: [BadInput] { [
        BadInput("ratings.csv: empty", files: ["ratings.csv": ""], ["inspect", "--data", "{dir}"], status: 1, "Error: ratings.csv: the file is empty"),
        BadInput("ratings.csv: header only", files: ["ratings.csv": header], ["inspect", "--data", "{dir}"], status: 1, "Error: ratings.csv: no ratings found"),
        ratingsLine("too few fields", "1,2", "Error: ratings.csv:3: expected at least 3 fields separated by ',', found 2"),
        ratingsLine("user not a number", "alice,2,4,0", "Error: ratings.csv:3: user id 'alice' is not an integer"),
        ratingsLine("movie not a number", "1,two,4,0", "Error: ratings.csv:3: movie id 'two' is not an integer"),
        ratingsLine("rating a word", "1,2,good,0", "Error: ratings.csv:3: rating 'good' is not a number"),
        ratingsLine("rating hexadecimal", "1,2,0x4,0", "Error: ratings.csv:3: rating '0x4' is not a number"),
        ratingsLine("rating inf", "1,2,inf,0", "Error: ratings.csv:3: rating 'inf' is not a number"),
        ratingsLine("rating nan", "1,2,nan,0", "Error: ratings.csv:3: rating 'nan' is not a number"),
        ratingsLine("rating beyond a float", "1,2,1e39,0", "Error: ratings.csv:3: rating '1e39' is not a number"),
        ratingsLine("rating between half stars", "1,2,3.7,0", "Error: ratings.csv:3: rating 3.7 is between the steps of this layout's scale (steps of 0.5)"),
        ratingsLine("rating above the scale", "1,2,5.5,0", "Error: ratings.csv:3: rating 5.5 is outside the scale 0.5–5"),
        ratingsLine("rating negative", "1,2,-1,0", "Error: ratings.csv:3: rating -1 is outside the scale 0.5–5"),
        ratingsLine("rating zero", "1,2,0,0", "Error: ratings.csv:3: rating 0 is outside the scale 0.5–5"),
        ratingsLine("user id of 30 digits", "123456789012345678901234567890,2,4,0", "Error: ratings.csv:3: user id '123456789012345678901234567890' is too large: ids are 64-bit integers"),
        ratingsLine("empty rating", "1,2,,0", "Error: ratings.csv:3: rating '' is not a number"),
        ratingsLine("NUL bytes", "1,2,\u{0}4,0", "Error: ratings.csv:3: rating '?4' is not a number"),
        ratingsLine("an escape sequence as the rating", "1,2,\u{1B}[2J,0", "Error: ratings.csv:3: rating '?[2J' is not a number"),
        BadInput("ratings.csv: Windows line ends load", files: ["ratings.csv": (header + "1,1,4,0\n2,1,3.5,0\n").replacingOccurrences(of: "\n", with: "\r\n")],
                 ["inspect", "--data", "{dir}"], status: 0, "", output: "ratings     2"),
        BadInput("ratings.csv: duplicates are counted, the last kept", files: ["ratings.csv": header + "1,1,4,0\n1,2,3,0\n1,1,2,0\n"],
                 ["inspect", "--data", "{dir}"], status: 0, "", output: "1 duplicate rating (the same user and movie again; first: user 1, movie 1): the last rating of each pair was kept"),
        BadInput("ratings.csv: --skip-bad-lines counts and names the first", files: ["ratings.csv": header + "1,1,4,0\n1,2,x,0\n2,1,5,0\n"],
                 ["inspect", "--data", "{dir}", "--skip-bad-lines"], status: 0, "", output: "skipped     1 malformed lines (first: ratings.csv:3: rating 'x' is not a number)"),
        BadInput("ratings.csv: binary garbage", binary: ["ratings.csv": Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x0A, 0x01, 0x02, 0x0A])],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: ratings.csv:2: expected at least 3 fields separated by ',', found 1"),
    ] }

    static var layouts: [BadInput] { [
        BadInput("u.data: two fields", files: ["u.data": "1\t2\n"], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: u.data:1: expected at least 3 fields separated by '\\t', found 2"),
        BadInput("u.data: a half star in whole-star ml-100k", files: ["u.data": "1\t2\t3.5\t0\n"], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: u.data:1: rating 3.5 is between the steps of this layout's scale (whole stars)"),
        BadInput("u.data: six stars", files: ["u.data": "1\t2\t6\t0\n"], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: u.data:1: rating 6 is outside the scale 1–5"),
        BadInput("u.item: an id that is not a number", files: ["u.data": "1\t2\t3\t0\n", "u.item": "x|Film (1990)|01-Jan-1990||u|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n"],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: u.item:1: expected 'id|title|...' with a numeric id"),
        BadInput("ratings.dat: single colons", files: ["ratings.dat": "1:2:3:0\n"], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: ratings.dat:1: expected at least 3 fields separated by '::', found 1"),
        BadInput("ratings.dat: between half stars", files: ["ratings.dat": "1::2::3.25::0\n"], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: ratings.dat:1: rating 3.25 is between the steps of this layout's scale (steps of 0.5)"),
        BadInput("movies.dat: an id that is not a number", files: ["ratings.dat": "1::2::3::0\n", "movies.dat": "two::Film (1990)::Drama\n"],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: movies.dat:1: expected 'id::title::genres' with a numeric id"),
        BadInput("generic: no --columns names a rating", files: ["r.txt": "1 2 3\n"],
                 ["inspect", "--ratings", "{dir}/r.txt", "--sep", " ", "--columns", "user,item,score2"], status: 1,
                 "Error: --columns: no 'rating' column in user,item,score2 (expected names like user,item,rating)"),
        BadInput("generic: a separator of three characters", files: ["r.txt": "1:::2:::3\n"],
                 ["inspect", "--ratings", "{dir}/r.txt", "--sep", ":::", "--columns", "user,item,rating"], status: 1,
                 "Error: --sep: the separator must be one or two characters, got ':::'"),
        BadInput("generic: an empty separator", files: ["r.txt": "1 2 3\n"],
                 ["inspect", "--ratings", "{dir}/r.txt", "--sep", "", "--columns", "user,item,rating"], status: 1,
                 "Error: --sep: the separator must be one or two characters, got ''"),
        BadInput("generic: fewer fields than the columns", files: ["r.txt": "1 2\n"],
                 ["inspect", "--ratings", "{dir}/r.txt", "--sep", " ", "--columns", "user,item,rating"], status: 1,
                 "Error: r.txt:1: expected at least 3 fields separated by ' ', found 2"),
        BadInput("generic: a rating beyond a float", files: ["r.txt": "1 2 1e39\n"],
                 ["inspect", "--ratings", "{dir}/r.txt", "--sep", " ", "--columns", "user,item,rating"], status: 1,
                 "Error: r.txt:1: rating '1e39' is not a number"),
        BadInput("generic: --train and --valid described by --sep and --columns", files: ["a.txt": "1 1 4\n1 2 3\n2 1 5\n", "b.txt": "2 2 2\n"],
                 ["train", "--train", "{dir}/a.txt", "--valid", "{dir}/b.txt", "--sep", " ", "--columns", "user,item,rating", "--epochs", "1", "--factors", "2"],
                 status: 0, "", output: "4 ratings, 2 users, 2 movies; 3 train / 1 valid"),
        BadInput("generic: --data described by --sep", files: ["r.txt": "1 2 3\n2 1 4\n"], ["inspect", "--data", "{dir}/r.txt", "--sep", " "],
                 status: 0, "", output: "format      generic"),
        BadInput("generic: not a MovieLens layout without --sep", files: ["r.txt": "1;2;3\n"], ["inspect", "--data", "{dir}/r.txt"], status: 1,
                 "Error: r.txt: not a MovieLens layout; describe it with --sep ',' --columns user,item,rating"),
        BadInput("generic: a movies file that is missing", files: ["r.txt": "1 2 3\n"],
                 ["inspect", "--ratings", "{dir}/r.txt", "--sep", " ", "--columns", "user,item,rating", "--movies", "{dir}/none.csv"], status: 1,
                 "Error: {dir}/none.csv: no such movies file"),
    ] }

    static var paths: [BadInput] { [
        BadInput("path: missing", ["inspect", "--data", "{dir}/nothing"], status: 1, "Error: {dir}/nothing: no such file or folder"),
        BadInput("path: a folder without MovieLens files", files: ["notes.txt": "hi\n"], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: {dir}: no MovieLens files here (looked for u.data, ratings.dat, ratings.csv)"),
        BadInput("path: a FIFO as the data", special: [.fifo("ratings.csv")], ["inspect", "--data", "{dir}/ratings.csv"], status: 1,
                 "Error: {dir}/ratings.csv: is a pipe (FIFO), not a ratings file; save it to a file first"),
        BadInput("path: a FIFO as ratings.csv in a folder", special: [.fifo("ratings.csv")], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: {dir}/ratings.csv: is a pipe (FIFO), not a ratings file; save it to a file first"),
        BadInput("path: /dev/stdin", ["inspect", "--data", "/dev/stdin"], status: 1, "Error: /dev/stdin: is a character device, not a ratings file; save it to a file first"),
        BadInput("path: a loop of links", special: [.linkLoop("loop")], ["inspect", "--data", "{dir}/loop"], status: 1,
                 "Error: {dir}/loop: is a loop of symbolic links"),
        BadInput("path: ratings.csv a loop of links", special: [.linkLoop("ratings.csv")], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: {dir}/ratings.csv: is a loop of symbolic links"),
        BadInput("path: movies.csv is a folder", files: ["ratings.csv": header + "1,1,4,0\n", "movies.csv/x": "x"], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: {dir}/movies.csv: is a folder, expected a movies file"),
        BadInput("path: --train without --valid", ["inspect", "--train", "{dir}/a"], status: 64, "Error: --train and --valid go together."),
        BadInput("path: --data and --ratings", ["inspect", "--data", "{dir}", "--ratings", "{dir}/r"], status: 64, "Error: Use --data or --ratings, not both."),
    ] }

    static let good = Data((header + "1,1,4,0\n2,1,3.5,0\n").utf8)

    static var zips: [BadInput] { [
        BadInput("zip: not a zip", files: ["data.zip": "hello\n"], ["inspect", "--data", "{dir}/data.zip"], status: 1,
                 "Error: {dir}/data.zip: is not a zip archive that can be read"),
        BadInput("zip: empty file", files: ["data.zip": ""], ["inspect", "--data", "{dir}/data.zip"], status: 1,
                 "Error: {dir}/data.zip: is not a zip archive that can be read"),
        BadInput("zip: a zip inside a zip", special: [.zip("outer.zip", [("inner.zip", Data("PK".utf8))])], ["inspect", "--data", "{dir}/outer.zip"], status: 1,
                 "Error: {dir}/outer.zip: holds another zip (inner.zip) and no ratings file: unzip it first and load what it holds"),
        BadInput("zip: no ratings file", special: [.zip("data.zip", [("a.txt", Data("x".utf8)), ("b.txt", Data("y".utf8))])], ["inspect", "--data", "{dir}/data.zip"], status: 1,
                 "Error: {dir}/data.zip: holds no MovieLens ratings file (looked for u.data, ratings.dat, ratings.csv in 2 files)"),
        BadInput("zip: a bad line names the file inside the zip", special: [.zip("ml.zip", [("ml-latest/ratings.csv", Data((header + "1,1,x,0\n").utf8))])],
                 ["inspect", "--data", "{dir}/ml.zip"], status: 1, "Error: {dir}/ml.zip:ml-latest/ratings.csv:2: rating 'x' is not a number"),
        BadInput("zip: paths that climb out are read by name only", special: [.zip("evil.zip", [("../../../../tmp/ratings.csv", good)])],
                 ["inspect", "--data", "{dir}/evil.zip"], status: 0, "", output: "ratings     2"),
        BadInput("zip: a bomb is stopped at what it declares", special: [.zipBomb("bomb.zip")], ["inspect", "--data", "{dir}/bomb.zip"], status: 1,
                 "Error: {dir}/bomb.zip: is damaged or hostile: ratings.csv unpacks to more than the 1000 bytes it declares"),
        BadInput("zip: the release folder one level down", special: [.zip("ml.zip", [("ml-latest-small/ratings.csv", good), ("ml-latest-small/README.txt", Data("r".utf8))])],
                 ["inspect", "--data", "{dir}/ml.zip"], status: 0, "", output: "ratings     2"),
    ] }

    static var movies: [BadInput] { [
        BadInput("movies.csv: an unclosed quote", files: ["ratings.csv": header + "1,1,4,0\n", "movies.csv": "movieId,title,genres\n1,\"Toy Story (1995),Animation\n"],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: movies.csv:2: a quote is opened and never closed (a title in quotes needs its closing quote)"),
        BadInput("movies.csv: an id that is not a number", files: ["ratings.csv": header + "1,1,4,0\n", "movies.csv": "movieId,title,genres\none,Toy Story (1995),Animation\n"],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: movies.csv:2: movie id 'one' is not an integer"),
        BadInput("movies.csv: one field", files: ["ratings.csv": header + "1,1,4,0\n", "movies.csv": "movieId,title,genres\n1\n"],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: movies.csv:2: expected 'movieId,title,genres', found 1 field(s)"),
        BadInput("movies.csv: empty", files: ["ratings.csv": header + "1,1,4,0\n", "movies.csv": ""],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: movies.csv: the file is empty"),
        BadInput("movies.csv: escape sequences in titles never reach the terminal", files: CatalogueData.folder,
                 ["inspect", "--data", "{dir}", "--top", "5"], status: 0, "", output: "Evil ?]0;pwned? ?[2J (1999)"),
    ] }

    static func flip(_ byte: Int) -> BadInput.Special {
        .model("m.latentlab") { data in data[min(byte, data.count - 1)] ^= 0x10 }
    }

    static var models: [BadInput] { [
        BadInput("model: missing", ["biases", "--model", "{dir}/none.latentlab"], status: 1, "Error: {dir}/none.latentlab: no such model file"),
        BadInput("model: a folder", files: ["m.latentlab/x": "x"], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/m.latentlab: is a folder, expected a model file"),
        BadInput("model: a FIFO", special: [.fifo("m.latentlab")], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/m.latentlab: is a pipe (FIFO), not a model file; save it to a file first"),
        BadInput("model: six bytes of text", files: ["m.latentlab": "hello\n"], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/m.latentlab: is not a LatentLab model file (train one with `latentlab train --save FILE`)"),
        BadInput("model: empty", files: ["m.latentlab": ""], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/m.latentlab: is not a LatentLab model file"),
        BadInput("model: the magic alone", files: ["m.latentlab": "LATENTLB"], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/m.latentlab: is truncated (8 bytes, not even a version)"),
        BadInput("model: version 99", special: [.model("m.latentlab") { $0[8] = 99 }], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/m.latentlab: is a model file of version 99; this latentlab reads versions 1–4. Train the model again."),
        BadInput("model: cut in half", special: [.model("m.latentlab") { $0 = $0.prefix($0.count / 2) }], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/m.latentlab: is damaged: its checksum does not match (it changed after it was written, or was cut short); train or save it again"),
        BadInput("model: a bit flipped in the header length", special: [flip(13)], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "its checksum does not match"),
        BadInput("model: a bit flipped in the header", special: [flip(100)], ["biases", "--model", "{dir}/m.latentlab"], status: 1, "its checksum does not match"),
        BadInput("model: a bit flipped in the factors", special: [.model("m.latentlab") { $0[$0.count - 40] ^= 0x01 }], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "its checksum does not match"),
        BadInput("model: the checksum itself damaged", special: [.model("m.latentlab") { $0[$0.count - 1] ^= 0x80 }], ["biases", "--model", "{dir}/m.latentlab"], status: 1,
                 "its checksum does not match"),
        BadInput("model: a version 2 file with a header length of 2⁶⁴−1",
                 special: [.model("m.latentlab") { d in d = d.prefix(d.count - 4); d[8] = 2; for i in 12..<20 { d[i] = 0xFF } }],
                 ["biases", "--model", "{dir}/m.latentlab"], status: 1, "Error: {dir}/m.latentlab: is truncated"),
        BadInput("model: a version 2 file with a broken header",
                 special: [.model("m.latentlab") { d in d = d.prefix(d.count - 4); d[8] = 2; d[20] = UInt8(ascii: "[") }],
                 ["biases", "--model", "{dir}/m.latentlab"], status: 1, "Error: {dir}/m.latentlab: has a damaged header (not JSON)"),
        BadInput("model: ratings data given as the model", files: CatalogueData.folder, ["biases", "--model", "{dir}/ratings.csv"], status: 1,
                 "Error: {dir}/ratings.csv: is not a LatentLab model file"),
    ] }

    /// `recommend --ratings FILE` on the shared model.
    static func personal(_ name: String, _ text: String, _ message: String, status: Int32 = 1, output: String? = nil) -> BadInput {
        BadInput("your ratings: \(name)", files: ["me.csv": text], ["recommend", "--model", "{model}", "--ratings", "{dir}/me.csv"],
                 status: status, message, output: output)
    }

    static func utf16(_ s: String) -> Data {
        var d = Data([0xFF, 0xFE])
        for u in s.utf16 { d.append(contentsOf: [UInt8(u & 0xFF), UInt8(u >> 8)]) }
        return d
    }

    static var personal: [BadInput] { [
        personal("a negative rating", "movie,rating\n1,-5\n", "Error: {dir}/me.csv:2: rating -5 is outside the scale 1–5 (0 clears a rating)"),
        personal("nan", "movie,rating\n1,nan\n", "Error: {dir}/me.csv:2: rating 'nan' is not a number"),
        personal("inf", "movie,rating\n1,inf\n", "Error: {dir}/me.csv:2: rating 'inf' is not a number"),
        personal("a thousand stars", "movie,rating\n1,1000\n", "Error: {dir}/me.csv:2: rating 1000 is outside the scale 1–5 (0 clears a rating)"),
        personal("hexadecimal", "movie,rating\n1,0x4\n", "Error: {dir}/me.csv:2: rating '0x4' is not a number"),
        personal("between half stars", "movie,rating\n1,3.7\n", "Error: {dir}/me.csv:2: rating 3.7 is between the scale's steps of 0.5"),
        personal("two bad lines are both counted", "movie,rating\n1,-5\n2,nan\n", "Error: {dir}/me.csv:2: rating -5 is outside the scale 1–5 (0 clears a rating) (and 1 more line)"),
        personal("no rating on the line", "movie,rating\nToy Story\n", "Error: {dir}/me.csv:2: expected 'movie,rating' (a movie id or title, then a rating)"),
        personal("an unclosed quote", "movie,rating\n\"Toy Story,4\n", "Error: {dir}/me.csv:2: a quote is opened and never closed"),
        personal("an unknown title", "movie,rating\nCasablanca,5\n", "Error: {dir}/me.csv:2: no movie 'Casablanca' in the model"),
        personal("an unknown id", "movie,rating\n999,5\n", "Error: {dir}/me.csv:2: no movie with id 999 in the model"),
        personal("Windows line ends", "movie,rating\r\n1,5\r\n2,4\r\n", "", status: 0, output: "Recommended for the 2 ratings"),
        personal("old Mac line ends", "movie,rating\r1,5\r2,4\r", "", status: 0, output: "Recommended for the 2 ratings"),
        personal("a complete last line without its end", "movie,rating\n1,5\n2,4", "", status: 0, output: "Recommended for the 2 ratings"),
        personal("a last line cut short", "movie,rating\n1,5\n2,", "Error: {dir}/me.csv:3: rating '' is not a number (the last line has no end: a write cut short?)"),
        BadInput("your ratings: a byte-order mark", binary: ["me.csv": Data([0xEF, 0xBB, 0xBF]) + Data("movie,rating\n1,5\n".utf8)],
                 ["recommend", "--model", "{model}", "--ratings", "{dir}/me.csv"], status: 0, "", output: "Recommended for the 1 ratings"),
        BadInput("your ratings: UTF-16 from a spreadsheet", binary: ["me.csv": utf16("movie,rating\r\n1,5\r\n")],
                 ["recommend", "--model", "{model}", "--ratings", "{dir}/me.csv"], status: 0, "", output: "Recommended for the 1 ratings"),
        personal("written for other movies",
                 "# latentlab ratings of ml-25m · catalogue 0123456789abcdef\nmovie,rating\n1,5\n",
                 "was written for the movies of ml-25m (catalogue 0123456789abcdef), not for this model's"),
        BadInput("your ratings: a folder", files: ["me.csv/x": "x"], ["recommend", "--model", "{model}", "--ratings", "{dir}/me.csv"], status: 1,
                 "Error: {dir}/me.csv: is a folder, expected a ratings file"),
        BadInput("your ratings: a FIFO", special: [.fifo("me.csv")], ["recommend", "--model", "{model}", "--ratings", "{dir}/me.csv"], status: 1,
                 "Error: {dir}/me.csv: is a pipe (FIFO), not a ratings file; save it to a file first"),
        personal("an empty file", "", "Error: {dir}/me.csv: holds no ratings (write one per line: a movie id or title, a comma, a rating)"),
        personal("only the header", "movie,rating\n", "Error: {dir}/me.csv: holds no ratings (write one per line: a movie id or title, a comma, a rating)"),
        personal("a title that escapes", "movie,rating\n\"\u{1B}]0;owned\u{07}\",5\n", "Error: {dir}/me.csv:2: no movie '?]0;owned?' in the model"),
    ] }

    static func flag(_ name: String, _ arguments: [String], _ message: String, status: Int32 = 64) -> BadInput {
        BadInput("flag: \(name)", arguments, status: status, message)
    }

    static var flags: [BadInput] { [
        flag("--without-ratings alone", ["explore", "--without-ratings"], "Error: --without-ratings opens a model without its ratings: give --model FILE or --factor-dir DIR."),
        flag("--without-ratings with --data", ["explore", "--factor-dir", "x", "--without-ratings", "--data", "SampleData"], "Error: --without-ratings leaves the ratings out: drop --data, --ratings and --train."),
        flag("--model and --factor-dir", ["explore", "--model", "m", "--factor-dir", "x"], "Error: Open --model FILE or --factor-dir DIR, not both."),
        flag("--factor-dir with training flags", ["explore", "--factor-dir", "x", "--lr", "0.1"], "Error: --factor-dir opens a trained model with its own settings; leave out the training flags."),
        flag("a batch of 2⁶³−1", ["train", "--bs", "9223372036854775807"], "Error: The value '9223372036854775807' is invalid for '--bs <bs>': the batch size must be between 1 and 16,777,216"),
        flag("2⁶³−1 epochs", ["train", "--epochs", "9223372036854775807"], "Error: The value '9223372036854775807' is invalid for '--epochs <epochs>': the number of epochs must be between 1 and 100,000"),
        flag("zero factors", ["train", "--factors", "0"], "Error: The value '0' is invalid for '--factors <factors>': the number of factors must be between 1 and 4,096"),
        flag("a learning rate of 0", ["train", "--lr", "0"], "Error: The value '0' is invalid for '--lr <lr>': the learning rate must be more than 0 and at most 100"),
        flag("a negative learning rate", ["train", "--lr=-1"], "Error: The value '-1' is invalid for '--lr <lr>': the learning rate must be more than 0 and at most 100"),
        flag("an infinite learning rate", ["train", "--lr", "1e39"], "Error: The value '1e39' is invalid for '--lr <lr>': the learning rate must be a finite number"),
        flag("init std inf", ["train", "--init-std", "inf"], "Error: The value 'inf' is invalid for '--init-std <init-std>': the init std must be a finite number"),
        flag("momentum nan", ["train", "--momentum", "nan"], "Error: The value 'nan' is invalid for '--momentum <momentum>': the momentum must be a finite number"),
        flag("momentum 1", ["train", "--momentum", "1"], "Error: The value '1' is invalid for '--momentum <momentum>': the momentum must be at least 0 and less than 1"),
        flag("negative weight decay", ["train", "--wd=-0.1"], "Error: The value '-0.1' is invalid for '--wd <wd>': the weight decay must be at least 0 and at most 100"),
        flag("valid-pct 1", ["train", "--valid-pct", "1"], "Error: The value '1' is invalid for '--valid-pct <valid-pct>': the validation fraction must be a number at least 0 and less than 1"),
        flag("valid-pct nan", ["train", "--valid-pct", "nan"], "Error: The value 'nan' is invalid for '--valid-pct <valid-pct>': the validation fraction must be a number at least 0 and less than 1"),
        flag("-n -1", ["biases", "--model", "{model}", "-n=-1"], "Error: The value '-1' is invalid for '-n <n>': -n must be between 1 and 100,000"),
        flag("-n 0", ["recommend", "--model", "{model}", "--user", "1", "-n", "0"], "Error: The value '0' is invalid for '-n <n>': -n must be between 1 and 100,000"),
        flag("a user id of −2⁶³", ["recommend", "--model", "{model}", "--user=-9223372036854775808"],
             "Error: No user -9223372036854775808 in this model; its users have ids 1…6 (nearest id: 1).", status: 1),
        flag("a user id beyond Int64", ["recommend", "--model", "{model}", "--user", "99999999999999999999"],
             "Error: The value '99999999999999999999' is invalid for '--user <user>'"),
        flag("neither --user nor --ratings", ["recommend", "--model", "{model}"], "Error: Give --user ID or --ratings FILE."),
        flag("an unknown preset", ["train", "--preset", "nope"], "Error: The value 'nope' is invalid for '--preset <preset>'. Please provide one of the following:"),
        flag("hidden layers that are not numbers", ["train", "--data", "SampleData", "--preset", "nn", "--layers", "100,abc"],
             "Error: The value '100,abc' is invalid for '--layers <layers>': the hidden layers must be whole numbers (got \"abc\")"),
        flag("too many hidden layers", ["train", "--data", "SampleData", "--preset", "nn", "--layers", "8,8,8,8,8"],
             "Error: The value '8,8,8,8,8' is invalid for '--layers <layers>': the hidden layers take 1 to 4 comma-separated whole numbers"),
        flag("hidden layers without the network", ["train", "--data", "SampleData", "--layers", "50"], "Error: --layers is the neural network's (--preset nn)"),
        flag("embedding sizes without the network", ["train", "--data", "SampleData", "--embedding-sizes", "10,20"],
             "Error: --embedding-sizes is the neural network's (--preset nn); the other presets take --factors"),
        flag("gravity with Adam", ["train", "--data", "SampleData", "--gravity", "1"],
             "Error: gravity is for the SGD presets (funk-svd, --optimizer sgd or momentum); least squares has the unobserved weight w₀ instead"),
        flag("an unobserved weight above 1", ["train", "--data", "SampleData", "--preset", "als", "--unobserved-weight", "2"],
             "Error: The value '2' is invalid for '--unobserved-weight <unobserved-weight>'"),
        flag("an unobserved weight without least squares", ["train", "--data", "SampleData", "--unobserved-weight", "0.1"],
             "Error: the unobserved weight w₀ is alternating least squares' (--optimizer als, the als preset)"),
        flag("implicit feedback with Adam", ["train", "--data", "SampleData", "--implicit"], "Error: implicit feedback works with the bayes preset and with per-rating SGD (the funk-svd preset) for now"),
        flag("implicit SGD in the explorer", ["explore", "--data", "SampleData", "--preset", "funk-svd", "--implicit"], "Error: In the explorer implicit feedback is the bayes preset's (--preset bayes --implicit, or I): SGD with it trains whole epochs a user at a time, headless (latentlab train --preset funk-svd --implicit)."),
        flag("sure bets ranked by cosine", ["recommend", "--model", "{dir}/m.latentlab", "--user", "1", "--sure-bets", "--scoring", "cosine"], "Error: --sure-bets ranks predicted ratings: leave out --scoring cosine."),
        flag("bench on the bayes preset", ["bench", "--presets", "bayes"], "Error: The value 'bayes' is invalid for '--presets <presets>'. Please provide one of 'fastai', 'funk-svd' or 'genres'."),
        flag("bench with an unknown preset", ["bench", "--presets", "nonsense"], "Error: The value 'nonsense' is invalid for '--presets <presets>'. Please provide one of 'fastai', 'funk-svd' or 'genres'."),
        flag("map narrower than 40", ["map", "--model", "{model}", "--width", "5"], "Error: The value '5' is invalid for '--width <width>': the width must be between 40 and 1,000"),
        flag("map components 3,3", ["map", "--model", "{model}", "--components", "3,3"], "Error: --components is 1,2 or 1,3 or 2,3."),
        flag("sample with no users", ["sample", "--out", "{dir}/s", "--users", "0"], "Error: The value '0' is invalid for '--users <users>': the number of users must be between 1 and 10,000,000"),
        flag("sample into a file", ["sample", "--out", "{dir}/f", "--users", "5", "--ratings", "50"], "Error: {dir}/f: is a file, not a folder", status: 1),
        flag("sample into /proc", ["sample", "--out", "/proc/latentlab-sample", "--users", "5", "--ratings", "50"], "Error: /proc/latentlab-sample: cannot be created", status: 1),
        flag("similar to an unknown movie", ["similar", "--model", "{model}", "--movie", "Casablanca"], "Error: No movie matches 'Casablanca'.", status: 1),
        flag("an unknown user", ["recommend", "--model", "{model}", "--user", "999"], "Error: No user 999 in this model; its users have ids 1…6 (nearest id: 6).", status: 1),
        flag("train --save into a folder", ["train", "--data", "{dir}", "--epochs", "1", "--factors", "2", "--save", "{dir}"], "Error: {dir}: is a folder; it cannot be replaced by a file", status: 1),
        flag("an unknown option", ["train", "--bogus"], "Error: Unknown option '--bogus'."),
    ].map { c in
        // The cases that train or sample need the small data set (and "sample into a file" a file).
        var c = c
        if c.name.contains("--save") { c.files = CatalogueData.folder.mapValues { Data($0.utf8) } }
        if c.name.contains("into a file") { c.files = ["f": Data("x".utf8)] }
        return c
    } }

    static var terminal: [BadInput] { [
        BadInput("terminal: similar prints titles made safe", files: CatalogueData.folder, ["similar", "--model", "{model}", "--movie", "3"], status: 0, "",
                 output: "Evil ?]0;pwned? ?[2J (1999)"),
        BadInput("terminal: biases print titles made safe", ["biases", "--model", "{model}", "-n", "5"], status: 0, "", output: "Evil ?]0;pwned? ?[2J (1999)"),
        BadInput("terminal: recommend prints titles made safe", ["recommend", "--model", "{model}", "--user", "2", "-n", "5"], status: 0, "", output: "Evil ?]0;pwned? ?[2J (1999)"),
        BadInput("terminal: map prints titles made safe", ["map", "--model", "{model}", "--width", "60", "--height", "20"], status: 0, "", output: "PCA of the 5 most rated movies"),
        BadInput("terminal: a path with an escape in an error", ["inspect", "--data", "{dir}/\u{1B}[2Jx"], status: 1, "Error: {dir}/?[2Jx: no such file or folder"),
        BadInput("terminal: a flag value with an escape", ["train", "--factors", "\u{1B}[2J"], status: 64, "Error: The value '?[2J' is invalid for '--factors <factors>'"),
        BadInput("terminal: a Latin-1 byte that would be a C1 CSI", binary: ["ratings.csv": Data((header + "1,1,").utf8) + Data([0x9B]) + Data("2J,0\n".utf8)],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: ratings.csv:2: rating '?2J' is not a number"),
    ] }
}
