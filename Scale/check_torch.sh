#!/usr/bin/env bash
# fastai and PyTorch against LatentLab on the bundled sample, on demand (not in CI):
#   Scale/check_torch.sh            (TORCH_VENV=DIR reuses a virtual environment with torch and fastai)
# Makes a virtual environment with torch (CPU wheels when PyTorch's index is reachable, else
# PyPI's) and fastai, trains chapter 8's two models as the book does (fastai's collab_learner,
# exported with learn.export(); the book's DotProductBias, saved as a state_dict with its id maps),
# writes a factor directory from each with export_torch.py, imports them into LatentLab with the
# data set, and checks that LatentLab's predictions equal fastai's own on the validation set to
# 1e-5. Prints the figures for Scale/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/.work/torch"
data="${DATA:-$root/SampleData}"
mkdir -p "$work"

venv="${TORCH_VENV:-$work/venv}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check torch torchvision --index-url https://download.pytorch.org/whl/cpu \
        || echo "PyTorch's CPU index is not reachable: PyPI's torch (larger) comes with fastai" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check fastai pandas
fi
py="$venv/bin/python"

(cd "$root" && swift build -c release --product latentlab >&2)
latentlab="$(cd "$root" && swift build -c release --show-bin-path)/latentlab"

"$py" "$here/fastai_train.py" --data "$data" --out "$work" 2>/dev/null | tail -1 > "$work/figures.json"
"$py" "$here/export_torch.py" --learner "$work/learner.pkl" --data "$data" --out "$work/factors-learner" 2>/dev/null
"$py" "$here/export_torch.py" --state-dict "$work/book.pth" --classes "$work/classes.json" --y-range 0 5.5 \
    --data "$data" --out "$work/factors-book" 2>/dev/null
for model in learner book; do
    "$latentlab" import --factors "$work/factors-$model" --data "$data" --out "$work/$model.latentlab"
    "$latentlab" predict --model "$work/$model.latentlab" --pairs "$work/$model-valid.csv" > "$work/$model-latentlab.csv"
done

"$py" - "$work" <<'PY'
import csv, json, sys
work = sys.argv[1]
figures = json.load(open(f"{work}/figures.json"))
ok = True
for model, name in (("learner", "fastai collab_learner (EmbeddingDotBias), learn.export()"), ("book", "the book's DotProductBias, state_dict")):
    theirs = {(r["user"], r["item"]): (float(r["rating"]), float(r["prediction"])) for r in csv.DictReader(open(f"{work}/{model}-valid.csv"))}
    ours = {(r["user"], r["item"]): float(r["prediction"]) for r in csv.DictReader(open(f"{work}/{model}-latentlab.csv"))}
    worst = max(abs(theirs[k][1] - ours[k]) for k in theirs)
    rmse = (sum((theirs[k][0] - ours[k]) ** 2 for k in theirs) / len(theirs)) ** 0.5
    print(f"{name}: {figures['epochs']} epochs of {figures['factors']} factors in {figures[model + '_seconds']:.1f} s, "
          f"valid RMSE {figures[model + '_valid_rmse']:.4f}; LatentLab on its import: RMSE {rmse:.4f} on {len(theirs)} "
          f"validation ratings, largest difference from fastai's prediction {worst:.2e}")
    ok = ok and worst <= 1e-5
sys.exit(0 if ok else 1)
PY
