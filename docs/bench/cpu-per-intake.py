#!/usr/bin/env python3
"""Application CPU per intake: N POST /api/complaints from C threads (HTTP Basic as fiona, demo profile), the
application process's utime + stime (/proc/<pid>/stat) before and after, after 100 intakes to warm up; and the
requests' latency (p50, p95, p99).

    python3 docs/bench/cpu-per-intake.py <pid> <port> 600 8
"""
import base64, json, os, sys, threading, time, urllib.request
pid, port, n, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
auth = "Basic " + base64.b64encode(b"fiona:demo").decode()
tick = os.sysconf("SC_CLK_TCK")
def cpu():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick
latencies = []
def post(i):
    body = json.dumps({"customer": {"name": "Cpu Test", "tier": "standard"}, "channel": "web",
                       "description": "Charged twice for booking %d" % i, "amountClaimed": 120}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/complaints", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": auth})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        assert r.status == 201, r.status
    latencies.append(time.perf_counter() - t)
def run(count):
    it = iter(range(count)); lock = threading.Lock()
    def worker():
        while True:
            with lock:
                i = next(it, None)
            if i is None: return
            post(i)
    ts = [threading.Thread(target=worker) for _ in range(c)]
    [t.start() for t in ts]; [t.join() for t in ts]
run(100)  # warm-up
latencies.clear()
c0, t0 = cpu(), time.time()
run(n)
c1, t1 = cpu(), time.time()
ls = sorted(latencies)
p = lambda q: ls[min(len(ls) - 1, int(q * len(ls)))] * 1000
print(f"{n} intakes, {c} clients: {(c1-c0)*1000/n:.1f} ms application CPU each, {n/(t1-t0):.1f}/s, "
      f"p50 {p(0.50):.0f} ms, p95 {p(0.95):.0f} ms, p99 {p(0.99):.0f} ms")
