#!/usr/bin/env python3
"""How often "sequel − original + another original" finds the other original's sequel, on MovieLens 100k.

    python3 Benchmarks/analogies.py --latentlab .build/release/latentlab --data PATH/ml-100k

Trains fastai, funk-svd and als (w0 0 and 0.1) with their presets (seed 42, 20% held out),
exports each model's movie factors, and asks every query M[sequel] − M[original] + M[other] over
22 original/sequel pairs (the three movies of the query left out, movies with at least 20 ratings
ranked), as `latentlab similar --plus --minus` does. For each model: how often the other
original's sequel comes first or in the top 5, against the other original's plain nearest
neighbours (the control: is the sequel already next to it?).
"""
import argparse, collections, csv, itertools, os, re, subprocess
import numpy as np

SERIES = [
    (r'^Star Wars \(1977', r'^Empire Strikes Back'), (r'^Star Wars \(1977', r'^Return of the Jedi'),
    (r'^Godfather, The', r'^Godfather: Part II'), (r'^Die Hard \(1988', r'^Die Hard 2'), (r'^Die Hard \(1988', r'^Die Hard: With'),
    (r'^Terminator, The', r'^Terminator 2'), (r'^Alien \(1979', r'^Aliens'), (r'^Alien \(1979', r'^Alien 3'),
    (r'^Batman \(1989', r'^Batman Returns'), (r'^Batman \(1989', r'^Batman Forever'), (r'^Jurassic Park', r'^Lost World: Jurassic'),
    (r'^Raiders of the Lost Ark', r'^Indiana Jones and the Last'), (r'^Grumpy Old Men', r'^Grumpier Old Men'),
    (r'^Ace Ventura: Pet', r'^Ace Ventura: When'), (r'^Free Willy \(', r'^Free Willy 2'), (r'^Jaws \(', r'^Jaws 2'),
    (r'^Home Alone \(', r'^Home Alone 3'), (r'^Star Trek: The Wrath', r'^Star Trek III'), (r'^Addams Family', r'^Addams Family Values'),
    (r'^Mighty Ducks', r'^D2: The Mighty'), (r'^Naked Gun', r'^Naked Gun 33'), (r'^Crow, The', r'^Crow: City'),
    (r'^Nightmare on Elm Street', r'^Wes Craven'), (r'^Lethal Weapon', r'^Lethal Weapon 2'), (r'^Highlander \(', r'^Highlander III'),
    (r'^Evil Dead II', r'^Army of Darkness'), (r'^Terminator 2', r'^Terminator, The'),
]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--latentlab", required=True)
    ap.add_argument("--data", required=True, help="the ml-100k folder (u.data, u.item)")
    ap.add_argument("--work", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".work", "analogies"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    counts = collections.Counter(l.split('\t')[1] for l in open(os.path.join(a.data, 'u.data')))
    titles = {}
    for line in open(os.path.join(a.data, 'u.item'), encoding='latin-1'):
        f = line.split('|'); titles[f[0]] = f[1]
    def find(pattern):
        ids = sorted((i for i, t in titles.items() if re.search(pattern, t)), key=lambda i: -counts[i])
        return ids[0] if ids else None
    pairs = [(find(x), find(y)) for x, y in SERIES]
    pairs = [(x, y) for x, y in pairs if x and y and x != y]
    models = [("fastai", ["--preset", "fastai"]), ("funk-svd", ["--preset", "funk-svd"]),
              ("als (w0 0)", ["--preset", "als"]), ("als (w0 0.1)", ["--preset", "als", "--unobserved-weight", "0.1"])]
    print(f"{len(pairs)} original/sequel pairs")
    for name, flags in models:
        model, folder = os.path.join(a.work, "m.latentlab"), os.path.join(a.work, "csv")
        subprocess.run([a.latentlab, "train", "--data", a.data, "--save", model] + flags, check=True, capture_output=True)
        subprocess.run([a.latentlab, "export", "--model", model, "--csv", folder], check=True, capture_output=True)
        rows = list(csv.reader(open(os.path.join(folder, "movie_factors.csv"))))
        first = rows[0].index("bias") + 1
        ids = [r[0] for r in rows[1:]]
        F = np.array([[float(x) for x in r[first:]] for r in rows[1:]])
        index = {m: i for i, m in enumerate(ids)}
        N = F / np.maximum(np.linalg.norm(F, axis=1, keepdims=True), 1e-12)
        ranked = [i for i, m in enumerate(ids) if counts[m] >= 20]
        analogy, control = [], []
        for (a1, s1), (a2, s2) in itertools.permutations(pairs, 2):
            if len({a1, s1, a2, s2}) < 4 or counts[s2] < 20: continue
            for v, out in [(F[index[s1]] - F[index[a1]] + F[index[a2]], analogy), (F[index[a2]], control)]:
                c = N[ranked] @ (v / np.linalg.norm(v))
                order = [ids[ranked[j]] for j in np.argsort(-c) if ids[ranked[j]] not in (a1, s1, a2)]
                out.append(order.index(s2) + 1)
        an, co = np.array(analogy), np.array(control)
        print(f"{name:14s} {len(an)} queries: the sequel first {(an == 1).sum()}, in the top 5 {(an <= 5).sum()}; "
              f"the other original's plain neighbours: first {(co == 1).sum()}, top 5 {(co <= 5).sum()}; "
              f"the offset ranks it higher in {(an < co).sum()}, lower in {(an > co).sum()}")

if __name__ == "__main__":
    main()
