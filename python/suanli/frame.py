"""suanli.to_frame: a result as a pandas DataFrame, one row per entry."""

from __future__ import annotations

from typing import Any, Dict, List

# The list that holds a result's rows, by the key it sits under (compare, plan, validate).
_ROW_KEYS = ("rows", "cases", "systems", "chips", "models")


def _rows(result: Any) -> List[Dict[str, Any]]:
    if isinstance(result, list):
        return [r if isinstance(r, dict) else {"value": r} for r in result]
    if isinstance(result, dict):
        for key in _ROW_KEYS:
            if isinstance(result.get(key), list):
                return _rows(result[key])
        return [result]
    raise TypeError(f"to_frame: expected a suanli result (dict or list), got {type(result).__name__}")


def to_frame(result: Any) -> "pandas.DataFrame":  # noqa: F821
    """A suanli result as a pandas DataFrame.

    A list (chips(), systems(), models(), compare()) gives one row per entry; a dict holding
    such a list (validate()'s "cases", a plan's "rows") gives one row per item of that list;
    any other dict (infer(), train(), classify()) gives one row. Nested objects are flattened
    into dotted column names ("estimate.output_tokens_per_s"); lists stay as cell values.

    Raises ImportError when pandas is not installed (Debian: python3-pandas).
    """
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("suanli.to_frame needs pandas (Debian: apt-get install python3-pandas)") from e
    return pandas.json_normalize(_rows(result))
