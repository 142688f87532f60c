"""Writes a suanli chip profile (docs/data-format.md, section profiles/) as YAML text, by hand and
deterministically: standard library only, no PyYAML. Shared by profile_chip.py (measurements on
this machine) and profile_from_json.py (conversion of an existing measurement file).

A profile is a dict: chip, provenance (dict), notes (list), sources (dict) and the point tables
bandwidth, gemm, attention_prefill, attention_decode, moe (lists of dicts). Point values are in
base units (seconds, FLOP/s, bytes/s, bytes); the unit a key is written in follows from its name.
"""

import json
import math
import re

TABLES = ("bandwidth", "gemm", "attention_prefill", "attention_decode", "moe")
PROVENANCE_KEYS = ("measured_by", "device", "torch", "runtime", "driver", "date", "method",
                   "command", "source")
# Key of a point -> (size of the written unit in base units, unit written).
UNITS = {
    "time": (1e-3, "ms"),
    "compute": (1e12, "TFLOP/s"),
    "achieved": (1e9, "GB/s"),
    "bandwidth": (1e9, "GB/s"),
    "weight_bandwidth": (1e9, "GB/s"),
}
_BARE = re.compile(r"[a-z][a-z0-9_.+\-]*")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def text(value):
    """A plain word as is; anything else double-quoted (JSON escapes are valid in YAML)."""
    s = str(value)
    if _BARE.fullmatch(s) and s not in _YAML_WORDS:
        return s
    return json.dumps(s, ensure_ascii=False)


def size(n_bytes):
    """An exact size with the largest binary prefix that divides it."""
    n_bytes = int(n_bytes)
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n_bytes >= factor and n_bytes % factor == 0:
            return f"{n_bytes // factor} {unit}"
    return f"{n_bytes} B"


def value(key, v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if key == "bytes":
        return size(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"{key} = {v}: a measured figure must be positive and finite")
        unit_size, unit = UNITS[key]
        return f"{v / unit_size:.6g} {unit}"
    return text(v)


def point(p):
    return "{" + ", ".join(f"{k}: {value(k, v)}" for k, v in p.items()) + "}"


def dump(profile, header):
    """The whole file as text; `header` lines become its leading comments."""
    lines = [f"# {h}" for h in header]
    lines.append(f"chip: {text(profile['chip'])}")
    lines.append("provenance:")
    for key in PROVENANCE_KEYS:
        if profile["provenance"].get(key):
            lines.append(f"  {key}: {json.dumps(profile['provenance'][key], ensure_ascii=False)}")
    if profile.get("notes"):
        lines.append("notes:")
        lines.extend(f"  - {json.dumps(n, ensure_ascii=False)}" for n in profile["notes"])
    lines.append("sources:")
    for key, citation in profile["sources"].items():
        lines.append(f"  {key}: {json.dumps(citation, ensure_ascii=False)}")
    for table in TABLES:
        if profile.get(table):
            lines.append(f"{table}:")
            lines.extend(f"  - {point(p)}" for p in profile[table])
    return "\n".join(lines) + "\n"
