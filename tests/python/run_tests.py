"""ctest entry of tests/python: runs `pytest -q tests/python` with this interpreter. Exit 77
(ctest SKIP_RETURN_CODE) when it cannot import torch; a missing pytest or a run that collects no
test (pytest's exit 5) is a failure, never a pass.
"""

import os
import sys


def main():
    try:
        import torch  # noqa: F401
    except ImportError:
        print(f"skipped: {sys.executable} cannot import torch (Debian: python3-torch)")
        return 77
    try:
        import pytest
    except ImportError:
        print(f"error: {sys.executable} cannot import pytest (Debian: python3-pytest)")
        return 1
    here = os.path.dirname(os.path.abspath(__file__))
    rc = int(pytest.main(["-q", "-p", "no:cacheprovider", here]))
    if rc == 5:
        print("error: pytest collected no test in " + here)
        return 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
