#!/usr/bin/env python3
"""Predict GPUStack's performance-lab burst runs with suanli and compare them with the measured
rates (docs/validation.md, "Checks against results outside the suite").

    check_gpustack_lab.py LAB_DIR [--suanli BIN] [--doc MODEL/CHIP ...] [--json]

LAB_DIR is `docs/performance-lab` of a gpustack/gpustack checkout (the figures in the docs are of
commit 47277d7). Each `Serving Benchmark Result` block of a page is one run of `vllm bench serve`
with every request issued at once; its engine, `-tp`/`-pp` and weight format come from the
nearest serve command above the block. The run becomes

    suanli infer --model M --chip C --chips tp*pp --software S --requests N --length-spread
        exponential|fixed --input I --output O --precision P --tp T --pp P --format json

with the run's mean lengths (ShareGPT runs spread their answers exponentially, random-token runs
not), and the prediction is input + output tokens/s against the block's `Total Token
throughput`. The pages the suite already holds (qwen3-32b on A100 and H100, qwen3-8b on the 910B)
are left out by default; MindIE runs (not `vllm bench serve` against an OpenAI server of the
same kind) and runs that failed (below 1,000 tokens/s total) are skipped and counted.
"""

import argparse
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The pages checked by default: the lab's runs on chips the catalog has, not in the suite.
DEFAULT_DOCS = [
    "gpt-oss-20b/a100",
    "gpt-oss-20b/h100",
    "gpt-oss-120b/a100",
    "gpt-oss-120b/h100",
    "qwen3-14b/a100",
    "qwen3-14b/h100",
    "qwen3-235b-a22b/a100",
    "qwen3-235b-a22b/h100",
    "qwen3-30b-a3b/910b",
]

CHIPS = {"a100": "nvidia-a100-sxm-80gb", "h100": "nvidia-h100-sxm", "910b": "huawei-ascend-910b"}

# ShareGPT as the lab samples it: ~217 prompt tokens a request (1,000 requests, 217,393 in all).
SHAREGPT_PROMPT = 217.4


def engine_of(command, chip):
    if "sglang" in command:
        return "sglang"
    if "trtllm" in command:
        return "tensorrt-llm"
    if "mindie" in command.lower():
        return "mindie"
    return "vllm-ascend" if chip == "910b" else "vllm"


def option(command, *names):
    for name in names:
        m = re.search(r"(?:^|\s)" + re.escape(name) + r"[ =](\d+)", command)
        if m:
            return int(m.group(1))
    return 1


def weights_of(command, model):
    if "AWQ" in command:
        return "int4"
    if "FP8" in command or "fp8" in command:
        return "fp8"
    if model.startswith("gpt-oss"):
        return "fp4"  # gpt-oss ships MXFP4 expert weights
    return "bf16"


def parse_page(text, model, chip):
    """The runs of one lab page: a dict per result block, with the serve command it ran under."""
    commands = [(m.start(), m.group(1)) for m in re.finditer(r"```bash\n(.*?)```", text, re.S)]
    runs = []
    for block in re.finditer(r"Serving Benchmark Result =+\n(.*?)=====", text, re.S):
        body = block.group(1)
        served = [c for at, c in commands
                  if at < block.start() and ("serve" in c or "launch_server" in c) and "bench" not in c]
        if not served:
            continue
        command = served[-1].strip().replace("\\\n", " ")

        def figure(key, body=body):
            m = re.search(re.escape(key) + r":\s+([\d.]+)", body)
            return float(m.group(1)) if m else None

        requests = figure("Successful requests")
        prompt_tokens = figure("Total input tokens")
        answer_tokens = figure("Total generated tokens")
        total = figure("Total Token throughput (tok/s)")
        if not requests or prompt_tokens is None or answer_tokens is None:
            continue
        runs.append({
            "model": model,
            "chip": chip,
            "engine": engine_of(command, chip),
            "tp": option(command, "-tp", "--tp", "--tp-size", "--tensor-parallel-size", "--tp_size"),
            "pp": option(command, "-pp", "--pp", "--pipeline-parallel-size", "--pp_size", "--pp-size"),
            "weights": weights_of(command, model),
            "requests": int(requests),
            "input": prompt_tokens / requests,
            "output": answer_tokens / requests,
            "measured": total,
            "command": command,
        })
    return runs


def infer_args(run):
    """The suanli infer arguments that predict one run."""
    sharegpt = abs(run["input"] - SHAREGPT_PROMPT) < 5
    return ["infer", "--model", run["model"], "--chip", CHIPS[run["chip"]],
            "--chips", str(run["tp"] * run["pp"]), "--software", run["engine"],
            "--scenario", "offline", "--requests", str(run["requests"]),
            "--length-spread", "exponential" if sharegpt else "fixed",
            "--input", f"{run['input']:.1f}", "--output", f"{run['output']:.1f}",
            "--precision", run["weights"], "--tp", str(run["tp"]), "--pp", str(run["pp"]),
            "--format", "json"]


def predict(suanli, run):
    """Predicted total tokens/s, or (None, why)."""
    p = subprocess.run([suanli, *infer_args(run)], capture_output=True, text=True, check=False)
    try:
        answer = json.loads(p.stdout)
    except json.JSONDecodeError:
        return None, (p.stderr.strip() or "no answer").splitlines()[0]
    if not answer.get("feasible"):
        return None, answer.get("reason", "infeasible")
    return answer["output_tokens_per_s"] + answer["input_tokens_per_s"], ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lab", type=Path, help="docs/performance-lab of a gpustack checkout")
    parser.add_argument("--suanli", default=str(ROOT / "build" / "release" / "suanli"))
    parser.add_argument("--doc", action="append", help="MODEL/CHIP page (default: the nine above)")
    parser.add_argument("--json", action="store_true", help="one JSON object per run")
    args = parser.parse_args()

    ratios, skipped = [], {"mindie": 0, "failed run": 0, "no prediction": 0}
    for doc in args.doc or DEFAULT_DOCS:
        model, chip = doc.split("/")
        page = args.lab / model / f"{chip}.md"
        if not page.is_file():
            sys.exit(f"error: {page} is not a file (LAB_DIR is docs/performance-lab of gpustack)")
        if chip not in CHIPS:
            sys.exit(f"error: {doc}: no catalog chip for '{chip}' (known: {', '.join(CHIPS)})")
        for run in parse_page(page.read_text(encoding="utf-8"), model, chip):
            if run["engine"] == "mindie":
                skipped["mindie"] += 1
                continue
            if run["measured"] is None or run["measured"] < 1000:
                skipped["failed run"] += 1
                continue
            predicted, why = predict(args.suanli, run)
            ratio = predicted / run["measured"] if predicted else None
            if ratio is None:
                skipped["no prediction"] += 1
            else:
                ratios.append(ratio)
            if args.json:
                print(json.dumps({**run, "predicted": predicted, "ratio": ratio, "why": why}))
            else:
                shown = f"{ratio:.2f}" if ratio else f"- ({why})"
                print(f"{doc:22s} {run['engine']:12s} {run['weights']:4s} tp{run['tp']} pp{run['pp']} "
                      f"N{run['requests']:5d} I{run['input']:7.0f} O{run['output']:6.0f} "
                      f"measured {run['measured']:9.0f} predicted/measured {shown}")
    if not ratios:
        sys.exit("error: no run was predicted")
    beyond = sum(1 for r in ratios if r > 2 or r < 0.5)
    print(f"{len(ratios)} runs predicted: median predicted/measured {statistics.median(ratios):.2f}, "
          f"{beyond} beyond 2x; skipped: " + ", ".join(f"{k} {v}" for k, v in skipped.items()))


if __name__ == "__main__":
    main()
