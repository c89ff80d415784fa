"""What the plugin costs besides annotating: its build with every annotation made beforehand.

Annotating (about 1.2 ms an article) is most of the plugin's work but not all of it: importing
the plugin, handing its data to the build, fingerprints, taking results back and rendering the
cards, writing pages seven times larger. This builds the benchmark's corpus (tools/bench.py)
three ways, whole Pelican processes in alternation: without the plugin, with it, and with it
but each article's annotation looked up instead of made (`annotate_anew` unpickles one stored
by an earlier build, about 0.05 ms, in the build and in its background process alike). The
third is about the floor that no faster annotator can go below. The stored annotations are
kept as bytes, which the garbage collector does not scan; the time to read them in, which no
real build spends, is measured in that process and taken off.

    .venv/bin/python tools/bench_floor.py --articles 1000 --terms 2000 --runs 3
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.bench import corpus_folder, corpus_parser, same_tree  # noqa: E402
from tools.bytecode import cache_bytecode  # noqa: E402

COLLECT = """
import json, pickle, sys
sys.path.insert(0, sys.argv[4])
import explainer.generator as generator
from pelican import Pelican
from pelican.settings import read_settings
stored, annotate = {}, generator.ExplainerGenerator.annotate_anew
def keep(self, document):
    annotation = annotate(self, document)
    stored[(document.slug, document.lang)] = pickle.dumps(annotation, pickle.HIGHEST_PROTOCOL)
    return annotation
generator.ExplainerGenerator.annotate_anew = keep
Pelican(read_settings(sys.argv[1], override=json.loads(sys.argv[2]))).run()
with open(sys.argv[3], "wb") as file:
    pickle.dump(stored, file, protocol=pickle.HIGHEST_PROTOCOL)
"""

BUILD = """
import json, pickle, sys, time
loading = 0.0
if sys.argv[3]:
    sys.path.insert(0, sys.argv[4])
    import explainer.generator as generator
    started = time.perf_counter()
    with open(sys.argv[3], "rb") as file:
        stored = pickle.load(file)
    loading = time.perf_counter() - started
    generator.ExplainerGenerator.annotate_anew = (
        lambda self, document: pickle.loads(stored[(document.slug, document.lang)])
    )
from pelican import Pelican
from pelican.settings import read_settings
Pelican(read_settings(sys.argv[1], override=json.loads(sys.argv[2]))).run()
print(json.dumps({"loading": loading}))
"""


def run(script: str, content: Path, output: Path, plugin: bool, stored: str = "", **extra):
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "DELETE_OUTPUT_DIRECTORY": True,
        "PLUGINS": ["explainer"] if plugin else [],
        **extra,
    }
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(ROOT / "pelican.conf.py"),
            json.dumps(override),
            stored,
            str(ROOT / "plugins"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    lines = result.stdout.strip().splitlines()
    loading = json.loads(lines[-1])["loading"] if lines and lines[-1].startswith("{") else 0.0
    return wall - loading


def main() -> int:
    parser = corpus_parser(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cache_bytecode()  # as bench.py does
    with corpus_folder(args) as folder:
        content = folder / "content"
        stored = str(folder / "annotations.pickle")
        run(COLLECT, content, folder / "collected", True, stored, EXPLAINER_WORKERS=1)
        times: dict[str, list[float]] = {"off": [], "on": [], "made beforehand": []}
        outputs = {label: folder / label.replace(" ", "-") for label in times}
        for _ in range(args.runs):
            times["off"].append(run(BUILD, content, outputs["off"], False))
            times["on"].append(run(BUILD, content, outputs["on"], True))
            times["made beforehand"].append(
                run(BUILD, content, outputs["made beforehand"], True, stored)
            )
        same = same_tree(outputs["on"], outputs["made beforehand"])
    off = statistics.median(times["off"])
    print(
        f"{args.articles} articles, {args.terms} glossary entries: medians of {args.runs} "
        "whole Pelican processes"
    )
    for label, measured in times.items():
        median = statistics.median(measured)
        print(f"  {label:24} {median:6.2f} s  overhead {median / off - 1:6.1%}")
    print(f"the site built from stored annotations is the site annotated anew: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
