"""The exceptions of suanli: one per kind of library error, all carrying the library's
code, message, located problems and hints (the same text `suanli` prints after "error:")."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional


class Error(Exception):
    """A suanli library error.

    Attributes:
        code: the library's error code ("usage", "invalid_input", "not_found", "infeasible",
            "internal").
        message: the one-line summary.
        problems: located details, each a dict with "file", "line", "key", "message" and
            "hint" (empty strings and 0 where unknown).
        hints: suggestions for the whole error, e.g. "did you mean 'nvidia-h20'?".
        answer: the JSON the CLI prints before failing (an infeasible infer: the estimate with
            its "reason" and "limit"; a plan with no feasible row: every row), None otherwise.

    str(error) is the library's full description, as the CLI prints it after "error: ".
    """

    def __init__(self, code: str, message: str, problems: Optional[List[Dict[str, Any]]] = None,
                 hints: Optional[List[str]] = None, description: Optional[str] = None,
                 answer: Any = None) -> None:
        super().__init__(description if description is not None else message)
        self.code = code
        self.message = message
        self.problems = list(problems or [])
        self.hints = list(hints or [])
        self.answer = answer


class InvalidInput(Error):
    """A malformed request (unknown keyword, bad value, missing argument) or an input file that
    does not meet its documented form (codes "usage" and "invalid_input")."""


class UnknownId(Error):
    """A chip, system, model or other id the catalog does not hold (code "not_found"); the
    hints carry "did you mean" where a close id exists."""


class Infeasible(Error):
    """A well-formed request that cannot be met (code "infeasible"): the model does not fit,
    no layout meets the latency limits, nothing found within the constraints."""


class InternalError(Error):
    """A bug in suanli (code "internal"); please report it with the request."""


_BY_CODE = {
    "usage": InvalidInput,
    "invalid_input": InvalidInput,
    "not_found": UnknownId,
    "infeasible": Infeasible,
    "internal": InternalError,
}


def error_from_json(error: Mapping[str, Any], description: Optional[str] = None,
                    answer: Any = None) -> Error:
    """The exception for the library error `error` (io::error_json: {"code", "message",
    "problems", "hints"})."""
    code = error.get("code", "internal")
    cls = _BY_CODE.get(code, InternalError)
    return cls(code, error.get("message", ""), error.get("problems"), error.get("hints"),
               description, answer)
