#!/usr/bin/env python3
"""Application CPU and SQL statements per claim and per completion of *Classify complaint*, as Tasklist sends them:
N complaints taken in (POST /api/complaints, HTTP Basic as fiona), then their classification tasks claimed by C
clients, then completed by C clients, through the webapps' engine API with fiona's Tasklist session (CSRF token
included). Each phase is measured alone: the application process's utime + stime (/proc/<pid>/stat) before and after,
the requests' latency, and, given the node's log with the SQL DEBUG lines (statements-per-intake.sh's logging), the
statements the node sent. Run it twice on one node: the first round warms up.

    python3 docs/bench/task-steps.py <pid> <port> 200 8 [node.log]
"""
import base64, json, os, re, sys, threading, time, urllib.request
pid, port, n, c = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
log = sys.argv[5] if len(sys.argv) > 5 else None
base = f"http://127.0.0.1:{port}"
basic = "Basic " + base64.b64encode(b"fiona:demo").decode()
tick = os.sysconf("SC_CLK_TCK")
STATEMENT = re.compile(r"Preparing:|Executing prepared SQL statement|Executing SQL (query|statement|update) \[")

def cpu():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick

def statements():
    if not log:
        return 0
    time.sleep(1)
    with open(log, errors="replace") as f:
        return sum(1 for line in f if STATEMENT.search(line))

def call(method, path, body=None, headers=None, form=False):
    data = None
    h = dict(headers or {})
    if body is not None:
        data = body.encode() if form else json.dumps(body).encode()
        h["Content-Type"] = "application/x-www-form-urlencoded" if form else "application/json"
    req = urllib.request.Request(base + path, data=data, method=method, headers=h)
    with urllib.request.urlopen(req) as r:
        return r.status, r.headers, r.read()

class Session:
    """fiona's Tasklist session: the CSRF token fetched, the login, the token of the new session."""
    def __init__(self):
        self.cookies = {}
        self.token = self.fetch()
        status, headers, _ = call("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                                  "username=fiona&password=demo", self.headers(), form=True)
        self.keep(headers)
        self.token = self.fetch()
    def keep(self, headers):
        for v in headers.get_all("Set-Cookie") or []:
            name, value = v.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
    def headers(self):
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "X-XSRF-TOKEN": self.token,
                "Accept": "application/json"}
    def fetch(self):
        h = {"X-XSRF-TOKEN": "Fetch"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        status, headers, _ = call("GET", "/camunda/api/admin/auth/user/default", None, h)
        self.keep(headers)
        return headers["X-XSRF-TOKEN"]

def parallel(items, action):
    latencies, lock, it = [], threading.Lock(), iter(items)
    def worker():
        while True:
            with lock:
                x = next(it, None)
            if x is None:
                return
            t = time.perf_counter()
            action(x)
            latencies.append(time.perf_counter() - t)
    ts = [threading.Thread(target=worker) for _ in range(c)]
    [t.start() for t in ts]; [t.join() for t in ts]
    return sorted(latencies)

def measure(label, items, action):
    s0, c0, t0 = statements(), cpu(), time.time()
    ls = parallel(items, action)
    c1, t1 = cpu(), time.time()
    s1 = statements()
    p = lambda q: ls[min(len(ls) - 1, int(q * len(ls)))] * 1000
    per = f", {(s1 - s0) / len(items):.1f} statements each" if log else ""
    print(f"{label}: {len(items)} by {c} clients, {(c1 - c0) * 1000 / len(items):.1f} ms application CPU each{per}, "
          f"{len(items) / (t1 - t0):.1f}/s, p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms, p99 {p(0.99):.0f} ms")

session = Session()
engine = "/camunda/api/engine/engine/default"
tag = "%x" % int(time.time() * 1000)
def intake(i):
    status, _, _ = call("POST", "/api/complaints", {"customer": {"name": "Step Test", "tier": "standard"},
                        "channel": "web", "description": f"Charged twice for booking {tag}-{i}", "amountClaimed": 120},
                        {"Authorization": basic})
    assert status == 201, status
parallel(range(n), intake)
tasks = []
while len(tasks) < n:  # the engine API pages at most 500 at a time
    _, _, body = call("GET", f"/engine-rest/task?taskDefinitionKey=classifyComplaint&unassigned=true"
                      f"&firstResult={len(tasks)}&maxResults={min(500, n - len(tasks))}&sortBy=id&sortOrder=asc",
                      None, {"Authorization": basic, "Accept": "application/json"})
    page = [t["id"] for t in json.loads(body)]
    if not page:
        break
    tasks += [t for t in page if t not in tasks]
assert len(tasks) == n, len(tasks)
measure("claim", tasks, lambda t: call("POST", f"{engine}/task/{t}/claim", {"userId": "fiona"}, session.headers()))
variables = {"variables": {"category": {"value": "delivery"}, "nature": {"value": "valid"},
                           "severity": {"value": "general"}, "major": {"value": False}}}
measure("complete", tasks, lambda t: call("POST", f"{engine}/task/{t}/complete", variables, session.headers()))
