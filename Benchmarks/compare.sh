#!/usr/bin/env bash
# LatentLab's funk-svd side by side with LIBMF and Surprise's SVD, in one run:
#   Benchmarks/compare.sh [--sizes 100k,1m,25m] [--runs 5] [--threads 1,2]
# or its bayes preset side by side with myFM's Bayesian factorization machine on MovieLens 100k:
#   Benchmarks/compare.sh --bayes PATH/TO/ml-100k/u.data [--samples 200]
# or every preset's RMSE and top 10 side by side (latentlab compare), and the top-10 figures
# recomputed from the exported factors and by pyspark's RankingMetrics (--spark: installs pyspark):
#   Benchmarks/compare.sh --ranking PATH/TO/ml-100k [--spark]
# Makes a virtual environment (numpy, scikit-surprise from PyPI), builds LIBMF from the C++
# source that PyPI's libmf sdist carries with LIBMF's recommended flags (SIMD and OpenMP on:
# pip's own build leaves both off), builds LatentLab in release mode, generates seeded
# MovieLens-shaped data and prints one table. Everything it makes goes to Benchmarks/.work.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$here/.work"
mkdir -p "$work"

if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv" || { echo "python3 -m venv failed: install python3-venv" >&2; exit 1; }
fi
"$work/venv/bin/pip" install --quiet --disable-pip-version-check numpy scikit-surprise

if [ "${1:-}" = "--ranking" ]; then
    [ -n "${2:-}" ] || { echo "usage: compare.sh --ranking PATH/TO/ml-100k [--spark]" >&2; exit 2; }
    (cd "$root" && swift build -c release --product latentlab >&2)
    latentlab="$(cd "$root" && swift build -c release --show-bin-path)/latentlab"
    data="$2"; shift 2
    "$latentlab" compare --data "$data"
    if [ "${1:-}" = "--spark" ]; then
        "$work/venv/bin/pip" install --quiet --disable-pip-version-check pyspark
    fi
    exec "$work/venv/bin/python" "$here/ranking_check.py" --latentlab "$latentlab" --udata "$data/u.data" --work "$work/ranking" "$@"
fi

if [ "${1:-}" = "--bayes" ]; then
    [ -n "${2:-}" ] || { echo "usage: compare.sh --bayes PATH/TO/u.data [--samples N]" >&2; exit 2; }
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check scipy myfm
    (cd "$root" && swift build -c release --product latentlab >&2)
    latentlab="$(cd "$root" && swift build -c release --show-bin-path)/latentlab"
    udata="$2"; shift 2
    exec "$work/venv/bin/python" "$here/compare_bayes.py" --latentlab "$latentlab" --udata "$udata" --work "$work/bayes" "$@"
fi

libmf="$work/libmf_driver"
if [ ! -x "$libmf" ]; then
    rm -rf "$work/libmf-src" && mkdir -p "$work/libmf-src"
    "$work/venv/bin/pip" download --quiet --disable-pip-version-check --no-binary :all: --no-deps libmf -d "$work/libmf-src"
    tar -xzf "$work"/libmf-src/libmf-*.tar.gz -C "$work/libmf-src"
    src="$(echo "$work"/libmf-src/libmf-*/src_cpp)"
    c++ -O3 -march=native -mavx -DUSEAVX -fopenmp -DUSEOMP -std=c++11 -pthread \
        -I"$src" "$src/mf.cpp" "$here/libmf_driver.cpp" -o "$libmf"
fi

measure="$work/measure"
[ -x "$measure" ] || cc -O2 "$here/measure.c" -o "$measure"

(cd "$root" && swift build -c release --product latentlab >&2)
latentlab="$(cd "$root" && swift build -c release --show-bin-path)/latentlab"

"$work/venv/bin/python" "$here/compare.py" --latentlab "$latentlab" --libmf "$libmf" \
    --python "$work/venv/bin/python" --measure "$measure" --data "$work/data" "$@"
