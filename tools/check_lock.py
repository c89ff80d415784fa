"""Keep requirements.lock honest: every exact pin of pyproject.toml must be in it, same version.

`--print-pins` prints the pins instead (used by `make lock` to re-resolve the lock).
"""

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pyproject_pins() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        pins.extend(extra)
    return pins


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def lock_versions() -> dict[str, str]:
    versions = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            versions[normalise(name)] = version.strip()
    return versions


def main() -> int:
    pins = pyproject_pins()
    if "--print-pins" in sys.argv:
        print("\n".join(pins))
        return 0
    locked = lock_versions()
    problems = []
    for pin in pins:
        if "==" not in pin:
            problems.append(f"pyproject.toml: {pin!r} is not pinned to an exact version (use ==)")
            continue
        name, version = (part.strip() for part in pin.split("==", 1))
        if locked.get(normalise(name)) != version:
            problems.append(
                f"requirements.lock: {name} is {locked.get(normalise(name), 'missing')}, "
                f"pyproject.toml pins {version}; run `make lock`"
            )
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
