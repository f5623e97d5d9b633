"""Train Spark MLlib's ALS on MovieLens ratings and write a LatentLab factor directory.

    spark-submit Scale/spark_als.py --ratings ml-25m/ratings.csv --out factors/ [--rank 10 --reg 0.1 --iters 10]
    python Scale/spark_als.py ...            (pyspark installed: runs on local[*])

Reads any MovieLens layout (ml-100k `u.data`, ml-1m/ml-10m `ratings.dat` with `::`, ml-latest
`ratings.csv`) or a generic file (`--sep` and `--columns user,item,rating`), from a local path or
any URL Spark reads (hdfs://, s3a://). Splits with a seed, trains explicit ALS, reports train
and test RMSE, and writes manifest.json, users.csv and movies.csv (kind `dot`: Spark's ALS
predicts U·M with no biases) to a temporary folder renamed into place. `latentlab import
--factors DIR --data PATH --out MODEL` then opens it.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

from pyspark.sql import SparkSession, functions as F
from pyspark.ml.recommendation import ALS
from pyspark.ml.evaluation import RegressionEvaluator


def read_ratings(spark, path, layout, sep, columns):
    if layout == "auto":
        name = os.path.basename(path.rstrip("/"))
        layout = {"u.data": "ml-100k", "ratings.dat": "ml-1m", "ratings.csv": "ml-latest"}.get(name, "generic")
    if layout == "ml-100k":
        df = spark.read.csv(path, sep="\t", inferSchema=True).toDF("user", "item", "rating", "timestamp")
    elif layout == "ml-1m":
        df = spark.read.csv(path, sep="::", inferSchema=True).toDF("user", "item", "rating", "timestamp")
    elif layout == "ml-latest":
        df = spark.read.csv(path, header=True, inferSchema=True).withColumnRenamed("userId", "user").withColumnRenamed("movieId", "item")
    else:
        if not sep or not columns:
            sys.exit(f"{path}: not a MovieLens layout; give --sep and --columns user,item,rating")
        names = [c.strip() for c in columns.split(",")]
        df = spark.read.csv(path, sep=sep, inferSchema=False)
        df = df.toDF(*(names + [f"_extra{i}" for i in range(len(df.columns) - len(names))]))
    return df.select(F.col("user").cast("int"), F.col("item").cast("int"), F.col("rating").cast("float")).dropna()


def write_directory(model, out, manifest):
    """users.csv, movies.csv and manifest.json into a folder beside `out`, renamed over it."""
    parent = os.path.dirname(os.path.abspath(out)) or "."
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".factors-", dir=parent)
    k = manifest["factors"]
    header = "id,bias," + ",".join(f"f{i + 1}" for i in range(k)) + "\n"
    for name, frame in (("users.csv", model.userFactors), ("movies.csv", model.itemFactors)):
        with open(os.path.join(staging, name), "w") as f:
            f.write(header)
            for row in frame.orderBy("id").toLocalIterator():
                f.write(f"{row['id']}," + "," + ",".join(repr(float(x)) for x in row["features"]) + "\n")
    with open(os.path.join(staging, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
    if os.path.exists(out):
        old = out.rstrip("/") + ".old"
        shutil.rmtree(old, ignore_errors=True)
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ratings", required=True)
    ap.add_argument("--layout", default="auto", choices=["auto", "ml-100k", "ml-1m", "ml-latest", "generic"])
    ap.add_argument("--sep")
    ap.add_argument("--columns")
    ap.add_argument("--out", required=True, help="the factor directory to write")
    ap.add_argument("--rank", type=int, default=10)
    ap.add_argument("--reg", type=float, default=0.1)
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--test-fraction", type=float, default=0.2)
    ap.add_argument("--master", default=None, help="local[*] when run with python; spark-submit's --master otherwise")
    ap.add_argument("--predictions", help="also write the test set's Spark predictions here (user,item,rating,prediction)")
    ap.add_argument("--train-ratings", help="also write the training split here (user,item,rating): what each user row was solved from")
    args = ap.parse_args()

    builder = SparkSession.builder.appName("latentlab-als")
    if args.master or "SPARK_HOME" not in os.environ:
        builder = builder.master(args.master or "local[*]")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    ratings = read_ratings(spark, args.ratings, args.layout, args.sep, args.columns)
    train, test = ratings.randomSplit([1 - args.test_fraction, args.test_fraction], seed=args.seed)
    train.cache()
    als = ALS(rank=args.rank, maxIter=args.iters, regParam=args.reg, userCol="user", itemCol="item", ratingCol="rating",
              seed=args.seed, coldStartStrategy="drop", implicitPrefs=False, nonnegative=False)
    model = als.fit(train)
    evaluator = RegressionEvaluator(metricName="rmse", labelCol="rating", predictionCol="prediction")
    test_predictions = model.transform(test)
    train_rmse = evaluator.evaluate(model.transform(train))
    test_rmse = evaluator.evaluate(test_predictions)
    lo, hi = ratings.agg(F.min("rating"), F.max("rating")).first()
    whole = ratings.filter(F.col("rating") != F.floor("rating")).limit(1).count() == 0
    import pyspark
    manifest = {
        "format_version": 1, "kind": "dot", "factors": args.rank,
        "scale": {"min": float(lo), "max": float(hi), "step": 1.0 if whole else 0.5},
        # Spark's ALS regularises each row by λ times its number of ratings (ALS-WR): a person
        # folded in by LatentLab gets the row Spark's user step would give.
        "regularization": "als-wr", "lambda": args.reg,
        "source": {"tool": "spark-als", "version": pyspark.__version__,
                   "hyperparameters": {"rank": str(args.rank), "reg": str(args.reg), "iters": str(args.iters), "seed": str(args.seed)},
                   "train_rmse": train_rmse, "test_rmse": test_rmse},
    }
    write_directory(model, args.out, manifest)
    if args.predictions:
        rows = test_predictions.orderBy("user", "item").collect()
        with open(args.predictions, "w") as f:
            f.write("user,item,rating,prediction\n")
            for r in rows:
                f.write(f"{r['user']},{r['item']},{r['rating']},{repr(float(r['prediction']))}\n")
    if args.train_ratings:
        with open(args.train_ratings, "w") as f:
            f.write("user,item,rating\n")
            for r in train.orderBy("user", "item").collect():
                f.write(f"{r['user']},{r['item']},{r['rating']}\n")
    print(json.dumps({"train_rmse": train_rmse, "test_rmse": test_rmse, "users": model.userFactors.count(),
                      "movies": model.itemFactors.count(), "out": args.out}))
    spark.stop()


if __name__ == "__main__":
    main()
