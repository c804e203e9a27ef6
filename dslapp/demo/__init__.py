"""The fictional demo caseload (``dslapp demo``) and the large benchmark dataset (``dslapp bench``).

Everyone and everything here is invented: the school (Fictionton Primary Academy), the towns
(Fictionton, Testbury, Sampleford, postcodes FT/TB/SF), the addresses, phone numbers (Ofcom's ranges
reserved for drama: 01632 960xxx and 07700 900xxx), NHS numbers (the 999 range reserved for test data)
and UPNs (prefixed ``DEMO``). Children and families have common given names and surnames from the
communities a school in England serves, written in their own scripts.

The showcase caseload is written the way a good DSL records: facts with times, places and who was
there; the child's own words; what was done straight away; and the reasons for every decision,
including decisions not to refer. A set of hand-written case stories carries what the app exists to
show (a cumulative neglect pattern with no referral, an Early Help plan that is not improving life for
the child, an escalation after a decision the DSL disagreed with, transfers in and out, a private
fostering arrangement, county lines); the rest of the caseload is assembled from varied templates.

Both builders are deterministic: every id, time and choice comes from one ``random.Random(seed)`` and
every date is relative to ``today``, so the same arguments always give the same records. ``today``
must not be in the future (the models refuse future events).

Where things are:

- ``showcase``: ``build_demo``, the showcase caseload; ``benchmark``: ``build_large``, the benchmark dataset.
- ``world``: the school, its staff, the agencies and places; ``cultures``: children's and families' names;
  ``school_calendar``: school days, terms and times.
- ``build_state``: one build's random source, dates counted from ``today``, and what must stay unique.
- ``case_file``: one child's file while it is built, with a builder for each kind of record.
- ``stories/``: one module per hand-written story, and the DSL's own notes that go with them.
- ``generic/``: the rest of the caseload, assembled from concern templates and Early Help plan themes.
"""

from __future__ import annotations

from dslapp.demo.benchmark import build_large
from dslapp.demo.showcase import build_demo
from dslapp.demo.summary import DemoSummary, Progress

__all__ = ["DemoSummary", "Progress", "build_demo", "build_large"]
