"""The cheap, structural half of the ReDoS check (the timed half is ``benchmarks/redos.py``).

A backtracking engine (Python ``re``, used by python-jsonschema through ``re.search``) only goes
superlinear on certain shapes: a group repeated without bound that itself contains a quantifier
(exponential; stricter than "an unbounded quantifier inside", since ``(a{2,3})+`` explodes
too), and an unanchored pattern with a quantifier, which ``re.search`` retries from every
offset (quadratic). Every ``pattern`` in both schemas, including the ones inside
``if``/``then``/``not``, must avoid both. The detectors are tested on known-bad patterns first,
so a detector that always says "fine" fails here.
"""

from __future__ import annotations

import re

import pytest

from benchmarks.redos import (
    Pattern,
    adversarial_inputs,
    collect_patterns,
    is_anchored,
    is_fixed_width,
    nested_quantifiers,
    one_pass,
    parse,
)

PATTERNS = collect_patterns()


def _ids() -> list[str]:
    return [p.where.replace(".schema.json#", ":") for p in PATTERNS]


def test_patterns_are_collected_from_both_schemas_and_from_nested_keywords() -> None:
    places = [p.where for p in PATTERNS]
    assert any(w.startswith("headers.schema.json#") for w in places)
    assert any(w.startswith("order.schema.json#") for w in places)
    for keyword in ("/if/", "/then/", "/not/"):
        assert any(keyword in w for w in places), keyword


@pytest.mark.parametrize(
    "regex",
    [
        r"^(a+)+$",
        r"^(a*)*$",
        r"^(?:a|b*)+$",
        r"^([a-z]+\.)*x$",
        r"^(\w+\s?)*$",
        r"^((ab)*c)*$",
        r"^(a{2,3})+$",
    ],
)
def test_the_nested_quantifier_detector_catches_exponential_shapes(regex: str) -> None:
    assert nested_quantifiers(regex)


@pytest.mark.parametrize(
    "regex", [r"^a+b*$", r"^(?:ab){1,5}$", r"^(a+)?$", r"^(a{3})+$", r"^[a-z]+(-[a-z]+)?$"]
)
def test_the_nested_quantifier_detector_passes_linear_shapes(regex: str) -> None:
    assert nested_quantifiers(regex) == []


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids())
def test_no_pattern_nests_an_unbounded_quantifier_in_a_repeated_group(pattern: Pattern) -> None:
    regex = pattern.regex
    assert nested_quantifiers(regex) == [], regex


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids())
def test_every_pattern_is_anchored_or_has_no_quantifier(pattern: Pattern) -> None:
    """Anchored with ``^``; the only exception is a fixed-width suffix check such as ``\\n$``
    (the schema's ``not`` guards), which costs a bounded amount at each offset: still linear."""
    regex = pattern.regex
    assert is_anchored(regex) or is_fixed_width(regex), regex


def test_the_anchor_checks_tell_anchored_from_unanchored() -> None:
    assert is_anchored(r"^a+$")
    assert is_anchored(r"\Aa+")
    assert not is_anchored(r"a+$")
    assert not is_anchored(r"(^a)|b")
    assert is_fixed_width(r"\n$")
    assert not is_fixed_width(r"a+$")


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids())
def test_every_pattern_compiles_in_python_re(pattern: Pattern) -> None:
    regex = pattern.regex
    assert re.compile(regex).pattern == regex


@pytest.mark.parametrize("pattern", PATTERNS, ids=_ids())
def test_the_benchmark_can_build_a_match_and_adversarial_inputs_for_every_pattern(
    pattern: Pattern,
) -> None:
    """The ReDoS benchmark's inputs only mean something if its generator understands the
    pattern: one pass through it must match, and there must be runs for every quantifier."""
    regex = pattern.regex
    assert re.search(regex, one_pass(parse(regex)))
    inputs = dict(adversarial_inputs(regex, size=64))
    assert len(inputs) > 10
    assert all(len(text) <= 64 * 2 + 200 for text in inputs.values())
