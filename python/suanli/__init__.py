"""suanli (算力): what AI accelerators and clusters deliver for LLMs, what they cost, and whether
they can be had, from Python.

Every function takes keyword arguments named as the CLI's flags (dashes become underscores:
``--tpot-slo 50ms`` is ``tpot_slo="50ms"``), with the values the CLI accepts (text such as
"50ms" or "15T", numbers, booleans for flags, lists for comma-separated options), and returns
the same JSON as ``suanli <command> --format json``, as plain dicts and lists::

    import suanli
    rows = suanli.compare(model="deepseek-r1", scenario="chat", dest="CN", date="2026-02-01")
    print(rows[0])                      # the first row (answers with "rows" index by number)
    frame = suanli.to_frame(rows)       # pandas DataFrame, one row per system

Module functions use the built-in catalog; ``suanli.Catalog(data=[dir, ...])`` adds catalog
directories of your own and has the same methods. Errors raise suanli.InvalidInput,
suanli.UnknownId or suanli.Infeasible (all suanli.Error) with the library's code, message,
problems and hints. The library call runs without the GIL, so threads can ask in parallel.
"""

from __future__ import annotations

import json
import logging
import numbers
import os
import threading
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _suanli
from .errors import Error, Infeasible, InternalError, InvalidInput, UnknownId, error_from_json
from .frame import to_frame

__all__ = [
    "Answer", "Catalog", "Error", "Infeasible", "InternalError", "InvalidInput", "UnknownId",
    "access", "builtin_data_dir", "chips", "classify", "compare", "infer", "limits", "models",
    "plan", "show", "systems", "timeline", "to_frame", "train", "validate",
]
__version__ = _suanli.version

PathLike = Union[str, "os.PathLike[str]"]
_log = logging.getLogger("suanli")


def builtin_data_dir() -> str:
    """The built-in catalog directory: the copy installed with the package, else the source
    tree's data/ that the module was built from."""
    installed = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    return installed if os.path.isdir(installed) else _suanli.builtin_data_dir


class Answer(dict):
    """A command's answer: a plain dict equal to the CLI's JSON. An answer that holds "rows"
    (compare, plan) can also be indexed by row number: ``answer[0]`` is ``answer["rows"][0]``."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int) and not isinstance(key, bool) and "rows" in self:
            return dict.__getitem__(self, "rows")[key]
        return dict.__getitem__(self, key)


def _json_value(key: str, value: Any) -> Any:
    """A keyword argument's value as JSON the front door reads (text, number, bool, list)."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (list, tuple)):
        return [_json_value(key, v) for v in value]
    raise InvalidInput("usage", f"{key}: a {type(value).__name__} is not a value suanli reads "
                       "(give text, a number, a boolean or a list)")


def _request(options: Dict[str, Any]) -> str:
    return json.dumps({k: _json_value(k, v) for k, v in options.items() if v is not None})


def _result(reply: "tuple[bool, str]") -> Any:
    """The answer of a (ok, JSON text) reply of the extension, or its error raised."""
    ok, text = reply
    body = json.loads(text, object_hook=Answer)
    for note in body.get("notes") or []:
        _log.info("%s", note)  # what the CLI prints as "note:" lines
    if ok:
        return body["answer"]
    raise error_from_json(body["error"], body.get("description"), body.get("answer"))


class Catalog:
    """The built-in catalog plus catalog directories of your own (chips/, systems/, models/,
    ... as `suanli --data DIR` reads them), loaded and validated once.

    Raises suanli.InvalidInput (with every problem, file:line and key) when a file is bad.
    """

    def __init__(self, data: Iterable[PathLike] = ()) -> None:
        dirs = [builtin_data_dir()] + [os.fspath(d) for d in data]
        ok, handle = _suanli.load_catalog(dirs)
        if not ok:
            _result((ok, handle))
        self._handle = handle

    def _ask(self, verb: str, options: Dict[str, Any]) -> Any:
        return _result(self._handle.answer(verb, _request(options)))

    def chips(self, **options: Any) -> List[Dict[str, Any]]:
        """Chips of the catalog (`suanli chips --format json`): vendor, market, family,
        min_memory, min_bandwidth, supports, sort."""
        return self._ask("chips", options)

    def systems(self) -> List[Dict[str, Any]]:
        """Systems of the catalog (`suanli systems --format json`)."""
        return self._ask("systems", {})

    def models(self) -> List[Dict[str, Any]]:
        """Models of the catalog with derived parameter counts (`suanli models`)."""
        return self._ask("models", {})

    def show(self, id: PathLike) -> Dict[str, Any]:
        """One chip, system or model in full, or a Hugging Face config.json path (`suanli show`)."""
        return self._ask("show", {"id": id})

    def infer(self, **options: Any) -> Dict[str, Any]:
        """One inference prediction (`suanli infer`): model, system or chip/chips, precision,
        input, output, ttft_slo, tpot_slo, tp, pp, ... Raises Infeasible when the configuration
        cannot serve (the answer, with its "reason" and "limit", is on the exception)."""
        return self._ask("infer", options)

    def compare(self, **options: Any) -> Dict[str, Any]:
        """Every system for one model and scenario (`suanli compare`): model, scenario,
        systems, dest, date, ... The answer's rows index by number: compare(...)[0]."""
        return self._ask("compare", options)

    def train(self, **options: Any) -> Dict[str, Any]:
        """One training prediction (`suanli train`): model, chip or system, chips, seq,
        global_batch, tokens, ..."""
        return self._ask("train", options)

    def plan(self, **options: Any) -> Dict[str, Any]:
        """Fleet sizing (`suanli plan`): model, scenario, target, dest, date, budget, ...;
        train=True sizes a training cluster."""
        return self._ask("plan", options)

    def classify(self, chip: Optional[str] = None, **options: Any) -> Any:
        """Export-control classification of a chip on a date (`suanli classify CHIP`)."""
        return self._ask("classify", dict(options, chip=chip))

    def access(self, chip: str, **options: Any) -> Dict[str, Any]:
        """Dated market access of a chip for a destination (`suanli policy access CHIP`):
        dest, date, headquarters, ..."""
        return self._ask("access", dict(options, chip=chip))

    def limits(self, **options: Any) -> Dict[str, Any]:
        """What-if design limits for a destination on a date (`suanli policy limits`)."""
        return self._ask("limits", options)

    def timeline(self, **options: Any) -> Any:
        """The dated change log of the rules (`suanli policy timeline`)."""
        return self._ask("timeline", options)

    def validate(self, path: PathLike, kind: str = "inference") -> Dict[str, Any]:
        """Predicts every case of a validation suite (JSONL) and compares with the measurements
        (`suanli validate SUITE --kind inference|training|all`): "cases" (each with the "verb"
        and "request" it was predicted from) and "summary"."""
        path = os.fspath(path)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            raise InvalidInput("invalid_input", f"cannot read suite '{path}': {e.strerror}") from None
        return self._ask("validate", {"suite": text, "kind": kind})


_default: Optional[Catalog] = None
_default_lock = threading.Lock()


def _catalog() -> Catalog:
    global _default
    with _default_lock:
        if _default is None:
            _default = Catalog()
        return _default


def chips(**options: Any) -> List[Dict[str, Any]]:
    return _catalog().chips(**options)


def systems() -> List[Dict[str, Any]]:
    return _catalog().systems()


def models() -> List[Dict[str, Any]]:
    return _catalog().models()


def show(id: PathLike) -> Dict[str, Any]:
    return _catalog().show(id)


def infer(**options: Any) -> Dict[str, Any]:
    return _catalog().infer(**options)


def compare(**options: Any) -> Dict[str, Any]:
    return _catalog().compare(**options)


def train(**options: Any) -> Dict[str, Any]:
    return _catalog().train(**options)


def plan(**options: Any) -> Dict[str, Any]:
    return _catalog().plan(**options)


def classify(chip: Optional[str] = None, **options: Any) -> Any:
    return _catalog().classify(chip, **options)


def access(chip: str, **options: Any) -> Dict[str, Any]:
    return _catalog().access(chip, **options)


def limits(**options: Any) -> Dict[str, Any]:
    return _catalog().limits(**options)


def timeline(**options: Any) -> Any:
    return _catalog().timeline(**options)


def validate(path: PathLike, kind: str = "inference") -> Dict[str, Any]:
    return _catalog().validate(path, kind)


# The module functions share the methods' documentation (help(suanli.infer)).
for _name in ("chips", "systems", "models", "show", "infer", "compare", "train", "plan",
              "classify", "access", "limits", "timeline", "validate"):
    globals()[_name].__doc__ = getattr(Catalog, _name).__doc__ + "\n\nUses the built-in catalog."
del _name
