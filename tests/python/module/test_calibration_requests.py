"""The Python result for a request equals the CLI's JSON for the same request, on the request of
every calibration case that maps to one (`validate` names each case's verb and request: the
request the suite line becomes, as tests/unit/test_front_door.cpp checks on the C++ side)."""

from concurrent.futures import ThreadPoolExecutor

import suanli
from conftest import cli_answer


def python_answer(verb, request):
    """(exit code the CLI gives, JSON or error text) of the module for the request."""
    try:
        return 0, getattr(suanli, verb)(**request)
    except suanli.Infeasible as e:
        return 3, e.answer if e.answer is not None else str(e)
    except suanli.Error as e:
        return 2, str(e)


def cli_result(verb, request):
    cli = cli_answer(verb, request)
    if cli.rc in (0, 3) and cli.stdout:
        return cli.rc, cli.json
    return cli.rc, cli.error


def test_every_calibration_request_gives_the_cli_answer(calibration_cases):
    asked = [(c["id"], c["verb"], c["request"]) for c in calibration_cases if c["request"]]
    verbs = {verb for _, verb, _ in asked}
    assert verbs == {"infer", "train"}
    assert len(asked) > 120, len(asked)  # the suite's inference and training lines
    # The CLI runs are independent processes: two at a time.
    with ThreadPoolExecutor(max_workers=2) as pool:
        cli = list(pool.map(lambda a: cli_result(a[1], a[2]), asked))
    mismatches = []
    for (case_id, verb, request), expected in zip(asked, cli):
        got = python_answer(verb, request)
        if got != expected:
            mismatches.append(f"{case_id}: suanli.{verb}(**{request}) = {got!r:.300}, "
                              f"CLI = {expected!r:.300}")
    assert not mismatches, "\n".join(mismatches)
