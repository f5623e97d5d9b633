import Foundation
import Testing

/// Runs the real `latentlab` binary (built by `./lab test` before the suite).
enum Harness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL? {
        for config in ["debug", "release"] {
            let url = root.appendingPathComponent(".build/\(config)/latentlab")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Killed after the time limit: the program hung.
        var timedOut = false
        /// Ended by a signal (a crash: a trap is SIGILL or SIGTRAP).
        var signalled = false
    }

    static func run(_ arguments: [String], in directory: URL? = nil, executable: URL? = nil, timeout: Double = 60) throws -> Output {
        guard let binary = executable ?? binary else {
            Issue.record("no latentlab binary: run `swift build` first (./lab test does)")
            return Output(status: -1, stdout: "", stderr: "")
        }
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // A watchdog ends a program that hangs (a FIFO read, an endless loop) so the test reports it.
        let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        let timedOut = p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGTERM
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                      timedOut: timedOut, signalled: p.terminationReason == .uncaughtSignal)
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a shell command (tmux) and returns its standard output.
    ///
    /// Spawned with posix_spawn and reaped with waitpid rather than with `Process`: a tmux
    /// server started by the command daemonizes and inherits the descriptor Foundation
    /// watches to notice the child's exit, so `waitUntilExit` would wait forever.
    @discardableResult
    static func shell(_ command: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-sh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = "(\(command)) > '\(file.path)' 2>&1 < /dev/null"
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(script), nil]
        defer { for a in argv { free(a) } }
        // A test runs on a worker thread whose signals are blocked; the child must not inherit
        // that mask (tmux and the app need SIGWINCH, SIGTERM, SIGCHLD).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for sig in [SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
        guard spawned == 0 else { return (-1, "posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let data = (try? Data(contentsOf: file)) ?? Data()
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return (exitCode, String(decoding: data, as: UTF8.self))
    }

    /// Polls until `condition` holds, at most `seconds`.
    static func eventually(_ seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }
}

/// A tmux server of a test's own (its own socket, so a person's tmux is never touched),
/// running the real binary from the repository root.
struct Tmux {
    let name: String

    init(_ name: String) { self.name = name }

    @discardableResult
    func run(_ args: String) throws -> String { try Harness.shell("tmux -L \(name) \(args)").output }
    func screen() throws -> String { try run("capture-pane -p -t \(name)") }
    /// Keys by tmux's names (`Enter`, `Space`, `j`), or literal text with `literal`.
    func keys(_ keys: String, literal: Bool = false) throws {
        try run("send-keys -t \(name) \(literal ? "-l '\(keys)'" : keys)")
    }

    /// Starts `latentlab ARGUMENTS` in a window of this size; its exit status goes to `exitFile`.
    func start(_ binary: URL, _ arguments: String, width: Int = 120, height: Int = 40, exitFile: URL? = nil,
               environment: [String: String] = [:]) throws {
        if let exitFile { try? FileManager.default.removeItem(at: exitFile) }
        let status = exitFile.map { "; echo \\$? > '\($0.path)'" } ?? ""
        let command = "cd '\(Harness.root.path)' && '\(binary.path)' \(arguments)\(status); sleep 5"
        let variables = (["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"].merging(environment) { _, b in b })
            .sorted { $0.key < $1.key }.map { "-e \($0.key)='\($0.value)'" }.joined(separator: " ")
        try run("-f /dev/null new-session -d -s \(name) -x \(width) -y \(height) \(variables) \"\(command)\"")
    }

    /// The exit status written by `start`, once the program has ended.
    static func exitStatus(_ file: URL) -> String? {
        guard Harness.eventually(20, { ((try? String(contentsOf: file, encoding: .utf8)) ?? "").contains("\n") }) else { return nil }
        return (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen shows `text`; when it never does, the screen as it stood is
    /// attached to the failure, so a timeout on a loaded machine says what was on screen.
    func shows(_ text: String, within seconds: Double = 20) throws -> Bool {
        if try Harness.eventually(seconds, { try screen().contains(text) }) { return true }
        Issue.record("waited \(Int(seconds)) s for \"\(text)\"; the screen was:\n\(try screen())")
        return false
    }

    /// Ends this test's tmux server and waits until it has gone, so a session started next
    /// under the same name never meets the old server on its way out.
    func kill() {
        _ = try? run("kill-server")
        // Until no server answers on the socket, a new session could reach the old one on its way out.
        _ = Harness.eventually(5) { ((try? Harness.shell("tmux -L \(name) has-session").output) ?? "").contains("no server running") }
        // tmux leaves its socket file behind; each test run names its own, so remove it.
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(name)")
    }

    /// The process id of the program the pane runs (the child of the pane's shell), from /proc.
    func programPID() throws -> pid_t? {
        guard let shell = Int32(try run("display -p -t \(name) '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else { continue }
            // `pid (comm) state ppid ...`: the fields after the last ')'.
            guard let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == shell { return pid }
        }
        return nil
    }

    /// The pane's terminal modes: alternate screen, cursor shown, any mouse reporting.
    func modes() throws -> (alternate: Bool, cursor: Bool, mouse: Bool) {
        let f = try run("display -p -t \(name) '#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_standard_flag} #{mouse_button_flag}'")
            .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "1" }
        guard f.count == 5 else { return (true, false, true) }
        return (f[0], f[1], f[2] || f[3] || f[4])
    }
}

