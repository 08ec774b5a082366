#!/bin/bash
# usage: http.sh port n  -> p50/p95 of fiona's "My group's tasks" first page (15, newest first) and count, alternated
port=$1; n=$2; B="http://127.0.0.1:$port/engine-rest"
F=$(curl -s -u fiona:demo "$B/filter?resourceType=Task&name=My%20group%27s%20tasks" | python3 -c 'import sys,json;print(json.load(sys.stdin)[0]["id"])')
for i in 1 2 3; do curl -s -o /dev/null -u fiona:demo -H 'Content-Type: application/json' -X POST -d '{"sorting":[{"sortBy":"created","sortOrder":"desc"}]}' "$B/filter/$F/list?firstResult=0&maxResults=15"; curl -s -o /dev/null -u fiona:demo "$B/filter/$F/count"; done
for i in $(seq $n); do
  echo "list $(curl -s -o /dev/null -w '%{http_code} %{time_total}' -u fiona:demo -H 'Content-Type: application/json' -X POST -d '{"sorting":[{"sortBy":"created","sortOrder":"desc"}]}' "$B/filter/$F/list?firstResult=0&maxResults=15")"
  echo "count $(curl -s -o /dev/null -w '%{http_code} %{time_total}' -u fiona:demo "$B/filter/$F/count")"
  echo "due $(curl -s -o /dev/null -w '%{http_code} %{time_total}' -u fiona:demo -H 'Content-Type: application/json' -X POST -d '{"sorting":[{"sortBy":"dueDate","sortOrder":"asc"}]}' "$B/filter/$F/list?firstResult=0&maxResults=15")"
done | awk '{if ($2!="200") bad[$1]++; t[$1]=t[$1]" "$3*1000} END{for (k in t){n=split(t[k],a," "); asort(a); printf "%s n=%d p50=%.0f ms p95=%.0f ms max=%.0f ms non-200=%d\n", k, n, a[int((n+1)/2)], a[int(n*0.95+0.999)], a[n], bad[k]}}'
curl -s -u fiona:demo "$B/filter/$F/count"; echo
