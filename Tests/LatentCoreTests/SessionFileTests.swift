import Foundation
import Testing
@testable import LatentCore

/// A person's row that only the fold-in writes, ratings that join through a side table, a
/// schedule counted in epochs, and sessions saved and resumed bit for bit.
@Suite("The person's row, the side table, saved sessions")
struct SessionFileTests {
    /// The small sample with one extra user row, as the explorer trains it.
    func explorerData() -> (Dataset, TrainingData, person: Int) {
        let (dataset, base) = smallTraining()
        var data = base
        data.addUsers(1)
        return (dataset, data, dataset.userCount)
    }

    var fastaiSmall: Hyperparameters {
        var h = Hyperparameters.fastai
        h.factors = 8; h.epochs = 2; h.learningRate = 1e-2
        return h
    }

    /// The optimizer must never write a frozen row: Adam (lazy and dense, with weight decay)
    /// and the per-rating SGD kernel all leave it bit for bit as the fold-in wrote it, while
    /// the person's ratings still move the movies they rated.
    @Test(arguments: ["adam", "dense adam", "sgd kernel"])
    func aFrozenRowHasOneWriter(optimizer: String) throws {
        let (_, data, person) = explorerData()
        var h = optimizer == "sgd kernel" ? Hyperparameters.funkSVD : fastaiSmall
        h.factors = 8
        h.denseAdam = optimizer == "dense adam"
        let trainer = try Trainer(data: data, hyper: h)
        trainer.freeze(user: person)
        let mine = [(item: 0, rating: Float(5)), (item: 1, rating: 1), (item: 2, rating: 4)]
        trainer.setSideRatings(user: person, mine)
        let fold = FoldIn.solve(model: trainer.model, ratings: mine)
        for (k, v) in fold.factors.enumerated() { trainer.model.userFactors[person, k] = v }
        trainer.model.userBias.storage[person] = fold.bias
        let row = trainer.model.userFactors.lookup(person), bias = trainer.model.userBias.storage[person]
        let movieBefore = trainer.model.itemFactors.lookup(0)
        if trainer.usesPerRatingKernel {
            _ = try trainer.trainEpoch()
        } else {
            while trainer.completedEpochs < 1 { try trainer.trainStep() }
        }
        #expect(trainer.model.userFactors.lookup(person) == row, "the optimizer wrote the person's row")
        #expect(trainer.model.userBias.storage[person] == bias)
        #expect(trainer.model.itemFactors.lookup(0) != movieBefore, "their ratings still train the movies")
    }

    /// A rating added mid-epoch waits for the next epoch: the columns are never rebuilt, the
    /// current epoch keeps its size, and the schedule still ends after the planned epochs.
    @Test func sideRatingsJoinAtTheNextEpochStart() throws {
        let (_, data, person) = explorerData()
        let trainer = try Trainer(data: data, hyper: fastaiSmall)
        trainer.freeze(user: person)
        for _ in 0..<5 { try trainer.trainStep() }
        let size = trainer.epochSize
        trainer.setSideRatings(user: person, [(item: 3, rating: 4), (item: 4, rating: 2)])
        #expect(trainer.epochSize == size, "the epoch under way is unchanged")
        #expect(trainer.data.trainCount == data.trainCount, "the columns are not rebuilt")
        while trainer.completedEpochs < 1 { try trainer.trainStep() }
        try trainer.trainStep()
        #expect(trainer.epochSize == size + 2, "the next epoch has the person's two ratings")
        #expect(trainer.epochRatings.filter { Int($0.user) == person }.count == 2)
        // Replacing them swaps them, never duplicates.
        trainer.setSideRatings(user: person, [(item: 3, rating: 5)])
        while trainer.completedEpochs < 2 { try trainer.trainStep() }
        #expect(trainer.cycleDone, "two planned epochs, two epochs trained, whatever the data grew by")
        try trainer.trainStep()
        #expect(trainer.epochRatings.filter { Int($0.user) == person }.map(\.value) == [5])
    }

    /// Before the first step the first epoch can still take them: once, at that step, however
    /// many times they changed before it.
    @Test func ratingsBeforeTheFirstStepJoinTheFirstEpoch() throws {
        let (_, data, person) = explorerData()
        let trainer = try Trainer(data: data, hyper: fastaiSmall)
        let size = trainer.epochSize
        for k in 1...5 { trainer.setSideRatings(user: person, (0..<k).map { (item: $0, rating: Float(4)) }) }
        #expect(trainer.epochSize == size, "nothing reshuffled per rating")
        try trainer.trainStep()
        #expect(trainer.epochSize == size + 5)
        #expect(trainer.epochRatings.filter { Int($0.user) == person }.count == 5)
    }

    @Test func anotherCycleStartsAtTheEpochBoundary() throws {
        let (_, data, _) = explorerData()
        var h = fastaiSmall
        h.epochs = 1
        let trainer = try Trainer(data: data, hyper: h)
        _ = try trainer.fit()
        #expect(trainer.cycleDone && trainer.cycle == 1)
        let lastLR = trainer.currentLearningRate
        trainer.startNewCycle()
        #expect(!trainer.cycleDone && trainer.cycle == 2 && trainer.cycleStartEpoch == 1)
        #expect(trainer.currentLearningRate > lastLR * 100, "the new cycle warms up again from the start of the schedule")
        _ = try trainer.trainEpoch()
        #expect(trainer.cycleDone && trainer.completedEpochs == 2)
    }

    /// Saved, read back and loaded into a new trainer: every parameter, every optimizer state
    /// and therefore every prediction is the same, bit for bit.
    @Test func aSessionResumesBitForBit() throws {
        let (dataset, data, person) = explorerData()
        let trainer = try Trainer(data: data, hyper: fastaiSmall)
        trainer.freeze(user: person)
        _ = try trainer.trainEpoch()
        for _ in 0..<7 { try trainer.trainStep() }
        var runs = RunLog()
        runs.start(label: "start", hyper: fastaiSmall, step: 0)
        runs.recordTraining(steps: trainer.step, seconds: 1.5, epochs: trainer.epochsTrained)
        var loss = LossHistory()
        for i in 0..<50 { loss.append(Float(i)) }
        let record = SessionRecord(progress: trainer.trainingProgress, trainLoss: loss, valid: [ValidPoint(step: 3, mse: 0.9)],
                                   markers: [Marker(step: 0, label: "start")], runs: runs)
        let url = Fixtures.folder().appendingPathComponent("session.latentlab")
        try ModelFile.write(ModelFile.Contents(trainer: trainer, dataset: dataset, history: [], session: record), to: url)

        let read = try ModelFile.read(url)
        #expect(read.header.session?.runs == runs && read.header.session?.trainLoss == loss)
        #expect(read.optimizerState.count == 8, "Adam's two moments for four tables")
        let resumed = try Trainer(data: data, hyper: fastaiSmall)
        resumed.freeze(user: person)
        try resumed.load(read, ModelAlignment(read, dataset: dataset, file: url.path))
        for u in 0..<dataset.userCount {
            for m in Swift.stride(from: 0, to: dataset.itemCount, by: 7) {
                #expect(resumed.predict(user: u, item: m).bitPattern == trainer.predict(user: u, item: m).bitPattern)
            }
        }
        #expect(resumed.step == trainer.step && resumed.completedEpochs == 1 && resumed.cycle == 1)
        #expect(abs(resumed.epochFraction - trainer.epochFraction) < 0.01)
        for (a, b) in zip(resumed.optimizerState, trainer.optimizerState) {
            #expect(a.table.flatValues(rows: dataset.userCount) == b.table.flatValues(rows: dataset.userCount))
        }
    }

    /// A model opens on the data it was trained on, whatever order the loader gave the rows,
    /// and is refused on other data with what differs.
    @Test func aModelIsCheckedAgainstTheDataSet() throws {
        let (dataset, base) = smallTraining()
        let trainer = try Trainer(data: base, hyper: fastaiSmall)
        let contents = ModelFile.Contents(trainer: trainer, dataset: dataset, history: [])
        let aligned = try ModelAlignment(contents, dataset: dataset, file: "m.latentlab")
        #expect(aligned.userRows == Array(0..<dataset.userCount))
        // The same movies listed in another order still line up by id.
        var shuffled = contents
        shuffled.itemIds.reverse()
        let reversed = try ModelAlignment(shuffled, dataset: dataset, file: "m.latentlab")
        #expect(reversed.itemRows == Array((0..<dataset.itemCount).reversed()))
        let other = Fixtures.smallSample(users: 50, movies: 30, ratings: 1_500, seed: 9)
        do {
            _ = try ModelAlignment(contents, dataset: other, file: "m.latentlab")
            Issue.record("a model of other data was accepted")
        } catch let error as DataError {
            let message = "\(error)"
            #expect(message.contains("m.latentlab") && message.contains("trained on other data") && message.contains("50 users"))
        }
    }

    @Test func theRunLogKeepsOnlyRunsThatTrained() {
        var log = RunLog()
        log.start(label: "start", hyper: .fastai, step: 0)
        log.start(label: "weight decay 0", hyper: .fastai, step: 0)
        log.recordTraining(steps: 10, seconds: 1, epochs: 1)
        log.recordEpoch(1, trainLoss: 0.5, validMSE: 0.60)
        log.recordEpoch(2, trainLoss: 0.4, validMSE: 0.55)
        log.recordEpoch(3, trainLoss: 0.3, validMSE: 0.58)
        log.start(label: "weight decay 0.1", hyper: .fastai, step: 0)
        #expect(log.trainedRuns.map(\.label) == ["weight decay 0"], "a run that never trained leaves no row")
        let run = log.trainedRuns[0]
        #expect(run.validBest == 0.55 && run.bestEpoch == 2 && run.validFinal == 0.58 && run.overshot)
        #expect(run.trainBest == 0.3 && run.trainFinal == 0.3)
    }

    /// The runs table's best and final are figures of one kind: the final is never below a best
    /// it was not compared with, and a final that reads higher than the best (at four decimals) is marked.
    @Test func bestAndFinalAreComparedAsShown() {
        var log = RunLog()
        log.start(label: "funk-svd", hyper: .funkSVD, step: 0)
        log.recordValidation(0.9)
        #expect(log.current?.validFinal == 0.9, "before the first epoch ends, the latest full validation")
        log.recordEpoch(1, trainLoss: 0.7, validMSE: 0.6525)
        log.recordValidation(0.5788)
        #expect(log.current?.validFinal == 0.6525 && log.current?.validBest == 0.6525, "between epoch ends the final stays the epoch's")
        log.recordEpoch(2, trainLoss: 0.6, validMSE: 0.5116)
        log.recordEpoch(3, trainLoss: 0.5, validMSE: 0.5120)
        #expect(log.current?.overshot == true, "0.5120 reads above 0.5116")
        log.recordEpoch(4, trainLoss: 0.5, validMSE: 0.51162)
        #expect(log.current?.overshot == false, "0.5116 reads as the best")
    }

    @Test func categoriesAgainstLearnedIsOneSentence() throws {
        var log = RunLog()
        var genres = Hyperparameters.fastai
        genres.genreFactors = true
        log.start(label: "preset genres", hyper: genres, step: 0)
        log.recordTraining(steps: 10, seconds: 1, epochs: 1)
        log.recordEpoch(1, trainLoss: 0.6, validMSE: 0.52)
        #expect(CategoriesVersusLearned(log.trainedRuns) == nil, "one side alone compares with nothing")
        log.start(label: "preset fastai", hyper: .fastai, step: 0)
        log.recordTraining(steps: 10, seconds: 1, epochs: 1)
        log.recordEpoch(1, trainLoss: 0.5, validMSE: 0.468)
        let verdict = try #require(CategoriesVersusLearned(log.trainedRuns))
        #expect(verdict.sentence == "categories: 0.520 · learned: 0.468 (10% better): latent factors find tastes no category names")
        #expect(CategoriesVersusLearned(categories: 0.5, learned: 0.51).sentence.hasPrefix("categories: 0.500 · learned: 0.510 (not better yet)"))
    }
}
