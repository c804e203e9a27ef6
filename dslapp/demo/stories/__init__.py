"""The hand-written case stories: one module per child, each a ``story(d)`` that builds that child's file,
and ``staff_notes``, the DSL's own supervision and learning notes that go with them.

Days are counted back from today; ``d.school_day()`` counts in school days, so events never fall on a
weekend or in a holiday. Every story is fictional.
"""

from __future__ import annotations

from collections.abc import Callable

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.stories import (
    alexandros,
    amira,
    bridget,
    cagla,
    daniel,
    evie,
    huong,
    ionut,
    jayden,
    kai,
    kayden,
    lily,
    lucja,
    olena,
    riley,
    simran,
    yusuf,
)

STORIES: tuple[tuple[str, Callable[[BuildState], CaseFile]], ...] = (
    # The first seven cover every status, so even a tiny demo shows each one.
    ("amira", amira.story),
    ("lucja", lucja.story),
    ("alexandros", alexandros.story),
    ("kayden", kayden.story),
    ("daniel", daniel.story),
    ("ionut", ionut.story),
    ("bridget", bridget.story),
    ("lily", lily.story),
    ("jayden", jayden.story),
    ("kai", kai.story),
    ("olena", olena.story),
    ("evie", evie.story),
    ("yusuf", yusuf.story),
    ("cagla", cagla.story),
    ("huong", huong.story),
    ("riley", riley.story),
    ("simran", simran.story),
)
