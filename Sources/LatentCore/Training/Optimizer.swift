/// Which update rule a trainer uses.
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    /// Adam with decoupled weight decay (fastai's default).
    case adam
    /// Plain SGD with L2 regularisation (Surprise's SVD, per rating).
    case sgd
    /// SGD with momentum and L2 regularisation.
    case momentum
}

/// Updates a model's parameters from its gradients. Implementations keep their own state
/// (moments, velocities) in tables shaped like the parameters.
public protocol Optimizer: AnyObject {
    /// - Parameters:
    ///   - lr: the learning rate for this step (from the schedule).
    ///   - beta1: Adam's first-moment decay, or SGD's momentum, for this step.
    ///   - step: the 1-based number of this update (Adam's bias correction).
    func update(_ model: DotProductBias, _ gradients: Gradients, lr: Float, beta1: Float, step: Int)
}

/// Pairs each parameter table with its gradient and the optimizer's state tables.
struct ParameterSlot {
    let parameters: Embedding
    let gradient: SparseGradient
    let state1: Embedding
    let state2: Embedding?
    /// Biases are left alone when the model does not use them.
    let frozen: Bool
}

func slots(_ model: DotProductBias, _ g: Gradients, secondState: Bool) -> [ParameterSlot] {
    let tables = [(model.userFactors, g.userFactors, false), (model.itemFactors, g.itemFactors, false),
                  (model.userBias, g.userBias, !model.config.useBias), (model.itemBias, g.itemBias, !model.config.useBias)]
    return tables.map { p, grad, frozen in
        ParameterSlot(parameters: p, gradient: grad, state1: Embedding(shapedLike: p),
                      state2: secondState ? Embedding(shapedLike: p) : nil, frozen: frozen)
    }
}
