"""The device half of tools/profile_chip.py: one torch device (cuda, npu, mlu, musa, xpu or cpu)
with its synchronize and its name, runtime, driver and memory as reported. torch is passed in,
never imported here; torch_npu / torch_mlu / torch_musa are imported only for their device.
"""

import importlib
import os
import platform
import subprocess
import sys


class Device:
    """One torch device: its synchronize, its name, runtime, driver and memory as reported."""

    def __init__(self, torch, kind):
        self.torch, self.kind, self.mod = torch, kind, None
        if kind in ("npu", "mlu", "musa"):
            try:
                importlib.import_module("torch_" + kind)
            except ImportError:
                sys.exit(f"error: --device {kind} needs the torch_{kind} package")
        if kind == "cpu":
            self.dev = torch.device("cpu")
        else:
            self.mod = getattr(torch, kind, None)
            if self.mod is None or not self.mod.is_available():
                sys.exit(f"error: torch {torch.__version__} sees no {kind} device")
            self.dev = torch.device(kind, 0)
            if hasattr(self.mod, "set_device"):
                self.mod.set_device(0)
        self.events = kind == "cuda"
        self.name, self.runtime, self.driver = self._name(), self._runtime(), self._driver()
        self.memory = self._memory()

    def sync(self):
        if self.mod is not None:
            self.mod.synchronize()

    def _name(self):
        if self.mod is not None and hasattr(self.mod, "get_device_name"):
            return str(self.mod.get_device_name(0))
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("model name"):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor() or platform.machine() or self.kind

    def _runtime(self):
        version = self.torch.version
        if self.kind == "cuda":
            hip = getattr(version, "hip", None)
            return f"ROCm {hip}" if hip else f"CUDA {version.cuda}"
        if self.kind == "xpu":
            return f"XPU {getattr(version, 'xpu', '')}".strip()
        if self.kind == "cpu":
            return "cpu"
        mod = sys.modules.get("torch_" + self.kind)
        return f"torch_{self.kind} {getattr(mod, '__version__', 'unknown version')}"

    def _driver(self):
        if self.kind != "cuda" or getattr(self.torch.version, "hip", None):
            return ""
        try:
            out = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader",
                                  "-i", "0"], capture_output=True, text=True, timeout=20, check=False)
        except (OSError, subprocess.SubprocessError):
            return ""
        lines = out.stdout.strip().splitlines() if out.returncode == 0 else []
        return lines[0].strip() if lines else ""

    def _memory(self):
        if self.mod is not None and hasattr(self.mod, "get_device_properties"):
            return int(self.mod.get_device_properties(0).total_memory)
        try:
            return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):
            return 16 << 30
