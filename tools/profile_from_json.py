#!/usr/bin/env python3
"""Converts a kernel measurement set in JSON into a suanli chip profile, number for number.

Reads a kernels file (keys what, how, env, bandwidth, gemm, attention: the layout of the H200
set) and optionally a MoE file (keys env, moe), and writes the profile YAML of
docs/data-format.md. Every figure is copied (to 6 significant digits); shapes the JSON does not
spell out are read from its `how` text or checked against its byte and FLOP counts, and the
conversion stops rather than guess. How data/profiles/nvidia-h200-sxm.yaml was made:

    python3 tools/profile_from_json.py --chip nvidia-h200-sxm \\
        --kernels ../shared/measurements/h200_kernels.json \\
        --moe ../shared/measurements/h200_moe_mla.json \\
        --out data/profiles/nvidia-h200-sxm.yaml
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from profile_yaml import dump  # noqa: E402

# Routed-expert shape of the MoE set (DeepSeek-V3: hidden 7168, expert FFN 2048), as its README
# states; every row's weight_bytes and flops are checked against it.
MOE_HIDDEN, MOE_FFN = 7168, 2048


def fail(message):
    sys.exit(f"error: {message}")


def bandwidth(rows):
    out = []
    for row in rows:
        m = re.fullmatch(r"(copy|sum)_bf16_(\d+)GiB", row["op"])
        if not m:
            fail(f"bandwidth op '{row['op']}' is not copy_bf16_<n>GiB or sum_bf16_<n>GiB")
        op = "copy" if m.group(1) == "copy" else "read"
        rate = row["GBps_rw"] if op == "copy" else row["GBps_read"]
        out.append({"op": op, "bytes": int(m.group(2)) << 30, "time": row["ms"] * 1e-3,
                    "achieved": rate * 1e9})
    return out


def gemm(rows):
    return [{"name": r["shape"], "m": r["M"], "n": r["N"], "k": r["K"], "dtype": r["dtype"],
             "time": r["ms"] * 1e-3, "compute": r["tflops"] * 1e12, "bandwidth": r["GBps"] * 1e9}
            for r in rows]


def attention(rows, how):
    m = re.search(r"(\d+) query heads, (\d+) KV heads.*head dim (\d+)", how)
    if not m or "bf16" not in how or "scaled_dot_product_attention" not in how:
        fail("the attention 'how' text does not state SDPA, bf16, query/KV heads and head dim")
    hq, hkv, hd = (int(g) for g in m.groups())
    shape = {"q_heads": hq, "kv_heads": hkv, "head_dim": hd, "dtype": "bf16", "impl": "sdpa"}
    prefill, decode = [], []
    for r in rows:
        if r["kind"] == "prefill_causal":
            prefill.append({"batch": r["B"], "seq_len": r["S"], "causal": True, **shape,
                            "time": r["ms"] * 1e-3, "compute": r["tflops"] * 1e12})
        elif r["kind"] == "decode":
            decode.append({"batch": r["B"], "context": r["ctx"], **shape,
                           "time": r["ms"] * 1e-3, "bandwidth": r["GBps"] * 1e9})
        else:
            fail(f"attention kind '{r['kind']}' is neither prefill_causal nor decode")
    return prefill, decode


def moe(rows):
    out = []
    for r in rows:
        e, n = r["experts"], r["rows_per_expert"]
        if r["weight_bytes"] != 3 * e * MOE_HIDDEN * MOE_FFN * 2 or \
                r["flops"] != 2 * n * 3 * e * MOE_HIDDEN * MOE_FFN:
            fail(f"moe row experts={e} rows={n}: bytes/FLOPs do not match hidden {MOE_HIDDEN}, "
                 f"expert ffn {MOE_FFN}, bf16")
        for impl in ("grouped", "loop"):
            out.append({"experts": e, "rows_per_expert": n, "hidden": MOE_HIDDEN,
                        "expert_ffn": MOE_FFN, "dtype": "bf16", "impl": impl,
                        "time": r[f"{impl}_ms"] * 1e-3, "compute": r[f"{impl}_tflops"] * 1e12,
                        "weight_bandwidth": r[f"{impl}_weight_GBps"] * 1e9})
    return out


def missing_fp8(rows):
    """Shapes measured in bf16 with no fp8 twin, e.g. M = 1 (torch._scaled_mm needs M % 16 == 0)."""
    fp8 = {(r["shape"], r["M"]) for r in rows if r["dtype"] == "fp8"}
    gaps = [f"{r['shape']} M={r['M']}" for r in rows
            if r["dtype"] == "bf16" and (r["shape"], r["M"]) not in fp8]
    return [f"no fp8 point in the source for: {', '.join(gaps)}"] if gaps else []


def convert(args):
    with open(args.kernels, encoding="utf-8") as f:
        kernels = json.load(f)
    env, how, what = kernels["env"], kernels["how"], kernels["what"]
    date = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", what)
    if not date:
        fail("the kernels file's 'what' text names no date (YYYY-MM-DD)")
    files = [os.path.basename(args.kernels)]
    method = (f"{what} bandwidth: {how['bandwidth']}. gemm: {how['gemm']}. "
              f"attention: {how['attention']}.")
    notes = [f"the device reported {env['sms']} SMs"] if "sms" in env else []
    notes += missing_fp8(kernels["gemm"])
    prefill, decode = attention(kernels["attention"], how["attention"])
    profile = {"chip": args.chip, "bandwidth": bandwidth(kernels["bandwidth"]),
               "gemm": gemm(kernels["gemm"]), "attention_prefill": prefill,
               "attention_decode": decode}
    if args.moe:
        with open(args.moe, encoding="utf-8") as f:
            moe_set = json.load(f)
        if moe_set["env"].get("torch") != env["torch"] or \
                moe_set["env"].get("device") != env["device"]:
            fail("the MoE file was measured with another torch or device than the kernels file")
        files.append(os.path.basename(args.moe))
        profile["moe"] = moe(moe_set["moe"])
        method += (" moe: routed experts (hidden 7168, expert FFN 2048; gate+up then down GEMM) "
                   "as one grouped GEMM (torch._grouped_mm) and as a loop of per-expert GEMMs; "
                   "compute = flops/time, weight bandwidth = expert weight bytes/time.")
        if "mla_decode" in moe_set:
            notes.append("the MoE file's mla_decode rows are not converted: they time a naive "
                         "bmm+softmax(fp32)+bmm form, a floor for unfused code, not the chip")
    profile["provenance"] = {
        "measured_by": args.measured_by, "device": env["device"], "torch": env["torch"],
        "runtime": f"CUDA {env['cuda']}", "date": date.group(1), "method": method,
        "source": args.source_key}
    profile["notes"] = notes
    profile["sources"] = {args.source_key: f"{' and '.join(files)}: {what}"}
    return profile, files


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--chip", required=True, help="catalog chip id")
    p.add_argument("--kernels", required=True, help="kernels JSON (bandwidth, gemm, attention)")
    p.add_argument("--moe", help="MoE JSON (moe rows: loop and grouped)")
    p.add_argument("--out", required=True, help="profile YAML to write")
    p.add_argument("--measured-by", default="suanli project kernel measurement set",
                   help="who or what took the measurements")
    p.add_argument("--source-key", default="measurements", help="key of the citation")
    args = p.parse_args(argv)
    profile, files = convert(args)
    text = dump(profile, [f"Chip profile of {args.chip}: measured kernel performance of one device.",
                          f"Converted by tools/profile_from_json.py from {' and '.join(files)};",
                          "do not edit by hand, re-run it. Format: docs/data-format.md, profiles/."])
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
