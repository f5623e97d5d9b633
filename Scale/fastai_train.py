#!/usr/bin/env python3
"""Train chapter 8's models with fastai on a MovieLens folder, as the book does, and save them
the two ways `export_torch.py` reads, with fastai's own predictions on the validation set:

  python Scale/fastai_train.py --data SampleData --out work/ [--epochs 5 --factors 50]

writes
  work/learner.pkl          collab_learner (fastai's EmbeddingDotBias), saved with learn.export()
  work/learner-valid.csv    user,item,rating,prediction: that model's predictions on its validation set
  work/book.pth             the book's DotProductBias trained with a Learner, as a state_dict
  work/classes.json         the id maps of its DataLoaders (dls.classes)
  work/book-valid.csv       its predictions on the validation set
  work/fastai.json          the figures (seconds, validation RMSE of each)

Items are titles, as in the book (`item_name='title'`); the predictions files carry the movie
ids (a title shared by several movies is written once per id).
"""
import argparse
import json
import os
import sys
import time

import pandas as pd
import torch
from fastai.collab import CollabDataLoaders, collab_learner
from fastai.learner import Learner
from fastai.losses import MSELossFlat
from fastai.torch_core import Module, set_seed
from fastai.layers import Embedding, sigmoid_range


class DotProductBias(Module):
    """Chapter 8's model: factors and biases, squashed into y_range."""
    def __init__(self, n_users, n_movies, n_factors, y_range=(0, 5.5)):
        self.user_factors = Embedding(n_users, n_factors)
        self.user_bias = Embedding(n_users, 1)
        self.movie_factors = Embedding(n_movies, n_factors)
        self.movie_bias = Embedding(n_movies, 1)
        self.y_range = y_range

    def forward(self, x):
        users = self.user_factors(x[:, 0])
        movies = self.movie_factors(x[:, 1])
        res = (users * movies).sum(dim=1, keepdim=True)
        res += self.user_bias(x[:, 0]) + self.movie_bias(x[:, 1])
        return sigmoid_range(res, *self.y_range)


def read(folder):
    ratings = pd.read_csv(os.path.join(folder, "ratings.csv"), usecols=["userId", "movieId", "rating"])
    movies = pd.read_csv(os.path.join(folder, "movies.csv"), usecols=["movieId", "title"])
    return ratings.merge(movies), movies


def valid_predictions(learn, dls, movies, path):
    """fastai's predictions on the validation set, with the files' ids."""
    with learn.no_bar():
        preds, _ = learn.get_preds(dl=dls.valid)
    frame = dls.valid.items.copy()
    # The DataLoaders hold category codes: back to the user id and the title.
    users = dls.classes["userId"]
    titles = dls.classes["title"]
    frame["user"] = [int(users[int(c)]) for c in frame["userId"]]
    frame["title_text"] = [titles[int(c)] for c in frame["title"]]
    frame["prediction"] = preds.reshape(-1).numpy()
    by_title = movies.groupby("title")["movieId"].apply(list).to_dict()
    rows = []
    for user, title, rating, prediction in zip(frame["user"], frame["title_text"], frame["rating"], frame["prediction"]):
        for movie in by_title.get(title, []):
            rows.append((user, movie, float(rating), float(prediction)))
    with open(path, "w") as f:
        f.write("user,item,rating,prediction\n")
        for user, movie, rating, prediction in sorted(rows):
            f.write(f"{user},{movie},{rating},{prediction!r}\n")
    err = (preds.reshape(-1) - torch.tensor(frame["rating"].to_numpy(), dtype=torch.float32)) ** 2
    return float(err.mean().sqrt())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="a MovieLens folder with ratings.csv and movies.csv (ml-latest layout)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--factors", type=int, default=50)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    ratings, movies = read(args.data)
    figures = {"ratings": len(ratings)}

    # fastai's collab_learner: EmbeddingDotBias, exported whole.
    set_seed(args.seed, reproducible=True)
    dls = CollabDataLoaders.from_df(ratings, item_name="title", bs=64, seed=args.seed)
    learn = collab_learner(dls, n_factors=args.factors, y_range=(0, 5.5))
    started = time.time()
    with learn.no_bar():
        learn.fit_one_cycle(args.epochs, 5e-3, wd=0.1)
    figures["learner_seconds"] = time.time() - started
    figures["learner_valid_rmse"] = valid_predictions(learn, dls, movies, os.path.join(args.out, "learner-valid.csv"))
    learn.export(os.path.abspath(os.path.join(args.out, "learner.pkl")))

    # The book's DotProductBias, trained the same way, saved as a state_dict with the id maps.
    set_seed(args.seed, reproducible=True)
    n_users, n_movies = len(dls.classes["userId"]), len(dls.classes["title"])
    book = Learner(dls, DotProductBias(n_users, n_movies, args.factors), loss_func=MSELossFlat())
    started = time.time()
    with book.no_bar():
        book.fit_one_cycle(args.epochs, 5e-3, wd=0.1)
    figures["book_seconds"] = time.time() - started
    figures["book_valid_rmse"] = valid_predictions(book, dls, movies, os.path.join(args.out, "book-valid.csv"))
    torch.save(book.model.state_dict(), os.path.join(args.out, "book.pth"))
    with open(os.path.join(args.out, "classes.json"), "w") as f:
        json.dump({k: [str(c) if not isinstance(c, (int, float)) else c for c in v] for k, v in dls.classes.items()}, f)
    figures["epochs"], figures["factors"] = args.epochs, args.factors
    with open(os.path.join(args.out, "fastai.json"), "w") as f:
        json.dump(figures, f)
    print(json.dumps(figures))


if __name__ == "__main__":
    sys.exit(main())
