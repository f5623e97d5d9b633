import Foundation

/// Adam with decoupled weight decay (AdamW, fastai's `Adam(..., true_wd=True)`):
///
///     p ← p·(1 − lr·wd)
///     m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
///     p ← p − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
///
/// By default the update is lazy: only the rows a batch touched are updated (their moments,
/// their weight decay), so the cost follows the batch and not the size of the tables. With
/// `dense` every row is visited every step, as PyTorch does; untouched rows then see a zero gradient.
public final class Adam: Optimizer {
    public let weightDecay: Float
    public let beta2: Float
    public let epsilon: Float
    public let dense: Bool
    private var slotsCache: [ParameterSlot] = []

    public init(weightDecay: Float, beta2: Float = 0.99, epsilon: Float = 1e-5, dense: Bool = false) {
        self.weightDecay = weightDecay; self.beta2 = beta2; self.epsilon = epsilon; self.dense = dense
    }

    public func prepare(_ model: DotProductBias, _ gradients: Gradients) {
        if slotsCache.isEmpty { slotsCache = slots(model, gradients, secondState: true) }
    }

    public var stateTables: [(table: Embedding, side: ParameterSide)] { slotsCache.stateTables }

    public func update(_ model: DotProductBias, _ g: Gradients, lr: Float, beta1: Float, step: Int) {
        prepare(model, g)
        let c1 = 1 / (1 - pow(beta1, Float(step)))
        let c2 = 1 / (1 - pow(beta2, Float(step)))
        let decay = 1 - lr * weightDecay
        for slot in slotsCache where !slot.frozen {
            guard let v = slot.state2 else { continue }
            let p = slot.parameters, m = slot.state1, grad = slot.gradient
            if dense {
                guard !grad.frozenAll else { continue }
                for i in 0..<p.rows where i != grad.frozenRow {
                    let gr = grad.isTouched(i) ? grad.values.row(i) : nil
                    adamRow(p.row(i), gr, m.row(i), v.row(i), p.stride, lr: lr, decay: decay, beta1: beta1, c1: c1, c2: c2)
                }
            } else {
                for i in grad.touched {
                    let r = Int(i)
                    adamRow(p.row(r), grad.values.row(r), m.row(r), v.row(r), p.stride, lr: lr, decay: decay, beta1: beta1, c1: c1, c2: c2)
                }
            }
        }
    }

    @inline(__always)
    private func adamRow(_ p: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>?, _ m: UnsafeMutablePointer<Float>,
                         _ v: UnsafeMutablePointer<Float>, _ n: Int, lr: Float, decay: Float, beta1: Float, c1: Float, c2: Float) {
        if n % laneWidth == 0 {
            let b1 = Lane(repeating: beta1), ob1 = Lane(repeating: 1 - beta1)
            let b2 = Lane(repeating: beta2), ob2 = Lane(repeating: 1 - beta2)
            let vc1 = Lane(repeating: c1 * lr), vc2 = Lane(repeating: c2), eps = Lane(repeating: epsilon)
            let dec = Lane(repeating: decay)
            var k = 0
            while k < n {
                let gk = g.map { load($0, k) } ?? Lane()
                let mk = b1 * load(m, k) + ob1 * gk
                let vk = b2 * load(v, k) + ob2 * gk * gk
                store(mk, m, k); store(vk, v, k)
                let pk = load(p, k) * dec - vc1 * mk / ((vk * vc2).squareRoot() + eps)
                store(pk, p, k)
                k &+= laneWidth
            }
        } else {
            for k in 0..<n {
                let gk = g?[k] ?? 0
                m[k] = beta1 * m[k] + (1 - beta1) * gk
                v[k] = beta2 * v[k] + (1 - beta2) * gk * gk
                p[k] = p[k] * decay - lr * c1 * m[k] / ((v[k] * c2).squareRoot() + epsilon)
            }
        }
    }
}
