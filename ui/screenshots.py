"""Render the main screens with the fictional demo casebook to PNG (``python -m ui.screenshots OUTDIR``).

Runs offscreen in a temporary data folder, so nothing touches the user's own casebook: the welcome
screen, setting a passphrase, unlock, Today, the caseload (searching), a child's record and the
record-a-concern dialog, the household view and the Operation Encompass entry. The window is 1280 x 800.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt loads inside render(), after the environment is set
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from ui.dialogs.record_concern import RecordConcernDialog

WIDTH, HEIGHT = 1280, 800


def _settle(app: QCoreApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def render(outdir: Path, *, log: Callable[[str], None] = print) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dslapp-shots-") as home:
        os.environ["DSLAPP_HOME"] = home

        from dslapp.services.ui_support import caseload
        from ui.app import CasebookApp, create_application
        from ui.operations import vault_ops
        from ui.windows.setup_wizard import SetupWizard

        app = create_application(sys.argv[:1])
        controller = CasebookApp(synchronous=True, watch_session_lock=False)
        window = controller.window
        window.resize(WIDTH, HEIGHT)
        window.show()
        written: list[Path] = []

        def shot(name: str, widget: QWidget | None = None) -> None:
            _settle(app)
            target = widget or window
            path = outdir / f"{name}.png"
            target.grab().save(str(path))
            written.append(path)
            log(f"wrote {path}")

        controller.show_setup()
        shot("01-welcome")
        wizard = window.screen_widget
        assert isinstance(wizard, SetupWizard)
        # a deputy joining the team casebook (the details page only: the demo stays a team of one)
        wizard.join_button.click()
        wizard.join_folder.setText("C:\\Users\\sam.example\\Fictionton Primary Academy\\Safeguarding team")
        wizard.join_code.setText("K7QX-M4TD-R9HB-2WZC-P6NF-8LJV")
        wizard.join_name.setText("Mr Sam Example")
        wizard.join_role.setCurrentText("Deputy DSL")
        shot("19-join-team")
        wizard.setup_button.click()
        wizard.name_edit.setText("Mrs Jo Example")
        wizard.school_edit.setText("Fictionton Primary Academy")
        wizard.show_page(SetupWizard.PASSPHRASE)
        wizard.pass_edit.setText("kettle orchard violin tuesday")
        wizard.confirm_edit.setText("kettle orchard violin tuesday")
        shot("02-setup-passphrase")

        # the demo casebook (fictional data), built and opened on the worker (synchronous here)
        wizard.start_demo()
        assert controller.session is not None, controller.last_error
        controller.lock()
        shot("03-unlock")
        vault_ops.open_casebook(
            controller.runner,
            controller.demo_dir,
            vault_ops.DEMO_PASSPHRASE,
            user_id=None,
            on_done=lambda opened: controller.enter(opened, True),
            on_error=lambda error: log(str(error)),
        )
        workspace = controller.workspace
        assert workspace is not None
        shot("04-today")

        workspace.go(type(workspace.location)("caseload"))
        workspace.caseload.search_box.setText("bruise")
        workspace.caseload.run_search()
        shot("05-caseload-search")

        # the child with the fullest file shows the record best
        assert controller.session is not None
        store = controller.session.require_store()
        rows = caseload(store, controller.today())
        busiest = max(rows, key=lambda r: (r.concerns + r.open_actions, r.child.id))
        workspace.caseload.search_box.clear()
        workspace.go(type(workspace.location)("child", busiest.child.id, "overview"))
        shot("06-child-overview")
        child_page = workspace.child_page
        assert child_page is not None  # the child's record was just opened
        child_page.set_tab("concerns")
        shot("07-child-concerns")
        child_page.set_tab("referrals")
        shot("22-child-referrals")
        child_page.set_tab("early_help")
        shot("23-child-early-help")
        child_page.set_tab("chronology")
        shot("09-chronology")

        from ui.screenshot_guidance import guidance_shots  # the review guide and Levels of Need tool

        guidance_shots(workspace, store, shot)

        from ui.screenshot_mash import mash_shots  # the MASH enquiry editor

        mash_shots(workspace, store, busiest.child.id, shot)

        from ui.screenshot_attachments import attachment_shots  # a scanned form attached, and its preview

        attachment_shots(workspace, store, busiest.child.id, shot)

        controller.record_concern(busiest.child.id)
        dialog = controller._concern_dialogs()[0]
        dialog.resize(1080, 900)  # as on a 1080p screen (the offscreen screen is small)
        dialog.where.setText("Year 5 classroom, by the coat pegs")
        dialog.categories.set_selected(["neglect"])
        dialog.facts.setPlainText(
            "At 08:50 I noticed she was wearing the same school jumper as all last week, with food stains down "
            "the front. She had no coat although it was raining. She asked twice if breakfast club had any toast left."
        )
        dialog.words.edit.setPlainText("There wasn't anything in for breakfast again. Mum was asleep.")
        dialog.immediate.setPlainText("Gave her toast and a drink at breakfast club. Spare coat from lost property.")
        dialog.decision.setCurrentIndex(dialog.decision.findData("support_in_school"))
        dialog.significant.setChecked(True)
        dialog.reasons.setPlainText("Third neglect concern this half term; discussing with the family today.")
        dialog.action_rows.add_row({"what": "Phone mum to discuss breakfast and clothing", "owner": "Ms Demo Example"})
        dialog.facts.setFocus()
        shot("08-record-concern", dialog)
        body_map_shot(dialog, shot)
        dialog.close_for_lock()
        from dslapp.services import drafts

        for draft in drafts.list_drafts(store):  # the dialog autosaved one; later shots should not offer it
            drafts.discard_draft(store, draft.id)
        workspace.show_drafts([], {})

        from ui.screenshot_roll import roll_shots  # the school roll import: columns and preview

        roll_shots(controller.session, store, shot)

        # learning from reviews: the library, and supervision with the DSL's CPD log
        from dslapp.services import learning, supervision

        supervision.record_cpd(
            store, training="DSL refresher training", attended_on=date(2025, 1, 21), provider="Fictionshire SP"
        )
        supervision.record_cpd(store, training="Safer recruitment", attended_on=date(2023, 3, 9))
        workspace.go(type(workspace.location)("learning"))
        workspace.learning.open_entry(str(learning.entry_id("persistent")))
        shot("13-learning")
        workspace.go(type(workspace.location)("supervision"))
        shot("14-supervision")

        from ui.screenshot_staff import staff_shots  # staff mode, and the DSL's inbox of concerns from staff

        staff_shots(controller, store, Path(home), shot)

        from ui.screenshot_family import family_shots  # households, statutory plans, Operation Encompass

        family_shots(workspace, store, controller.today(), shot)
        controller.quit()
        return written


def body_map_shot(dialog: RecordConcernDialog, shot: Callable[[str, QWidget | None], None]) -> None:
    """The record-concern dialog scrolled to the body map, with two marks placed and described."""
    from dslapp.models import BodyView

    dialog.categories.set_selected(["physical_abuse"])
    dialog.facts.setPlainText(
        "While changing for PE at 13:40 I saw bruises on the back of her left upper arm: four small round marks "
        "in a line. A scratch on her right cheek."
    )
    dialog.words.edit.setPlainText("It was my brother. He grabbed me when I took his controller.")
    editor = dialog.body_map
    dialog.body_map_toggle.setChecked(True)
    arm = editor.add_mark(BodyView.BACK.value, 0.21, 0.33)
    cheek = editor.add_mark(BodyView.FRONT.value, 0.42, 0.11)
    assert arm is not None and cheek is not None
    arm.size_cm.setValue(1.0)
    arm.colour.setText("blue-purple")
    arm.shape.setText("four ovals in a line")
    arm.explanation.setText("My brother grabbed me")
    cheek.mark_type.setCurrentIndex(cheek.mark_type.findData("scratch"))
    cheek.size_cm.setValue(3.0)
    cheek.colour.setText("red")
    cheek.shape.setText("linear")
    dialog.form_scroll.ensureWidgetVisible(editor, 0, 140)
    shot("26-body-map", dialog)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0]) if args else Path("docs/screenshots")
    render(outdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
