"""`make bench`: build cost of a synthetic corpus, with the explainer plugin and without.

Generates N articles of mixed Chinese/Latin text from the seed's own sentences, a glossary of M
entries (the real ones plus synthetic terms), a timeline and notes anchored in the articles;
builds it alternately with the plugin on and off (whole Pelican processes), and reports medians,
the plugin's overhead, peak memory (the build's, and its largest forked process's), and the
matcher's throughput beside a naive baseline (one alternation regex, longest first) measured in
the same run. Exits non-zero when a budget fails:

- plugin overhead at most 20 % of Pelican's own build (at the default N=1000, M=2000);
- matcher at least 10x the baseline at 10,000 terms;
- peak memory growing linearly or better with N.

    .venv/bin/python tools/bench.py --articles 1000 --terms 2000 --runs 3
"""

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from explainer.parallel import available_workers  # noqa: E402

from tools.bench_matcher import measure as measure_matcher  # noqa: E402
from tools.bytecode import cache_bytecode  # noqa: E402

SEED = ROOT / "seeds" / "000_76256270950bc02b.txt"
GLOSSARY = ROOT / "content" / "data" / "glossary.yaml"
BUDGET_OVERHEAD = 0.20
BUDGET_SPEEDUP = 10.0

# The build's peak memory is read from /proc (VmHWM) where there is one: getrusage's ru_maxrss
# outlives exec, so it counted the benchmark's own process, which forked the build, as well
# (52 MiB of it while the plugin imported pypinyin at once, in the benchmark's process too).
RUNNER = """
import json, multiprocessing, re, resource, sys, time
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings
started = time.perf_counter()
settings = read_settings(sys.argv[1], override=json.loads(sys.argv[2]))
Pelican(settings).run()
seconds = time.perf_counter() - started
for child in multiprocessing.active_children():  # a child counts once reaped, and the build
    child.join()                                 # leaves a background process that is done
status = Path("/proc/self/status")
peak = re.search(r"VmHWM:\\s*(\\d+) kB", status.read_text()) if status.exists() else None
own, forked = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds,
                  "peak_kib": int(peak[1]) if peak else own.ru_maxrss,
                  "worker_peak_kib": forked.ru_maxrss,
                  "cpu": own.ru_utime + own.ru_stime,
                  "forked_cpu": forked.ru_utime + forked.ru_stime}))
"""


def seed_sentences() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [line for line in text.splitlines()[5:] if len(line) > 20]
    return [s + "。" for p in paragraphs for s in p.split("。") if len(s) > 8]


def synthetic_terms(count: int, rng: random.Random, taken: set[str]) -> list[str]:
    han = [c for c in SEED.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"]
    terms: list[str] = []
    while len(terms) < count:
        term = (
            "".join(rng.choice(han) for _ in range(rng.randint(3, 5)))
            if rng.random() < 0.8
            else f"Model{rng.randint(100, 99999)}X"
        )
        if term not in taken:
            taken.add(term)
            terms.append(term)
    return terms


def write_corpus(folder: Path, articles: int, terms: int, rng: random.Random) -> None:
    """Articles, glossary, timeline and notes: everything the plugin reads, at scale."""
    (folder / "articles").mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "notes").mkdir()
    real = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["entries"]
    taken = {
        form
        for e in real
        for form in [e["term"], *e.get("aliases", []), e["english"], *e.get("en_aliases", [])]
    }
    extra = synthetic_terms(max(0, terms - len(real)), rng, taken)
    entries = real[:terms] + [
        {
            "id": f"synthetic-{i}",
            "term": term,
            "english": f"Synthetic {i}",
            "kind": "concept",
            "definition": {"zh": f"合成词条{i}。", "en": f"Synthetic entry {i}."},
        }
        for i, term in enumerate(extra)
    ]
    for entry in entries:
        entry["related"] = [r for r in entry.get("related", []) if r in {e["id"] for e in entries}]
    sentences = seed_sentences()
    forms = [e["term"] for e in entries]
    events, term_cursor = [], 0
    for number in range(articles):
        paragraphs = []
        for _ in range(10):
            chosen = rng.sample(sentences, 3)
            # Every glossary entry is used somewhere, as on a real site.
            chosen.insert(1, f"其中提到{forms[term_cursor % len(forms)]}。")
            term_cursor += 1
            paragraphs.append("".join(chosen))
        marker = f"第{number}号事件发生在本文中"
        paragraphs[3] += marker + "。"
        paragraphs[5] += f"第{number}号注释锚定在这里。"
        body = "\n\n".join(paragraphs[:5] + ["## 第二部分"] + paragraphs[5:])
        # Originals published over three years, as a series' sources are: their relative
        # dates ("今年", "近日") mean as many different things.
        year, month = 2022 + number % 36 // 12, 1 + number % 12
        (folder / "articles" / f"a{number:05d}.md").write_text(
            f"Title: 合成文章 {number}\nSlug: a{number:05d}\nDate: 2024-09-{1 + number % 28:02d}\n"
            f"Published: {year}-{month:02d}\nPublished_label: {year}年{month}月\n"
            f"Standfirst: 合成导语。\n\n{body}\n",
            encoding="utf-8",
        )
        events.append(
            {
                "id": f"event-{number}",
                "date": f"2024-09-{1 + number % 28:02d}",
                "category": "industry",
                "title": {"zh": f"事件{number}", "en": f"Event {number}"},
                "description": {"zh": "合成事件。", "en": "A synthetic event."},
                "quote": {"exact": marker},
            }
        )
        notes = {
            "article": f"a{number:05d}",
            "notes": [
                {
                    "id": f"n{number}",
                    "type": "context",
                    "quote": {"exact": f"第{number}号注释锚定在这里"},
                    "body": {"zh": "合成注释，带**强调**。", "en": "A synthetic note."},
                }
            ],
        }
        (folder / "notes" / f"a{number:05d}.yaml").write_text(
            yaml.safe_dump(notes, allow_unicode=True), encoding="utf-8"
        )
    (folder / "data" / "glossary.yaml").write_text(
        yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (folder / "data" / "timeline.yaml").write_text(
        yaml.safe_dump(
            {"categories": ["yunqi", "alibaba", "models", "industry"], "events": events},
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )


def build(content: Path, output: Path, *, plugin: bool, cache: Path | None = None) -> dict:
    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "DELETE_OUTPUT_DIRECTORY": True,
        "PLUGINS": ["explainer"] if plugin else [],
    }
    if cache:
        override |= {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(cache)}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(ROOT / "pelican.conf.py"), json.dumps(override)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    return {"wall": time.perf_counter() - started, **measured}


def median_builds(content: Path, runs: int) -> dict:
    """Plugin on and off in alternation, so drift in the machine's speed hits both alike."""
    times = {True: [], False: []}
    peaks = {True: [], False: []}
    worker_peaks = [0]
    cpu = {True: [], False: []}  # of every process, the build's and those it forked
    forked_cpu = []  # of the plugin-on build's forked processes
    with tempfile.TemporaryDirectory(dir=content.parent) as folder:
        for _ in range(runs):
            for plugin in (False, True):
                measured = build(content, Path(folder) / "out", plugin=plugin)
                times[plugin].append(measured["wall"])
                peaks[plugin].append(measured["peak_kib"])
                cpu[plugin].append(measured["cpu"] + measured["forked_cpu"])
                if plugin:
                    worker_peaks.append(measured["worker_peak_kib"])
                    forked_cpu.append(measured["forked_cpu"])
        largest = max((Path(folder) / "out").rglob("*.html"), key=lambda page: page.stat().st_size)
        largest_kib = largest.stat().st_size / 1024  # of the last build: plugin on
    return {
        "off": statistics.median(times[False]),
        "on": statistics.median(times[True]),
        "off_runs": times[False],
        "on_runs": times[True],
        "peak_off_mib": max(peaks[False]) / 1024,
        "peak_on_mib": max(peaks[True]) / 1024,
        "worker_peak_mib": max(worker_peaks) / 1024,
        "largest_kib": largest_kib,
        "largest": str(largest.relative_to(Path(folder) / "out")),
        "cpu_off": statistics.median(cpu[False]),
        "cpu_on": statistics.median(cpu[True]),
        "forked_cpu_on": statistics.median(forked_cpu),
    }


def default_folder() -> Path | None:
    """In memory where possible: on this project's virtual machines, writing to the disk made
    the same build take anywhere from 1.5 to 2.9 s, which drowned what is measured here."""
    memory = Path("/dev/shm")
    return memory if memory.is_dir() and os.access(memory, os.W_OK) else None


def corpus_parser(description: str) -> argparse.ArgumentParser:
    """The options of every benchmark of the synthetic corpus."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    return parser


@contextlib.contextmanager
def corpus_folder(args):
    """A temporary folder, in memory where possible, with the corpus `args` ask for in
    `content/` (see corpus_parser)."""
    with tempfile.TemporaryDirectory(dir=default_folder()) as folder:
        content = Path(folder) / "content"
        write_corpus(content, args.articles, args.terms, random.Random(args.seed))
        yield Path(folder)


def main() -> int:
    parser = corpus_parser(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--matcher-terms", type=int, default=10_000)
    parser.add_argument(
        "--folder",
        type=Path,
        default=default_folder(),
        help="where corpora and builds go (default: memory, /dev/shm, where the system has it)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = []
    cache_bytecode()  # as `make html` does: every build imports the plugin as Python caches it

    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        sizes = sorted({max(1, args.articles // 4), max(1, args.articles // 2), args.articles})
        rows = []
        for size in sizes:
            content = Path(folder) / f"content-{size}"
            write_corpus(content, size, args.terms, random.Random(args.seed))
            runs = args.runs if size == args.articles else 1
            rows.append((size, median_builds(content, runs)))
            shutil.rmtree(content)
        cache = cache_speedup(Path(folder), min(args.articles, 200), args.terms, rng)

    print(
        f"Build: {args.terms} glossary entries; medians of whole Pelican processes "
        f"({args.runs} runs at N={args.articles}, alternating plugin off/on) "
        f"in {args.folder or tempfile.gettempdir()}"
    )
    print(
        f"{'articles':>9} {'off s':>8} {'on s':>8} {'overhead':>9} {'peak off MiB':>13} "
        f"{'peak on MiB':>12} {'worker MiB':>11} {'largest page KiB':>17}"
    )
    for size, row in rows:
        overhead = row["on"] / row["off"] - 1
        print(
            f"{size:>9} {row['off']:>8.2f} {row['on']:>8.2f} {overhead:>8.1%} "
            f"{row['peak_off_mib']:>13.1f} {row['peak_on_mib']:>12.1f} "
            f"{row['worker_peak_mib']:>11.1f} {row['largest_kib']:>10.0f} {row['largest']}"
        )
    size, row = rows[-1]
    overhead = row["on"] / row["off"] - 1
    if len(row["on_runs"]) > 1:  # how far apart the runs are, to weigh a difference against
        print(
            f"runs at N={size}: off {min(row['off_runs']):.2f}-{max(row['off_runs']):.2f} s, "
            f"on {min(row['on_runs']):.2f}-{max(row['on_runs']):.2f} s; overhead of each pair: "
            + ", ".join(
                f"{on / off - 1:.1%}"
                for off, on in zip(row["off_runs"], row["on_runs"], strict=True)
            )
        )
    # The build works on every core it may use, so what all its processes spend, shared
    # perfectly among them, is the least time it can take.
    cores = available_workers()
    least = row["cpu_on"] / cores
    print(
        f"CPU at N={size}, every process: off {row['cpu_off']:.2f} s, on {row['cpu_on']:.2f} s "
        f"(forked processes {row['forked_cpu_on']:.2f} s); shared perfectly among {cores} "
        f"core(s), the plugin-on build would take at least {least:.2f} s, "
        f"{least / row['off'] - 1:+.1%} on the plugin-off build"
    )
    if overhead > BUDGET_OVERHEAD:
        failures.append(f"plugin overhead {overhead:.1%} > {BUDGET_OVERHEAD:.0%} at N={size}")
    (small, first), (large, last) = rows[0], rows[-1]
    if large > small:
        growth = (last["peak_on_mib"] - first["peak_on_mib"]) / (large - small)
        print(
            f"memory: {growth * 1024:.1f} KiB more peak per extra article "
            f"({first['peak_on_mib']:.0f} -> {last['peak_on_mib']:.0f} MiB)"
        )
        if last["peak_on_mib"] > first["peak_on_mib"] * large / small * 1.1:
            failures.append("peak memory grows faster than linearly with the article count")

    print(
        f"content cache ({cache['articles']} articles): cold {cache['cold']:.2f} s, "
        f"rebuild after editing one article {cache['warm']:.2f} s "
        f"({cache['cold'] / cache['warm']:.1f}x faster), same output as cold: {cache['same']}"
    )
    if not cache["same"]:
        failures.append("the cached rebuild differs from a cold build")

    matcher = measure_matcher(args.matcher_terms, 1.0, 3, args.seed)
    print(
        f"matcher at {args.matcher_terms} terms on {matcher['megabytes']:.2f} MB: "
        f"aho-corasick {matcher['ours_mb_s']:.2f} MB/s, alternation "
        f"{matcher['naive_mb_s']:.2f} MB/s, {matcher['speedup']:.1f}x"
    )
    if matcher["speedup"] < BUDGET_SPEEDUP:
        failures.append(f"matcher only {matcher['speedup']:.1f}x the baseline")

    for failure in failures:
        print(f"BUDGET FAILED: {failure}", file=sys.stderr)
    print("all budgets hold" if not failures else f"{len(failures)} budget(s) failed")
    return 1 if failures else 0


def cache_speedup(folder: Path, articles: int, terms: int, rng: random.Random) -> dict:
    """A cold build, then a rebuild with Pelican's content cache after editing one article."""
    content, cache = folder / "cache-content", folder / "cache"
    write_corpus(content, articles, terms, rng)
    cold = build(content, folder / "cold", plugin=True, cache=cache)["wall"]
    article = content / "articles" / "a00000.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n补充的一段。\n", encoding="utf-8")
    warm = build(content, folder / "warm", plugin=True, cache=cache)["wall"]
    build(content, folder / "fresh", plugin=True)
    same = same_tree(folder / "warm", folder / "fresh")
    return {"articles": articles, "cold": cold, "warm": warm, "same": same}


def same_tree(first: Path, second: Path) -> bool:
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    if files != {p.relative_to(second) for p in second.rglob("*") if p.is_file()}:
        return False
    return all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


if __name__ == "__main__":
    sys.exit(main())
