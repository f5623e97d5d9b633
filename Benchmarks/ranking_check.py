#!/usr/bin/env python3
"""LatentLab's top-k figures against a second implementation, on MovieLens 100k.

    python3 Benchmarks/ranking_check.py --latentlab .build/release/latentlab --udata PATH/u.data [--spark]

Splits u.data 80/20 (seeded), trains LatentLab's funk-svd and als (w0 0.1) on the split with
`train --train --valid --save --json`, exports each model's factors, and recomputes every
user's top 10 from them here (numpy): mu + b_u + b_m + U[u]·M[m], the user's training movies
left out. The precision, recall, NDCG and MAP at 10 are then computed from those lists with
Spark MLlib's RankingMetrics definitions written out below, and, with --spark (pip install
pyspark; Java 17), by pyspark.mllib.evaluation.RankingMetrics itself. Prints both next to
LatentLab's own figures; they should agree to the last digits (a tie at the tenth place, or
float rounding between two nearly equal scores, can move one list by one movie).
"""
import argparse, csv, json, math, os, random, subprocess, sys
import numpy as np

def spark_definitions(lists, k):
    """Spark RankingMetrics with binary relevance: precision divides by k; NDCG's ideal list has
    min(k, |relevant|) hits; MAP@k divides by min(k, |relevant|). Users with nothing relevant are
    left out by the caller (as LatentLab leaves them out)."""
    p = r = n = m = 0.0
    for rec, rel in lists:
        hits, dcg, prec_sum = 0, 0.0, 0.0
        for i, item in enumerate(rec[:k]):
            if item in rel:
                hits += 1
                dcg += 1 / math.log2(i + 2)
                prec_sum += hits / (i + 1)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(rel))))
        p += hits / k; r += hits / len(rel); n += dcg / ideal; m += prec_sum / min(k, len(rel))
    u = len(lists)
    return {"precision_at_k": p / u, "recall_at_k": r / u, "ndcg_at_k": n / u, "map_at_k": m / u}

def with_spark(lists, k):
    from pyspark import SparkContext
    from pyspark.mllib.evaluation import RankingMetrics
    sc = SparkContext("local[2]", "ranking-check")
    sc.setLogLevel("ERROR")
    try:
        metrics = RankingMetrics(sc.parallelize([(rec[:k], sorted(rel)) for rec, rel in lists]))
        return {"precision_at_k": metrics.precisionAt(k), "recall_at_k": metrics.recallAt(k),
                "ndcg_at_k": metrics.ndcgAt(k), "map_at_k": metrics.meanAveragePrecisionAt(k)}
    finally:
        sc.stop()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--latentlab", required=True)
    ap.add_argument("--udata", required=True)
    ap.add_argument("--work", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".work", "ranking"))
    ap.add_argument("--spark", action="store_true")
    ap.add_argument("-k", type=int, default=10)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    lines = open(a.udata).read().splitlines()
    random.seed(7); random.shuffle(lines)
    held = len(lines) // 5
    train_path, test_path = os.path.join(a.work, "train.tsv"), os.path.join(a.work, "test.tsv")
    open(test_path, "w").write("\n".join(lines[:held]) + "\n")
    open(train_path, "w").write("\n".join(lines[held:]) + "\n")
    rows = lambda ls: [(f[0], f[1], float(f[2])) for f in (l.split("\t") for l in ls)]
    train, test = rows(lines[held:]), rows(lines[:held])
    mu = np.float32(sum(r for _, _, r in train) / len(train))
    seen = {}
    for u, m, _ in train: seen.setdefault(u, set()).add(m)
    relevant = {}
    for u, m, r in test:
        if r >= 4: relevant.setdefault(u, set()).add(m)
    for name, flags in [("funk-svd", ["--preset", "funk-svd"]), ("als (w0 0.1)", ["--preset", "als", "--unobserved-weight", "0.1"])]:
        model = os.path.join(a.work, "model.latentlab")
        out = subprocess.run([a.latentlab, "train", "--train", train_path, "--valid", test_path, "--save", model, "--json",
                              "--top-k", str(a.k)] + flags, check=True, capture_output=True, text=True).stdout
        own = json.loads(out.strip().splitlines()[-1])["ranking"]
        folder = os.path.join(a.work, "csv")
        subprocess.run([a.latentlab, "export", "--model", model, "--csv", folder], check=True, capture_output=True)
        def table(path):
            with open(path) as f:
                r = list(csv.reader(f))
            head = r[0]; first = head.index("bias")
            return [x[0] for x in r[1:]], np.array([[float(v) for v in x[first:]] for x in r[1:]], dtype=np.float32)
        movie_ids, movies = table(os.path.join(folder, "movie_factors.csv"))
        user_ids, users = table(os.path.join(folder, "user_factors.csv"))
        lists = []
        for ui, u in enumerate(user_ids):
            if u not in relevant: continue
            scores = mu + users[ui, 0] + movies[:, 0] + movies[:, 1:] @ users[ui, 1:]
            order = [movie_ids[j] for j in np.argsort(-scores, kind="stable") if movie_ids[j] not in seen.get(u, ())]
            lists.append((order[:a.k], relevant[u]))
        mine = spark_definitions(lists, a.k)
        spark = with_spark(lists, a.k) if a.spark else None
        print(f"{name}: {len(lists)} users")
        for key in ["precision_at_k", "recall_at_k", "ndcg_at_k", "map_at_k"]:
            line = f"  {key:15s} latentlab {own[key]:.6f}   recomputed here {mine[key]:.6f}"
            if spark: line += f"   pyspark RankingMetrics {spark[key]:.6f}"
            print(line)

if __name__ == "__main__":
    main()
