"""tools/profile_chip.py on the CPU (--quick) writes a profile that the C++ loader accepts: the
built CLI (SUANLI_CLI, set by ctest) loads it with `suanli --data DIR show CHIP` and reports every
point written. The file itself has every table, positive times and its provenance filled in.
"""

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROFILER = ROOT / "tools" / "profile_chip.py"
CHIP = "nvidia-h800-sxm"  # a catalog chip without a built-in profile
TABLES = ("bandwidth", "gemm", "attention_prefill", "attention_decode", "moe")


def cli(*args):
    exe = os.environ.get("SUANLI_CLI")
    if not exe:
        pytest.fail("SUANLI_CLI is not set: run these tests through ctest")
    env = {k: v for k, v in os.environ.items() if k != "SUANLI_DATA"}
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def profiler(*args, env=None):
    return subprocess.run([sys.executable, str(PROFILER), *map(str, args)], capture_output=True,
                          text=True, timeout=600, env=env, check=False)


def points(text, table):
    """The points of one table as {key: text} dicts (one flow mapping per line)."""
    lines = text.splitlines()
    if f"{table}:" not in lines:
        return []
    out = []
    for line in lines[lines.index(f"{table}:") + 1:]:
        if not line.startswith("  - {"):
            break
        out.append(dict(re.findall(r'([a-z_]+): ("[^"]*"|[^,}]+)', line[5:-1])))
    return out


def provenance(text):
    lines = text.splitlines()
    block = lines[lines.index("provenance:") + 1:]
    fields = {}
    for line in block:
        if not line.startswith("  "):
            break
        key, value = line.strip().split(": ", 1)
        fields[key] = json.loads(value)
    return fields


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    out = data / "profiles" / f"{CHIP}.yaml"
    run = profiler("--device", "cpu", "--quick", "--chip", CHIP, "--out", out)
    assert run.returncode == 0, run.stderr
    return data, out.read_text(encoding="utf-8"), run.stderr


def test_the_cli_loads_every_point_written(written):
    data, text, _ = written
    shown = cli("--data", data, "show", CHIP, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    profile = json.loads(shown.stdout)["profile"]
    assert profile["measured"] is True
    assert profile["device"] == provenance(text)["device"]
    assert profile["points"] == {t: len(points(text, t)) for t in TABLES}


def test_every_table_has_its_shapes_and_positive_times(written):
    _, text, _ = written
    gemm = points(text, "gemm")
    assert {(g["name"], g["m"], g["n"], g["k"]) for g in gemm if g["dtype"] == "bf16"} == {
        ("l8b_o", "1", "4096", "4096"), ("l8b_o", "16", "4096", "4096")}
    assert [(p["batch"], p["seq_len"], p["causal"]) for p in points(text, "attention_prefill")] \
        == [("1", "256", "true")]
    assert [(p["batch"], p["context"]) for p in points(text, "attention_decode")] == [
        ("1", "512"), ("4", "512")]
    assert {p["op"] for p in points(text, "bandwidth")} == {"copy", "read"}
    assert {(p["experts"], p["rows_per_expert"]) for p in points(text, "moe")} == {
        ("4", "1"), ("4", "16")}
    for table in TABLES:
        for p in points(text, table):
            value, unit = p["time"].split()
            assert unit == "ms" and float(value) > 0, (table, p)


def test_fp8_is_measured_or_skipped_with_a_note_never_zero(written):
    _, text, _ = written
    fp8 = [g for g in points(text, "gemm") if g["dtype"] == "fp8"]
    assert fp8 or re.search(r'- ".*fp8 GEMMs not measured: .+"', text)
    assert all(float(g["compute"].split()[0]) > 0 for g in fp8)


def test_provenance_is_recorded(written):
    _, text, log = written
    prov = provenance(text)
    for key in ("measured_by", "device", "torch", "runtime", "date", "method", "command",
                "source"):
        assert prov.get(key), key
    assert prov["runtime"] == "cpu"
    datetime.date.fromisoformat(prov["date"])
    assert "--quick" in prov["command"] and f"--chip {CHIP}" in prov["command"]
    assert "median of 5 runs" in prov["method"]
    assert f"  {prov['source']}: " in text.split("sources:", 1)[1]
    assert re.search(r"\[ *[0-9.]+ s\] \[3/\d+\] gemm l8b_o M=1 bf16: [0-9.]+ ms", log)


def test_the_loader_rejects_a_corrupted_profile(written, tmp_path):
    _, text, _ = written
    (tmp_path / "profiles").mkdir()
    bad = re.sub(r"time: [0-9.e+-]+ ms", "time: -1 ms", text, count=1)
    (tmp_path / "profiles" / f"{CHIP}.yaml").write_text(bad, encoding="utf-8")
    shown = cli("--data", tmp_path, "show", CHIP)
    assert shown.returncode == 2
    assert "bandwidth[0].time: '-1 ms' must be positive" in shown.stderr


def test_help_and_a_clear_error_without_torch(tmp_path):
    hide_torch = ("import runpy, sys; sys.modules['torch'] = None; sys.argv[0] = sys.argv[1]; "
                  "del sys.argv[1]; runpy.run_path(sys.argv[0], run_name='__main__')")
    run = [sys.executable, "-c", hide_torch, str(PROFILER)]
    shown = subprocess.run(run + ["--help"], capture_output=True, text=True, check=False)
    assert shown.returncode == 0 and "--max-seconds" in shown.stdout
    failed = subprocess.run(run + ["--device", "cpu", "--chip", CHIP, "--out",
                                   str(tmp_path / "x.yaml")], capture_output=True, text=True,
                            check=False)
    assert failed.returncode == 1 and "PyTorch is not installed" in failed.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_max_seconds_zero_writes_nothing_and_says_so(tmp_path):
    out = tmp_path / "profiles" / f"{CHIP}.yaml"
    run = profiler("--device", "cpu", "--quick", "--chip", CHIP, "--out", out, "--max-seconds", 0)
    assert run.returncode == 1
    assert "stopped by --max-seconds 0" in run.stderr and "nothing was measured" in run.stderr
    assert not out.exists()
