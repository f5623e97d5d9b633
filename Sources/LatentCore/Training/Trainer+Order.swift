import Foundation

/// The trainer's visiting order: each epoch a fresh seeded permutation of the training ratings
/// (with the person's side table joining at epoch starts), laid out in blocks for several threads
/// when the kernels train whole epochs.
extension Trainer {
    func startEpoch() {
        if epochRatings.isEmpty || sideChanged { blocks = nil }
        if epochRatings.isEmpty {
            // The training ratings become the visiting order: taken over, not copied.
            epochRatings = data.takeTrain()
            epochRatings += side?.ratings ?? []
            sideChanged = false
        } else if sideChanged, let side {
            // The side table changed since the last epoch: swap its ratings in (the columns stay as they are).
            epochRatings.removeAll { $0.user == side.user }
            epochRatings += side.ratings
            sideChanged = false
        }
        // A fresh seeded permutation each epoch, done in place on the packed ratings: the loops
        // below then read them sequentially, and a shuffle of a shuffle is still uniform.
        let epochSeed = hyper.seed &+ 0x9E37_79B9 &* UInt64(epochIndex + 1)
        if usesFusedEpochs && (threads > 1 || epochRatings.count >= Self.blocksFromRatings) {
            // As LIBMF does: each block is shuffled once, when the blocks are laid out; an epoch
            // then takes the diagonals in a fresh order and enters each block at a fresh point
            // (`blockEpoch`), which costs nothing, where a full reshuffle cost a fifth of an epoch.
            // On one thread too once the tables outgrow the cache: a block's rows stay in it.
            let groups = usesPerRatingKernel ? BlockSchedule.groups(threads: threads, ratings: epochRatings.count)
                : BlockSchedule.adamGroups(threads: threads, ratings: epochRatings.count, users: model.userCount,
                                           items: model.itemCount, batch: hyper.batchSize)
            if blocks == nil, let groups {
                let layout = BlockSchedule(&epochRatings, groups: groups, users: model.userCount, items: model.itemCount)
                Self.shuffleBlocks(&epochRatings, layout, shufflers: &blockShufflers, workers: threads, seed: epochSeed)
                blocks = layout
            } else if usesFusedAdam, let blocks {
                // An AdamW epoch costs ten times a shuffle: its batches are drawn afresh each epoch.
                Self.shuffleBlocks(&epochRatings, blocks, shufflers: &blockShufflers, workers: threads, seed: epochSeed)
            } else if groups == nil {
                var rng = SeededRandom(seed: epochSeed)
                shuffler.shuffle(&epochRatings, rng: &rng)
            }
        } else if let als {
            // Least squares visits no ratings in order either: each half-step reads them by row
            // (indexed again only when the person's ratings changed).
            if alsIndexStale {
                als.setRatings(epochRatings, users: model.userCount, items: model.itemCount)
                alsIndexStale = false
            }
        } else if sampler == nil && neural == nil {
            blocks = nil
            var rng = SeededRandom(seed: epochSeed)
            shuffler.shuffle(&epochRatings, rng: &rng)
        }
        // (A sampled model visits no ratings in order: its sweep reads them all, by row.)
        cursor = 0
        blockPosition = BlockPosition()
        epochLossSum = 0
        epochLossCount = 0
    }

    /// Moves to the next epoch when the current one is used up; an epoch not yet begun takes
    /// a changed side table first (once, whatever the number of changes before it).
    func beginNextStep() {
        if cursor >= epochRatings.count {
            epochIndex += 1
            startEpoch()
        } else if cursor == 0 && sideChanged {
            startEpoch()
        }
    }

    /// Whether whole epochs run in the per-rating SGD kernel (`TrainingKernels`): plain SGD,
    /// one rating per step, a fixed learning rate, as Surprise's SVD and the funk-svd preset.
    public var usesPerRatingKernel: Bool {
        hyper.optimizer == .sgd && hyper.batchSize == 1 && hyper.schedule == .constant && !hyper.genreFactors && !hyper.implicit
    }

    /// The threads epochs actually train on: `threads` on the blocks, else one (a data set too
    /// small to split, or a model whose epochs go step by step).
    public var threadsInUse: Int { blocks != nil ? threads : 1 }

    /// Whether whole epochs run in a C kernel: the per-rating SGD, or the mini-batch AdamW step
    /// (`ll_adam_batch`); both lay an epoch out in blocks for several threads.
    public var usesFusedEpochs: Bool { usesPerRatingKernel || usesFusedAdam }

    /// Whether whole epochs take the mini-batch AdamW kernel: lazy Adam, and every movie row
    /// free to learn (the `genres` preset fixes them).
    public var usesFusedAdam: Bool {
        guard let adam = optimizer as? Adam else { return false }
        return !adam.dense && !hyper.genreFactors
    }
}
