#!/usr/bin/env bash
# Spark's ALS against LatentLab on MovieLens-100k-shaped data, on demand (not in CI):
#   Scale/check.sh
# Makes a virtual environment with pyspark (and Java 17 through apt when it is missing),
# generates the comparison's seeded 100k-shaped ratings, trains ALS on local[2], imports the
# factor directory into LatentLab and checks that LatentLab's predictions equal Spark's own on
# the held-out ratings to 1e-5. Prints the figures for Scale/README.md.
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
    2>/dev/null | tail -1 | tee "$work/spark.json"
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
