import ArgumentParser
struct Explore: ParsableCommand { func run() throws { print("explore: not built yet") } }
