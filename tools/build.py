"""Build the site without ever destroying the last good output.

Pelican writes into a fresh sibling folder with `--fatal warnings`; only when it succeeds is the
old output swapped out. A failed build exits non-zero and leaves `output/` as it was.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.bytecode import cache_bytecode  # noqa: E402


def build(settings: str, output: Path, extra: list[str], content: Path = ROOT / "content") -> int:
    cache_bytecode()  # for the Pelican process: see tools/bytecode.py
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{output.name}.tmp-", dir=output.parent))
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-s",
        settings,
        "-o",
        str(staging),
        "--fatal",
        "warnings",
        *extra,
    ]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        where = f"{output} (unchanged)" if output.exists() else "nothing was written"
        print(
            f"build failed (exit {result.returncode}); last good output kept: {where}",
            file=sys.stderr,
        )
        return result.returncode
    retired = output.with_name(f"{output.name}.old-{staging.name.rsplit('-', 1)[-1]}")
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    if retired.exists():
        shutil.rmtree(retired)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--settings", default="pelican.conf.py")
    parser.add_argument("-o", "--output", default="output", type=Path)
    parser.add_argument("--content", default=ROOT / "content", type=Path)
    args, extra = parser.parse_known_args()
    return build(args.settings, args.output, extra, args.content)


if __name__ == "__main__":
    sys.exit(main())
