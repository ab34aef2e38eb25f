#!/usr/bin/env python3
"""Turns `apexfleet compare --json` files of the example fault scenarios into docs/SAFETY.md's table.

Usage: scripts/safety-table.py DIR   (DIR holds SCENARIO.json for each scenario below)
Detected: the fault's cohort (a chipset fault) or the whole deployment (a fleet fault) was rolled back.
Other rollbacks: runs in which a cohort the fault does not touch was rolled back on its own.
Exposure and time to detect: at the run's first rollback of anything.
"""
import json
import statistics
import sys

# The faulty chipset of each example scenario (None: a fleet-wide fault; "": no fault).
FAULTS = {
    "latency-regression": "snapdragon-660",
    "accuracy-loss": "snapdragon-8-gen-3",
    "battery-regression": "snapdragon-7-gen-3",
    "crash-spike": None,
    "output-drift": None,
    "default": "",
}


def row(name, runs):
    chipset = FAULTS[name]
    n = len(runs)
    if chipset == "":
        detected = "–"
    elif chipset is None:
        detected = f"{sum(r['final'] == 'RolledBack' for r in runs)}/{n}"
    else:
        detected = f"{sum(r['final'] == 'RolledBack' or chipset in r['cohortsRolledBack'] for r in runs)}/{n}"
    other = sum(any(c != chipset for c in r["cohortsRolledBack"]) or (chipset == "" and r["rolledBackAnything"]) for r in runs)
    caught = [r for r in runs if r["rolledBackAnything"] and r["hoursToCatch"] is not None]
    if caught and chipset != "":
        shares = [r["exposedShareAtCatch"] * 100 for r in caught]
        exposure = f"{statistics.mean(shares):.1f} % ({max(shares):.1f} %)"
        hours = f"{statistics.median(r['hoursToCatch'] for r in caught):.1f} h"
    else:
        exposure = hours = "–"
    reached = sum(r["hoursTo100"] is not None for r in runs)
    unfinished = sum(r["final"] in ("Progressing", "Paused") for r in runs)
    return f"| {name} | {detected} | {other}/{n} | {exposure} | {hours} | {reached}/{n} | {unfinished} |"


print("| Scenario | Detected | Other rollbacks | Exposure at detection (mean, max) | Time to detect (median) | Reached 100 % | Unfinished |")
print("|---|---|---|---|---|---|---|")
for scenario in FAULTS:
    with open(f"{sys.argv[1]}/{scenario}.json", encoding="utf-8") as f:
        print(row(scenario, json.load(f)["runs"]))
