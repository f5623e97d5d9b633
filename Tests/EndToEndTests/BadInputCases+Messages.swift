import Foundation

/// Issue 20's messages: each input was refused before, but the message did not say why; and the
/// numbers that came from parameters that never trained, or could overflow.
extension BadInputCatalogue {
    static let tinyManifest = """
    {"format_version": 1, "kind": "dot-bias", "factors": 2, "intercept": 3.5, "scale": {"min": 0.5, "max": 5, "step": 0.5}, "source": {"tool": "test"}}
    """
    static let tinyMovies = "id,bias,f1,f2\n1,0.1,0.2,0.3\n2,-0.1,0.1,0.1\n"
    static let tinyUsers = "id,bias,f1,f2\n1,0.2,0.5,0.5\n2,0.1,-0.5,0.2\n"

    static var messages: [BadInput] { [
        BadInput("ratings.csv: the largest 64-bit id loads", files: ["ratings.csv": header + "1,1,4,0\n9223372036854775807,1,3,0\n"],
                 ["inspect", "--data", "{dir}"], status: 0, "", output: "users       2"),
        BadInput("ratings.csv: the smallest 64-bit id loads", files: ["ratings.csv": header + "1,1,4,0\n1,-9223372036854775808,3,0\n"],
                 ["inspect", "--data", "{dir}"], status: 0, "", output: "movies      2 rated"),
        ratingsLine("user id of 2⁶³", "9223372036854775808,2,4,0",
                    "Error: ratings.csv:3: user id '9223372036854775808' is too large: ids are 64-bit integers, from −9223372036854775808 to 9223372036854775807"),
        ratingsLine("movie id below −2⁶³", "1,-9223372036854775809,4,0",
                    "Error: ratings.csv:3: movie id '-9223372036854775809' is too large: ids are 64-bit integers"),
        BadInput("ratings.csv: UTF-16 from a spreadsheet", binary: ["ratings.csv": utf16(header + "1,1,4,0\n")], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: ratings.csv: is UTF-16 text (what a spreadsheet saves as “Unicode text”); save it as UTF-8 (“CSV UTF-8”) and load it again"),
        BadInput("ratings.csv: UTF-16 without a byte-order mark", binary: ["ratings.csv": utf16(header + "1,1,4,0\n").dropFirst(2)],
                 ["inspect", "--data", "{dir}"], status: 1, "Error: ratings.csv: is UTF-16 text"),
        BadInput("ratings.csv: a megabyte of zero bytes", binary: ["ratings.csv": Data(count: 1 << 20)], ["inspect", "--data", "{dir}"], status: 1,
                 "Error: ratings.csv: is binary data, not text (4096 of its first 4096 bytes are zero); a ratings file is text, one rating a line"),
        BadInput("movies.csv: an empty title is counted and named by its id",
                 files: ["ratings.csv": header + "1,1,4,0\n1,2,3,0\n", "movies.csv": "movieId,title,genres\n1,Toy Story (1995),Comedy\n2,,Drama\n"],
                 ["inspect", "--data", "{dir}"], status: 0, "", output: "untitled    1 movie has no title in the file (shown as “(untitled, id N)”)"),
        BadInput("movies.csv: an untitled movie among the most rated",
                 files: ["ratings.csv": header + "1,2,4,0\n2,2,3,0\n1,1,3,0\n", "movies.csv": "movieId,title,genres\n1,Toy Story (1995),Comedy\n2,  ,Drama\n"],
                 ["inspect", "--data", "{dir}"], status: 0, "", output: "(untitled, id 2)"),
        BadInput("factors: a byte-order mark is read as every reader does",
                 binary: ["f/manifest.json": Data([0xEF, 0xBB, 0xBF]) + Data(tinyManifest.utf8),
                          "f/users.csv": Data([0xEF, 0xBB, 0xBF]) + Data(tinyUsers.utf8), "f/movies.csv": Data([0xEF, 0xBB, 0xBF]) + Data(tinyMovies.utf8)],
                 ["import", "--factors", "{dir}/f", "--out", "{dir}/m.latentlab"], status: 0, "", output: "imported dot-bias model of 2 factors from test: 2 users, 2 movies"),
        BadInput("factors: a factor of 3e38 would overflow",
                 files: ["f/manifest.json": tinyManifest, "f/users.csv": "id,bias,f1,f2\n1,0.2,3e38,0.5\n", "f/movies.csv": tinyMovies],
                 ["import", "--factors", "{dir}/f", "--out", "{dir}/m.latentlab"], status: 1,
                 "Error: users.csv:2: factor f1 3e+38 is beyond ±100,000: its dot products could overflow (trained factors hold a few units)"),
        BadInput("factors: a bias of −3e38 would overflow",
                 files: ["f/manifest.json": tinyManifest, "f/users.csv": tinyUsers, "f/movies.csv": "id,bias,f1,f2\n1,-3e38,0.2,0.3\n"],
                 ["import", "--factors", "{dir}/f", "--out", "{dir}/m.latentlab"], status: 1, "Error: movies.csv:2: bias -3e+38 is beyond ±100,000"),
        BadInput("factors: an intercept of 1e30",
                 files: ["f/manifest.json": tinyManifest.replacingOccurrences(of: "3.5", with: "1e30"), "f/users.csv": tinyUsers, "f/movies.csv": tinyMovies],
                 ["import", "--factors", "{dir}/f", "--out", "{dir}/m.latentlab"], status: 1, "intercept 1e+30 is beyond ±100,000"),
        BadInput("factors: an id of 2⁶³ is too large, not “not an integer”",
                 files: ["f/manifest.json": tinyManifest, "f/users.csv": "id,bias,f1,f2\n9223372036854775808,0.2,0.5,0.5\n", "f/movies.csv": tinyMovies],
                 ["import", "--factors", "{dir}/f", "--out", "{dir}/m.latentlab"], status: 1, "Error: users.csv:2: id '9223372036854775808' is too large"),
        BadInput("import --data sharing no id with the directory",
                 files: ["f/manifest.json": tinyManifest, "f/users.csv": tinyUsers, "f/movies.csv": tinyMovies,
                         "d/ratings.csv": header + "70,80,4,0\n71,81,3,0\n"],
                 ["import", "--factors", "{dir}/f", "--data", "{dir}/d", "--out", "{dir}/m.latentlab"], status: 1,
                 "Error: {dir}/d: none of the factor directory's 2 user ids is in the data set; it was trained on other data"),
        BadInput("import --data sharing a few ids says how few",
                 files: ["f/manifest.json": tinyManifest, "f/users.csv": tinyUsers, "f/movies.csv": tinyMovies,
                         "d/ratings.csv": header + "1,1,4,0\n71,81,3,0\n"],
                 ["import", "--factors", "{dir}/f", "--data", "{dir}/d", "--out", "{dir}/m.latentlab"], status: 0, "",
                 output: "note: only 1 of the directory's 2 users and 1 of its 2 movies are in the data set"),
        BadInput("export --factors writes into an empty folder", files: [:], special: [.emptyFolder("out")],
                 ["export", "--model", "{model}", "--factors", "{dir}/out"], status: 0, "", output: "wrote manifest.json, users.csv (6 users)"),
    ] }
}
