#!/bin/bash
# usage: run.sh reps "setting sql" file...   prints per file: median and max of psql \timing over reps, alternated
reps=$1; shift; pre=$1; shift
P="psql -h 127.0.0.1 -U postgres -d redress_tasklist_bench -q -X"
{ echo "SET jit=off; SET plan_cache_mode=force_custom_plan; $pre"; echo '\o /dev/null'; echo '\timing on'
  for r in $(seq $reps); do for f in "$@"; do echo "\\echo $f"; cat $f; done; done; } | $P 2>&1 | \
  awk '/\.sql$/{f=$1} /^Time:/{t[f]=t[f]" "$2} END{for (f in t){n=split(t[f],a," "); asort(a); printf "%s n=%d median=%.1f ms max=%.1f ms\n", f, n, a[int((n+1)/2)], a[n]}}'
