import CKernels

/// One mini-batch through the C kernel (`ll_mlp_batch`): the inputs gathered (each rating's two
/// embedding rows side by side), forward, loss and backward by hand.
extension CollabNN {
    /// The buffers one batch needs, sized once for the largest batch.
    final class BatchWork {
        var x: [Float], dx: [Float], scratch: [Float], predictions: [Float], targets: [Float]
        /// The layers' gradients, laid out as `dense`.
        var gradient: [Float]

        init(_ net: CollabNN, batch: Int) {
            x = [Float](repeating: 0, count: batch * net.strides[0]); dx = x
            scratch = [Float](repeating: 0, count: 4 * (2 * Int(LL_MLP_MAX_WIDTH) + net.strides.dropFirst().reduce(0, +)))
            predictions = [Float](repeating: 0, count: batch); targets = predictions
            gradient = [Float](repeating: 0, count: net.layout.count)
        }
    }

    /// The inputs and targets of `batch`, side by side in `work.x`.
    func gather(_ batch: UnsafeBufferPointer<Rating>, _ work: BatchWork) {
        let s0 = strides[0]
        for (r, rating) in batch.enumerated() {
            let u = userEmbedding.row(Int(rating.user)), m = itemEmbedding.row(Int(rating.item))
            for j in 0..<userSize { work.x[r * s0 + j] = u[j] }
            for j in 0..<itemSize { work.x[r * s0 + userSize + j] = m[j] }
            work.targets[r] = rating.value
        }
    }

    /// The kernel's view of the parameters (pointers into `dense`, valid while the network lives).
    func kernelModel() -> ll_mlp {
        var model = ll_mlp()
        model.layers = Int32(hidden.count)
        model.lo = yRange.lowerBound
        model.hi = yRange.upperBound
        guard let mutableBase = dense.baseAddress else { return model }
        let base = UnsafePointer(mutableBase)
        model.bo = dense[layout.outputBias]
        model.wo = base + layout.outputWeights
        withUnsafeMutableBytes(of: &model.stride) { raw in
            let p = raw.bindMemory(to: Int64.self)
            for (l, s) in strides.enumerated() { p[l] = Int64(s) }
        }
        withUnsafeMutableBytes(of: &model.w) { raw in
            let p = raw.bindMemory(to: UnsafePointer<Float>?.self)
            for l in 0..<hidden.count { p[l] = base + layout.weights[l] }
        }
        withUnsafeMutableBytes(of: &model.b) { raw in
            let p = raw.bindMemory(to: UnsafePointer<Float>?.self)
            for l in 0..<hidden.count { p[l] = base + layout.biases[l] }
        }
        return model
    }

    /// The mean squared error's gradient over `batch`: the layers' in `work.gradient`, each
    /// rating's input's in `work.dx` (its first userSize values for U[u], the next itemSize for
    /// M[m]). Returns the sum of squared errors.
    /// `total`: the size of the whole batch when this is a part of it (the gradient is of its mean).
    func forwardBackward(_ batch: UnsafeBufferPointer<Rating>, _ work: BatchWork, total: Int? = nil) -> Double {
        let n = batch.count
        for i in work.gradient.indices { work.gradient[i] = 0 }
        guard n > 0, n * strides[0] <= work.x.count else { return 0 }
        gather(batch, work)
        var model = kernelModel(), grads = ll_mlp_grads()
        return work.gradient.withUnsafeMutableBufferPointer { g in
            guard let gbase = g.baseAddress else { return 0 }
            withUnsafeMutableBytes(of: &grads.w) { raw in
                let p = raw.bindMemory(to: UnsafeMutablePointer<Float>?.self)
                for l in 0..<hidden.count { p[l] = gbase + layout.weights[l] }
            }
            withUnsafeMutableBytes(of: &grads.b) { raw in
                let p = raw.bindMemory(to: UnsafeMutablePointer<Float>?.self)
                for l in 0..<hidden.count { p[l] = gbase + layout.biases[l] }
            }
            grads.wo = gbase + layout.outputWeights
            let sse = ll_mlp_batch(&model, &grads, work.x, work.targets, Int64(n), Int64(total ?? n), &work.dx, &work.scratch, &work.predictions)
            gbase[layout.outputBias] = grads.bo
            return sse
        }
    }

    /// The predictions of `batch` (forward only), in `work.predictions`.
    func forward(_ batch: UnsafeBufferPointer<Rating>, _ work: BatchWork) {
        let n = batch.count
        guard n > 0, n * strides[0] <= work.x.count else { return }
        gather(batch, work)
        var model = kernelModel()
        ll_mlp_forward(&model, work.x, Int64(n), &work.scratch, &work.predictions)
    }
}
