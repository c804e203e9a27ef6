"""Keep ``None`` alive under PySide6 6.12 on Python 3.11.

PySide6 6.12.0's bindings release a reference to ``None`` on every call of a Qt method that returns nothing
(measured: 1,000 ``QPainter.drawEllipse`` calls take 1,000 from ``sys.getrefcount(None)``). When the count reaches
zero the interpreter aborts with "none_dealloc", which painting a heavy child's timeline a few times was enough
to do. Python 3.12 made ``None`` immortal (PEP 683), so the bug cannot bite there; on 3.11 we do what 3.12 does,
by giving ``None`` so many references that no session could release them all. ``None`` is never deallocated in a
correct program, so nothing else changes. Remove this when PySide6 is fixed or Python 3.11 is dropped.
"""

from __future__ import annotations

import ctypes
import sys

_MANY = 1 << 40
"""At a million released references a second, about twelve days of painting."""


def keep_none_alive() -> None:
    """Add :data:`_MANY` references to ``None`` (once; nothing on Python 3.12 and later)."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _MANY:
        return
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field of every CPython object
    count.value += _MANY
