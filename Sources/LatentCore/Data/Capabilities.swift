/// What a data set can do, asked for by what needs it instead of checking how it was opened: a
/// model's factors alone (`FactorsOnly`) predict, fold a person in and rank, but do not train,
/// have no known ratings, and may not know how often each movie was rated.
public struct Capabilities: Sendable, Equatable {
    /// The ratings are loaded: training, the loss curve, the step panel, known ratings in the grid.
    public let trains: Bool
    /// How often each movie was rated is known (the most-rated lists, counts on screen, the
    /// minimum-ratings filter); an import without its data set knows none.
    public let countsKnown: Bool
    /// A model trained elsewhere and opened on its factors: its name and where it was trained,
    /// for the panels that say what is missing (nil when the ratings are loaded).
    public let trainedElsewhere: (model: String, on: String)?

    public static func == (a: Capabilities, b: Capabilities) -> Bool {
        a.trains == b.trains && a.countsKnown == b.countsKnown
            && a.trainedElsewhere?.model == b.trainedElsewhere?.model && a.trainedElsewhere?.on == b.trainedElsewhere?.on
    }
}

extension Dataset {
    /// The one place that turns how the data set was opened into what it can do.
    public var capabilities: Capabilities {
        guard let factorsOnly else { return Capabilities(trains: true, countsKnown: true, trainedElsewhere: nil) }
        return Capabilities(trains: false, countsKnown: factorsOnly.countsKnown,
                            trainedElsewhere: (factorsOnly.modelName, factorsOnly.trainedOn))
    }
}
