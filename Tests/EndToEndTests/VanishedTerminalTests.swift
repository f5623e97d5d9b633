import Foundation
import Testing

/// A terminal can go away without a SIGHUP reaching the explorer (its multiplexer killed, the
/// explorer not in the terminal's session): reads then fail at once, which curses reports as
/// "no key". The explorer must see the hang-up, save and end, not run on unseen for ever.
@Suite("The explorer when its terminal vanishes")
struct VanishedTerminalTests {
    @Test func theExplorerEndsWhenItsTerminalIsGone() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        try #require(openpty(&master, &slave, nil, nil, &size) == 0)
        let state = Harness.temporaryFolder()
        // A new session (no controlling terminal): closing the master then sends no SIGHUP.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(0x80)) // POSIX_SPAWN_SETSID (glibc)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        posix_spawn_file_actions_addclose(&actions, master)
        let arguments = [binary.path, "explore", "--data", Harness.root.appendingPathComponent("SampleData").path, "--state", state.path]
        let environment = ["TERM=xterm-256color", "LANG=C.UTF-8", "HOME=\(state.path)"]
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, binary.path, &actions, &attributes, &argv, &envp) == 0)
        close(slave)
        // Let it draw, reading what it writes so that it never blocks on a full pty.
        let drawn = Harness.eventually(20) {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            var text = ""
            while poll(&fd, 1, 100) > 0, fd.revents & Int16(POLLIN) != 0 {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                text += String(decoding: buffer[..<n], as: UTF8.self)
            }
            return text.contains("Cross-tab") || text.contains("Cross")
        }
        #expect(drawn, "the explorer drew its screen")
        close(master)
        var status: Int32 = 0
        let ended = Harness.eventually(10) { waitpid(pid, &status, WNOHANG) == pid }
        if !ended { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        #expect(ended, "the explorer ended once its terminal was gone")
        // Ended as for a SIGHUP: the exit status a shell expects.
        #expect(ended && (status >> 8) & 0xFF == 129)
    }
}
