"""Build the wheel, install it into a fresh virtual environment and validate an example with it.

This is the test that the schema really ships inside the package: the installed copy runs from a
temporary directory, far from the repository's ``schema/`` folder, so it can only find the files
the wheel carries.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from order_validation import SCHEMA_ID, __version__, _rules
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

INSIDE_WHEEL = [
    "order_validation/__init__.py",
    "order_validation/py.typed",
    "order_validation/_schema_files/order.schema.json",
    "order_validation/_schema_files/headers.schema.json",
]

SCRIPT = """
import json, sys
from pathlib import Path
import order_validation
from order_validation import validate, validate_json, load_schema, SCHEMA_ID, __version__

valid = validate(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
invalid = validate_json(Path(sys.argv[2]).read_bytes())
headers = order_validation.validate_headers({"wm_consumer.id": "2d6cf199-9b07-4350-bb2b9-0db3c2"})
print(json.dumps({
    "module": order_validation.__file__,
    "version": __version__,
    "schema_id": SCHEMA_ID,
    "loaded_id": load_schema()["$id"],
    "valid": valid.to_dict(),
    "invalid": [[i.code, i.pointer] for i in invalid.errors],
    "headers_valid": headers.valid,
    "screen": order_validation._rules._quiet is not None,
}))
"""


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], cwd=out)
    wheels = list(out.glob("order_validation-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_the_wheel_carries_the_schema_files_and_py_typed(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in INSIDE_WHEEL:
            assert name in names, name
        packaged = json.loads(archive.read("order_validation/_schema_files/order.schema.json"))
    canonical = json.loads((ROOT / "schema" / "order.schema.json").read_text(encoding="utf-8"))
    assert packaged == canonical
    assert __version__ in wheel.name


def test_the_installed_wheel_validates_examples_from_a_fresh_venv(
    wheel: Path, tmp_path: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=tmp_path)

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    output = _run(
        [
            str(python),
            "-I",
            "-c",
            SCRIPT,
            str(EXAMPLES / "delivery-order.json"),
            str(EXAMPLES / "invalid-delivery-order.json"),
        ],
        cwd=workdir,
    )
    report = json.loads(output)
    assert Path(report["module"]).is_relative_to(env_dir)
    assert not Path(report["module"]).is_relative_to(ROOT)
    assert report["version"] == __version__
    assert report["schema_id"] == report["loaded_id"] == SCHEMA_ID
    assert report["valid"] == {"valid": True, "errors": [], "warnings": []}
    assert report["invalid"] == [
        ["slot_window_order", "/end_delivery_slot_time"],
        ["phone_format", "/customer_contact_info/phone_number"],
        ["currency_market_mismatch", "/order_price_info/currency"],
        ["required_for_service", "/delivery_details"],
    ]
    assert report["headers_valid"] is True
    # The compiled screen ships exactly where it was built for the editable install too.
    assert report["screen"] == (_rules._quiet is not None)


def test_the_wheel_is_tagged_for_its_contents(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        screens = [n for n in archive.namelist() if n.startswith("order_validation/_screen.")]
    compiled_ones = [n for n in screens if not n.endswith((".c", ".pyi"))]
    if _rules._quiet is None:
        assert not compiled_ones
        assert wheel.name.endswith("-py3-none-any.whl")
    else:
        assert len(compiled_ones) == 1, screens
        assert not wheel.name.endswith("-none-any.whl"), wheel.name
