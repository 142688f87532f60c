#!/usr/bin/env python3
"""Converts the community square-matmul survey into suanli chip profiles, number for number.

Reads data/measurements/torch-matmul-survey.json (16-bit torch.mm rates per device, transcribed
from the GitHub issues of zzc0721/torch-performance-test-data, one issue per device and session)
and writes one profile per record, with only a `gemm` table: C[n, n] = A[n, n] @ B[n, n] at each
measured n. The time of one call is derived from the published rate (2 n^3 / rate); bandwidth
counts A, B and C once. Every record must name its chip, issue, date, torch and runtime, and give
rates for at least one 16-bit dtype; the conversion stops rather than guess. How the built-in
profiles of nvidia-h100-sxm, nvidia-h100-pcie, nvidia-h20 and nvidia-l20 were made:

    python3 tools/profile_from_matmul_survey.py data/measurements/torch-matmul-survey.json \\
        --out-dir data/profiles
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from profile_yaml import dump  # noqa: E402

DTYPES = ("fp16", "bf16")
REQUIRED = ("chip", "issue", "submitted_by", "date", "device", "torch", "runtime",
            "environment", "tflops")
SOURCE_KEY = "survey"


def fail(message):
    sys.exit(f"error: {message}")


def sized_rates(record, dtype):
    """The (n, TFLOP/s) pairs of one format, by size; stops on a size or rate it cannot read."""
    rates = record["tflops"].get(dtype, {})
    if not isinstance(rates, dict):
        fail(f"{record['chip']}: {dtype} rates are not an object of size: TFLOP/s")
    out = []
    for size_text, tflops in rates.items():
        if not re.fullmatch(r"[1-9]\d*", str(size_text)):
            fail(f"{record['chip']}: {dtype} size '{size_text}' is not a positive whole number "
                 "(the matrix side n)")
        if isinstance(tflops, bool) or not isinstance(tflops, (int, float)) or not tflops > 0:
            fail(f"{record['chip']}: {dtype} at n = {size_text} is not a positive rate")
        out.append((int(size_text), float(tflops)))
    return sorted(out)


def gemm_points(record):
    points = []
    for dtype in DTYPES:
        for n, tflops in sized_rates(record, dtype):
            rate = tflops * 1e12
            time = 2.0 * n ** 3 / rate
            points.append({"name": "square", "m": n, "n": n, "k": n, "dtype": dtype,
                           "time": time, "compute": rate, "bandwidth": 3 * n * n * 2 / time})
    if not points:
        fail(f"{record['chip']}: no {' or '.join(DTYPES)} rates")
    return points


def profile_of(record, survey):
    missing = [k for k in REQUIRED if k not in record]
    if missing:
        fail(f"record {record.get('chip', '?')} lacks {', '.join(missing)}")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"]):
        fail(f"{record['chip']}: date '{record['date']}' is not YYYY-MM-DD")
    issue_no = record["issue"].rstrip("/").rsplit("/", 1)[-1]
    notes = [f"measured in: {record['environment']}",
             "square GEMMs only: no bandwidth, attention or MoE point, so those kernel rates "
             "stay with the chip family's fit",
             "rates are means over 30 back-to-back calls on the same two matrices, not medians"]
    if record.get("corroborating"):
        notes.append(f"corroborated by {record['corroborating']}")
    return {
        "chip": record["chip"],
        "provenance": {
            "measured_by": f"{record['submitted_by']} (torch-performance-test-data issue "
                           f"#{issue_no})",
            "device": record["device"], "torch": record["torch"], "runtime": record["runtime"],
            "date": record["date"], "method": survey["method"],
            "command": "python test.py (the survey's script)", "source": SOURCE_KEY},
        "notes": notes,
        "sources": {SOURCE_KEY: f"{record['issue']} ({record['submitted_by']}, {record['date']}); "
                                f"{survey['repository']}"},
        "gemm": gemm_points(record),
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("survey", help="the survey JSON (what, repository, method, records)")
    p.add_argument("--out-dir", required=True, help="folder to write <chip>.yaml into")
    args = p.parse_args(argv)
    with open(args.survey, encoding="utf-8") as f:
        survey = json.load(f)
    chips = [r.get("chip") for r in survey["records"]]
    if len(set(chips)) != len(chips):
        fail("a chip has more than one record: a profile is one measurement session")
    # Every record is converted before any file is written: a bad record leaves nothing behind.
    profiles = [profile_of(record, survey) for record in survey["records"]]
    for profile in profiles:
        chip = profile["chip"]
        out = os.path.join(args.out_dir, f"{chip}.yaml")
        text = dump(profile, [
            f"Chip profile of {chip}: square GEMM rates of one device.",
            f"Converted by tools/profile_from_matmul_survey.py from "
            f"{os.path.basename(args.survey)};",
            "do not edit by hand, re-run it. Format: docs/data-format.md, profiles/."])
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
