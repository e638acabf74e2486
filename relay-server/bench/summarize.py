#!/usr/bin/env python3
"""Medians per label of bench/run-bench.sh result lines: bench/summarize.py [target/bench/results.txt]"""
import collections
import statistics
import sys

KEYS = ["logged_in", "connect_s", "relay_cpu_connect_s", "rate", "sent", "delivered_per_s", "lost", "p50_ms",
        "p99_ms", "p999_ms", "max_lag_ms", "relay_cpu_s_per_M", "tool_cpu_s_per_M", "relay_rss_kb",
        "rss_per_conn_kb", "heap_per_conn_kb", "relay_heap_kb", "still_open", "errors"]
runs = collections.OrderedDict()
for line in open(sys.argv[1] if len(sys.argv) > 1 else "target/bench/results.txt"):
    kv = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
    if "label" in kv:
        runs.setdefault(kv["label"], []).append(kv)
for label, rs in runs.items():
    out = [f"{label} (n={len(rs)})"]
    for k in KEYS:
        vals = [r[k] for r in rs if k in r]
        if not vals:
            continue
        try:
            nums = [float(v) for v in vals]
            out.append(f"{k}={statistics.median(nums):g} [{'/'.join(f'{x:g}' for x in nums)}]")
        except ValueError:
            out.append(f"{k}={'/'.join(sorted(set(vals)))}")
    print("  ".join(out))
