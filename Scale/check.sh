#!/usr/bin/env bash
# Spark's ALS against LatentLab on MovieLens-100k-shaped data, on demand (not in CI):
#   Scale/check.sh
# Makes a virtual environment with pyspark (and Java 17 through apt when it is missing),
# generates the comparison's seeded 100k-shaped ratings, trains ALS on local[2], imports the
# factor directory into LatentLab and checks that LatentLab's predictions equal Spark's own on
# the held-out ratings to 1e-5, and that folding a person in (`recommend --ratings`) gives the row
# Spark's ALS user step gave: for a few users, their training ratings folded in as a new person
# predict what Spark's own row for them predicts. Prints the figures for Scale/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/.work"
mkdir -p "$work"

if ! command -v java >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if [ ! -x "$work/venv/bin/python" ]; then python3 -m venv "$work/venv"; fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pyspark numpy

# The comparison's generator: seeded, MovieLens-100k-shaped, one train file.
"$work/venv/bin/python" - "$work" "$root/Benchmarks" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
import compare
compare.generate("100k", sys.argv[1])
PY
ratings="$work/100k-train.txt"

(cd "$root" && swift build -c release --product latentlab >&2)
latentlab="$(cd "$root" && swift build -c release --show-bin-path)/latentlab"

started=$(date +%s.%N)
"$work/venv/bin/python" "$here/spark_als.py" --ratings "$ratings" --layout generic --sep ' ' --columns user,item,rating \
    --out "$work/factors" --rank 10 --reg 0.1 --iters 10 --master 'local[2]' --predictions "$work/spark-predictions.csv" \
    --train-ratings "$work/spark-train.csv" 2>/dev/null | tail -1 | tee "$work/spark.json"
ended=$(date +%s.%N)

"$latentlab" import --factors "$work/factors" --out "$work/spark.latentlab"
"$latentlab" predict --model "$work/spark.latentlab" --pairs "$work/spark-predictions.csv" > "$work/latentlab-predictions.csv"

"$work/venv/bin/python" - "$work" "$started" "$ended" <<'PY'
import csv, json, sys
work, started, ended = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
spark = {(r["user"], r["item"]): (float(r["rating"]), float(r["prediction"])) for r in csv.DictReader(open(f"{work}/spark-predictions.csv"))}
ours = {(r["user"], r["item"]): float(r["prediction"]) for r in csv.DictReader(open(f"{work}/latentlab-predictions.csv"))}
worst = max(abs(spark[k][1] - ours[k]) for k in spark)
rmse = (sum((spark[k][0] - ours[k]) ** 2 for k in spark) / len(spark)) ** 0.5
figures = json.load(open(f"{work}/spark.json"))
print(f"Spark ALS (rank 10, reg 0.1, 10 iterations, local[2]): {ended - started:.1f} s for the whole job, "
      f"train RMSE {figures['train_rmse']:.4f}, test RMSE {figures['test_rmse']:.4f}")
print(f"LatentLab on the imported model: test RMSE {rmse:.4f} on {len(spark)} held-out ratings, "
      f"largest difference from Spark's prediction {worst:.2e}")
sys.exit(0 if worst <= 1e-5 else 1)
PY

# Fold-in: Spark's last iteration solves every user row against the final movie factors (ALS-WR),
# so a person with a user's training ratings, folded in by LatentLab, must predict as Spark's row.
"$work/venv/bin/python" - "$work" "$latentlab" <<'PY'
import csv, json, subprocess, sys
import numpy as np
work, latentlab = sys.argv[1], sys.argv[2]
def rows(path):
    out = {}
    with open(path) as f:
        for r in csv.DictReader(f):
            out[int(r["id"])] = np.array([float(r[k]) for k in r if k.startswith("f")])
    return out
users, movies = rows(f"{work}/factors/users.csv"), rows(f"{work}/factors/movies.csv")
train = {}
for r in csv.DictReader(open(f"{work}/spark-train.csv")):
    train.setdefault(int(r["user"]), []).append((int(r["item"]), float(r["rating"])))
chosen = [u for u in sorted(train) if u in users][:: max(1, len(train) // 8)][:8]
worst, compared = 0.0, 0
for u in chosen:
    person = f"{work}/person-{u}.csv"
    with open(person, "w") as f:
        f.write("movie,rating\n" + "".join(f"{m},{r}\n" for m, r in train[u]))
    result = subprocess.run([latentlab, "recommend", "--model", f"{work}/spark.latentlab", "--ratings", person,
                             "-n", "100000", "--json"], capture_output=True, text=True, check=True)
    for rec in json.loads(result.stdout):
        spark_row = float(users[u] @ movies[rec["id"]])
        worst = max(worst, abs(spark_row - rec["raw_score"]))
        compared += 1
print(f"Fold-in: {len(chosen)} users' training ratings folded in as new people (ALS-WR, lambda x n) predict "
      f"{compared} movies as Spark's own rows do, largest difference {worst:.2e}")
sys.exit(0 if worst <= 1e-5 else 1)
PY
