import Foundation
import Testing

/// Drives the real explorer in tmux as a person would: look, train, move, resize, quit, come back.
@Suite("The explorer end to end in tmux", .serialized)
struct ExplorerInTmuxTests {
    let session = "latentlab-e2e-\(getpid())"

    /// The step counter in the status line (`· step 1,204 ·`; the loss chart's axis says `step` too).
    func step(_ text: String) -> Int? {
        guard let range = text.range(of: #"· step [0-9,]+"#, options: .regularExpression) else { return nil }
        return Int(text[range].dropFirst(7).replacingOccurrences(of: ",", with: ""))
    }

    /// The loss panel's figure (four decimals; the status line rounds to three).
    func figure(_ label: String, _ text: String) -> String? {
        text.range(of: label + #" [0-9]\.[0-9]{4}"#, options: .regularExpression).map { String(text[$0]) }
    }

    @Test func trainBrowseResizeAndQuit() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        guard try Harness.shell("command -v tmux").status == 0 else { Issue.record("tmux is not installed (./lab test installs it)"); return }
        let t = Tmux(session)
        let state = Harness.temporaryFolder()
        let exitFile = state.appendingPathComponent("exit")
        try t.start(binary, "explore --data SampleData --factors 8 --bs 256 --state '\(state.path)'", exitFile: exitFile)
        defer { t.kill() }

        // Opens on the grid with sample titles, paused at step 0.
        #expect(try t.shows("Cross-tab"))
        // The first frame may be captured while tmux is still drawing it: wait for its last line.
        #expect(try t.shows("paused"))
        var text = try t.screen()
        #expect(text.contains("Harry"), "the most rated sample movie is a Harry Potter film")
        #expect(text.contains("Loss"))
        #expect(step(text) == 0)
        #expect(text.contains("paused"))

        // Stepping through the loop: i draws parameters, s takes exactly one mini-batch, S ends the epoch.
        try t.keys("i")
        #expect(try t.shows("same seed 42"))
        #expect(try t.screen().contains("1 init N(0, 0.01) · seed 42"))
        try t.keys("s")
        #expect(try Harness.eventually { step(try t.screen()) == 1 })
        try t.keys("s")
        #expect(try Harness.eventually { step(try t.screen()) == 2 })
        text = try t.screen()
        #expect(text.contains("0·the") && text.contains("✓ equal"), "the one-hot product, written out and checked")
        #expect(text.contains("Step 2 · epoch 1/5"))
        try t.keys("S")
        // (8 factors and batches of 256 keep the debug build quick.)
        #expect(try Harness.eventually { step(try t.screen()) == 250 }, "the sample's 64,000 training ratings are 250 batches of 256")
        #expect(try t.shows("Epoch 1 done."))

        // The run key trains: the step counter and the loss move.
        try t.keys("Space")
        #expect(try Harness.eventually { (step(try t.screen()) ?? 0) > 270 })
        text = try t.screen()
        #expect(text.contains("▶"), "the run indicator")
        let firstLoss = figure("train", text)
        #expect(try Harness.eventually { figure("train", try t.screen()) != firstLoss })
        try t.keys("Space")
        #expect(try t.shows("paused"))

        // Moving the selection changes the details line.
        let before = try t.screen().split(separator: "\n").first { $0.contains("· actual") }
        try t.keys("j j l")
        #expect(try Harness.eventually { try t.screen().split(separator: "\n").first { $0.contains("· actual") } != before })

        // Smaller window: the panels are still there.
        try t.run("resize-window -t \(session) -x 80 -y 24")
        var last = ""
        let resized = try Harness.eventually {
            last = try t.screen()
            return last.contains("Cross-tab") && last.contains("Loss") && last.split(separator: "\n", omittingEmptySubsequences: false).count <= 25
        }
        #expect(resized, "after the resize the screen was:\n\(last)")

        // q saves the session and quits with status 0.
        try t.keys("q")
        #expect(Tmux.exitStatus(exitFile) == "0")
        #expect(try t.shows("Session saved to"))
    }

    /// Finds a movie with `/` and rates it, as a person would.
    func rate(_ t: Tmux, _ title: String, _ stars: String) throws {
        try t.keys("/")
        try t.keys(title, literal: true)
        try t.keys("Enter")
        try t.keys(stars)
        #expect(try t.shows("You rated"))
    }

    @Test func rateThreeMoviesBySearchAndComeBack() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let t = Tmux(session + "-rate")
        func start() throws {
            try t.start(binary, "explore --data SampleData --factors 8 --state '\(state.path)'")
            #expect(try t.shows("Cross-tab"))
        }
        defer { t.kill() }
        try start()
        #expect(try t.screen().contains("Popular and well rated"))
        for (title, stars) in [("toy story", "5"), ("finding nemo", "5"), ("shrek", "4")] { try rate(t, title, stars) }
        #expect(try t.shows("You · rated 3"))
        let text = try t.screen()
        #expect(text.contains("Recommended for you"))
        #expect(text.contains("Toy Story (1995)") && text.contains("Finding Nemo (2003)") && text.contains("Shrek (2001)"))
        #expect(text.contains("because you liked"))
        try t.keys("q")
        #expect(try Harness.eventually { !(try t.screen().contains("Cross-tab")) })
        t.kill()
        // Restart: the ratings are back.
        try start()
        #expect(try t.shows("You · rated 3"))
        #expect(try t.screen().contains("Welcome back: 3"))
    }

    /// Quit and come back to the same model: the session is saved on quit and resumed with its
    /// step, curves and figures; `+ +` pressed together doubles the learning rate twice.
    @Test func quitAndComeBackToTheSameModel() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let t = Tmux(session + "-resume")
        let exitFile = state.appendingPathComponent("exit")
        func start(_ flags: String) throws {
            try t.start(binary, "explore --data SampleData \(flags) --state '\(state.path)'", exitFile: exitFile)
            #expect(try t.shows("Cross-tab"))
        }
        func quit() throws {
            try t.keys("q")
            #expect(Tmux.exitStatus(exitFile) == "0")
            t.kill()
        }
        defer { t.kill() }
        // Training flags: a fresh start; one epoch, then quit (the session is saved).
        try start("--factors 8 --bs 256")
        try t.keys("S")
        #expect(try t.shows("Epoch 1 done."))
        let valid = figure("valid", try t.screen())
        #expect(valid != nil)
        try quit()
        let saved = try FileManager.default.contentsOfDirectory(atPath: state.path).filter { $0.hasPrefix("session-") }
        #expect(saved.count == 1, "one session file beside the journal")

        // No flags: the session resumes where it stopped, with the same model.
        try start("")
        #expect(try t.shows("Resumed at step 250, epoch 2/5"))
        #expect(try Harness.eventually { try t.screen().components(separatedBy: "epoch 2/5").count >= 3 }, "the message and the step panel or status line say the same")
        #expect(try Harness.eventually { figure("valid", try t.screen()) == valid }, "the same validation loss: the same model")
        #expect(try t.screen().contains("step 250"))
        // Two + in one go: the rate doubles twice (0.005 → 0.02), the schedule starting at a 25th of it.
        try t.keys("+ +")
        #expect(try t.shows("learning rate 0.02: the model starts again"))
        #expect(try t.shows("lr 8.0e-04"))
        try quit()
    }

    /// A model from elsewhere, without its ratings: the factor directory opens on the map, the
    /// keys that train say what they need, rating movies gives recommendations, and nothing
    /// but the person's ratings is written.
    @Test func openAFactorDirectoryWithoutItsRatings() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let dir = Harness.temporaryFolder()
        let model = dir.appendingPathComponent("m.latentlab").path, factors = dir.appendingPathComponent("factors").path
        #expect(try Harness.run(["train", "--data", "SampleData", "--epochs", "1", "--factors", "8", "--save", model]).status == 0)
        #expect(try Harness.run(["export", "--model", model, "--factors", factors]).status == 0)
        let state = dir.appendingPathComponent("state")
        let t = Tmux(session + "-factors")
        let exitFile = dir.appendingPathComponent("exit")
        defer { t.kill() }
        try t.start(binary, "explore --factor-dir '\(factors)' --state '\(state.path)'", exitFile: exitFile)
        #expect(try t.shows("Movie map"))
        #expect(try t.shows("without its ratings"))
        var text = try t.screen()
        #expect(text.contains("No loss curve") && text.contains("Prediction · factors only"))
        try t.keys("Space")
        #expect(try t.shows("need the ratings"))
        for (title, stars) in [("toy story", "5"), ("finding nemo", "5")] { try rate(t, title, stars) }
        #expect(try t.shows("You · rated 2"))
        text = try t.screen()
        #expect(text.contains("Recommended for you") && text.contains("because you liked"))
        // The cross-tab (after the neighbours and the biases): predictions only.
        try t.keys("v v v")
        #expect(try t.shows("predictions only"))
        try t.keys("q")
        #expect(Harness.eventually { Tmux.exitStatus(exitFile) == "0" })
        let written = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(written.contains { $0.hasPrefix("my-ratings-") } && !written.contains { $0.hasPrefix("session-") }, "\(written)")
    }

    /// `train` on a terminal shows the epoch under way and the time left on standard error.
    @Test func trainingShowsTheEpochAndTimeLeft() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let t = Tmux(session + "-progress")
        defer { t.kill() }
        try t.start(binary, "train --data SampleData --epochs 200 --factors 8", width: 100, height: 12)
        let shown = try Harness.eventually {
            try t.screen().range(of: #"epoch [0-9]+/200 [█░]+ [0-9]+% · [0-9:]+ left"#, options: .regularExpression) != nil
        }
        #expect(shown, "a progress line like 'epoch 3/200 ███░░ 40% · 0:12 left'")
    }

    @Test func refusesWithoutATerminal() throws {
        let out = try Harness.run(["explore", "--data", "SampleData"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("needs a terminal"))
    }
}

/// The explorer meeting faults: signals, a crash, bad journal values, a place it cannot write.
@Suite("The explorer's faults end to end in tmux", .serialized)
struct ExplorerFaultTests {
    let session = "latentlab-faults-\(getpid())"

    /// SIGTERM, SIGHUP and SIGINT end the session as `q` does (saved, terminal restored) but
    /// the shell hears 128 + the signal; a fault (SIGSEGV) still restores the terminal.
    @Test(arguments: [(SIGTERM, 143), (SIGHUP, 129), (SIGINT, 130), (SIGSEGV, 139)])
    func aSignalRestoresTheTerminalAndReportsItself(_ signal: Int32, _ status: Int) throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let t = Tmux(session + "-signal-\(signal)")
        defer { t.kill() }
        let exitFile = state.appendingPathComponent("exit")
        try t.start(binary, "explore --data SampleData --factors 8 --bs 256 --state '\(state.path)'", exitFile: exitFile)
        #expect(try t.shows("Cross-tab"))
        try t.keys("s")
        #expect(try t.shows("· step 1 ·"))
        let during = try t.modes()
        #expect(during.alternate && !during.cursor, "the explorer owns the screen")
        let pid = try #require(try t.programPID())
        #expect(kill(pid, signal) == 0)
        #expect(Tmux.exitStatus(exitFile) == String(status))
        let after = try t.modes()
        #expect(!after.alternate, "back from the alternate screen")
        #expect(after.cursor, "the cursor is visible")
        #expect(!after.mouse, "mouse reporting is off")
        let saved = try FileManager.default.contentsOfDirectory(atPath: state.path).contains { $0.hasPrefix("session-") }
        if signal == SIGSEGV {
            #expect(try t.screen().contains("the terminal was restored"))
        } else {
            #expect(saved, "the session was saved on the way out")
        }
    }

    /// Rates one movie and quits: the journal's name for SampleData comes from the state folder,
    /// so it is found on disk afterwards.
    func journalAfterOneRating(_ t: Tmux, _ binary: URL, state: URL, exitFile: URL) throws -> URL {
        try t.start(binary, "explore --data SampleData --state '\(state.path)'", exitFile: exitFile)
        #expect(try t.shows("Cross-tab"))
        try t.keys("4")
        #expect(try t.shows("You · rated 1"))
        try t.keys("q")
        #expect(Tmux.exitStatus(exitFile) == "0")
        t.kill()
        let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: state.path).first { $0.hasPrefix("my-ratings-") })
        return state.appendingPathComponent(journal)
    }

    /// Bytes added to the end of a journal as a person's editor would, line end or not.
    func append(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// A journal with values no scale has: the explorer starts, lists the lines it ignored in an
    /// alert, and works once it is closed.
    @Test func badJournalValuesAreListedNotFatal() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let t = Tmux(session + "-journal")
        defer { t.kill() }
        let exitFile = state.appendingPathComponent("exit")
        let url = try journalAfterOneRating(t, binary, state: state, exitFile: exitFile)
        try append("1,-5\r\n2,nan\r\n3,inf\r\n4,1000\r\n", to: url)
        try t.start(binary, "explore --data SampleData --state '\(state.path)'", exitFile: exitFile)
        #expect(try t.shows("4 lines of your ratings file were ignored"))
        #expect(try t.screen().contains("rating -5 is outside the scale 0.5–5"))
        try t.keys("j")
        #expect(try Harness.eventually { !(try t.screen().contains("were ignored")) }, "any key closes the alert")
        #expect(try t.screen().contains("You · rated 1"), "the good line was loaded")
        try t.keys("q")
        #expect(Tmux.exitStatus(exitFile) == "0")
    }

    /// Issue 20: a journal whose last line has no end. A complete line there is a rating (no
    /// alert); rating another movie ends it and keeps it, and a torn one is kept too.
    @Test func aJournalsUnendedLastLineIsKept() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let t = Tmux(session + "-unended")
        defer { t.kill() }
        let exitFile = state.appendingPathComponent("exit")
        let url = try journalAfterOneRating(t, binary, state: state, exitFile: exitFile)
        // A little-rated movie (never one of the grid's first columns), written by hand without a line end.
        let movie = "600"
        try append("\(movie),4", to: url)
        try t.start(binary, "explore --data SampleData --state '\(state.path)'", exitFile: exitFile)
        #expect(try t.shows("You · rated 2"), "the unended line is a rating")
        #expect(!(try t.screen().contains("ignored")))
        try t.keys("l")
        try t.keys("l")
        try t.keys("3")
        #expect(try t.shows("You · rated 3"))
        try t.keys("q")
        #expect(Tmux.exitStatus(exitFile) == "0")
        t.kill()
        var text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\n\(movie),4\n"), "the hand-written line was ended and kept: \(text)")
        #expect(text.hasSuffix(",3\n"))
        // A line cut short: listed in the alert as left as it is, and still there after a rating.
        try append("2,", to: url)
        try t.start(binary, "explore --data SampleData --state '\(state.path)'", exitFile: exitFile)
        #expect(try t.shows("1 line of your ratings file was ignored"))
        #expect(try t.screen().contains("nothing in it is removed"))
        try t.keys("j")
        #expect(try Harness.eventually { !(try t.screen().contains("was ignored")) })
        try t.keys("l")
        try t.keys("5")
        #expect(try t.shows("You · rated 4"))
        try t.keys("q")
        #expect(Tmux.exitStatus(exitFile) == "0")
        text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\n\(movie),4\n") && text.contains("\n2,\n"), "both kept: \(text)")
        #expect(text.hasSuffix(",5\n"))
    }

    /// The journal's place is a folder: a rating is not saved, so it does not count; the alert
    /// says why and `a` keeps the ratings somewhere writable.
    @Test func aRatingThatCannotBeSavedDoesNotCount() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let home = Harness.temporaryFolder()
        let t = Tmux(session + "-unsaved")
        defer { t.kill() }
        let exitFile = state.appendingPathComponent("exit")
        let url = try journalAfterOneRating(t, binary, state: state, exitFile: exitFile)
        let journal = url.lastPathComponent
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        try t.start(binary, "explore --data SampleData --state '\(state.path)'", exitFile: exitFile, environment: ["HOME": home.path])
        #expect(try t.shows("Your ratings could not be read"))
        try t.keys("j")
        try t.keys("l")
        try t.keys("5")
        #expect(try t.shows("Your rating was not saved, so it does not count"))
        #expect(try t.screen().contains("is a folder"))
        try t.keys("x")
        #expect(try Harness.eventually { !(try t.screen().contains("Not saved")) })
        #expect(try t.screen().contains("You · rated 0"), "the rating did not count")
        try t.keys("5")
        #expect(try t.shows("Press a to keep your ratings in"))
        try t.keys("a")
        #expect(try t.shows("You · rated 1"))
        #expect(try t.shows("Your ratings are now kept in"))
        try t.keys("q")
        #expect(Tmux.exitStatus(exitFile) == "0")
        let kept = home.appendingPathComponent("latentlab-\(journal)")
        let text = try String(contentsOf: kept, encoding: .utf8)
        #expect(text.hasPrefix("# latentlab ratings of SampleData · catalogue "))
        #expect(text.contains(",5\n"))
    }
}
