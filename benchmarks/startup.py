"""``import order_validation`` and the first ``validate()``, each timed in a fresh interpreter.

In-process numbers would be meaningless here (modules are cached after the first import), so
each run starts a new Python, times the import, checks whether the import compiled the schema,
then times the first call, which pays for the compile.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from typing import Any

from .payloads import ROOT, VALID_PATH

_PROBE = """
import sys, time
start = time.perf_counter_ns()
import order_validation
imported = time.perf_counter_ns()
schema = sys.modules.get("order_validation._schema")
compiled_at_import = None if schema is None else getattr(schema, "_compiled", None) is not None
import json
payload = json.loads(open(sys.argv[1], encoding="utf-8").read())
before = time.perf_counter_ns()
result = order_validation.validate(payload)
after = time.perf_counter_ns()
second = time.perf_counter_ns()
order_validation.validate(payload)
done = time.perf_counter_ns()
engines = ("jsonschema", "jsonschema_rs", "orjson", "referencing")
heavy = sorted(m for m in engines if m in sys.modules)
print(json.dumps({
    "import_ms": (imported - start) / 1e6,
    "first_validate_ms": (after - before) / 1e6,
    "second_validate_ms": (done - second) / 1e6,
    "compiled_at_import": compiled_at_import,
    "valid": result.valid,
    "modules_after_first_call": heavy,
}))
"""


def measure(runs: int) -> dict[str, Any]:
    """Medians over ``runs`` fresh interpreters; {"error": why} when the probe fails."""
    samples: list[dict[str, Any]] = []
    for _ in range(runs):
        try:
            done = subprocess.run(
                [sys.executable, "-c", _PROBE, str(VALID_PATH)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": "probe timed out"}
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
            return {"error": f"probe exited {done.returncode}: {tail[0][:200]}"}
        samples.append(json.loads(done.stdout))
    summary: dict[str, Any] = {
        key: round(statistics.median(s[key] for s in samples), 3)
        for key in ("import_ms", "first_validate_ms", "second_validate_ms")
    }
    summary["runs"] = runs
    summary["compiled_at_import"] = samples[0]["compiled_at_import"]
    summary["first_result_valid"] = samples[0]["valid"]
    summary["modules_after_first_call"] = samples[0]["modules_after_first_call"]
    return summary
