"""LatentLab's funk-svd against LIBMF and Surprise's SVD, side by side (run by compare.sh).

Generates MovieLens-shaped ratings (seeded: long-tailed activity and popularity, planted
factors, half stars, ordered as the MovieLens release of that size), one train/test
split per size shared by every tool, then runs each
configuration `--runs` times, alternating the tools run by run, and prints one table with
the medians: seconds an epoch (training alone, as each tool times it), whole-process seconds
(reading the files included), peak memory, test RMSE, and LatentLab's speed ratio.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

import numpy as np

SHAPES = {
    # name: users, movies, ratings, whole stars (ml-100k) or half stars
    "100k": (943, 1_682, 100_000, True),
    "1m": (6_040, 3_706, 1_000_209, False),
    "25m": (162_541, 59_047, 25_000_095, False),
}


def generate(name, folder, seed=7):
    """train.txt and test.txt ("user item rating", 80/20), made once per size and seed."""
    train, test = os.path.join(folder, f"{name}-train.txt"), os.path.join(folder, f"{name}-test.txt")
    if os.path.exists(train) and os.path.exists(test):
        return train, test
    users, items, n, whole = SHAPES[name]
    rng = np.random.default_rng(seed)
    # Long tails: a few users rate a lot, a few movies get most ratings.
    activity = rng.pareto(1.2, users) + 1
    popularity = 1 / np.arange(1, items + 1) ** 0.9
    keys = np.empty(0, dtype=np.int64)
    while keys.size < n:
        want = int((n - keys.size) * 1.15) + 1000
        u = rng.choice(users, size=want, p=activity / activity.sum())
        m = rng.choice(items, size=want, p=popularity / popularity.sum())
        keys = np.unique(np.concatenate([keys, u.astype(np.int64) * items + m]))
    # As MovieLens publishes them: ml-100k's u.data in random order, the larger releases
    # (ml-1m's ratings.dat, ml-25m's ratings.csv) by user, then movie.
    keys = rng.permutation(keys)[:n]
    if name != "100k":
        keys = np.sort(keys)
    u, m = keys // items, keys % items
    k = 8
    pu, qm = rng.normal(0, 0.45, (users, k)), rng.normal(0, 0.45, (items, k))
    bu, bm = rng.normal(0, 0.35, users), rng.normal(0, 0.45, items)
    score = 3.5 + bu[u] + bm[m] + np.einsum("ij,ij->i", pu[u], qm[m]) + rng.normal(0, 0.7, n)
    if whole:
        r = np.clip(np.rint(score), 1, 5)
    else:
        r = np.clip(np.rint(score * 2) / 2, 0.5, 5)
    test_mask = rng.random(n) < 0.2
    for path, mask in ((train, ~test_mask), (test, test_mask)):
        rows = np.column_stack([u[mask] + 1, m[mask] + 1, r[mask]])
        with open(path + ".tmp", "w") as f:
            np.savetxt(f, rows, fmt=["%d", "%d", "%.1f"], delimiter=" ")
        os.replace(path + ".tmp", path)
    return train, test


def run_measured(command, measure, scratch):
    """Runs a process under `measure`: its JSON line, whole seconds, and its own peak resident
    memory in bytes."""
    figures = os.path.join(scratch, "measure.txt")
    proc = subprocess.run([measure, figures] + command, capture_output=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    with open(figures) as f:
        seconds, kilobytes = f.read().split()
    line = [l for l in proc.stdout.decode().splitlines() if l.startswith("{")][-1]
    return json.loads(line), float(seconds), int(kilobytes) * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--latentlab", required=True)
    ap.add_argument("--libmf", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--measure", required=True)
    ap.add_argument("--data", required=True, help="folder for the generated files")
    ap.add_argument("--sizes", default="100k,1m,25m")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()
    os.makedirs(args.data, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    threads = [int(t) for t in args.threads.split(",")]

    configs = []  # (size, tool, threads, factors, command)
    for size in args.sizes.split(","):
        print(f"generating {size} …", file=sys.stderr, flush=True)
        train, test = generate(size, args.data)
        low, high = (1, 5) if SHAPES[size][3] else (0.5, 5)
        factors = 100 if size == "100k" else 50
        if size == "100k":
            configs.append((size, "Surprise SVD", 1, factors,
                            [args.python, os.path.join(here, "surprise_svd.py"), train, test, str(factors), str(args.epochs), str(low), str(high)]))
        for t in threads:
            configs.append((size, "LIBMF", t, factors, [args.libmf, train, test, str(factors), str(args.epochs), str(t)]))
            configs.append((size, "LatentLab funk-svd", t, factors,
                            [args.latentlab, "train", "--train", train, "--valid", test, "--sep", " ", "--columns", "user,item,rating",
                             "--preset", "funk-svd", "--factors", str(factors), "--epochs", str(args.epochs), "--threads", str(t), "--json"]))

    results = {i: [] for i in range(len(configs))}
    for r in range(args.runs):
        # Alternate: every configuration once per round, the order turned each round.
        order = list(range(len(configs)))
        if r % 2 == 1:
            order.reverse()
        for i in order:
            size, tool, t, _, command = configs[i]
            print(f"run {r + 1}/{args.runs}: {tool}, {size}, {t} thread(s)", file=sys.stderr, flush=True)
            out, seconds, peak = run_measured(command, args.measure, args.data)
            if tool.startswith("LatentLab"):
                per_epoch, rmse = out["seconds_per_epoch"], out["valid_rmse"]
            else:
                per_epoch, rmse = out["train_seconds"] / out["epochs"], out["test_rmse"]
            results[i].append((per_epoch, seconds, peak, rmse))

    medians = {}
    for i, (size, tool, t, factors, _) in enumerate(configs):
        rows = results[i]
        medians[i] = tuple(statistics.median(x[k] for x in rows) for k in range(4))

    def ours(size, t):
        for i, (s, tool, tt, _, _) in enumerate(configs):
            if s == size and tt == t and tool.startswith("LatentLab"):
                return medians[i][0]
        return None

    header = f"{'tool':<20} {'data':<5} {'k':>4} {'thr':>3} {'s/epoch':>9} {'whole s':>8} {'peak MB':>8} {'test RMSE':>9}  LatentLab faster by"
    print(header)
    print("-" * len(header))
    for i, (size, tool, t, factors, _) in enumerate(configs):
        per_epoch, whole, peak, rmse = medians[i]
        ratio = ""
        if not tool.startswith("LatentLab"):
            mine = ours(size, t)
            if mine:
                ratio = f"{per_epoch / mine:.2f}×"
            # Surprise has one thread only: against LatentLab on more, too.
            if tool.startswith("Surprise"):
                for more in sorted({c[2] for c in configs if c[0] == size and c[2] > t}):
                    if ours(size, more):
                        ratio += f", {per_epoch / ours(size, more):.2f}× on {more} threads"
        print(f"{tool:<20} {size:<5} {factors:>4} {t:>3} {per_epoch:>9.5f} {whole:>8.2f} {peak / 2**20:>8.0f} {rmse:>9.4f}  {ratio}")
    print(f"\nmedians of {args.runs} runs each, the tools alternated run by run; {args.epochs} epochs; "
          "s/epoch is training alone as each tool times it, whole s the process (reading files included).")


if __name__ == "__main__":
    main()
