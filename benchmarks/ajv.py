"""Run the ajv peer in a Node process, when the parity tests' ``tests/node`` install exists.

ajv runs in V8, so it cannot share our process; it gets its own timer with the same method
(``ajv_bench.js``) and the same schema and payload bytes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .payloads import ROOT, Payload

NODE_MODULES = ROOT / "tests" / "node" / "node_modules"
SCRIPT = Path(__file__).resolve().parent / "ajv_bench.js"
ROW_LABELS = {
    "ajv.validate": "ajv (Node, Ajv2020) validate, first error",
    "ajv.all_errors": "ajv (Node, Ajv2020) allErrors",
    "ajv.parse_then_validate": "ajv: JSON.parse + validate",
}


def available() -> str | None:
    """None when ajv can run, else why not."""
    if shutil.which("node") is None:
        return "node not on PATH"
    if not (NODE_MODULES / "ajv" / "package.json").is_file():
        return "tests/node/node_modules/ajv not installed"
    return None


def run(
    schema: dict[str, Any], items: tuple[Payload, ...], *, budget_s: float, smoke: bool
) -> dict[str, Any]:
    """Time ajv on every payload; returns the script's JSON, or {"error": why}."""
    reason = available()
    if reason is not None:
        return {"error": reason}
    document = {"schema": schema, "payloads": {p.key: p.raw.decode("utf-8") for p in items}}
    with tempfile.TemporaryDirectory() as tmp:
        input_path = Path(tmp) / "input.json"
        input_path.write_text(json.dumps(document), encoding="utf-8")
        command = ["node", str(SCRIPT), str(NODE_MODULES), str(input_path), str(budget_s)]
        if smoke:
            command.append("--smoke")
        timeout = 60 + budget_s * 3 * len(items) * len(ROW_LABELS)
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"node exited {done.returncode}: {tail[0][:200]}"}
    result: dict[str, Any] = json.loads(done.stdout)
    return result
