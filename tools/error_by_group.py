#!/usr/bin/env python3
"""Fit and leave-one-source-out errors per chip family and per serving stack (docs/validation.md).

Usage:
    suanli validate validation/calibration.jsonl --kind inference --format json > fit.json
    suanli calibrate validation/calibration.jsonl --loso-table loso.txt ...
    python3 tools/error_by_group.py fit.json loso.txt [--suite validation/calibration.jsonl]

Prints two Markdown tables (by chip family, by software stack): cases, fit median and p90 APE,
held-out median and p90 APE, and the held-out cases off by more than 2x either way (predicted over
measured above 2 or below 1/2: an APE above 100 %, or above 50 % under the measurement).
Microbenchmark rows (kind null) are left out: they have no stack and no model.
"""
import argparse
import json
import pathlib
import re
import statistics

ROOT = pathlib.Path(__file__).resolve().parent.parent


def chip_families(data: pathlib.Path) -> dict:
    families = {}
    for path in (data / "chips").glob("*.yaml"):
        text = path.read_text()
        chip = re.search(r"^id:\s*(\S+)", text, re.M)
        family = re.search(r"^family:\s*(\S+)", text, re.M)
        if chip and family:
            families[chip.group(1)] = family.group(1)
    aliases = (data / "aliases.yaml").read_text()
    for name, target in re.findall(r'name: "([^"]+)", target: ([^,\s}]+)', aliases):
        if target in families:
            families.setdefault(name, families[target])
    return families


def held_out_errors(path: pathlib.Path) -> dict:
    """(APE, predicted / measured) per case id from a `calibrate --loso-table` file (columns: id,
    metric, per, predicted, measured, APE %)."""
    errors = {}
    for line in path.read_text().splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 6:
            try:
                errors[cols[0]] = (float(cols[5]) / 100, float(cols[3]) / float(cols[4]))
            except (ValueError, ZeroDivisionError):
                pass  # a skipped case: "-"
    return errors


def off_by_more_than_2x(ratio):
    return ratio > 2.0 or ratio < 0.5


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def print_table(title, key, suite, fit, loso):
    groups = {}
    for case_id in loso:
        case = suite[case_id]
        if case["kind"] is not None:
            groups.setdefault(key(case), []).append(case_id)
    print(f"| {title} | cases | fit median | fit p90 | held-out median | held-out p90 | held-out > 2x |")
    print("|---|---|---|---|---|---|---|")
    for name in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        ids = groups[name]
        fitted = [fit[i] for i in ids if i in fit]
        held = [loso[i][0] for i in ids]
        over = sum(1 for i in ids if off_by_more_than_2x(loso[i][1]))
        print(f"| {name} | {len(ids)} | {100 * statistics.median(fitted):.1f} % | "
              f"{100 * quantile(fitted, 0.9):.0f} % | {100 * statistics.median(held):.1f} % | "
              f"{100 * quantile(held, 0.9):.0f} % | {over} |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fit_json", type=pathlib.Path, help="suanli validate --format json output")
    parser.add_argument("loso_table", type=pathlib.Path, help="suanli calibrate --loso-table file")
    parser.add_argument("--suite", type=pathlib.Path, default=ROOT / "validation/calibration.jsonl")
    parser.add_argument("--data", type=pathlib.Path, default=ROOT / "data")
    args = parser.parse_args()
    suite = {}
    for line in args.suite.read_text().splitlines():
        if line.strip():
            case = json.loads(line)
            suite[case["id"]] = case
    families = chip_families(args.data)
    fit = {c["id"]: c["ape"] for c in json.loads(args.fit_json.read_text())["cases"]
           if c.get("ape") is not None}
    loso = held_out_errors(args.loso_table)
    print_table("chip family", lambda c: families.get(c["system"]["chip"], "?"), suite, fit, loso)
    print_table("serving stack", lambda c: c["software"], suite, fit, loso)


if __name__ == "__main__":
    main()
