"""``dslapp bench``: the large-school figures of DESIGN §6, each beside a bare baseline from the same run.

The dataset (1,000 children, 50,000 concerns, heaviest child 2,000) is built in a temporary vault with
cheap Argon2 parameters (this benchmark times everything except Argon2, which is tuned separately).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from dslapp.console import module_command
from dslapp.models import Category, Concern
from dslapp.services import recording
from dslapp.services.children import open_child_file
from dslapp.store import RecordStore, queries
from dslapp.vault import keys
from dslapp.vault.sqlcipher import open_database
from dslapp.vault.vault import DB_NAME, Vault

_BENCH_KDF = keys.KdfParams(time_cost=1, memory_cost=8, parallelism=1)
_PASSPHRASE = "benchmark only"
SEARCH_TERMS = ["breakfast", "bruise", "mum", "shouting", "coat", "hungry", "late", "told", "phone", "tired"]

Progress = Callable[[int, int], bool]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run_bench(children: int = 1000, progress: Progress | None = None, *, smoke: bool = False) -> dict[str, Any]:
    """Every figure of DESIGN §6 for a casebook of ``children``. ``smoke``: the same figures, each measured once
    or twice on a small PDF and cheap Argon2 (the test suite checks that every figure is there, not its value)."""
    from dslapp.demo import build_large

    concerns = children * 50
    heaviest_count = min(2000, concerns // 2)
    results: dict[str, Any] = {"children": children, "concerns": concerns, "heaviest_child_concerns": heaviest_count}
    step, steps = 0, 9

    def tick() -> None:
        nonlocal step
        step += 1
        if progress:
            progress(step, steps)

    with tempfile.TemporaryDirectory(prefix="dslapp-bench-") as tmp:
        directory = Path(tmp) / "vault"
        vault, _ = Vault.create(directory, "Benchmark DSL", "DSL", _PASSPHRASE, kdf=_BENCH_KDF)
        store = RecordStore(vault)
        started = time.perf_counter()
        build_large(store, children=children, concerns=concerns, heaviest=heaviest_count)
        results["build_dataset_s"] = round(time.perf_counter() - started, 2)
        heaviest = str(
            vault.db.scalar(
                "SELECT child_id FROM records WHERE kind = 'concern' GROUP BY child_id ORDER BY count(*) DESC LIMIT 1"
            )
        )
        key = vault.data_key
        vault.lock()
        tick()

        # unlock, excluding Argon2: (open + migrate check + audit + first query) vs (raw keyed open + first query)
        derive = min(_timed(lambda: _BENCH_KDF.derive(b"x", b"0123456789abcdef"), 5))

        def ours_unlock() -> None:
            v = Vault.open(directory, _PASSPHRASE)
            v.db.scalar("SELECT count(*) FROM records WHERE kind = 'child'")
            v.lock()

        def bare_unlock() -> None:
            db = open_database(directory / DB_NAME, key)
            db.scalar("SELECT count(*) FROM records WHERE kind = 'child'")
            db.close()

        ours = statistics.median(_timed(ours_unlock, 15)) - derive
        bare = statistics.median(_timed(bare_unlock, 15))
        results.update(unlock_ms=_ms(ours), unlock_bare_ms=_ms(bare), unlock_ratio=round(ours / bare, 2))
        tick()

        results.update(_today_figures(directory, key, heaviest))
        tick()

        vault = Vault.open(directory, _PASSPHRASE)
        store = RecordStore(vault)
        raw = open_database(directory / DB_NAME, key)
        try:
            # the heaviest child's record with chronology: what the record reads as it opens (the front sheet with
            # the household and supervision notes), then its Chronology tab; beside it, reading the whole file
            def ours_child() -> None:
                _open_record(store, heaviest)
                _chronology(store, heaviest)

            def bare_child() -> None:
                raw.execute("SELECT body FROM records WHERE child_id = ? ORDER BY occurred_on", (heaviest,)).fetchall()

            built = _timed(ours_child, 1)[0]  # nothing kept yet: the chronology built from every record, and kept
            ours = statistics.median(_timed(ours_child, 5))
            bare = statistics.median(_timed(bare_child, 5))
            whole = statistics.median(_timed(lambda: open_child_file(store, heaviest), 5))
            results.update(
                open_heaviest_child_ms=_ms(ours), open_heaviest_child_bare_ms=_ms(bare),
                open_heaviest_child_ratio=round(ours / bare, 2), open_heaviest_child_chronology_built_ms=_ms(built),
                open_heaviest_child_whole_file_ms=_ms(whole),
            )  # fmt: skip
            tick()

            # full-text search: the service vs the same FTS5 query on the raw connection
            from dslapp.store.records import fts_query

            ours_times, bare_times = [], []
            for _round in range(5):
                for term in SEARCH_TERMS:
                    ours_times += _timed(lambda t=term: store.search(t), 1)  # type: ignore[misc]
                    q = fts_query(term, store._expand_prefix)  # the same MATCH our search runs
                    bare_times += _timed(
                        lambda q=q: raw.execute(  # type: ignore[misc]
                            "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid DESC LIMIT 50", (q,)
                        ).fetchall(),
                        1,
                    )
            results.update(
                search_p50_ms=_ms(_pct(ours_times, 50)), search_p95_ms=_ms(_pct(ours_times, 95)),
                search_bare_p50_ms=_ms(_pct(bare_times, 50)), search_bare_p95_ms=_ms(_pct(bare_times, 95)),
                search_ratio_p50=round(_pct(ours_times, 50) / _pct(bare_times, 50), 2),
                search_ratio_p95=round(_pct(ours_times, 95) / _pct(bare_times, 95), 2),
            )  # fmt: skip
            tick()

        finally:
            raw.close()

        # save a concern: validate + commit + audit + FTS vs a bare insert-and-commit of the same size
        observed = datetime.combine(date.today() - timedelta(days=1), datetime.min.time()).replace(hour=9)
        text = "Arrived late and hungry; said there was no breakfast at home. " * 4

        def ours_save() -> None:
            recording.record(
                store, Concern, child_id=heaviest, observed_at=observed, reporter_name="Ms Bench Example",
                categories=[Category.NEGLECT], what_happened=text,
            )  # fmt: skip

        ours_saves = _timed(ours_save, 200)
        vault.lock()
        bare_db = open_database(Path(tmp) / "bare.db", key, create=True)
        bare_db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")

        def bare_save() -> None:
            with bare_db.transaction():
                bare_db.execute("INSERT INTO t (body) VALUES (?)", (text,))

        bare_saves = _timed(bare_save, 200)
        bare_db.close()
        results.update(
            save_concern_p95_ms=_ms(_pct(ours_saves, 95)), save_concern_bare_p95_ms=_ms(_pct(bare_saves, 95)),
            save_concern_ratio_p95=round(_pct(ours_saves, 95) / _pct(bare_saves, 95), 2),
        )  # fmt: skip
        tick()

        measures: list[tuple[str, Callable[[], dict[str, Any]]]] = [
            ("ui", lambda: _ui_figures(directory, heaviest, runs=1 if smoke else 3)),
            (
                "ui_save",
                lambda: _ui_save_figures(
                    directory, heaviest, results, saves=2 if smoke else 20, opens=1 if smoke else 3
                ),
            ),
        ]
        for name, figures in measures:
            try:
                results.update(figures())
            except (RuntimeError, OSError, ValueError) as error:  # keep the other figures; say what failed
                results.setdefault("errors", {})[name] = str(error)[-800:]

    results.update(_pdf_figures(rows=60 if smoke else 2000))
    tick()
    results.update(argon2_unlock_s=round(_argon2_seconds(_BENCH_KDF if smoke else None), 3))
    tick()
    return results


def _open_record(store: RecordStore, child_id: str) -> Any:
    """What a child's record reads as it opens (``ui.operations.casework.open_front``): the front sheet, the
    household and the supervision notes; the whole file is read only by the exports that need it."""
    from dslapp.services import family, front_sheet, supervision

    on = date.today()
    front = front_sheet.read_front_sheet(store, child_id, on)
    return (
        front,
        family.household_for_child(store, child_id, on),
        supervision.supervision_notes_for_child(store, child_id),
    )


def _chronology(store: RecordStore, child_id: str) -> Any:
    """The chronology as the chronology tab reads it: kept in the vault (the first run builds and keeps it, as the
    first opening of a child's chronology does)."""
    from dslapp.services.chronology import kept_chronology

    return kept_chronology(store, child_id).chronology()


def _ui_figures(directory: Path, heaviest: str, runs: int = 3) -> dict[str, Any]:
    """App start to the unlock window, and peak RSS with the dataset open, each in a fresh process beside a
    bare Qt window (run by name so the core never imports Qt)."""
    import os
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DSLAPP_HOME": str(directory.parent / "ui-home")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from compiled modules, not from source

    def run(*args: str) -> tuple[float, str]:
        started = time.perf_counter()
        done = subprocess.run(
            module_command("ui.bench_ui", *args), capture_output=True, text=True, env=env, timeout=300
        )
        if done.returncode != 0:
            raise RuntimeError(f"ui.bench_ui {args[0]} failed: {done.stderr[-600:]}")
        return time.perf_counter() - started, done.stdout.strip()

    ours = statistics.median(run("start", str(directory))[0] for _ in range(runs))
    bare = statistics.median(run("bare")[0] for _ in range(runs))
    rss = int(run("open", str(directory), _PASSPHRASE, heaviest)[1]) / 1024
    bare_rss = int(run("bare-rss")[1]) / 1024
    return {
        "app_start_to_unlock_window_s": round(ours, 3),
        "app_start_bare_qt_window_s": round(bare, 3),
        "app_start_ratio": round(ours / bare, 2),
        "peak_rss_dataset_open_mb": round(rss, 1),
        "peak_rss_bare_qt_window_mb": round(bare_rss, 1),
        "peak_rss_ratio": round(rss / bare_rss, 2),
    }


_TODAY_KINDS = (
    "child", "action", "early_help_plan", "early_help_review", "referral", "transfer", "escalation",
    "alert_acknowledgement", "court_order",
)  # fmt: skip


def _today_figures(directory: Path, key: bytes, heaviest: str) -> dict[str, Any]:
    """Today at unlock (a fresh unlock, nothing computed yet), Today again, and the caseload, each beside the bare
    read of the rows it needs on the raw connection; and the service path of a save (write, then Today, the
    caseload and the child's file as the screens ask for them) beside a bare insert."""
    from dslapp import settings_files
    from dslapp.guidance import neglect
    from dslapp.guidance.alerts import history_days
    from dslapp.guidance.config import get_config, resolve
    from dslapp.services import today as today_service

    on = date.today()
    since = on - timedelta(days=history_days(resolve(None)))
    marks = ",".join("?" * len(_TODAY_KINDS))

    def bare_today() -> None:
        raw = open_database(directory / DB_NAME, key)
        raw.execute(f"SELECT child_id, body FROM records WHERE kind IN ({marks})", _TODAY_KINDS).fetchall()
        raw.execute(
            "SELECT id, child_id, body FROM records WHERE kind = 'concern' AND occurred_on BETWEEN ? AND ?",
            (since.isoformat(), on.isoformat()),
        ).fetchall()
        raw.close()

    def cold_today() -> float:
        """Today as the first screen after an unlock shows it, in a process that has kept nothing in memory and
        read no concern text (the practice settings are read while the passphrase is typed: ``ui/preload.py``;
        the unlock itself is the ``unlock`` figure)."""
        neglect._MATCHERS.clear()
        neglect._matcher.cache_clear()
        settings_files._IN_FORCE.clear()
        get_config()
        fresh = Vault.open(directory, _PASSPHRASE)
        try:
            started = time.perf_counter()
            today_service.today(RecordStore(fresh), on)
            return time.perf_counter() - started
        finally:
            fresh.lock()

    first_today = cold_today()  # nothing kept in the vault yet: a new casebook's first unlock, or after an upgrade
    unlock_today = statistics.median(cold_today() for _ in range(5))
    vault = Vault.open(directory, _PASSPHRASE)
    store = RecordStore(vault)
    raw = open_database(directory / DB_NAME, key)
    try:
        figures = _today_warm_figures(store, raw, heaviest, on, unlock_today, bare_today)
        return {**figures, "today_first_unlock_ms": _ms(first_today)}
    finally:
        raw.close()
        vault.lock()


def _today_warm_figures(
    store: RecordStore, raw: Any, heaviest: str, on: date, unlock_today: float, bare_today: Callable[[], None]
) -> dict[str, Any]:
    from dslapp.services import concerns as concern_service
    from dslapp.services import today as today_service
    from dslapp.services.ui_support import caseload

    bare = statistics.median(_timed(bare_today, 5))
    today_service.today(store, on)
    again = statistics.median(_timed(lambda: today_service.today(store, on), 5))
    ours_caseload = statistics.median(_timed(lambda: caseload(store, on), 5))
    bare_caseload = statistics.median(_timed(lambda: (queries.child_summary_rows(raw), queries.concern_stats(raw)), 5))
    observed = datetime.combine(on - timedelta(days=1), datetime.min.time()).replace(hour=10)

    def save_and_refresh() -> None:
        saved = concern_service.save_concern(
            store, child_id=heaviest, observed_at=observed, reporter_name="Ms Bench Example",
            categories=[Category.NEGLECT], what_happened="Came in without a coat again; said he was cold.",
        )  # fmt: skip
        today_service.today(store, on)
        caseload(store, on, audit=False)  # as the list on screen asks after a change
        open_child_file(store, str(saved.value.child_id))

    saves = _timed(save_and_refresh, 20)
    return {
        "today_at_unlock_ms": _ms(unlock_today),
        "today_bare_read_ms": _ms(bare),
        "today_at_unlock_ratio": round(unlock_today / bare, 2),
        "today_again_ms": _ms(again),
        "caseload_ms": _ms(ours_caseload),
        "caseload_bare_ms": _ms(bare_caseload),
        "caseload_ratio": round(ours_caseload / bare_caseload, 2),
        "save_and_refresh_service_p95_ms": _ms(_pct(saves, 95)),
    }


def _ui_save_figures(
    directory: Path, heaviest: str, results: dict[str, Any], saves: int = 20, opens: int = 3
) -> dict[str, Any]:
    """Save to current and opening the heaviest child, through the real operations on the real DB worker,
    offscreen (``ui.bench_ui save`` / ``child``), beside the bare figures of the same run."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DSLAPP_HOME": str(directory.parent / "ui-home")}

    def run(*args: str) -> Any:
        done = subprocess.run(
            [sys.executable, "-m", "ui.bench_ui", *args], capture_output=True, text=True, env=env, timeout=900
        )
        if done.returncode != 0:
            raise RuntimeError(f"ui.bench_ui {args[0]} failed: {done.stderr[-500:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    saved = run("save", str(directory), _PASSPHRASE, heaviest, str(saves))
    times = saved["seconds"][1:] or saved["seconds"]  # the first save also warms what the rest reuse
    bare_save = results.get("save_concern_bare_p95_ms") or 0.0
    p95 = _ms(_pct(times, 95))
    results.update(
        save_to_current_p50_ms=_ms(_pct(times, 50)),
        save_to_current_p95_ms=p95,
        save_to_current_ratio_p95=round(p95 / bare_save, 2) if bare_save else None,
        save_jobs_on_worker=max(saved["jobs"]),
        save_write_jobs_on_worker=max(saved["writes"]),
    )  # kept even if the next figure fails
    # The first opening after the saves merges their concerns into the chronology kept in the vault (and keeps the
    # result); later openings, in a fresh process each, read what was kept (the median of ``opens``).
    after_saves = run("child", str(directory), _PASSPHRASE, heaviest)
    opened = [run("child", str(directory), _PASSPHRASE, heaviest) for _ in range(opens)]
    bare_child = results.get("open_heaviest_child_bare_ms") or 0.0
    first = _ms(statistics.median(o["first_paint"] for o in opened))
    full = _ms(statistics.median(o["full_chronology"] for o in opened))
    return {
        "open_heaviest_child_first_paint_ms": first,
        "open_heaviest_child_full_chronology_ms": full,
        "open_heaviest_child_first_paint_ratio": round(first / bare_child, 2) if bare_child else None,
        "open_heaviest_child_full_chronology_ratio": round(full / bare_child, 2) if bare_child else None,
        "open_heaviest_child_full_chronology_after_saves_ms": _ms(after_saves["full_chronology"]),
    }


def _pdf_figures(rows: int = 2000) -> dict[str, Any]:
    from dslapp.export.chronology_pdf import bench_chronology_pdf

    figures = bench_chronology_pdf(rows=rows)
    return {f"chronology_pdf_{k}": v for k, v in figures.items()}


def _argon2_seconds(params: keys.KdfParams | None = None) -> float:
    """What one unlock's Argon2 costs with the parameters a real setup would choose on this machine."""
    params = params or keys.calibrate()
    started = time.perf_counter()
    params.derive(b"benchmark", b"0123456789abcdef")
    return time.perf_counter() - started


# ---- growth: the same figures at several sizes ---------------------------------------------------------------

GROWTH_SIZES = (100, 1000, 5000)
GROWTH_FIGURES = (
    ("today_at_unlock_ms", "Today at unlock (ms)"),
    ("today_first_unlock_ms", "Today at a first unlock, nothing kept (ms)"),
    ("today_again_ms", "Today again (ms)"),
    ("caseload_ms", "Caseload (ms)"),
    ("save_to_current_p95_ms", "Save to current, p95 (ms)"),
    ("open_heaviest_child_first_paint_ms", "Heaviest child, first paint (ms)"),
    ("open_heaviest_child_full_chronology_ms", "Heaviest child, full chronology (ms)"),
    ("open_heaviest_child_full_chronology_after_saves_ms", "Heaviest child, full chronology after the saves (ms)"),
    ("open_heaviest_child_chronology_built_ms", "Heaviest child, chronology built from every record (ms)"),
    ("open_heaviest_child_ms", "Heaviest child's record and chronology, services only (ms)"),
    ("search_p50_ms", "Search p50 (ms)"),
    ("unlock_ms", "Unlock (ms)"),
    ("app_start_to_unlock_window_s", "Start to unlock window (s)"),
    ("peak_rss_dataset_open_mb", "Peak memory, casebook open (MB)"),
)


def run_growth(
    sizes: tuple[int, ...] = GROWTH_SIZES, out: Path | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """``dslapp bench --growth``: every figure at each size; with ``out``, the growth table written as Markdown
    (``out``) with a plot of each figure against size beside it (``out`` with the suffix ``.png``)."""
    runs: dict[int, dict[str, Any]] = {}
    for size in sizes:
        runs[size] = run_bench(children=size, progress=progress)
        if out is not None:  # written after each size, so a long run leaves what it has measured
            out.with_suffix(".json").write_text(json.dumps(runs, indent=1), encoding="utf-8")
            out.write_text(growth_markdown(runs, out.with_suffix(".png").name), encoding="utf-8")
            if len(runs) > 1:
                _plot(runs, out.with_suffix(".png"))
    return {"sizes": list(sizes), "runs": {str(k): v for k, v in runs.items()}}


def growth_markdown(runs: dict[int, dict[str, Any]], plot_name: str) -> str:
    sizes = sorted(runs)
    lines = [
        "| figure | " + " | ".join(f"{n:,} children" for n in sizes) + f" | growth {sizes[0]:,}→{sizes[-1]:,} |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]
    for key, label in GROWTH_FIGURES:
        values = [runs[n].get(key) for n in sizes]
        first, last = values[0], values[-1]
        growth = f"×{last / first:.1f}" if isinstance(first, int | float) and first and last is not None else "–"
        lines.append(f"| {label} | " + " | ".join("–" if v is None else str(v) for v in values) + f" | {growth} |")
    data = f"×{sizes[-1] / sizes[0]:.0f}"
    head = [
        "# Performance at growing sizes",
        "",
        "Written by `dslapp bench --growth` (each size a fresh fictional casebook of that many children, 50 concerns",
        "each, the heaviest child 2,000 or half the concerns). Every figure is measured in the same run as its bare",
        "baseline; the full JSON, with the baselines and ratios, is beside this file (`PERFORMANCE.json`).",
        "",
    ]
    tail = [
        "",
        f"The data grows {data} across the table. In the plot both axes are logarithmic; the dashed line is a",
        "figure growing exactly as the data does.",
        "",
        f"![growth]({plot_name})",
        "",
    ]
    return "\n".join([*head, *lines, *tail])


def _plot(runs: dict[int, dict[str, Any]], png: Path) -> None:
    """The plot is drawn with Qt (offscreen) in a fresh process, so the core never imports Qt."""
    import os
    import subprocess
    import sys

    series = {label: [[n, runs[n].get(key)] for n in sorted(runs)] for key, label in GROWTH_FIGURES}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "ui.bench_ui", "plot", str(png)], input=json.dumps(series), text=True, env=env,
        check=True, timeout=120,
    )  # fmt: skip
