/// Which update rule a trainer uses.
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    /// Adam with decoupled weight decay (fastai's default).
    case adam
    /// Plain SGD with L2 regularisation (Surprise's SVD, per rating).
    case sgd
    /// SGD with momentum and L2 regularisation.
    case momentum
    /// No gradient at all: Gibbs sampling (the `bayes` preset, `BayesianMF`); each step draws
    /// one part of the model from its conditional distribution.
    case gibbs
    /// No gradient either: alternating least squares (the `als` preset, `AlternatingLeastSquares`);
    /// each step solves every row of one side in closed form.
    case als
}

/// The optimizer of a sampled model or of least squares: nothing to update, no state.
final class NoUpdate: Optimizer {
    func prepare(_ model: DotProductBias, _ gradients: Gradients) {}
    var stateTables: [(table: Embedding, side: ParameterSide)] { [] }
    func update(_ model: DotProductBias, _ gradients: Gradients, lr: Float, beta1: Float, step: Int) {}
}

/// Updates a model's parameters from its gradients. Implementations keep their own state
/// (moments, velocities) in tables shaped like the parameters.
public protocol Optimizer: AnyObject {
    /// Creates the state tables for a model (before the first update, or before loading a saved state).
    func prepare(_ model: DotProductBias, _ gradients: Gradients)
    /// The state tables (moments, velocities) in a fixed order, each with the side of the
    /// model its rows follow: what a saved session needs to train on where it stopped.
    var stateTables: [(table: Embedding, side: ParameterSide)] { get }
    /// - Parameters:
    ///   - lr: the learning rate for this step (from the schedule).
    ///   - beta1: Adam's first-moment decay, or SGD's momentum, for this step.
    ///   - step: the 1-based number of this update (Adam's bias correction).
    func update(_ model: DotProductBias, _ gradients: Gradients, lr: Float, beta1: Float, step: Int)
}

/// Whose rows a table has: one per user or one per movie.
public enum ParameterSide: String, Sendable, Codable {
    case user, item
}

/// Pairs each parameter table with its gradient and the optimizer's state tables.
struct ParameterSlot {
    let parameters: Embedding
    let gradient: SparseGradient
    let state1: Embedding
    let state2: Embedding?
    /// Biases are left alone when the model does not use them.
    let frozen: Bool
    let side: ParameterSide
}

func slots(_ model: DotProductBias, _ g: Gradients, secondState: Bool) -> [ParameterSlot] {
    let tables: [(Embedding, SparseGradient, Bool, ParameterSide)] = [
        (model.userFactors, g.userFactors, false, .user), (model.itemFactors, g.itemFactors, false, .item),
        (model.userBias, g.userBias, !model.config.useBias, .user), (model.itemBias, g.itemBias, !model.config.useBias, .item)]
    return tables.map { p, grad, frozen, side in
        ParameterSlot(parameters: p, gradient: grad, state1: Embedding(shapedLike: p),
                      state2: secondState ? Embedding(shapedLike: p) : nil, frozen: frozen, side: side)
    }
}

extension [ParameterSlot] {
    /// Every state table in slot order (first state, then second, per slot).
    var stateTables: [(table: Embedding, side: ParameterSide)] {
        flatMap { slot in [(slot.state1, slot.side)] + (slot.state2.map { [($0, slot.side)] } ?? []) }
    }
}
