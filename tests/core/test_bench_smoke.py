"""``dslapp bench`` on 20 children (issue 16): every figure of DESIGN §6 is measured and reported beside its bare
baseline, a save is one write job, and the growth table is written. No timing is asserted: the figures are
measured on a shared machine; the bench run itself is what gives them."""

from __future__ import annotations

from pathlib import Path

from dslapp.bench import GROWTH_FIGURES, growth_markdown, run_bench

FIGURES = (
    "unlock_ms", "unlock_bare_ms", "unlock_ratio",
    "today_at_unlock_ms", "today_first_unlock_ms", "today_bare_read_ms", "today_at_unlock_ratio", "today_again_ms",
    "caseload_ms", "caseload_bare_ms", "caseload_ratio",
    "save_and_refresh_service_p95_ms",
    "open_heaviest_child_ms", "open_heaviest_child_bare_ms", "open_heaviest_child_ratio",
    "open_heaviest_child_whole_file_ms",
    "search_p50_ms", "search_p95_ms", "search_bare_p50_ms", "search_bare_p95_ms", "search_ratio_p50",
    "save_concern_p95_ms", "save_concern_bare_p95_ms", "save_concern_ratio_p95",
    "app_start_to_unlock_window_s", "app_start_bare_qt_window_s", "app_start_ratio",
    "peak_rss_dataset_open_mb", "peak_rss_bare_qt_window_mb", "peak_rss_ratio",
    "save_to_current_p50_ms", "save_to_current_p95_ms", "save_to_current_ratio_p95", "save_jobs_on_worker",
    "save_write_jobs_on_worker",
    "open_heaviest_child_first_paint_ms", "open_heaviest_child_full_chronology_ms",
    "open_heaviest_child_first_paint_ratio", "open_heaviest_child_full_chronology_ratio",
    "open_heaviest_child_full_chronology_after_saves_ms", "open_heaviest_child_chronology_built_ms",
    "chronology_pdf_chronology_pdf_s", "chronology_pdf_bare_table_pdf_s", "chronology_pdf_ratio",
    "argon2_unlock_s",
)  # fmt: skip


def test_a_small_bench_reports_every_figure(tmp_path: Path) -> None:
    results = run_bench(children=20, smoke=True)
    missing = [name for name in FIGURES if not isinstance(results.get(name), int | float)]
    assert missing == []
    assert all(results[name] >= 0 for name in FIGURES)
    assert results["save_write_jobs_on_worker"] == 1  # one Save, one write job

    table = growth_markdown({20: results, 40: results}, "growth.png")
    for _key, label in GROWTH_FIGURES:
        assert label in table
    assert "![growth](growth.png)" in table
