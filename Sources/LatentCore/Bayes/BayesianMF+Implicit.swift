import Foundation

extension BayesianMF {
    /// The implicit rows of one side, one after another (each changes the sums the next one
    /// reads): y_j given everything else (`users`: the users' implicit movie factors), or z_w.
    /// Each owner (a user for y, a movie for z) contributes its fixed S = Σ q qᵀ over its
    /// ratings and its residual g = Σ e q without its implicit term: O(|N| k²) a sweep.
    func sampleImplicit(users: Bool) {
        guard let seenBy = users ? implicitByItem : implicitByUser else { return }
        let k = k, d = k + 1
        let owners = users ? byUser : byItem, ownerCount = users ? userCount : itemCount
        let ownRows = users ? userRows : itemRows, partnerRows = users ? itemRows : userRows
        let partners = users ? effectiveItems() : effectiveUsers()
        let norm = users ? implicitNorm : itemImplicitNorm
        var s = [Double](repeating: 0, count: ownerCount * k * k), g = [Double](repeating: 0, count: ownerCount * k)
        // Each owner's S and g are its own: owners in parallel, each chunk writing its own rows.
        let chunks = max(1, min(64, ownerCount)), mu = mu
        s.withUnsafeMutableBufferPointer { sBuffer in
            g.withUnsafeMutableBufferPointer { gBuffer in
                let sOut = RowsOut(base: sBuffer.baseAddress), gOut = RowsOut(base: gBuffer.baseAddress)
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    guard let s = sOut.base, let g = gOut.base else { return }
                    for o in (ownerCount * c / chunks)..<(ownerCount * (c + 1) / chunks) {
                        for at in owners.range(o) {
                            let p = Int(owners.index[at])
                            var e = Double(owners.value[at]) - mu - ownRows[o * d] - partnerRows[p * d]
                            for f in 0..<k { e -= ownRows[o * d + 1 + f] * partners[p * k + f] }
                            for f in 0..<k {
                                let q = partners[p * k + f]
                                g[o * k + f] += e * q
                                for h in 0...f { s[(o * k + f) * k + h] += q * partners[p * k + h] }
                            }
                        }
                    }
                }
            }
        }
        // The person's ratings kept apart (`setExtraRatings`) add to their owners' S and g too.
        for (o, ratings) in users ? extra.byUser : extra.byItem {
            for (p32, value) in ratings {
                let p = Int(p32)
                var e = Double(value) - mu - ownRows[o * d] - partnerRows[p * d]
                for f in 0..<k { e -= ownRows[o * d + 1 + f] * partners[p * k + f] }
                for f in 0..<k {
                    let q = partners[p * k + f]
                    g[o * k + f] += e * q
                    for h in 0...f { s[(o * k + f) * k + h] += q * partners[p * k + h] }
                }
            }
        }
        var rows = users ? implicitRows : itemImplicitRows, sums = users ? implicitSum : itemImplicitSum
        let prior = users ? implicitPrior : itemImplicitPrior
        let alpha = noisePrecision
        var lambda = [Double](repeating: 0, count: k * k), b = [Double](repeating: 0, count: k), others = [Double](repeating: 0, count: k)
        // The hot loop, over every seen pair and k² values, on raw buffers (no bounds checks).
        s.withUnsafeBufferPointer { s in
            g.withUnsafeBufferPointer { g in
                norm.withUnsafeBufferPointer { norm in
                    seenBy.index.withUnsafeBufferPointer { seen in
                        for j in 0..<(seenBy.start.count - 1) {
                            let range = seenBy.range(j)
                            lambda.withUnsafeMutableBufferPointer { lambda in
                                b.withUnsafeMutableBufferPointer { b in
                                    others.withUnsafeMutableBufferPointer { others in
                                        rows.withUnsafeBufferPointer { rows in
                                            sums.withUnsafeBufferPointer { sums in
                                                for i in 0..<(k * k) { lambda[i] = 0 }
                                                for f in 0..<k {
                                                    lambda[f * k + f] = prior.precision[f]
                                                    b[f] = prior.precision[f] * prior.mean[f]
                                                }
                                                for at in range {
                                                    let o = Int(seen[at]), c = norm[o], acc = alpha * c * c, ac = alpha * c
                                                    // The rest of the owner's implicit term: c (Σ − row j).
                                                    for f in 0..<k { others[f] = c * (sums[o * k + f] - rows[j * k + f]) }
                                                    let base = o * k * k
                                                    for f in 0..<k {
                                                        var sy = 0.0
                                                        let row = base + f * k
                                                        for h in 0...f {
                                                            let sfh = s[row + h]
                                                            sy += sfh * others[h]
                                                            lambda[f * k + h] += acc * sfh
                                                        }
                                                        if f + 1 < k { for h in (f + 1)..<k { sy += s[base + h * k + f] * others[h] } }
                                                        b[f] += ac * (g[o * k + f] - sy)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            var r = GaussianDraw.stream(seed: settings.seed, sweep: sweep, side: users ? 3 : 4, row: j)
                            let y = GaussianDraw.sample(precision: &lambda, b, k, &r)
                            for at in range {
                                let o = Int(seen[at])
                                for f in 0..<k { sums[o * k + f] += y[f] - rows[j * k + f] }
                            }
                            for f in 0..<k { rows[j * k + f] = y[f] }
                        }
                    }
                }
            }
        }
        if users { implicitRows = rows; implicitSum = sums } else { itemImplicitRows = rows; itemImplicitSum = sums }
    }
}
