#!/usr/bin/env python3
"""Write a LatentLab factor directory from a fastai or PyTorch collaborative-filtering model.

Two ways in:

  # a fastai Learner saved with learn.export() (collab_learner, or the book's DotProductBias)
  python Scale/export_torch.py --learner export.pkl --data ml-latest-small --out factors/

  # a PyTorch state_dict (torch.save(model.state_dict(), "model.pth")) and the id maps fastai
  # kept in its DataLoaders (json.dump(dls.classes, ...)), or the ratings they were built from
  python Scale/export_torch.py --state-dict model.pth --classes classes.json --y-range 0 5.5 \
      --scale 0.5,5,0.5 --out factors/

The models: fastai's EmbeddingDotBias (u_weight, i_weight, u_bias, i_bias), the book's
DotProductBias (user_factors, user_bias, movie_factors, movie_bias: nn.Embedding or plain
parameters) and its DotProduct (no biases). Row 0 of each table is fastai's '#na#' and is left
out. Items may be ids or titles (the book uses `item_name='title'`): titles are mapped to the
data set's movie ids with --data (every id of a title shared by several movies gets its row).

Writes manifest.json (kind dot-bias-sigmoid when there is a y_range, else dot-bias), users.csv
and movies.csv (with titles and genres when --data gives them) to a temporary folder renamed into
place. Then: latentlab import --factors DIR [--data PATH] --out model.latentlab
"""
import argparse
import csv
import io
import json
import os
import shutil
import sys
import tempfile

import numpy as np


class DotProductBias:
    """Placeholder so that a Learner exported from the book's notebook (whose model class lives in
    its `__main__`) unpickles here; replaced by a real torch module in `main` once torch is imported."""


def fail(message):
    print(f"export_torch.py: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------------------------
# The data set: movie titles and genres, the ratings' scale and mean

def read_movies(folder):
    """{id: (title, genres)} from a MovieLens folder (movies.csv, movies.dat or u.item)."""
    movies = {}
    path = os.path.join(folder, "movies.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                genres = [] if row["genres"] in ("", "(no genres listed)") else row["genres"].split("|")
                movies[int(row["movieId"])] = (row["title"], genres)
        return movies
    path = os.path.join(folder, "movies.dat")
    if os.path.exists(path):
        with open(path, encoding="latin-1") as f:
            for line in f:
                parts = line.rstrip("\r\n").split("::")
                if len(parts) >= 3:
                    movies[int(parts[0])] = (parts[1], [g for g in parts[2].split("|") if g])
        return movies
    path = os.path.join(folder, "u.item")
    if os.path.exists(path):
        names = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
                 "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"]
        with open(path, encoding="latin-1") as f:
            for line in f:
                parts = line.rstrip("\r\n").split("|")
                if len(parts) >= 24:
                    movies[int(parts[0])] = (parts[1], [n for n, flag in zip(names, parts[5:24]) if flag == "1"])
    return movies


def read_ratings(folder):
    """The rating values of a MovieLens folder or ratings file, as a numpy array (for the scale and mean)."""
    import pandas as pd
    if os.path.isdir(folder):
        for name in ("ratings.csv", "ratings.dat", "u.data"):
            if os.path.exists(os.path.join(folder, name)):
                folder = os.path.join(folder, name)
                break
        else:
            return None
    name = os.path.basename(folder)
    if name == "ratings.dat":
        values = pd.read_csv(folder, sep="::", engine="python", header=None, usecols=[2])[2]
    elif name == "u.data":
        values = pd.read_csv(folder, sep="\t", header=None, usecols=[2])[2]
    else:
        values = pd.read_csv(folder, usecols=["rating"])["rating"]
    return values.to_numpy(dtype=np.float64)


def scale_of(values):
    lo, hi = float(values.min()), float(values.max())
    distinct = np.unique(values)
    steps = np.diff(distinct)
    step = float(steps.min()) if len(steps) else 0.0
    # A step only when every value falls on it (half or whole stars).
    if step > 0 and not np.allclose((distinct - lo) / step, np.round((distinct - lo) / step)):
        step = 0.0
    return {"min": lo, "max": hi, "step": step}


# ---------------------------------------------------------------------------------------------
# The model's tables

def tables(state):
    """(user factors, user bias or None, item factors, item bias or None) as float32 numpy arrays."""
    def get(*names):
        for n in names:
            if n in state:
                return state[n].detach().cpu().numpy().astype(np.float32)
        return None
    uf = get("u_weight.weight", "user_factors.weight", "user_factors")
    mf = get("i_weight.weight", "movie_factors.weight", "movie_factors", "item_factors.weight", "item_factors")
    ub = get("u_bias.weight", "user_bias.weight", "user_bias")
    mb = get("i_bias.weight", "movie_bias.weight", "movie_bias", "item_bias.weight", "item_bias")
    if uf is None or mf is None:
        fail("no factor tables in the model: expected fastai's EmbeddingDotBias (u_weight, i_weight) or the book's "
             "DotProductBias (user_factors, movie_factors); it has " + ", ".join(sorted(state.keys())))
    if uf.ndim != 2 or mf.ndim != 2 or uf.shape[1] != mf.shape[1]:
        fail(f"the factor tables do not match: users {tuple(uf.shape)}, movies {tuple(mf.shape)}")
    if (ub is None) != (mb is None):
        fail("the model has a bias on one side only")
    if ub is not None:
        ub, mb = ub.reshape(-1), mb.reshape(-1)
        if len(ub) != len(uf) or len(mb) != len(mf):
            fail("the bias tables do not have a row per user and per movie")
    return uf, ub, mf, mb


def as_id(value):
    """An integer id from a fastai class (an int, a numpy int, or a string of digits), or None."""
    try:
        if isinstance(value, str):
            return int(value.strip()) if value.strip().lstrip("-").isdigit() else None
        as_int = int(value)
        return as_int if as_int == value else None
    except (TypeError, ValueError):
        return None


def number(x):
    return "%.9g" % x


def write_directory(out, manifest, users, movies):
    """manifest.json, users.csv and movies.csv into a folder beside `out`, then renamed onto it."""
    out = os.path.abspath(out)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix="." + os.path.basename(out) + ".tmp-", dir=parent)
    try:
        with open(os.path.join(staging, "manifest.json"), "w") as f:
            json.dump(manifest, f, indent=2, sort_keys=True)
            f.write("\n")
        for name, text in (("users.csv", users), ("movies.csv", movies)):
            with open(os.path.join(staging, name), "w", encoding="utf-8", newline="") as f:
                f.write(text)
        if os.path.exists(out):
            old = out + f".old-{os.getpid()}"
            os.rename(out, old)
            os.rename(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--learner", help="a fastai Learner saved with learn.export() (export.pkl)")
    source.add_argument("--state-dict", help="a PyTorch state_dict saved with torch.save(model.state_dict(), ...)")
    ap.add_argument("--classes", help="with --state-dict: fastai's dls.classes as JSON ({user column: [...], item column: [...]})")
    ap.add_argument("--data", help="the MovieLens folder (or ratings file) the model was trained on: titles, genres, the scale and mean")
    ap.add_argument("--y-range", nargs=2, type=float, metavar=("LO", "HI"), help="with --state-dict: the sigmoid's range (the book: 0 5.5)")
    ap.add_argument("--no-y-range", action="store_true", help="with --state-dict: the model has no sigmoid")
    ap.add_argument("--scale", help="the ratings' scale MIN,MAX,STEP (e.g. 0.5,5,0.5) when --data does not give it")
    ap.add_argument("--test-rmse", type=float, help="the held-out RMSE to record in the manifest")
    ap.add_argument("--train-rmse", type=float, help="the training RMSE to record in the manifest")
    ap.add_argument("--out", required=True, help="the factor directory to write")
    args = ap.parse_args()

    import torch
    import torch.nn as nn

    # The book's model, for unpickling a Learner exported from its notebook.
    global DotProductBias

    class DotProductBias(nn.Module):  # noqa: F811 (the placeholder above is replaced on purpose)
        def __init__(self, n_users=1, n_movies=1, n_factors=1, y_range=(0, 5.5)):
            super().__init__()
            self.user_factors = nn.Embedding(n_users, n_factors)
            self.user_bias = nn.Embedding(n_users, 1)
            self.movie_factors = nn.Embedding(n_movies, n_factors)
            self.movie_bias = nn.Embedding(n_movies, 1)
            self.y_range = y_range

    import __main__
    __main__.DotProductBias = DotProductBias

    tool, version = "pytorch", torch.__version__
    if args.learner:
        try:
            from fastai.learner import load_learner
            import fastai
        except ImportError:
            fail("--learner needs fastai (pip install fastai)")
        learn = load_learner(args.learner, cpu=True)
        model = learn.model
        classes = {k: list(v) for k, v in learn.dls.classes.items()}
        y_range = getattr(model, "y_range", None)
        state = model.state_dict()
        tool, version = "fastai", fastai.__version__
    else:
        state = torch.load(args.state_dict, map_location="cpu", weights_only=True)
        if not args.classes:
            fail("--state-dict needs --classes (fastai's dls.classes as JSON: the row of each id)")
        with open(args.classes) as f:
            classes = json.load(f)
        if args.y_range is None and not args.no_y_range:
            fail("--state-dict needs --y-range LO HI (the book: 0 5.5) or --no-y-range: a state_dict does not say")
        y_range = None if args.no_y_range else tuple(args.y_range)
    if len(classes) < 2:
        fail("the id maps need a user column and an item column")
    user_column, item_column = list(classes.keys())[:2]
    user_classes, item_classes = classes[user_column], classes[item_column]

    uf, ub, mf, mb = tables(state)
    if len(uf) != len(user_classes) or len(mf) != len(item_classes):
        fail(f"the model has {len(uf)} user and {len(mf)} movie rows, the id maps {len(user_classes)} and {len(item_classes)}")
    if y_range is not None:
        y_range = [float(y_range[0]), float(y_range[1])]

    movies_info = read_movies(args.data) if args.data and os.path.isdir(args.data) else {}
    values = read_ratings(args.data) if args.data else None
    if args.scale:
        try:
            lo, hi, step = (float(x) for x in args.scale.split(","))
        except ValueError:
            fail(f"--scale is MIN,MAX,STEP, got '{args.scale}'")
        scale = {"min": lo, "max": hi, "step": step}
    elif values is not None and len(values):
        scale = scale_of(values)
    else:
        fail("the ratings' scale is unknown: give --data PATH (the data set) or --scale MIN,MAX,STEP")

    # The book's DotProduct (a sigmoid, no biases) is the sigmoid model with zero biases.
    kind = "dot-bias-sigmoid" if y_range is not None else ("dot-bias" if ub is not None else "dot")
    if kind == "dot-bias-sigmoid" and ub is None:
        ub, mb = np.zeros(len(uf), dtype=np.float32), np.zeros(len(mf), dtype=np.float32)
    has_bias = kind != "dot"

    # Rows: fastai's row 0 is '#na#'; users need integer ids; items are ids, or titles mapped to ids.
    k = uf.shape[1]
    header = "id,bias," + ",".join(f"f{j + 1}" for j in range(k))
    user_lines = [header]
    for row, cls in enumerate(user_classes):
        if row == 0 and str(cls) == "#na#":
            continue
        uid = as_id(cls)
        if uid is None:
            fail(f"user '{cls}' is not an integer id")
        bias = number(ub[row]) if has_bias else ""
        user_lines.append(f"{uid},{bias}," + ",".join(number(x) for x in uf[row]))

    by_title = {}
    for mid, (title, _) in movies_info.items():
        by_title.setdefault(title, []).append(mid)
    movie_rows = []
    unmatched = []
    for row, cls in enumerate(item_classes):
        if row == 0 and str(cls) == "#na#":
            continue
        mid = as_id(cls)
        ids = [mid] if mid is not None else sorted(by_title.get(str(cls), []))
        if not ids:
            unmatched.append(str(cls))
            continue
        for i in ids:
            movie_rows.append((i, row))
    if unmatched:
        hint = "" if movies_info else " (items are titles: give --data, the MovieLens folder, to map them to movie ids)"
        fail(f"{len(unmatched)} item(s) have no movie id, e.g. '{unmatched[0]}'{hint}")
    seen = set()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header.split(",") + ["title", "genres"])
    for mid, row in movie_rows:
        if mid in seen:
            fail(f"movie id {mid} has two rows")
        seen.add(mid)
        title, genres = movies_info.get(mid, ("", []))
        bias = number(mb[row]) if has_bias else ""
        writer.writerow([mid, bias] + [number(x) for x in mf[row]] + [title, "|".join(genres)])

    manifest = {
        "format_version": 1,
        "kind": kind,
        "factors": int(k),
        "scale": scale,
        "source": {"tool": tool, "version": version,
                   "hyperparameters": {"n_factors": str(k), "y_range": str(y_range), "user": str(user_column), "item": str(item_column)}},
    }
    if y_range is not None:
        manifest["y_range"] = y_range
    else:
        # fastai's and the book's models add no global mean.
        manifest["intercept"] = 0.0
    if values is not None and len(values):
        manifest["mean_rating"] = float(values.mean())
    if args.train_rmse is not None:
        manifest["source"]["train_rmse"] = args.train_rmse
    if args.test_rmse is not None:
        manifest["source"]["test_rmse"] = args.test_rmse
    write_directory(args.out, manifest, "\n".join(user_lines) + "\n", out.getvalue())
    print(json.dumps({"kind": kind, "factors": int(k), "users": len(user_lines) - 1, "movies": len(movie_rows), "out": args.out}))


if __name__ == "__main__":
    main()
