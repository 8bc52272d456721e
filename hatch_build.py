"""Build hook: compile the optional C screen of the rules (`order_validation/_screen.c`).

The screen only speeds up `validate()` (see `_rules.run_rules`); the package works the same
without it. So a missing compiler, a platform whose Python does not say how to link an
extension, or `ORDER_VALIDATION_PURE=1` all give a pure-Python wheel, with a warning, never a
failed build. With the screen, the wheel is tagged for this interpreter and platform.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("order_validation") / "_screen.c"


def compile_screen(root: Path, target_dir: Path) -> tuple[Path | None, str]:
    """Compile the screen into ``target_dir`` with this interpreter's own compiler settings.

    Returns (the extension's path, "") or (None, why not).
    """
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    link = sysconfig.get_config_var("LDSHARED")  # the compiler and its shared-object flags
    if not suffix or not link:
        return None, "this Python does not say how to link an extension"
    out = target_dir / f"_screen{suffix}"
    command = [
        *shlex.split(link),
        *shlex.split(sysconfig.get_config_var("CCSHARED") or ""),
        "-O2",
        "-ffp-contract=off",  # the same IEEE arithmetic as the Python rules: no fused a*b+c
        f"-I{sysconfig.get_paths()['include']}",
        str(root / SOURCE),
        "-o",
        str(out),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=300)
    except subprocess.CalledProcessError as exc:
        return None, (exc.stderr or exc.stdout or str(exc)).strip()[-500:]
    except (OSError, subprocess.SubprocessError) as exc:
        return None, str(exc)
    return out, ""


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the compiled screen to the wheel, or leaves the wheel pure Python."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        if os.environ.get("ORDER_VALIDATION_PURE"):
            self.app.display_info("ORDER_VALIDATION_PURE is set: building without the C screen")
            return
        root = Path(self.root)
        if version == "editable":
            # An editable install imports the package from the source tree: build it there
            # (git-ignored, and left out of regular wheels by that).
            built, why = compile_screen(root, root / "order_validation")
        else:
            self._scratch = Path(tempfile.mkdtemp(prefix="order-validation-screen-"))
            built, why = compile_screen(root, self._scratch)
            if built is not None:
                build_data["force_include"][str(built)] = f"order_validation/{built.name}"
                build_data["pure_python"] = False
                build_data["infer_tag"] = True
        if built is None:
            self.app.display_warning(
                f"order-validation: the optional C screen was not built ({why}); the package "
                "works the same, only slower"
            )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
