"""Drive tests/node/engines.js: one long-running node process speaking JSON lines."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

NODE_DIR = Path(__file__).resolve().parent.parent / "node"


def node_available() -> bool:
    return shutil.which("node") is not None


def install_node_packages() -> None:
    """`npm ci` from the committed lockfile, once, when node_modules is missing."""
    if (NODE_DIR / "node_modules" / "ajv-draft-04").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("node is on PATH but npm is not: cannot install tests/node packages")
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=NODE_DIR,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        raise RuntimeError(f"npm ci failed in {NODE_DIR}:\n{done.stdout}\n{done.stderr}")


class NodeEngines:
    """The ajv engines in one node process; every request gets exactly one reply line."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not on PATH")
        self._process = subprocess.Popen(
            [node, str(NODE_DIR / "engines.js")],
            cwd=NODE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def ask_many(self, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send all requests while reading replies, so neither pipe can fill and block."""
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        stdin = self._process.stdin

        def feed() -> None:
            for request in requests:
                stdin.write(json.dumps(request) + "\n")
            stdin.flush()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        replies = []
        for _ in requests:
            line = self._process.stdout.readline()
            if not line:
                raise RuntimeError("the node engines process stopped")
            replies.append(json.loads(line))
        writer.join()
        return replies

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        return self.ask_many([request])[0]

    def load(
        self,
        name: str,
        engine: str,
        schema: Any,
        annotations: tuple[str, ...] = (),
        *,
        lenient_types: bool = False,
    ) -> dict[str, Any]:
        """Compile `schema` as validator `name`; the reply lists any strict-mode warnings."""
        return self.ask(
            {
                "op": "load",
                "name": name,
                "engine": engine,
                "schema": schema,
                "annotations": list(annotations),
                "lenient_types": lenient_types,
            }
        )

    def verdicts(self, payloads: list[Any]) -> list[dict[str, bool]]:
        replies = self.ask_many([{"op": "check", "payload": p} for p in payloads])
        return [reply["verdicts"] for reply in replies]

    def regex(self, pattern: str, probes: list[str]) -> dict[str, Any]:
        return self.ask({"op": "regex", "pattern": pattern, "probes": probes})

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
