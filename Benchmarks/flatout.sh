#!/bin/bash
# The explorer flat out against `latentlab train` on the same file and thread count, alternated:
# each pair runs five headless funk-svd epochs (the median epoch time is the headless rate),
# then the explorer in tmux at 120×40 (`>` six times, space, 15 s, q) with --frame-stats.
# usage: Benchmarks/flatout.sh RATINGS.csv [PAIRS=5] [THREADS=2]   (build with -c release first)
set -u
FILE=$1; PAIRS=${2:-5}; THREADS=${3:-2}
BIN=$(cd "$(dirname "$0")/.." && pwd)/.build/release/latentlab
TRAIN=$($BIN inspect --data "$FILE" --json | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['ratings'] - round(d['ratings'] * 0.2))")
for i in $(seq 1 "$PAIRS"); do
  h=$($BIN train --data "$FILE" --preset funk-svd --factors 50 --epochs 5 --threads "$THREADS" 2>&1 | awk '/^ +[0-9]+ /{print $NF}' | sed 's/s$//' | sort -n | sed -n 3p)
  D=$(mktemp -d)
  tmux -f /dev/null new-session -d -s flatout -x 120 -y 40 -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e HOME="$D" -e XDG_STATE_HOME="$D" -e XDG_DATA_HOME="$D" \
    "$BIN explore --data $FILE --preset funk-svd --factors 50 --epochs 200 --threads $THREADS --frame-stats; sleep 60"
  for _ in $(seq 1 120); do sleep 0.5; tmux capture-pane -p -t flatout | grep -q "Cross-tab" && break; done
  for _ in 1 2 3 4 5 6; do tmux send-keys -t flatout ">"; sleep 0.1; done
  tmux send-keys -t flatout " "; sleep 15; tmux send-keys -t flatout q
  for _ in $(seq 1 60); do sleep 0.5; tmux capture-pane -p -t flatout | grep -q "flat out:" && break; done
  e=$(tmux capture-pane -p -J -t flatout | grep -E "flat out:|frames a second" | tr '\n' ' ')
  tmux kill-session -t flatout
  python3 -c "import sys,re; h=float('$h'); r=$TRAIN/h; e='''$e'''; m=re.search(r'flat out: ([\d,]+)', e); o=re.search(r'overall ([\d,]+)', e); f=re.search(r'([\d.]+) frames a second', e)
x=int(m.group(1).replace(',','')) if m else 0; y=int(o.group(1).replace(',','')) if o else 0
print(f'headless {h:.3f} s an epoch = {r/1e6:.1f}M ratings/s | explorer {x/1e6:.1f}M/s ({x/r:.0%}), overall {y/1e6:.1f}M/s ({y/r:.0%}), {f.group(1) if f else \"?\"} frames/s')"
done
