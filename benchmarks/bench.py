"""Speed, memory and recall of extractor against plain spaCy on the same texts, as ratios.

    python benchmarks/bench.py speed --corpus lee    # general news: ../shared/bench/lee300.jsonl
    python benchmarks/bench.py speed --corpus muc    # attack-dense: MUC-4 DEV docs with events
    python benchmarks/bench.py workers --corpus muc  # `extractor run -w 1` against `-w 2`
    python benchmarks/bench.py recall                # DEV document recall, gated and ungated

Every measurement runs in a fresh process, so that its peak memory (ru_maxrss) is its own and no
run warms a cache for the next. Plain spaCy is `nlp.pipe` of the very model extractor loads, with
all its components, over the same texts (8 articles a batch, its fastest). The model is loaded
and warmed up before the clock starts. `speed` reports speed per CPU second of the measured
process (what other load on the machine disturbs least) beside speed per wall second; `workers`
can only use wall time and times the whole command, start-up included, since that is what a
user waits for. Ratios are the figures to read: absolute speeds depend on the machine and on
what else runs on it. Nothing here is a test; no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def shared() -> Path:
    return Path(os.environ.get("EXTRACTOR_SHARED") or ROOT.parent / "shared")


def corpus(name: str, limit: int | None) -> list[dict[str, Any]]:
    """The documents of a corpus: {id, text, published?}."""
    if name == "lee":
        path = shared() / "bench" / "lee300.jsonl"
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elif name == "muc":
        path = shared() / "eval" / "data" / "muc4_dev.jsonl"
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        docs = [
            {"id": d["id"], "text": d["text"], "published": d.get("published")}
            for d in docs
            if d.get("events")
        ]
    else:
        raise SystemExit(f"unknown corpus {name!r}: lee or muc")
    return docs[:limit] if limit else docs


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


# ---------------------------------------------------------------------------------------------
# One measurement, in its own process
# ---------------------------------------------------------------------------------------------
def measure(mode: str, corpus_name: str, limit: int | None, batch_size: int) -> dict[str, Any]:
    """(In a child process) time one mode over a corpus, after loading and warming up.

    batch_size is plain spaCy's, in articles; extractor batches candidate sentences with its
    own default (pipeline.BATCH_SIZE), as `extractor run` does."""
    from extractor import Extractor
    from extractor.parse import load_nlp
    from extractor.read import article_from_record

    docs = corpus(corpus_name, limit)
    texts = [d["text"] for d in docs]
    scope = "muc4" if corpus_name == "muc" else "default"
    nlp = load_nlp()  # the model extractor loads, with all its components
    if mode == "spacy":
        list(nlp.pipe(texts[:3], batch_size=batch_size))
    else:
        extractor = Extractor(nlp=nlp, scope=scope, gate=mode == "gated")
        extractor.warm_up()
    started, cpu_started = time.perf_counter(), time.process_time()
    if mode == "spacy":
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        articles = (article_from_record(d, source=d["id"]) for d in docs)
        for _ in extractor.run(articles):
            pass
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    words = sum(len(t.split()) for t in texts)
    return {
        "mode": mode,
        "articles": len(texts),
        "words": words,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "words_per_s": round(words / seconds),
        "words_per_cpu_s": round(words / cpu),
        "articles_per_cpu_s": round(len(texts) / cpu, 2),
        "peak_mb": round(peak_mb()),
    }


def in_child(*args: str) -> dict[str, Any]:
    command = [sys.executable, __file__, *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------
def speed(args: argparse.Namespace) -> None:
    """Plain spaCy, extractor gated and ungated, each in a fresh process, `repeat` times in
    turn; the median of each."""
    modes = ["spacy", "gated", "ungated"]
    runs: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    for _ in range(args.repeat):
        for mode in modes:
            result = in_child(
                "_measure", mode, args.corpus, str(args.limit or 0), str(args.batch_size)
            )
            runs[mode].append(result)
            print(json.dumps(result), file=sys.stderr, flush=True)
    median = {m: _median(r) for m, r in runs.items()}
    base = median["spacy"]
    first = runs["spacy"][0]
    print(
        f"corpus {args.corpus}: {first['articles']} articles, {first['words']:,} words, "
        f"plain spaCy batch size {args.batch_size}, median of {args.repeat}"
    )
    print("speed per CPU second (robust to other load on the machine), and per wall second")
    print(
        f"{'':10}{'words/cpu-s':>12}{'articles/cpu-s':>15}{'speed':>8}"
        f"{'words/s':>9}{'speed':>8}{'peak MB':>9}{'memory':>8}"
    )
    for mode in modes:
        m = median[mode]
        print(
            f"{mode:10}{m['words_per_cpu_s']:>12,.0f}{m['articles_per_cpu_s']:>15.1f}"
            f"{m['words_per_cpu_s'] / base['words_per_cpu_s']:>7.2f}x"
            f"{m['words_per_s']:>9,.0f}{m['words_per_s'] / base['words_per_s']:>7.2f}x"
            f"{m['peak_mb']:>9.0f}{m['peak_mb'] / base['peak_mb']:>7.2f}x"
        )


def _median(runs: list[dict[str, Any]]) -> dict[str, float]:
    keys = ("words_per_s", "words_per_cpu_s", "articles_per_cpu_s", "peak_mb", "seconds")
    return {k: statistics.median(r[k] for r in runs) for k in keys}


def workers(args: argparse.Namespace) -> None:
    """`extractor run` over the corpus with 1 and 2 worker processes, start-up included."""
    docs = corpus(args.corpus, args.limit)
    scope = "muc4" if args.corpus == "muc" else "default"
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        times: dict[int, list[float]] = {1: [], 2: []}
        cpus: dict[int, list[float]] = {1: [], 2: []}
        peaks: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(args.repeat):
            for n in (1, 2):
                out = Path(tmp) / f"out{n}.jsonl"
                out.unlink(missing_ok=True)
                result = in_child_cli(source, out, n, scope)
                times[n].append(result["seconds"])
                cpus[n].append(result["cpu_seconds"])
                peaks[n].append(result["peak_mb"])
                print(json.dumps({"workers": n, **result}), file=sys.stderr, flush=True)
        same = (Path(tmp) / "out1.jsonl").read_bytes() == (Path(tmp) / "out2.jsonl").read_bytes()
    words = sum(len(d["text"].split()) for d in docs)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"corpus {args.corpus}: {len(docs)} articles, {words:,} words, median of {args.repeat}")
    for n, seconds in ((1, one), (2, two)):
        print(
            f"--workers {n}: {seconds:6.1f} s, {words / seconds:8,.0f} words/s, "
            f"CPU {statistics.median(cpus[n]):6.1f} s in all processes, "
            f"largest process {statistics.median(peaks[n]):.0f} MB"
        )
    print(f"speed-up with 2 workers: {one / two:.2f}x (wall time); same output: {same}")
    # On a machine whose two cores are busy with other work, wall time cannot show the gain;
    # the CPU time says whether the two workers did more work than one process (start-up, IPC).
    cpu_ratio = statistics.median(cpus[2]) / statistics.median(cpus[1])
    print(f"CPU time with 2 workers / with 1: {cpu_ratio:.2f}")


def in_child_cli(source: Path, out: Path, workers: int, scope: str) -> dict[str, Any]:
    """Run the CLI in a child process that reports the wall time and the peak memory of the
    largest process under it (the CLI, or its biggest worker)."""
    return in_child("_cli", str(source), str(out), str(workers), scope)


def measure_cli(source: str, out: str, workers: int, scope: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "extractor.cli", "run", source, "-o", out]
    command += ["-w", str(workers), "--scope", scope]
    started = time.perf_counter()
    subprocess.run(command, check=False, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(peak_mb(resource.RUSAGE_CHILDREN)),
    }


def recall(args: argparse.Namespace) -> None:
    """Document and event recall on the DEV gold, with the gate and parsing every sentence."""
    from extractor.evaluate import run_evaluation, shared_dir

    gold = shared_dir() / "eval" / "data" / "muc4_dev.jsonl"
    rows = []
    for gate in (True, False):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
            run_evaluation(gold=[gold], scope="muc4", out=Path(tmp), gate=gate)
            score = json.loads((Path(tmp) / "score.json").read_text(encoding="utf-8"))
        seconds = time.perf_counter() - started
        rows.append((gate, score, seconds))
    print("MUC-4 DEV (1,300 documents, scope muc4)")
    print(f"{'':10}{'doc R':>7}{'doc P':>7}{'doc F1':>8}", end="")
    print(f"{'event R':>9}{'event F1':>10}{'slots F1':>10}")
    for gate, s, _ in rows:
        name = "gated" if gate else "ungated"
        doc, event = s["document"], s["events"]
        print(
            f"{name:10}{doc['recall']:>7.3f}{doc['precision']:>7.3f}{doc['f1']:>8.3f}"
            f"{event['recall']:>9.3f}{event['f1']:>10.3f}{s['all_slots_micro']['f1']:>10.3f}"
        )
    loss = rows[1][1]["document"]["recall"] - rows[0][1]["document"]["recall"]
    print(f"document recall lost to the gate: {100 * loss:.1f} points")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("speed", "workers"):
        command = sub.add_parser(name)
        command.add_argument("--corpus", choices=["lee", "muc"], default="lee")
        command.add_argument("--limit", type=int, default=None, help="first N documents only")
        command.add_argument("--repeat", type=int, default=3)
        command.add_argument(
            "--batch-size", type=int, default=8, help="plain spaCy's batch, in articles"
        )
    sub.add_parser("recall")
    if sys.argv[1:2] == ["_measure"]:
        mode, name, limit, batch = sys.argv[2:6]
        print(json.dumps(measure(mode, name, int(limit) or None, int(batch))))
        return
    if sys.argv[1:2] == ["_cli"]:
        source, out, n, scope = sys.argv[2:6]
        print(json.dumps(measure_cli(source, out, int(n), scope)))
        return
    args = parser.parse_args()
    {"speed": speed, "workers": workers, "recall": recall}[args.command](args)


if __name__ == "__main__":
    main()
