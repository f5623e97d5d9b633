"""LatentLab's `bayes` preset against myFM's Bayesian factorization machine on MovieLens 100k
(run by compare.sh --bayes; the data is never committed: pass the release's u.data).

One seeded random 80/20 split, written once, shared by both tools. myFM (PyPI) at rank 10 with
200 Gibbs samples (5 burn-in), with and without the SVD++-style implicit features issue 23
describes: the set of movies each user rated and the set of users who rated each movie (each
row normalised to 1/sqrt(n), built from every (user, movie) pair known, the pairs to predict
included but not their ratings). LatentLab with the same information (`--implicit`). Prints
test RMSE and the fit's seconds (as each tool times its own sampling), and the ratio.
"""
import argparse
import json
import os
import subprocess
import time

import numpy as np
import scipy.sparse as sps


def split(udata, folder, seed=42):
    train, test = os.path.join(folder, "ml100k-train.txt"), os.path.join(folder, "ml100k-test.txt")
    if not (os.path.exists(train) and os.path.exists(test)):
        rows = np.loadtxt(udata, dtype=np.int64)[:, :3]
        rows = rows[rows[:, 0] > 0]  # some copies carry a user 0 line: not MovieLens's
        mask = np.random.default_rng(seed).random(len(rows)) < 0.2
        np.savetxt(train, rows[~mask], fmt="%d", delimiter=" ")
        np.savetxt(test, rows[mask], fmt="%d", delimiter=" ")
    return train, test


def myfm_run(train, test, implicit, samples):
    import myfm
    tr, te = np.loadtxt(train, dtype=np.int64), np.loadtxt(test, dtype=np.int64)
    users = {u: i for i, u in enumerate(np.unique(np.concatenate([tr[:, 0], te[:, 0]])))}
    items = {m: i for i, m in enumerate(np.unique(np.concatenate([tr[:, 1], te[:, 1]])))}
    nu, ni = len(users), len(items)
    both = np.concatenate([tr, te])
    seen_u = [[] for _ in range(nu)]
    seen_i = [[] for _ in range(ni)]
    for u, m, _ in both:
        seen_u[users[u]].append(items[m])
        seen_i[items[m]].append(users[u])

    def design(rows):
        data, indices, indptr = [], [], [0]
        for u, m, _ in rows:
            a, b = users[u], items[m]
            cols = [(a, 1.0), (nu + b, 1.0)]
            if implicit:
                su, si = seen_u[a], seen_i[b]
                cols += [(nu + ni + j, 1 / np.sqrt(len(su))) for j in su]
                cols += [(nu + 2 * ni + w, 1 / np.sqrt(len(si))) for w in si]
            for c, v in cols:
                indices.append(c); data.append(v)
            indptr.append(len(indices))
        width = nu + ni + (ni + nu if implicit else 0)
        return sps.csr_matrix((data, indices, indptr), shape=(len(rows), width))

    xtr, xte = design(tr), design(te)
    started = time.time()
    fm = myfm.MyFMRegressor(rank=10, random_seed=42)
    # myFM draws a progress bar on stderr: quiet for the table.
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            fm.fit(xtr, tr[:, 2].astype(float), n_iter=samples, n_kept_samples=samples - 5)
        finally:
            os.dup2(saved, 2)
    seconds = time.time() - started
    pred = np.clip(fm.predict(xte), 1, 5)
    return float(np.sqrt(np.mean((pred - te[:, 2]) ** 2))), seconds


def ours_run(latentlab, train, test, implicit, samples):
    cmd = [latentlab, "train", "--train", train, "--valid", test, "--sep", " ", "--columns", "user,item,rating",
           "--preset", "bayes", "--epochs", str(samples), "--json"] + (["--implicit"] if implicit else [])
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return out["valid_rmse"], out["seconds"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--latentlab", required=True)
    ap.add_argument("--udata", required=True, help="MovieLens 100k's u.data")
    ap.add_argument("--work", required=True)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--threads", default="")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    train, test = split(args.udata, args.work)
    print(f"{'tool':<22} {'implicit':>8} {'test RMSE':>10} {'fit s':>8}  LatentLab faster by")
    print("-" * 70)
    for implicit in (False, True):
        theirs = myfm_run(train, test, implicit, args.samples)
        ours = ours_run(args.latentlab, train, test, implicit, args.samples)
        print(f"{'myFM rank 10':<22} {str(implicit).lower():>8} {theirs[0]:>10.4f} {theirs[1]:>8.2f}")
        print(f"{'LatentLab bayes k=10':<22} {str(implicit).lower():>8} {ours[0]:>10.4f} {ours[1]:>8.2f}  {theirs[1] / ours[1]:.1f}×")
    print(f"\nMovieLens 100k, one seeded random 80/20 split ({train}); {args.samples} samples each; "
          "fit seconds as each tool times its sampling; myFM from PyPI, LatentLab's release build on every core.")


if __name__ == "__main__":
    main()
