import Foundation
import Testing
@testable import LatentCore

func smallTraining(seed: UInt64 = 42) -> (Dataset, TrainingData) {
    let data = Fixtures.smallSample()
    let split = Split.random(count: data.ratings.count, validFraction: 0.2, seed: seed)
    return (data, TrainingData(dataset: data, split: split))
}

@Suite("Training: the loop, determinism, presets")
struct TrainingTests {
    var fastaiSmall: Hyperparameters {
        var h = Hyperparameters.fastai
        h.factors = 8; h.epochs = 3; h.learningRate = 1e-2
        return h
    }

    @Test func lossFallsWithTheBooksRecipe() throws {
        let (_, data) = smallTraining()
        let trainer = try Trainer(data: data, hyper: fastaiSmall)
        let before = trainer.validate().mse
        let history = try trainer.fit()
        #expect(history.count == 3)
        #expect(history[2].valid.mse < before * 0.6)
        #expect(history[2].trainLoss < history[0].trainLoss)
        // The root of the same mean (in double precision before rounding to Float: within an ulp).
        #expect(history.allSatisfy { abs($0.valid.rmse - $0.valid.mse.squareRoot()) <= $0.valid.rmse.ulp })
    }

    @Test func lossFallsWithFunkSVD() throws {
        let (_, data) = smallTraining()
        var h = Hyperparameters.funkSVD
        h.factors = 8; h.epochs = 5
        let trainer = try Trainer(data: data, hyper: h)
        let history = try trainer.fit()
        #expect(history[4].trainLoss < history[0].trainLoss)
        #expect(history[4].valid.rmse < 1.0)
    }

    @Test func sameSeedSameRun() throws {
        let (_, data) = smallTraining()
        let a = try Trainer(data: data, hyper: fastaiSmall)
        let b = try Trainer(data: data, hyper: fastaiSmall)
        for _ in 0..<50 { try a.trainStep(); try b.trainStep() }
        #expect(a.model.userFactors.flatValues == b.model.userFactors.flatValues)
        #expect(a.model.itemBias.flatValues == b.model.itemBias.flatValues)
        var other = fastaiSmall
        other.seed = 43
        let c = try Trainer(data: data, hyper: other)
        for _ in 0..<50 { try c.trainStep() }
        #expect(a.model.userFactors.flatValues != c.model.userFactors.flatValues)
    }

    @Test func everyEpochVisitsEveryRatingOnceInANewOrder() throws {
        let (_, data) = smallTraining()
        let trainer = try Trainer(data: data, hyper: fastaiSmall)
        func key(_ r: Rating) -> String { "\(r.user)/\(r.item)/\(r.value)" }
        let expected = data.train.map(key).sorted()
        let first = trainer.epochRatings
        #expect(first.map(key).sorted() == expected)
        _ = try trainer.trainEpoch()
        try trainer.trainStep() // starts the second epoch
        #expect(trainer.completedEpochs == 1 && trainer.epochsTrained > 1)
        #expect(trainer.epochRatings.map(key).sorted() == expected)
        #expect(trainer.epochRatings != first)
    }

    @Test func stepAdvancesExactlyOneBatch() throws {
        let (_, data) = smallTraining()
        let trainer = try Trainer(data: data, hyper: fastaiSmall)
        let report = try trainer.trainStep()
        #expect(report.step == 1 && trainer.step == 1)
        #expect(report.batchSize == 64 && trainer.cursor == 64, "the epoch's first 64 ratings")
        try trainer.trainStep()
        #expect(trainer.cursor == 128)
    }

    @Test func fusedSGDEpochEqualsStepByStep() throws {
        let (_, data) = smallTraining()
        var h = Hyperparameters.funkSVD
        h.factors = 8; h.epochs = 1
        let fused = try Trainer(data: data, hyper: h)
        _ = try fused.trainEpoch()
        let stepped = try Trainer(data: data, hyper: h)
        for _ in 0..<data.trainCount { try stepped.trainStep() }
        let a = fused.model.itemFactors.flatValues, b = stepped.model.itemFactors.flatValues
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-4)
        #expect(abs(fused.epochTrainLoss - stepped.epochTrainLoss) < 1e-4)
    }

    /// One or three factors still fill whole SIMD lanes: the padding must stay zero and
    /// neighbouring rows untouched (a single factor used to be stored unpadded and crashed).
    @Test(arguments: [1, 3])
    func fewFactorsTrainWithBothOptimizers(factors: Int) throws {
        let (_, data) = smallTraining()
        for var h in [Hyperparameters.funkSVD, fastaiSmall] {
            h.factors = factors; h.epochs = 2
            let trainer = try Trainer(data: data, hyper: h)
            let history = try trainer.fit()
            #expect(history[1].trainLoss < history[0].trainLoss)
            #expect(history[1].valid.rmse < 1.2)
            let factorsTable = trainer.model.itemFactors
            #expect(factorsTable.stride == 8)
            let paddingIsZero = (0..<factorsTable.rows).allSatisfy { row in
                (factors..<factorsTable.stride).allSatisfy { factorsTable.row(row)[$0] == 0 }
            }
            #expect(paddingIsZero)
        }
    }

    @Test func lazyAdamIsCloseToDenseAdam() throws {
        let (_, data) = smallTraining()
        var lazy = fastaiSmall
        lazy.epochs = 3
        var dense = lazy
        dense.denseAdam = true
        let a = try Trainer(data: data, hyper: lazy).fit()
        let b = try Trainer(data: data, hyper: dense).fit()
        #expect(abs(a[2].valid.rmse - b[2].valid.rmse) < 0.05)
    }

    @Test func divergenceStopsWithAMessage() throws {
        let (_, data) = smallTraining()
        var h = Hyperparameters.funkSVD
        h.factors = 8; h.learningRate = 1e6; h.batchSize = 4
        let trainer = try Trainer(data: data, hyper: h)
        #expect(throws: TrainingError.self) { for _ in 0..<200 { try trainer.trainStep() } }
        do { for _ in 0..<200 { try trainer.trainStep() } } catch let e as TrainingError {
            #expect(String(describing: e).contains("Lower the learning rate"))
        }
    }

    @Test func unseenValidationRatingsArePredictedAndCounted() throws {
        // User 2 and movie 9 appear only in validation.
        let data = TrainingData(trainUsers: [0, 0, 1, 1], trainItems: [0, 1, 0, 1], trainValues: [4, 3, 5, 2],
                                validUsers: [2, 0], validItems: [0, 9], validValues: [4, 3],
                                userCount: 3, itemCount: 10, scale: RatingScale(min: 1, max: 5, step: 1))
        var h = Hyperparameters.fastai
        h.factors = 4; h.epochs = 1; h.batchSize = 2
        let trainer = try Trainer(data: data, hyper: h)
        _ = try trainer.fit()
        let v = trainer.validate()
        #expect(v.count == 2 && v.unseen == 2)
        #expect(v.mse.isFinite)
    }

    /// The validation pass (C, on several threads, a sample with a limit) scores every held-out
    /// rating as `predict` does: the same errors as adding them up one by one.
    @Test(arguments: [true, false])
    func validationAddsUpThePredictionsErrors(_ sigmoid: Bool) throws {
        let (dataset, data) = smallTraining()
        var h = sigmoid ? Hyperparameters.fastai : Hyperparameters.funkSVD
        h.factors = 12; h.epochs = 1
        let trainer = try Trainer(data: data, hyper: h)
        _ = try trainer.fit()
        var se = 0.0, ae = 0.0, n = 0
        let valid = data.valid
        valid.forEach(Swift.stride(from: 0, to: data.validCount, by: 1)) { r in
            let e = Double(trainer.predict(user: Int(r.user), item: Int(r.item)) - r.value)
            se += e * e; ae += abs(e); n += 1
        }
        #expect(n > 100 && dataset.ratings.count > n)
        for threads in [1, 3] {
            let v = trainer.validate(threads: threads)
            #expect(v.count == n)
            #expect(abs(Double(v.mse) - se / Double(n)) < 1e-6 * se / Double(n), "\(threads) threads")
            #expect(abs(Double(v.mae) - ae / Double(n)) < 1e-6 * ae / Double(n))
        }
        let sample = trainer.validate(limit: 100)
        #expect(sample.count <= 100 && sample.count >= 50 && sample.mse.isFinite)
        // The packed sample gives the figures of reading the same ratings from the table.
        let unpacked = Trainer.validate(Trainer.ValidationInput(model: trainer.model, data: data, mean: trainer.trainMean, averagedMSE: nil), limit: 100, threads: 2)
        #expect(sample == unpacked)
        #expect(trainer.validate(limit: 100) == sample, "the cached sample")
    }

    @Test func invalidHyperparametersAreRefused() {
        var h = Hyperparameters.fastai
        h.learningRate = -1
        #expect(throws: TrainingError.self) { try h.validate() }
    }
}
