"""HTML validity gate: the W3C Nu HTML Checker (npm `vnu-jar`, pinned in package.json).

One Java process checks every target (HTML pages, stylesheets, SVG files; paths or URLs) and
answers in JSON. `check()` returns (errors, warnings) as readable lines; errors fail the gate.
"""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from urllib.parse import unquote

import pytest

from tests.support.site import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

HOW_TO_GET_JAVA = (
    "The W3C checker (vnu.jar) needs Java 17 or newer, and no `java` was found.\n"
    "  Debian/Ubuntu:  sudo apt-get install default-jre-headless   (.ci/run does this in CI)\n"
    "  elsewhere:      install any Java 17+ runtime and put `java` on PATH."
)
HOW_TO_GET_VNU = (
    f"{VNU_JAR.relative_to(ROOT)} is missing. `make test` installs it (npm ci, pinned by "
    "package-lock.json); by hand: `make node-deps`."
)


# Valid CSS that vnu's CSS checker does not know yet: reported as "checker gaps", never errors.
# Keep each pattern as narrow as the gap; remove it once vnu learns the feature.
KNOWN_CHECKER_GAPS = [
    # @starting-style (CSS Transitions 2, Baseline 2024): "Unrecognized at-rule" at the top
    # level, "Parse Error" when nested in a rule.
    re.compile(r"^CSS: (Unrecognized at-rule “@starting-style”|“starting-style”: Parse Error)"),
]


@dataclass(frozen=True)
class Report:
    version: str
    errors: list[str]
    warnings: list[str]
    gaps: list[str] = field(default_factory=list)


def _command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail(HOW_TO_GET_JAVA, pytrace=False)
    if not VNU_JAR.exists():
        pytest.fail(HOW_TO_GET_VNU, pytrace=False)
    # vnu refuses loopback URLs unless told otherwise; the gates serve the site on 127.0.0.1.
    return [java, "-Dnu.validator.servlet.allow-forbidden-hosts=true", "-jar", str(VNU_JAR)]


def _line(message: dict, names: dict[str, str]) -> str:
    url = message.get("url", "")
    if url.startswith("file:"):
        url = unquote(url.removeprefix("file:"))
    where = names.get(url, url)
    if "lastLine" in message:
        where += f":{message['lastLine']}"
        if "firstColumn" in message or "lastColumn" in message:
            where += f":{message.get('firstColumn', message.get('lastColumn'))}"
    extract = " ".join(message.get("extract", "").split())
    kind = message["type"] + (f"/{message['subType']}" if message.get("subType") else "")
    return f"{where}: {kind}: {message['message']}" + (f"\n    at: {extract}" if extract else "")


def check(targets: list[str], names: dict[str, str] | None = None) -> Report:
    """Check HTML, CSS and SVG targets (absolute paths or URLs) in one run of vnu.

    `names` maps a target to a shorter name for the messages.
    """
    # SVG last: in vnu 26.9, a page fetched by URL right after an SVG file is checked against
    # the SVG schema ("Element “html” not allowed in this context").
    targets = sorted(targets, key=lambda target: target.endswith(".svg"))
    command = [*_command(), "--format", "json", "--stdout", "--exit-zero-always"]
    command += ["--also-check-css", "--also-check-svg", *targets]
    run = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    try:
        answer = json.loads(run.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    names = names or {}
    errors, warnings, gaps = [], [], []
    for message in answer["messages"]:
        # "error" is invalid markup/CSS; "non-document-error" is a target vnu could not read.
        if any(gap.search(message.get("message", "")) for gap in KNOWN_CHECKER_GAPS):
            bucket = gaps
        elif message["type"] in ("error", "non-document-error"):
            bucket = errors
        else:
            bucket = warnings
        bucket.append(_line(message, names))
    return Report(answer.get("version", "?"), errors, warnings, gaps)
