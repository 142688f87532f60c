"""ctest entry of tests/python: runs `pytest -q PATH...` with this interpreter.

    run_tests.py [--skip-without MODULE] [--require MODULE] PATH...

--skip-without: exit 77 (ctest SKIP_RETURN_CODE) when MODULE cannot be imported.
--require: fail, saying why, when MODULE cannot be imported.
A missing pytest or a run that collects no test (pytest's exit 5) is a failure, never a pass.
"""

import argparse
import importlib
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-without", action="append", default=[])
    parser.add_argument("--require", action="append", default=[])
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    for name in args.skip_without:
        try:
            importlib.import_module(name)
        except ImportError:
            print(f"skipped: {sys.executable} cannot import {name}")
            return 77
    for name in args.require:
        try:
            importlib.import_module(name)
        except ImportError as e:
            print(f"error: {sys.executable} cannot import {name}: {e} (sys.path: {sys.path})")
            return 1
    try:
        import pytest
    except ImportError:
        print(f"error: {sys.executable} cannot import pytest (Debian: python3-pytest)")
        return 1
    rc = int(pytest.main(["-q", "-p", "no:cacheprovider"] + args.paths))
    if rc == 5:
        print("error: pytest collected no test in " + " ".join(args.paths))
        return 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
