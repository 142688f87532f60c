"""tools/check_gpustack_lab.py: a lab page's runs are read with the serve command above each
result block, become the `suanli infer` request the docs describe, and the ratio it reports is
the CLI's prediction over the measured rate.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "check_gpustack_lab.py"
CLI = os.environ.get("SUANLI_CLI", str(ROOT / "build" / "release" / "suanli"))

spec = importlib.util.spec_from_file_location("check_gpustack_lab", TOOL)
lab = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lab)

RESULT = """    ============ Serving Benchmark Result ============
    Successful requests:                     {n}
    Benchmark duration (s):                  63.53
    Total input tokens:                      {inp}
    Total generated tokens:                  {out}
    Total Token throughput (tok/s):          {tot}
    ==================================================
"""

PAGE = (
    "# Qwen3-14B on H100\n\n"
    "    ```bash\n    vllm serve Qwen/Qwen3-14B-FP8 -tp 2\n    ```\n\n"
    "    ```bash\n    vllm bench serve --model Qwen/Qwen3-14B --num-prompts 1000\n    ```\n\n"
    + RESULT.format(n=1000, inp=217393, out=201648, tot=6595.66)
    + "\n    ```bash\n    python3 -m sglang.launch_server --model-path Qwen/Qwen3-14B --tp-size 4\n"
    "    ```\n\n"
    + RESULT.format(n=500, inp=2000000, out=50000, tot=20000.0)
)


def test_each_result_block_takes_the_serve_command_above_it():
    runs = lab.parse_page(PAGE, "qwen3-14b", "h100")
    assert [(r["engine"], r["tp"], r["pp"], r["weights"], r["requests"]) for r in runs] == [
        ("vllm", 2, 1, "fp8", 1000),
        ("sglang", 4, 1, "bf16", 500),
    ]
    assert runs[0]["input"] == 217.393
    assert runs[0]["output"] == 201.648
    assert runs[0]["measured"] == 6595.66
    assert runs[1]["input"] == 4000.0


def test_a_run_becomes_the_documented_infer_request():
    sharegpt, random_tokens = lab.parse_page(PAGE, "qwen3-14b", "h100")
    assert lab.infer_args(sharegpt) == [
        "infer", "--model", "qwen3-14b", "--chip", "nvidia-h100-sxm", "--chips", "2",
        "--software", "vllm", "--scenario", "offline", "--requests", "1000",
        "--length-spread", "exponential", "--input", "217.4", "--output", "201.6",
        "--precision", "fp8", "--tp", "2", "--pp", "1", "--format", "json"]
    assert lab.infer_args(random_tokens)[lab.infer_args(random_tokens).index("--length-spread") + 1] == "fixed"


def test_the_ratio_is_the_cli_prediction_over_the_measured_rate(tmp_path):
    (tmp_path / "qwen3-14b").mkdir()
    (tmp_path / "qwen3-14b" / "h100.md").write_text(PAGE, encoding="utf-8")
    p = subprocess.run([sys.executable, str(TOOL), str(tmp_path), "--doc", "qwen3-14b/h100",
                        "--suanli", CLI, "--json"],
                       capture_output=True, text=True, timeout=300, check=False)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    runs = [json.loads(line) for line in lines[:-1]]
    assert len(runs) == 2
    for run in runs:
        answer = json.loads(subprocess.run([CLI, *lab.infer_args(run)], capture_output=True,
                                           text=True, check=True).stdout)
        predicted = answer["output_tokens_per_s"] + answer["input_tokens_per_s"]
        assert run["predicted"] == predicted
        assert run["ratio"] == predicted / run["measured"]
    assert lines[-1].startswith("2 runs predicted: median predicted/measured ")
    assert lines[-1].endswith("skipped: mindie 0, failed run 0, no prediction 0")


def test_a_missing_page_names_the_path(tmp_path):
    p = subprocess.run([sys.executable, str(TOOL), str(tmp_path), "--doc", "qwen3-14b/h100",
                        "--suanli", CLI], capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 1
    assert f"{tmp_path / 'qwen3-14b' / 'h100.md'} is not a file" in p.stderr
