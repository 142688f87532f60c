"""Shared helpers of the suanli module tests: the CLI built with the module (SUANLI_CLI, set by
ctest) run on the same request, so that each test can compare the two front ends."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CALIBRATION = ROOT / "validation" / "calibration.jsonl"

# CLI words of each module function, and the request key given as the command's operand.
COMMANDS = {
    "infer": (["infer"], None),
    "compare": (["compare"], None),
    "train": (["train"], None),
    "plan": (["plan"], None),
    "classify": (["classify"], "chip"),
    "access": (["policy", "access"], "chip"),
    "limits": (["policy", "limits"], None),
    "timeline": (["policy", "timeline"], None),
    "show": (["show"], "id"),
    "chips": (["chips"], None),
    "systems": (["systems"], None),
    "models": (["models"], None),
}


def cli_args(verb, request):
    """The command line that asks `verb` for `request` (a dict of JSON values)."""
    words, operand = COMMANDS[verb]
    args = list(words)
    for key, value in request.items():
        if key == operand:
            args.append(str(value))
        elif value is True or value == "true":
            args.append("--" + key.replace("_", "-"))
        elif value is False or value == "false" or value is None:
            continue
        else:
            text = ",".join(value) if isinstance(value, list) else str(value)
            args += ["--" + key.replace("_", "-"), text]
    return args


class CliRun:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr

    @property
    def json(self):
        return json.loads(self.stdout)

    @property
    def error(self):
        """The error text after "error: " (the library's description)."""
        assert self.stderr.startswith("error: "), self.stderr
        return self.stderr[len("error: "):].rstrip("\n")


def run_cli(*args):
    exe = os.environ.get("SUANLI_CLI")
    if not exe:
        pytest.fail("SUANLI_CLI is not set: run these tests through ctest (python.module)")
    if not os.path.exists(exe):
        pytest.fail(f"SUANLI_CLI={exe} does not exist: build the release CLI first "
                    "(cmake --preset release && cmake --build --preset release)")
    env = {k: v for k, v in os.environ.items() if k != "SUANLI_DATA"}
    proc = subprocess.run([exe, "--format", "json", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=300, check=False)
    return CliRun(proc)


def cli_answer(verb, request):
    return run_cli(*cli_args(verb, request))


@pytest.fixture(scope="session")
def calibration_cases():
    import suanli

    return suanli.validate(CALIBRATION, kind="all")["cases"]
