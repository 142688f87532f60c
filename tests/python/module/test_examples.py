"""examples/capacity_study.py runs and writes its figures and tables (checked as tables, not
pixels)."""

import csv
import os
import subprocess
import sys

from conftest import ROOT


def test_capacity_study_writes_its_figures_and_tables(tmp_path):
    out = os.environ.get("SUANLI_EXAMPLES_OUT") or str(tmp_path)
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "capacity_study.py"),
                           "--out", out], capture_output=True, text=True, timeout=300,
                          check=False, env=dict(os.environ, MPLBACKEND="Agg"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("context_sweep.png", "deepseek_r1_china.png"):
        path = os.path.join(out, name)
        with open(path, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n", path
    with open(os.path.join(out, "context_sweep.csv")) as f:
        sweep = list(csv.DictReader(f))
    assert len(sweep) == 5 * 3  # systems x context lengths
    assert any(r["tokens_per_s_per_chip"] for r in sweep)
    with open(os.path.join(out, "deepseek_r1_china.csv")) as f:
        china = list(csv.DictReader(f))
    assert {r["date"] for r in china} == {"2025-03-01", "2026-02-01"}
    assert {r["system"] for r in china} == {"hgx-h20", "hgx-h200", "atlas-800t-a2",
                                            "cloudmatrix-384"}
