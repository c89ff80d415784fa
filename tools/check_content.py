"""Check the content before publishing: `make check`, or `python -m tools.check_content`.

Prints one `file:line: severity: message` line per problem (the form editors and CI jump to),
then a summary. Exit status: 1 when there are errors, or warnings under `--strict`; else 0.
See `explainer.lint` for what is checked.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "jieba"

sys.path.insert(0, str(ROOT / "plugins"))

from explainer.lint import ALLOWLIST, lint  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--content", type=Path, default=ROOT / "content", help="content folder (default: content)"
    )
    parser.add_argument(
        "-s", "--settings", default=str(ROOT / "pelican.conf.py"), help="Pelican settings file"
    )
    parser.add_argument(
        "--allow",
        type=Path,
        default=None,
        help=f"allowlist of names that need no entry (default: <content>/{ALLOWLIST})",
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail on warnings too (what `make test` does)"
    )
    parser.add_argument(
        "--no-names", action="store_true", help="skip the search for names without an entry"
    )
    args = parser.parse_args(argv)

    from pelican.settings import read_settings

    content = args.content.resolve()
    settings = read_settings(args.settings, override={"PATH": str(content)})
    report = lint(
        content,
        settings,
        allowlist=args.allow,
        cache_dir=CACHE,
        names=not args.no_names,
    )
    root = Path.cwd()
    for line in report.lines(root):
        print(line)
    errors, warnings = len(report.errors), len(report.warnings)
    candidates = len(report.candidates)
    summary = f"content check: {errors} error(s), {warnings} warning(s)"
    if candidates:
        allow = (args.allow or content / ALLOWLIST).resolve()
        shown = allow.relative_to(root) if allow.is_relative_to(root) else allow
        summary += (
            f"; {candidates} name(s) without a glossary entry: give each an entry, "
            f"or list it in {shown} with the reason it needs none"
        )
    print(summary)
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
