import ArgumentParser
struct Explore: ParsableCommand { func run() throws { print("explore: not built yet") } }
struct Recommend: ParsableCommand {}
struct Similar: ParsableCommand {}
struct Biases: ParsableCommand {}
struct Export: ParsableCommand {}
