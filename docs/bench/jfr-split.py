#!/usr/bin/env python3
"""CPU samples of a JFR recording of the application, split by request kind and by what they spend it on.

    jcmd <pid> JFR.start duration=150s filename=x.jfr settings=profile   # while the benchmark runs intake
    jfr print --events jdk.ExecutionSample --stack-depth 200 x.jfr | python3 docs/bench/jfr-split.py
"""
import re
import sys
from collections import Counter

KINDS = [("intake (POST /api/complaints)", "io.redress.intake.ComplaintController"),
         ("plain Camunda start", "ProcessDefinitionRestServiceImpl"),
         ("plain Camunda start", "ProcessDefinitionResourceImpl")]
PARTS = [("password check (PBKDF2)", ("Pbkdf2", "PBKDF2", "HmacCore", "checkPassword")),
         ("DMN evaluation", ("org.camunda.bpm.dmn",)),
         ("working calendar (deadlines)", ("io.redress.calendar",)),
         ("case record (io.redress.casefile)", ("io.redress.casefile",)),
         ("history events", ("org.camunda.bpm.engine.impl.history",)),
         ("engine flush (SQL)", ("DbEntityManager.flush", "DbSqlSession.flush")),
         ("H2 (inside the database)", ("org.h2.",)),
         ("PostgreSQL driver", ("org.postgresql.",)),
         ("expression language", ("org.camunda.bpm.impl.juel", "JuelExpression")),
         ("JSON (Jackson)", ("com.fasterxml.jackson",)),
         ("MyBatis", ("org.apache.ibatis",))]

samples = []
cur = []
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        if cur:
            samples.append(cur)
        cur = []
    elif re.match(r"\s+[\w$.<>]+\(", line) or "line:" in line:
        cur.append(line.strip())
if cur:
    samples.append(cur)

by_kind = Counter()
parts = {}
for s in samples:
    text = "\n".join(s)
    kind = next((k for k, marker in KINDS if marker in text), "other (job executor, idle work, GC...)")
    by_kind[kind] += 1
    c = parts.setdefault(kind, Counter())
    for name, markers in PARTS:
        if any(m in text for m in markers):
            c[name] += 1
total = sum(by_kind.values())
print(f"{total} CPU samples")
for kind, n in by_kind.most_common():
    print(f"\n{kind}: {n} samples ({100 * n / total:.0f}%); of them, with in the stack:")
    for name, m in parts[kind].most_common():
        print(f"  {name:38s} {m:6d}  {100 * m / n:5.1f}%")
