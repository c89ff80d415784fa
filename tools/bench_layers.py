"""Where one build's time goes: Pelican's phases, the plugin's, and each annotation layer's.

Builds the benchmark's synthetic corpus (tools/bench.py) once in this process, timing each
phase of the build; then annotates every article again in this process alone, timing each
layer per article. The figures behind the README's "where it goes".

    .venv/bin/python tools/bench_layers.py --articles 1000 --terms 2000
"""

import sys
import time
from collections import Counter
from functools import wraps
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

import explainer.generator as explainer_generator  # noqa: E402
import pelican.generators as pelican_generators  # noqa: E402
from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from tools.bench import corpus_folder, corpus_parser  # noqa: E402

PHASES = [
    (pelican_generators.ArticlesGenerator, "generate_context", "Pelican reads the articles"),
    (explainer_generator.ExplainerGenerator, "generate_context", "plugin: data"),
    (explainer_generator.ExplainerGenerator, "annotate", "plugin: annotating, after reading"),
    (pelican_generators.ArticlesGenerator, "generate_output", "Pelican writes the articles"),
    (explainer_generator.ExplainerGenerator, "generate_output", "plugin: its pages"),
]
LAYERS = ["parse_document", "add_ids", "mark_terms", "mark_notes", "mark_dates"]


def timed(owner, name: str, label: str, totals: Counter) -> None:
    function = getattr(owner, name)

    @wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - started

    setattr(owner, name, wrapper)


def build(content: Path, output: Path, workers: int | None) -> None:
    settings = read_settings(
        str(ROOT / "pelican.conf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "DELETE_OUTPUT_DIRECTORY": True,
            "PLUGINS": ["explainer"],
            "EXPLAINER_WORKERS": workers,
        },
    )
    Pelican(settings).run()


def main() -> int:
    args = corpus_parser(__doc__.splitlines()[0]).parse_args()
    with corpus_folder(args) as folder:
        content = folder / "content"
        phases: Counter = Counter()
        for owner, name, label in PHASES:
            timed(owner, name, label, phases)
        started = time.perf_counter()
        build(content, Path(folder) / "output", None)
        total = time.perf_counter() - started
        print(f"One build of {args.articles} articles, {args.terms} terms: {total:.2f} s")
        for _, _, label in PHASES:
            print(f"  {label:34} {phases[label]:6.3f} s")

        layers: Counter = Counter()
        for name in [*LAYERS, "annotate_anew"]:
            owner = (
                explainer_generator.ExplainerGenerator
                if name == "annotate_anew"
                else explainer_generator
            )
            timed(owner, name, name, layers)
        build(content, Path(folder) / "output", 1)  # every article annotated here, in turn
        print(f"Annotating, in one process, per article ({args.articles} articles):")
        for name in ["annotate_anew", *LAYERS]:
            print(f"  {name:34} {layers[name] / args.articles * 1000:6.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
