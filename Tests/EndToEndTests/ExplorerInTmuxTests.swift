import Foundation
import Testing

/// Drives the real explorer in tmux as a person would: look, train, move, resize, quit.
@Suite("The explorer end to end in tmux", .serialized)
struct ExplorerInTmuxTests {
    let session = "latentlab-e2e-\(getpid())"

    /// A tmux server of the test's own (its own socket), so a person's tmux is never touched.
    @discardableResult
    func tmux(_ args: String) throws -> String { try Harness.shell("tmux -L \(session) \(args)").output }
    func screen() throws -> String { try tmux("capture-pane -p -t \(session)") }

    /// The step counter in the status line.
    func step(_ text: String) -> Int? {
        guard let range = text.range(of: #"step [0-9,]+"#, options: .regularExpression) else { return nil }
        return Int(text[range].dropFirst(5).replacingOccurrences(of: ",", with: ""))
    }

    @Test func trainBrowseResizeAndQuit() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        guard try Harness.shell("command -v tmux").status == 0 else { Issue.record("tmux is not installed (./lab test installs it)"); return }
        let exitFile = Harness.temporaryFolder().appendingPathComponent("exit")
        let command = "cd '\(Harness.root.path)' && '\(binary.path)' explore --data SampleData --factors 8 --bs 256; echo \\$? > '\(exitFile.path)'; sleep 5"
        try Harness.shell("tmux -L \(session) -f /dev/null new-session -d -s \(session) -x 120 -y 40 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \"\(command)\"")
        defer { _ = try? Harness.shell("tmux -L \(session) kill-server") }

        // Opens on the grid with sample titles, paused at step 0.
        #expect(try Harness.eventually { try screen().contains("Cross-tab") })
        var text = try screen()
        #expect(text.contains("Star"), "the most rated sample movie is a Star Wars film")
        #expect(text.contains("Loss"))
        #expect(step(text) == 0)
        #expect(text.contains("paused"))

        // Stepping through the loop: i draws parameters, s takes exactly one mini-batch, S ends the epoch.
        try tmux("send-keys -t \(session) i")
        #expect(try Harness.eventually { try screen().contains("same seed 42") })
        #expect(try screen().contains("1 init N(0, 0.01) · seed 42"))
        try tmux("send-keys -t \(session) s")
        #expect(try Harness.eventually { step(try screen()) == 1 })
        try tmux("send-keys -t \(session) s")
        #expect(try Harness.eventually { step(try screen()) == 2 })
        text = try screen()
        #expect(text.contains("one-hot·U = U[u] ✓ equal"))
        #expect(text.contains("Step 2 · epoch 1/5"))
        try tmux("send-keys -t \(session) S")
        // (8 factors and batches of 256 keep the debug build quick.)
        #expect(try Harness.eventually { step(try screen()) == 250 }, "the sample's 64,000 training ratings are 250 batches of 256")
        #expect(try Harness.eventually { try screen().contains("Epoch 1 done.") })

        // The run key trains: the step counter and the loss move.
        try tmux("send-keys -t \(session) Space")
        #expect(try Harness.eventually { (step(try screen()) ?? 0) > 270 })
        text = try screen()
        #expect(text.contains("▶"), "the run indicator")
        let firstLoss = text.range(of: #"train [0-9.]+"#, options: .regularExpression).map { String(text[$0]) }
        #expect(try Harness.eventually { try screen().range(of: #"train [0-9.]+"#, options: .regularExpression).map { String(try screen()[$0]) } != firstLoss })
        try tmux("send-keys -t \(session) Space")
        #expect(try Harness.eventually { try screen().contains("paused") })

        // Moving the selection changes the details line.
        let before = try screen().split(separator: "\n").first { $0.contains("· actual") }
        try tmux("send-keys -t \(session) j j l")
        #expect(try Harness.eventually { try screen().split(separator: "\n").first { $0.contains("· actual") } != before })

        // Smaller window: the panels are still there.
        try tmux("resize-window -t \(session) -x 80 -y 24")
        var last = ""
        let resized = try Harness.eventually {
            last = try screen()
            return last.contains("Cross-tab") && last.contains("Loss") && last.split(separator: "\n", omittingEmptySubsequences: false).count <= 25
        }
        #expect(resized, "after the resize the screen was:\n\(last)")

        // q quits with status 0.
        try tmux("send-keys -t \(session) q")
        #expect(Harness.eventually { FileManager.default.fileExists(atPath: exitFile.path) && ((try? String(contentsOf: exitFile, encoding: .utf8)) ?? "").contains("\n") })
        let status = try String(contentsOf: exitFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "0")
    }

    @Test func rateThreeMoviesBySearchAndComeBack() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let name = session + "-rate"
        func tmux(_ args: String) throws -> String { try Harness.shell("tmux -L \(name) \(args)").output }
        func screen() throws -> String { try tmux("capture-pane -p -t \(name)") }
        func start() throws {
            let command = "cd '\(Harness.root.path)' && '\(binary.path)' explore --data SampleData --factors 8 --state '\(state.path)'; sleep 5"
            _ = try tmux("-f /dev/null new-session -d -s \(name) -x 120 -y 40 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \"\(command)\"")
            #expect(try Harness.eventually { try screen().contains("Cross-tab") })
        }
        defer { _ = try? Harness.shell("tmux -L \(name) kill-server") }
        try start()
        #expect(try screen().contains("Popular and well rated"))
        for (title, stars) in [("toy story", "5"), ("finding nemo", "5"), ("shrek", "4")] {
            _ = try tmux("send-keys -t \(name) /")
            _ = try tmux("send-keys -t \(name) -l '\(title)'")
            _ = try tmux("send-keys -t \(name) Enter")
            _ = try tmux("send-keys -t \(name) \(stars)")
            #expect(try Harness.eventually { try screen().contains("You rated") })
        }
        #expect(try Harness.eventually { try screen().contains("You · rated 3") })
        let text = try screen()
        #expect(text.contains("Recommended for you"))
        #expect(text.contains("Toy Story (1995)") && text.contains("Finding Nemo (2003)") && text.contains("Shrek (2001)"))
        #expect(text.contains("because you liked"))
        _ = try tmux("send-keys -t \(name) q")
        #expect(try Harness.eventually { !(try screen().contains("Cross-tab")) })
        _ = try? tmux("kill-server")
        // Restart: the ratings are back.
        try start()
        #expect(try Harness.eventually { try screen().contains("You · rated 3") })
        #expect(try screen().contains("Welcome back: 3"))
    }

    /// Quit and come back to the same model: the session is saved on quit and resumed with its
    /// step, curves and figures; `+ +` pressed together doubles the learning rate twice.
    @Test func quitAndComeBackToTheSameModel() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let state = Harness.temporaryFolder()
        let name = session + "-resume"
        func tmux(_ args: String) throws -> String { try Harness.shell("tmux -L \(name) \(args)").output }
        func screen() throws -> String { try tmux("capture-pane -p -t \(name)") }
        let exitFile = state.appendingPathComponent("exit")
        func start(_ flags: String) throws {
            try? FileManager.default.removeItem(at: exitFile)
            let command = "cd '\(Harness.root.path)' && '\(binary.path)' explore --data SampleData \(flags) --state '\(state.path)'; echo \\$? > '\(exitFile.path)'; sleep 5"
            _ = try tmux("-f /dev/null new-session -d -s \(name) -x 120 -y 40 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \"\(command)\"")
            #expect(try Harness.eventually { try screen().contains("Cross-tab") })
        }
        func quit() throws {
            _ = try tmux("send-keys -t \(name) q")
            #expect(Harness.eventually { ((try? String(contentsOf: exitFile, encoding: .utf8)) ?? "").contains("\n") })
            #expect(try String(contentsOf: exitFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            _ = try? tmux("kill-server")
        }
        func figure(_ label: String, _ text: String) -> String? {
            // The loss panel's figure (four decimals; the status line rounds to three).
            text.range(of: label + #" [0-9]\.[0-9]{4}"#, options: .regularExpression).map { String(text[$0]) }
        }
        defer { _ = try? Harness.shell("tmux -L \(name) kill-server") }
        // Training flags: a fresh start; one epoch, then quit (the session is saved).
        try start("--factors 8 --bs 256")
        _ = try tmux("send-keys -t \(name) S")
        #expect(try Harness.eventually { try screen().contains("Epoch 1 done.") })
        let trained = try screen()
        let valid = figure("valid", trained)
        #expect(valid != nil)
        try quit()
        let saved = try FileManager.default.contentsOfDirectory(atPath: state.path).filter { $0.hasPrefix("session-") }
        #expect(saved.count == 1, "one session file beside the journal")

        // No flags: the session resumes where it stopped, with the same model.
        try start("")
        #expect(try Harness.eventually { try screen().contains("Resumed at epoch 1 (step 250)") })
        #expect(try Harness.eventually { figure("valid", try screen()) == valid }, "the same validation loss: the same model")
        #expect(try screen().contains("step 250"))
        // Two + in one go: the rate doubles twice (0.005 → 0.02), the schedule starting at a 25th of it.
        _ = try tmux("send-keys -t \(name) + +")
        #expect(try Harness.eventually { try screen().contains("learning rate 0.02: the model starts again") })
        #expect(try Harness.eventually { try screen().contains("lr 8.0e-04") })
        try quit()
    }

    /// `train` on a terminal shows the epoch under way and the time left on standard error.
    @Test func trainingShowsTheEpochAndTimeLeft() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let name = session + "-progress"
        defer { _ = try? Harness.shell("tmux -L \(name) kill-server") }
        let command = "cd '\(Harness.root.path)' && '\(binary.path)' train --data SampleData --epochs 200 --factors 8; sleep 5"
        _ = try Harness.shell("tmux -L \(name) -f /dev/null new-session -d -s \(name) -x 100 -y 12 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \"\(command)\"")
        let shown = try Harness.eventually {
            let text = try Harness.shell("tmux -L \(name) capture-pane -p -t \(name)").output
            return text.range(of: #"epoch [0-9]+/200 [█░]+ [0-9]+% · [0-9:]+ left"#, options: .regularExpression) != nil
        }
        #expect(shown, "a progress line like 'epoch 3/200 ███░░ 40% · 0:12 left'")
    }

    @Test func refusesWithoutATerminal() throws {
        let out = try Harness.run(["explore", "--data", "SampleData"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("needs a terminal"))
    }
}
