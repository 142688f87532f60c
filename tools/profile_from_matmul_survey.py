#!/usr/bin/env python3
"""Converts published square-matmul rates into suanli chip profiles, number for number.

Reads a measurement set of square GEMM rates per device (data/measurements/torch-matmul-survey.json:
torch.mm rates transcribed from the GitHub issues of zzc0721/torch-performance-test-data, one
issue per device and session; data/measurements/pytorch-ao-b200-matmul.json: the B200 rates a
pytorch/ao pull request printed) and writes one profile per record, with only a `gemm` table:
C[n, n] = A[n, n] @ B[n, n] at each measured n and format (fp16, bf16, and fp8 or fp4 where the
set has them; an 8- or 4-bit C is written in bf16). The time of one call is derived from the
published rate (2 n^3 / rate); bandwidth counts A, B and C once. Every record must name its chip,
issue or pull request, date, torch and runtime, and give rates for at least one 16-bit format; the
conversion stops rather than guess. The set may say how its figures were published (`reference`,
`command`, `rates_note`); the survey's wording is the default. How the built-in profiles of
nvidia-h100-sxm, nvidia-h100-pcie, nvidia-h20, nvidia-l20 and nvidia-b200 were made:

    python3 tools/profile_from_matmul_survey.py data/measurements/torch-matmul-survey.json \\
        --out-dir data/profiles
    python3 tools/profile_from_matmul_survey.py data/measurements/pytorch-ao-b200-matmul.json \\
        --out-dir data/profiles
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from profile_yaml import dump  # noqa: E402

WIDE = ("fp16", "bf16")
# Bytes per element of A and B; C is written in 16 bits whatever the inputs.
ELEMENT_BYTES = {"fp16": 2, "bf16": 2, "fp8": 1, "fp4": 0.5}
# How the survey published its figures; a measurement set may say otherwise.
SURVEY_WORDING = {
    "reference": "torch-performance-test-data issue",
    "command": "python test.py (the survey's script)",
    "rates_note": "rates are means over 30 back-to-back calls on the same two matrices, not medians",
    "source_key": "survey",
}
REQUIRED = ("chip", "issue", "submitted_by", "date", "device", "torch", "runtime",
            "environment", "tflops")


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
    if not any(record["tflops"].get(d) for d in WIDE):
        fail(f"{record['chip']}: no {' or '.join(WIDE)} rates")
    unknown = sorted(set(record["tflops"]) - set(ELEMENT_BYTES))
    if unknown:
        fail(f"{record['chip']}: unknown format {', '.join(unknown)} "
             f"(the formats are {', '.join(ELEMENT_BYTES)})")
    points = []
    for dtype, element in ELEMENT_BYTES.items():
        for n, tflops in sized_rates(record, dtype):
            rate = tflops * 1e12
            time = 2.0 * n ** 3 / rate
            moved = n * n * (2 * element + 2)
            points.append({"name": "square", "m": n, "n": n, "k": n, "dtype": dtype,
                           "time": time, "compute": rate, "bandwidth": moved / time})
    return points


def wording(survey, key):
    value = survey.get(key, SURVEY_WORDING[key])
    if not isinstance(value, str) or not value.strip():
        fail(f"'{key}' of the measurement set is not a text")
    return value


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
             wording(survey, "rates_note")]
    if record.get("corroborating"):
        notes.append(f"corroborated by {record['corroborating']}")
    source_key = wording(survey, "source_key")
    return {
        "chip": record["chip"],
        "provenance": {
            "measured_by": f"{record['submitted_by']} ({wording(survey, 'reference')} "
                           f"#{issue_no})",
            "device": record["device"], "torch": record["torch"], "runtime": record["runtime"],
            "date": record["date"], "method": survey["method"],
            "command": wording(survey, "command"), "source": source_key},
        "notes": notes,
        "sources": {source_key: f"{record['issue']} ({record['submitted_by']}, {record['date']}); "
                                f"{survey['repository']}"},
        "gemm": gemm_points(record),
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("survey", help="the measurement set JSON (what, repository, method, records)")
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
