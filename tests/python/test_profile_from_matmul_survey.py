"""tools/profile_from_matmul_survey.py: the built-in profiles it made are exactly what it writes
from data/measurements/torch-matmul-survey.json today, the CLI loads them, and a record it cannot
convert stops it with the reason instead of a guessed profile.
"""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "profile_from_matmul_survey.py"
SURVEY = ROOT / "data" / "measurements" / "torch-matmul-survey.json"
B200 = ROOT / "data" / "measurements" / "pytorch-ao-b200-matmul.json"
SETS = [SURVEY, B200]


def convert(survey, out_dir):
    return subprocess.run([sys.executable, str(TOOL), str(survey), "--out-dir", str(out_dir)],
                          capture_output=True, text=True, timeout=120, check=False)


def converted_profile(measurements, chip, tmp_path):
    """The profile text the tool writes for one chip of a measurement set."""
    assert convert(measurements, tmp_path).returncode == 0
    return (tmp_path / f"{chip}.yaml").read_text(encoding="utf-8")


def convert_edited(measurements, tmp_path):
    """Converts an edited measurement set into an empty folder: (the run, that folder)."""
    path = tmp_path / "set.json"
    path.write_text(json.dumps(measurements), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    return convert(path, out), out


def records(measurements=SURVEY):
    return json.loads(measurements.read_text(encoding="utf-8"))["records"]


@pytest.mark.parametrize("measurements", SETS, ids=lambda p: p.stem)
def test_committed_profiles_are_the_conversion_of_the_set(tmp_path, measurements):
    run = convert(measurements, tmp_path)
    assert run.returncode == 0, run.stderr
    chips = [r["chip"] for r in records(measurements)]
    assert sorted(p.stem for p in tmp_path.iterdir()) == sorted(chips)
    for chip in chips:
        written = (tmp_path / f"{chip}.yaml").read_text(encoding="utf-8")
        assert written == (ROOT / "data" / "profiles" / f"{chip}.yaml").read_text(
            encoding="utf-8"), f"data/profiles/{chip}.yaml differs from the conversion"


def test_each_point_keeps_the_published_rate_and_its_time(tmp_path):
    text = converted_profile(SURVEY, "nvidia-h100-pcie", tmp_path)
    # 2 x 4096^3 FLOP at the published 495.93 TFLOP/s: 0.277134 ms; A, B and C of 32 MiB each.
    assert ("{name: square, m: 4096, n: 4096, k: 4096, dtype: bf16, time: 0.277134 ms, "
            "compute: 495.93 TFLOP/s, bandwidth: 363.23 GB/s}") in text
    assert 'measured_by: "htdxd (torch-performance-test-data issue #95)"' in text
    assert text.count("{name: square,") == 10


def test_a_narrow_format_keeps_its_rate_and_writes_a_16_bit_c(tmp_path):
    text = converted_profile(B200, "nvidia-b200", tmp_path)
    # 2 x 6144^3 FLOP at the printed 5.50 PFLOP/s: 0.0843375 ms; A and B of 18 MiB in e2m1 (half a
    # byte each), C of 72 MiB in bf16.
    assert ("{name: square, m: 6144, n: 6144, k: 6144, dtype: fp4, time: 0.0843375 ms, "
            "compute: 5500 TFLOP/s, bandwidth: 1342.77 GB/s}") in text
    assert 'measured_by: "drisspg (pytorch/ao pull request #2427)"' in text
    assert 'command: "python benchmarks/float8/bench_matmul.py --recipe nvfp4"' in text
    assert text.count("dtype: fp4") == 7 and text.count("dtype: bf16") == 7


@pytest.mark.parametrize("measurements", SETS, ids=lambda p: p.stem)
def test_the_cli_loads_every_built_in_converted_profile(measurements):
    exe = os.environ.get("SUANLI_CLI")
    if not exe:
        pytest.fail("SUANLI_CLI is not set: run these tests through ctest")
    env = {k: v for k, v in os.environ.items() if k != "SUANLI_DATA"}
    for record in records(measurements):
        run = subprocess.run([exe, "show", record["chip"], "--format", "json"], capture_output=True,
                             text=True, env=env, timeout=120, check=False)
        assert run.returncode == 0, run.stderr
        profile = json.loads(run.stdout)["profile"]
        assert profile["measured"] is True
        assert profile["device"] == record["device"]
        assert profile["points"]["gemm"] == sum(len(v) for v in record["tflops"].values())


@pytest.mark.parametrize("edit, message", [
    (lambda r: r.pop("date"), "error: record nvidia-h100-sxm lacks date"),
    (lambda r: r.update(date="Oct 2025"), "error: nvidia-h100-sxm: date 'Oct 2025' is not YYYY-MM-DD"),
    (lambda r: r.update(tflops={"fp32": {"1024": 1.0}}), "error: nvidia-h100-sxm: no fp16 or bf16 rates"),
    (lambda r: r["tflops"].update(tf32={"1024": 1.0}),
     "error: nvidia-h100-sxm: unknown format tf32 (the formats are fp16, bf16, fp8, fp4)"),
    (lambda r: r["tflops"]["bf16"].update({"2048": 0}),
     "error: nvidia-h100-sxm: bf16 at n = 2048 is not a positive rate"),
    (lambda r: r["tflops"]["bf16"].update({"4k": 700.0}),
     "error: nvidia-h100-sxm: bf16 size '4k' is not a positive whole number (the matrix side n)"),
    (lambda r: r["tflops"]["bf16"].update({"2048": "fast"}),
     "error: nvidia-h100-sxm: bf16 at n = 2048 is not a positive rate"),
    (lambda r: r["tflops"].update(bf16=[1.0]),
     "error: nvidia-h100-sxm: bf16 rates are not an object of size: TFLOP/s"),
])
def test_a_record_it_cannot_convert_stops_it(tmp_path, edit, message):
    survey = json.loads(SURVEY.read_text(encoding="utf-8"))
    edit(survey["records"][0])
    run, out = convert_edited(survey, tmp_path)
    assert run.returncode == 1
    assert run.stderr.strip() == message
    assert not any(out.iterdir())


def test_two_records_of_one_chip_are_refused(tmp_path):
    survey = json.loads(SURVEY.read_text(encoding="utf-8"))
    survey["records"].append(copy.deepcopy(survey["records"][0]))
    path = tmp_path / "survey.json"
    path.write_text(json.dumps(survey), encoding="utf-8")
    run = convert(path, tmp_path)
    assert run.returncode == 1
    assert "a chip has more than one record" in run.stderr


def test_a_set_that_words_its_publication_badly_is_refused(tmp_path):
    measurements = json.loads(B200.read_text(encoding="utf-8"))
    measurements["reference"] = ""
    run, out = convert_edited(measurements, tmp_path)
    assert run.returncode == 1
    assert run.stderr.strip() == "error: 'reference' of the measurement set is not a text"
    assert not any(out.iterdir())
