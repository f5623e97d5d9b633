#!/usr/bin/env python3
# usage: python3 Benchmarks/make_25m.py OUT/ratings.csv  (numpy; about 1.5 minutes, 617 MB)
# A 25,000,095-line ml-25m-layout ratings.csv with distinct (user, movie) pairs, from a planted
# rank-8 model (so training has something to learn), sorted by user then movie.
import numpy as np
rng = np.random.default_rng(25)
U, M, N, K = 162_541, 59_047, 25_000_095, 8
pop = rng.zipf(1.3, M).astype(np.float64); pop = np.minimum(pop, 1e6); p = pop / pop.sum()
keys = np.empty(0, dtype=np.int64)
while keys.size < N:
    need = int((N - keys.size) * 1.1) + 1000
    u = rng.integers(0, U, need); m = rng.choice(M, need, p=p)
    keys = np.unique(np.concatenate([keys, u.astype(np.int64) * M + m]))
keys = rng.permutation(keys)[:N]; keys.sort()
u = keys // M; m = keys % M
A = rng.normal(0, 0.5, (U, K)); B = rng.normal(0, 0.5, (M, K))
r = 3.5 + (A[u] * B[m]).sum(1) + rng.normal(0, 0.7, N)
r = np.clip(np.round(r * 2) / 2, 0.5, 5.0)
ts = rng.integers(800_000_000, 1_600_000_000, N)
with open(__import__('sys').argv[1] if len(__import__('sys').argv) > 1 else 'ratings.csv', 'w') as f:
    f.write('userId,movieId,rating,timestamp\n')
    step = 1_000_000
    for i in range(0, N, step):
        s = slice(i, i + step)
        lines = np.char.add(np.char.add(np.char.add(np.char.add(np.char.add(np.char.add((u[s] + 1).astype(str), ','), (m[s] + 1).astype(str)), ','), np.char.mod('%.1f', r[s])), ','), ts[s].astype(str))
        f.write('\n'.join(lines.tolist())); f.write('\n')
print(N, 'ratings', len(np.unique(u)), 'users', len(np.unique(m)), 'movies')
