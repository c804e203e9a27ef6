"""Imports refuse what cannot be true: records dated after today, and a child who is already in the casebook.

A case bundle or transfer pack is checked against the receiving casebook's own date (its clock), and a child
with the same UPN, or the same legal name and date of birth, is never added as a second file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support import FAST_KDF, PASSPHRASE, MakeVault
from support import run_cli as run

from dslapp.errors import DuplicateChild, FutureDatedRecord
from dslapp.models import (
    Category,
    Child,
    ChronologyEntry,
    Concern,
    EarlyHelpPlan,
    EarlyHelpReview,
    Judgement,
    ReviewDecision,
)
from dslapp.services import recording
from dslapp.services.bundle import build_bundle, import_bundle, parse_bundle
from dslapp.services.children import add_child
from dslapp.services.transfer import export_transfer, import_transfer
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault

SENT_ON = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""The sending casebook's today."""


def _at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def _sender_bundle(tmp_path: Path, make_vault: MakeVault, **child: object) -> str:
    """A bundle for one fictional child with a concern and an Early Help review, made on SENT_ON."""
    vault, _ = make_vault(tmp_path / "sender", "Ms Ada Sender", clock=_at(SENT_ON))
    with vault:
        store = RecordStore(vault)
        fields: dict[str, object] = {
            "legal_forename": "Pip",
            "legal_surname": "Fictionshire",
            "dob": date(2016, 4, 1),
            "upn": "A123456789012",
        }
        fields.update(child)
        kid = add_child(store, **fields).value
        recording.record(
            store,
            Concern,
            child_id=kid.id,
            observed_at=datetime(2026, 2, 20, 9, 40),
            recorded_at=datetime(2026, 2, 20, 11, 5),
            reporter_name="Mr T. Example",
            categories=[Category.NEGLECT],
            what_happened="Came in without a coat in the snow; said the heating is off.",
        )
        plan = recording.record(store, EarlyHelpPlan, child_id=kid.id, started_on=date(2026, 1, 12)).value
        recording.record(
            store,
            EarlyHelpReview,
            child_id=kid.id,
            plan_id=plan.id,
            held_on=date(2026, 2, 23),
            life_improved="Pip has a coat now and says the house is warm.",
            overall=Judgement.IMPROVED,
            decision=ReviewDecision.CONTINUE,
        )
        return build_bundle(store, str(kid.id)).model_dump_json()


def _receiver(tmp_path: Path, make_vault: MakeVault, on: datetime) -> Vault:
    vault, _ = make_vault(tmp_path / "receiver", "Mr Bo Receiver", clock=_at(on))
    return vault


# ---- records dated in the future ------------------------------------------------------------------------


def test_a_record_dated_after_the_receiving_casebooks_today_is_refused_by_name(
    tmp_path: Path, make_vault: MakeVault
) -> None:
    data = _sender_bundle(tmp_path, make_vault)
    # the receiving laptop's today is before the concern (20/02/2026) and the review (23/02/2026)
    with _receiver(tmp_path, make_vault, datetime(2026, 2, 21, 12, 0, tzinfo=UTC)) as vault:
        store = RecordStore(vault)
        with pytest.raises(FutureDatedRecord) as caught:
            import_bundle(store, parse_bundle(data))
        message = str(caught.value)
        assert "\n" not in message
        assert "Early Help review dated 23/02/2026" in message and "21/02/2026" in message
        assert "Nothing was added" in message
        assert store.count() == 0


def test_a_record_on_the_receiving_casebooks_today_is_accepted(tmp_path: Path, make_vault: MakeVault) -> None:
    data = _sender_bundle(tmp_path, make_vault)
    with _receiver(tmp_path, make_vault, datetime(2026, 2, 23, 8, 0, tzinfo=UTC)) as vault:
        child = import_bundle(RecordStore(vault), parse_bundle(data)).value
        assert child.legal_surname == "Fictionshire"


def test_a_future_chronology_entry_is_refused(tmp_path: Path, make_vault: MakeVault) -> None:
    bundle = json.loads(_sender_bundle(tmp_path, make_vault))
    entry = ChronologyEntry(child_id=bundle["child"]["id"], on=date(2026, 3, 1), event="Moved to the area")
    raw = json.loads(entry.model_dump_json())
    raw["on"] = "2026-09-14"
    bundle["chronology"].append(raw)
    with _receiver(tmp_path, make_vault, SENT_ON) as vault:
        store = RecordStore(vault)
        with pytest.raises(FutureDatedRecord, match=r"chronology entry dated 14/09/2026"):
            import_bundle(store, parse_bundle(json.dumps(bundle)))
        assert store.count() == 0


# ---- a child already in the casebook ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "why"),
    [
        ({"legal_forename": "Philippa", "legal_surname": "Otherwise", "dob": date(2015, 1, 1)}, "same UPN"),
        ({"legal_forename": " pip ", "legal_surname": "FICTIONSHIRE", "dob": date(2016, 4, 1), "upn": ""}, "same"),
    ],
)
def test_a_child_already_in_the_casebook_is_not_added_again(
    tmp_path: Path, make_vault: MakeVault, existing: dict[str, object], why: str
) -> None:
    data = _sender_bundle(tmp_path, make_vault)
    with _receiver(tmp_path, make_vault, SENT_ON) as vault:
        store = RecordStore(vault)
        fields = {"upn": "A123456789012", **existing}
        here = add_child(store, **fields).value
        before = store.count()
        with pytest.raises(DuplicateChild) as caught:
            import_bundle(store, parse_bundle(data))
        message = str(caught.value)
        assert "\n" not in message and why in message
        assert str(here.id)[:8] in message and "Nothing was added" in message
        assert store.count() == before


def test_a_different_child_with_the_same_name_but_another_birthday_is_imported(
    tmp_path: Path, make_vault: MakeVault
) -> None:
    data = _sender_bundle(tmp_path, make_vault, upn="")
    with _receiver(tmp_path, make_vault, SENT_ON) as vault:
        store = RecordStore(vault)
        add_child(store, legal_forename="Pip", legal_surname="Fictionshire", dob=date(2018, 7, 9))
        child = import_bundle(store, parse_bundle(data)).value
        assert child.dob == date(2016, 4, 1)


# ---- through the CLI ----------------------------------------------------------------------------------------


def test_cli_import_refuses_a_future_record_and_a_duplicate_child_in_one_line(
    capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path, make_vault: MakeVault
) -> None:
    data = json.loads(_sender_bundle(tmp_path, make_vault))
    receiver = tmp_path / "cli"
    assert run(capsys, "init", "--vault", str(receiver), "--name", "Mr Bo Receiver")[0] == 0
    future = json.loads(json.dumps(data))
    future["concerns"][0]["observed_at"] = "2099-01-15T10:00:00"  # a fixed date after any real today
    future["concerns"][0]["recorded_at"] = "2099-01-15T11:00:00"
    path = tmp_path / "future.json"
    path.write_text(json.dumps(future))
    code, _, err = run(capsys, "import", "--vault", str(receiver), str(path))
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert "record of concern dated 15/01/2099" in err

    good = tmp_path / "good.json"
    good.write_text(json.dumps(data))
    assert run(capsys, "import", "--vault", str(receiver), str(good))[0] == 0
    # the same child again, from another school's file (new record ids, same UPN, name and date of birth)
    again = json.loads(_sender_bundle(tmp_path / "second", make_vault))
    path = tmp_path / "again.json"
    path.write_text(json.dumps(again))
    code, _, err = run(capsys, "import", "--vault", str(receiver), str(path))
    assert code == 1 and err.count("\n") == 1 and "already in this casebook" in err
    with Vault.open(receiver, PASSPHRASE) as vault:
        assert len(RecordStore(vault).find(type(parse_bundle(json.dumps(data)).child))) == 1


def test_a_transfer_pack_for_a_child_already_here_is_refused_and_adds_nothing(
    tmp_path: Path, make_vault: MakeVault
) -> None:
    sender, _ = make_vault(tmp_path / "sender", "Ms Ada Sender", school="Fictional Sender Primary", clock=_at(SENT_ON))
    with sender:
        store = RecordStore(sender)
        kid = add_child(store, legal_forename="Pip", legal_surname="Fictionshire", dob=date(2016, 4, 1)).value
        out = tmp_path / "out"
        out.mkdir()
        pack = export_transfer(store, kid.id, out, "Fictional High", "Mr Bo Receiver", kdf=FAST_KDF)
    with _receiver(tmp_path, make_vault, SENT_ON) as vault:
        receiver = RecordStore(vault)
        here = add_child(receiver, legal_forename="Pip", legal_surname="Fictionshire", dob=date(2016, 4, 1)).value
        before = receiver.count()
        with pytest.raises(DuplicateChild, match="same legal name and date of birth"):
            import_transfer(receiver, pack.pack_path, pack.passphrase)
        assert receiver.count() == before and receiver.all_of(Child) == [here]
