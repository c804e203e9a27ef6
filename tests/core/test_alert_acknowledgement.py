"""Alerts are acknowledged with a note, never silently hidden; every Today item carries its rule id;
an imported case bundle raises the cumulative-neglect alert."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from support import PASSPHRASE

from dslapp.cli import main
from dslapp.errors import InvalidRecord
from dslapp.models import Category, Concern, DslDecision
from dslapp.services import recording
from dslapp.services.alerts import acknowledge_alert, practice_alerts
from dslapp.services.bundle import build_bundle
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.vault import Vault

ON = date(2026, 11, 20)


def _neglect_case(store: RecordStore) -> str:
    child = add_child(store, legal_forename="Jaycee", legal_surname="Testchild", dob=date(2017, 3, 3)).value
    for day in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 2)):
        recording.record(
            store,
            Concern,
            child_id=child.id,
            observed_at=datetime(day.year, day.month, day.day, 8, 45),
            reporter_name="Mr C. Example",
            categories=[Category.NEGLECT],
            what_happened="Arrived hungry, in the same clothes as the day before.",
            dsl_decision=DslDecision.MONITOR,
            decision_reasons="Spoke to dad; monitoring in school.",
            refer_if="Any further day arriving hungry: MASH contact.",
        )
    return str(child.id)


def test_an_acknowledged_alert_stays_visible_with_its_note(store: RecordStore) -> None:
    child_id = _neglect_case(store)
    alerts = practice_alerts(store, ON, child_id=child_id)
    neglect = next(a for a in alerts if a.rule_id == "cumulative_neglect")
    assert neglect.acknowledged_on is None
    with pytest.raises(InvalidRecord):
        acknowledge_alert(store, neglect, "  ", ON)
    acknowledge_alert(store, neglect, "Discussed in supervision; Early Help conversation booked for Monday.", ON)
    again = next(a for a in practice_alerts(store, ON, child_id=child_id) if a.key == neglect.key)
    assert again.acknowledged_on == ON and "Early Help conversation" in again.acknowledged_note
    assert again.as_json()["acknowledged_note"] == again.acknowledged_note
    assert audit.events(store.db)[-1].action == "create"  # the acknowledgement is an audited record


def test_imported_bundle_raises_the_alert_and_today_json_names_every_rule(
    store: RecordStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    fast_kdf: object,
) -> None:  # fmt: skip
    child_id = _neglect_case(store)
    bundle_file = tmp_path / "case.json"
    bundle_file.write_text(build_bundle(store, child_id).model_dump_json())
    other = tmp_path / "receiving"
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    assert main(["init", "--vault", str(other), "--name", "Mr Bo Receiver"]) == 0
    assert main(["import", "--vault", str(other), str(bundle_file)]) == 0
    capsys.readouterr()
    assert main(["today", "--vault", str(other), "--on", ON.isoformat(), "--json"]) == 0
    day = json.loads(capsys.readouterr().out)
    alerts = day["alerts"]
    assert any(a["rule_id"] == "cumulative_neglect" and a["child_id"] == child_id and a["reason"] for a in alerts)
    for section, items in day.items():
        if isinstance(items, list):
            assert all(item["rule_id"] for item in items), section
    with Vault.open(other, PASSPHRASE) as vault:
        assert RecordStore(vault).count("concern") == 3
