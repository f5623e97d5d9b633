import Foundation

#if FUZZING
/// libFuzzer's entry (built by `scripts/fuzz` with `-sanitize=fuzzer,address -DFUZZING`);
/// `LATENTLAB_FUZZ_TARGET` names the target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let target = ProcessInfo.processInfo.environment["LATENTLAB_FUZZ_TARGET"] ?? "ratings"
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTargets.run(target, data)
    return 0
}

/// SwiftPM links an executable's entry as `<module>_main`, so libFuzzer's own `main` is never
/// pulled in: this entry hands the command line to libFuzzer's driver instead.
@_cdecl("latentlab_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    typealias Driver = @convention(c) (UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                                       TestOneInput) -> CInt
    guard let symbol = dlsym(nil, "LLVMFuzzerRunDriver") else {
        FileHandle.standardError.write(Data("latentlab-fuzz: built without libFuzzer (use scripts/fuzz)\n".utf8))
        return 2
    }
    var count = argc
    var arguments = argv
    let driver = unsafeBitCast(symbol, to: Driver.self)
    return driver(&count, &arguments, { fuzzOneInput($0, $1) })
}
#else
/// Without libFuzzer: replays inputs, `latentlab-fuzz TARGET FILE_OR_FOLDER...`; the test suite
/// runs it over `Tests/Fuzz/TARGET/` so every change is checked against the corpus and every
/// crash fuzzing ever found.
@main
enum Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let target = arguments.first, FuzzTargets.names.contains(target) else {
            FileHandle.standardError.write(Data("usage: latentlab-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE_OR_FOLDER...\n".utf8))
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                FuzzTargets.run(target, data)
                count += 1
            }
        }
        print("\(target): replayed \(count) inputs")
        try? FileManager.default.removeItem(at: FuzzTargets.scratch)
    }
}
#endif
