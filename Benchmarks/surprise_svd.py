"""Surprise's SVD on a predefined train/test split: times fit() alone, prints one JSON line."""
import json
import sys
import time

from surprise import SVD, Dataset, Reader, accuracy
from surprise.model_selection import PredefinedKFold

train, test, factors, epochs, low, high = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
reader = Reader(line_format="user item rating", sep=" ", rating_scale=(low, high))
data = Dataset.load_from_folds([(train, test)], reader=reader)
trainset, testset = next(PredefinedKFold().split(data))
algo = SVD(n_factors=factors, n_epochs=epochs, random_state=42)
started = time.perf_counter()
algo.fit(trainset)
seconds = time.perf_counter() - started
rmse = accuracy.rmse(algo.test(testset), verbose=False)
print(json.dumps({"train_seconds": seconds, "epochs": epochs, "test_rmse": rmse}))
