/// Stochastic gradient descent with L2 regularisation and optional momentum.
///
/// It follows Surprise's convention, which steps along the gradient of *half* the
/// squared error, so that `lr` and `reg` mean what they mean in Surprise's SVD:
///
///     d ← ½·∂L/∂p + reg·p,   vel ← μ·vel + d,   p ← p − lr·vel   (μ = 0: plain SGD)
///
/// Only the rows the batch touched are updated (for per-rating SGD that is exactly Surprise's update).
public final class SGD: Optimizer {
    public let regularization: Float
    public let useMomentum: Bool
    private var slotsCache: [ParameterSlot] = []

    public init(regularization: Float, momentum: Bool = false) {
        self.regularization = regularization
        self.useMomentum = momentum
    }

    public func prepare(_ model: DotProductBias, _ gradients: Gradients) {
        if slotsCache.isEmpty { slotsCache = slots(model, gradients, secondState: false) }
    }

    /// The velocities (they carry information only with momentum).
    public var stateTables: [(table: Embedding, side: ParameterSide)] { useMomentum ? slotsCache.stateTables : [] }

    public func update(_ model: DotProductBias, _ g: Gradients, lr: Float, beta1: Float, step: Int) {
        prepare(model, g)
        let reg = regularization
        let mu: Float = useMomentum ? beta1 : 0
        for slot in slotsCache where !slot.frozen {
            let p = slot.parameters, vel = slot.state1, grad = slot.gradient
            let n = p.stride
            for i in grad.touched {
                let r = Int(i)
                let pr = p.row(r), gr = grad.values.row(r), vr = vel.row(r)
                for k in 0..<n {
                    let d = 0.5 * gr[k] + reg * pr[k]
                    let v = mu * vr[k] + d
                    vr[k] = v
                    pr[k] -= lr * v
                }
            }
        }
    }
}
