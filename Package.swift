// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "LatentLab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "latentlab", targets: ["latentlab"]),
        .library(name: "LatentCore", targets: ["LatentCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // The training loop in C: Swift cannot compile one function for AVX and another for the
        // portable baseline in the same binary. Linux needs libm named for expf.
        .target(name: "CKernels", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        .target(
            name: "LatentCore",
            dependencies: [
                "CKernels",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The sample's movie list, compiled into the binary: an installed `latentlab` is one
            // file (Bundle.module would look for a resource folder beside it, and stop without one).
            resources: [.embedInCode("Data/Sample/SampleMovies.txt")]
        ),
        // ncurses with wide characters: Linux names the library ncursesw, macOS ships it as ncurses.
        .target(
            name: "CNcurses",
            linkerSettings: [
                .linkedLibrary("ncursesw", .when(platforms: [.linux])),
                .linkedLibrary("ncurses", .when(platforms: [.macOS])),
            ]
        ),
        // Restores the terminal from a signal handler if the explorer crashes (C: async-signal-safe).
        .target(name: "CTerminalGuard"),
        .target(name: "LatentTUI", dependencies: ["LatentCore", "CNcurses", "CTerminalGuard"]),
        .executableTarget(
            name: "latentlab",
            dependencies: [
                "LatentCore", "LatentTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The readers of every file LatentLab opens, as fuzz targets: libFuzzer's entry when built
        // by scripts/fuzz (-sanitize=fuzzer -DFUZZING), a corpus replayer otherwise (the tests run it).
        .executableTarget(name: "latentlab-fuzz", dependencies: ["LatentCore", "CKernels"]),
        .testTarget(
            name: "LatentCoreTests",
            dependencies: ["LatentCore", "CKernels", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // CNcurses only for the C library's wcwidth, to check the canvas's character widths against it.
        // Golden/ holds the expected screens as text, read by path.
        .testTarget(name: "LatentTUITests", dependencies: ["LatentTUI", "LatentCore", "CNcurses"], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LatentCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ],
    swiftLanguageModes: [.v6]
)
