#!/usr/bin/env python3
"""Measures one accelerator's kernels with PyTorch and writes a suanli chip profile.

Measures memory bandwidth (copy_ and sum), GEMMs at Llama-3.1-8B/-70B projection shapes in bf16
and fp8, SDPA prefill and decode attention (32 query / 8 KV heads, head dim 128) and DeepSeek-V3
shaped routed-expert GEMMs (median of N runs, weights rotated so caches do not serve them), and
writes a chip profile (docs/data-format.md, section profiles/). suanli loads it from
DIR/profiles/<chip-id>.yaml with `--data DIR`:

    python3 tools/profile_chip.py --device cuda --chip nvidia-h200-sxm \\
        --out my-data/profiles/nvidia-h200-sxm.yaml
    suanli --data my-data show nvidia-h200-sxm

Standard library and torch only (copy tools/profile_*.py together to another machine);
torch_npu / torch_mlu / torch_musa are imported only for their device, and torch only in main()
so that --help works without it. The default set takes well under 4 minutes on an H200.
"""

import argparse
import datetime
import os
import re
import shlex
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# None of the profile_*.py modules imports torch: profile_device.py (the device), profile_kernels.py
# (the measurements) and profile_yaml.py (the writer shared with profile_from_json.py).
from profile_kernels import DEVICES, QUICK, Stop  # noqa: E402
from profile_yaml import TABLES, dump  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Format of the output: docs/data-format.md, section profiles/.")
    p.add_argument("--device", choices=DEVICES, default="cuda", help="torch device (default cuda)")
    p.add_argument("--chip", required=True, help="catalog chip id the profile is for")
    p.add_argument("--out", help="output file (default: profile/profiles/<chip>.yaml)")
    p.add_argument("--quick", action="store_true", help="tiny shape set (seconds on a CPU)")
    p.add_argument("--dtypes", default="bf16,fp8", help="GEMM dtypes (default bf16,fp8)")
    p.add_argument("--repeats", type=int, help="timed runs per point (default 20, quick 5)")
    p.add_argument("--warmups", type=int, help="untimed runs first (default 3, quick 1)")
    p.add_argument("--max-seconds", type=float, help="stop and write what was measured by then")
    p.add_argument("--measured-by", default="suanli tools/profile_chip.py",
                   help="who or what took the measurements (provenance)")
    a = p.parse_args(argv)
    if not re.fullmatch(r"[a-z0-9][a-z0-9.\-]*", a.chip):
        p.error(f"--chip '{a.chip}' is not a catalog id (lower-case, e.g. nvidia-h200-sxm)")
    a.dtypes = [d.strip() for d in a.dtypes.split(",") if d.strip()]
    if not a.dtypes or any(d not in ("bf16", "fp8") for d in a.dtypes):
        p.error("--dtypes takes bf16 and/or fp8, e.g. bf16,fp8")
    a.repeats = a.repeats or (5 if a.quick else 20)
    a.warmups = a.warmups or (1 if a.quick else 3)
    if a.repeats < 1 or a.warmups < 1:
        p.error("--repeats and --warmups must be at least 1")
    a.out = a.out or os.path.join("profile", "profiles", a.chip + ".yaml")
    return a


def log(start, message):
    print(f"[{time.perf_counter() - start:7.1f} s] {message}", file=sys.stderr, flush=True)


def main(argv=None):
    start = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        import torch
    except ImportError:
        sys.exit("error: PyTorch is not installed; install torch (and torch_npu, torch_mlu or "
                 "torch_musa for those devices) to measure a chip")
    from profile_device import Device
    from profile_kernels import Runner

    device = Device(torch, args.device)
    runner = Runner(torch, device, args, QUICK if args.quick else None, start,
                    lambda m: log(start, m))
    log(start, f"profiling {device.name} ({device.runtime}, torch {torch.__version__}) as "
               f"{args.chip}{' (quick)' if args.quick else ''}")
    try:
        runner.run_all()
    except Stop as stop:
        runner.notes.append(str(stop))
        log(start, str(stop))
    except KeyboardInterrupt:
        runner.notes.append("interrupted: the later points were not measured")
        log(start, "interrupted; writing what was measured")
    profile = runner.profile(args.chip, *provenance_and_sources(args, torch, device, runner))
    n = sum(len(profile[t]) for t in TABLES)
    if n == 0:
        sys.exit("error: nothing was measured; no profile written")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(dump(profile, [f"Chip profile of {args.chip}: measured kernel performance, "
                               "written by tools/profile_chip.py.",
                               "Format: docs/data-format.md, section profiles/."]))
    out = os.path.abspath(args.out)
    log(start, f"wrote {n} points to {args.out}")
    if os.path.basename(os.path.dirname(out)) == "profiles" and \
            os.path.basename(out) == args.chip + ".yaml":
        log(start, f"load it with: suanli --data {os.path.dirname(os.path.dirname(out))} "
                   f"show {args.chip}")
    else:
        log(start, f"note: suanli reads a profile from DIR/profiles/{args.chip}.yaml; move it "
                   "there and pass --data DIR")
    return 0


def provenance_and_sources(args, torch, device, runner):
    today = datetime.date.today().isoformat()
    return {
        "measured_by": args.measured_by,
        "device": device.name,
        "torch": torch.__version__,
        "runtime": device.runtime,
        "driver": device.driver,
        "date": today,
        "method": runner.method(),
        "command": shlex.join([os.path.basename(sys.executable)] + sys.argv),
        "source": "profile-run",
    }, {"profile-run": f"measured with suanli tools/profile_chip.py on one {device.name} "
                      f"({device.runtime}, PyTorch {torch.__version__}) on {today}; the raw "
                      "times and shapes are in this file"}


if __name__ == "__main__":
    sys.exit(main())
