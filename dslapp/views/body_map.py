"""The body map's outlines: one pure definition that the app (a Qt painter path), the PDFs (reportlab paths)
and the SVG files in ``resources/body_map/`` are all drawn from.

A neutral outline with child proportions (a large head, short limbs), no face and no gender cues, drawn in
a box ``WIDTH`` × ``HEIGHT`` units with y down (as SVG and Qt draw). A mark is placed as a fraction of that
box (``x``, ``y`` from 0 to 1, from the top left), so it lands on the same spot at any size.

The front is drawn as if facing the reader, so the child's right is on the reader's left; the back the other
way round. ``side_labels`` says which side is which, for the captions under each outline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dslapp.models.concern import BodyMark, BodyView

WIDTH = 200.0
HEIGHT = 440.0
Point = tuple[float, float]

# Half the silhouette (the reader's right), from the neck at the centre line down and round to the crotch,
# as (distance from the centre line, distance from the top). Mirrored for the other half.
_HALF: tuple[Point, ...] = (
    (11.0, 76.0),
    (12.0, 88.0),
    (30.0, 94.0),
    (46.0, 100.0),
    (55.0, 112.0),
    (59.0, 140.0),
    (63.0, 180.0),
    (67.0, 222.0),
    (73.0, 236.0),
    (75.0, 254.0),
    (69.0, 268.0),
    (61.0, 268.0),
    (56.0, 254.0),
    (54.0, 236.0),
    (50.0, 196.0),
    (46.0, 156.0),
    (42.0, 132.0),
    (40.0, 170.0),
    (39.0, 205.0),
    (43.0, 236.0),
    (46.0, 262.0),
    (45.0, 310.0),
    (42.0, 360.0),
    (38.0, 402.0),
    (42.0, 418.0),
    (46.0, 430.0),
    (36.0, 436.0),
    (22.0, 435.0),
    (19.0, 418.0),
    (17.0, 380.0),
    (12.0, 320.0),
    (6.0, 272.0),
    (0.0, 262.0),
)
_HEAD_CENTRE: Point = (WIDTH / 2, 41.0)
_HEAD_RADII: Point = (29.0, 35.0)
_KAPPA = 0.5523  # control-point distance for a quarter ellipse drawn as one cubic curve


@dataclass(frozen=True)
class PathOp:
    """One step of a path: ``M`` move to, ``C`` cubic curve (two control points, then the end), ``Z`` close."""

    op: str
    points: tuple[Point, ...] = ()


def _silhouette() -> list[Point]:
    centre = WIDTH / 2
    right = [(centre + dx, y) for dx, y in _HALF]
    left = [(centre - dx, y) for dx, y in reversed(_HALF[:-1])]
    return right + left


def _closed_curve(points: Sequence[Point]) -> list[PathOp]:
    """A smooth closed curve through ``points`` (Catmull-Rom, written as cubic Béziers)."""
    count = len(points)
    ops = [PathOp("M", (points[0],))]
    for i in range(count):
        p0, p1, p2, p3 = (points[(i + k) % count] for k in (-1, 0, 1, 2))
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        ops.append(PathOp("C", (_round(c1), _round(c2), p2)))
    ops.append(PathOp("Z"))
    return ops


def _ellipse(centre: Point, radii: Point) -> list[PathOp]:
    cx, cy = centre
    rx, ry = radii
    kx, ky = rx * _KAPPA, ry * _KAPPA
    return [
        PathOp("M", ((cx, cy - ry),)),
        PathOp("C", ((cx + kx, cy - ry), (cx + rx, cy - ky), (cx + rx, cy))),
        PathOp("C", ((cx + rx, cy + ky), (cx + kx, cy + ry), (cx, cy + ry))),
        PathOp("C", ((cx - kx, cy + ry), (cx - rx, cy + ky), (cx - rx, cy))),
        PathOp("C", ((cx - rx, cy - ky), (cx - kx, cy - ry), (cx, cy - ry))),
        PathOp("Z"),
    ]


def _round(point: Point) -> Point:
    return (round(point[0], 2), round(point[1], 2))


_BODY = tuple(_closed_curve(_silhouette()))
_HEAD = tuple(_ellipse(_HEAD_CENTRE, _HEAD_RADII))
# The back shows the line of the spine and the shoulder blades, faintly, so front and back are told apart at
# a glance even without their captions.
_BACK_DETAIL = (
    PathOp("M", ((WIDTH / 2, 96.0),)),
    PathOp("C", ((WIDTH / 2, 150.0), (WIDTH / 2, 200.0), (WIDTH / 2, 244.0))),
    PathOp("M", ((WIDTH / 2 - 30.0, 118.0),)),
    PathOp("C", ((WIDTH / 2 - 20.0, 132.0), (WIDTH / 2 - 14.0, 140.0), (WIDTH / 2 - 12.0, 150.0))),
    PathOp("M", ((WIDTH / 2 + 30.0, 118.0),)),
    PathOp("C", ((WIDTH / 2 + 20.0, 132.0), (WIDTH / 2 + 14.0, 140.0), (WIDTH / 2 + 12.0, 150.0))),
)
# The front shows the line where the neck meets the chest, faintly.
_FRONT_DETAIL = (
    PathOp("M", ((WIDTH / 2 - 18.0, 97.0),)),
    PathOp("C", ((WIDTH / 2 - 8.0, 104.0), (WIDTH / 2 + 8.0, 104.0), (WIDTH / 2 + 18.0, 97.0))),
)


def outline(view: BodyView) -> tuple[tuple[PathOp, ...], ...]:
    """The closed shapes of ``view``'s outline (the body, the head)."""
    return (_BODY, _HEAD)


def details(view: BodyView) -> tuple[PathOp, ...]:
    """Faint open lines inside the outline that tell the front from the back."""
    return _BACK_DETAIL if view == BodyView.BACK else _FRONT_DETAIL


def side_labels(view: BodyView) -> tuple[str, str]:
    """What the reader's left and right sides of ``view`` are on the child."""
    return ("Right", "Left") if view == BodyView.FRONT else ("Left", "Right")


SIDE_INSET = 0.1
"""Where the R / L letters under each outline sit, as a fraction of its width in from each side."""

VIEWS: tuple[BodyView, ...] = (BodyView.FRONT, BodyView.BACK)
VIEW_CAPTIONS = {BodyView.FRONT: "Front", BodyView.BACK: "Back"}


def marks_on(marks: Iterable[BodyMark], view: BodyView) -> list[BodyMark]:
    return [mark for mark in marks if mark.view == view]


def marks_summary(marks: Sequence[BodyMark]) -> str:
    """ "Body map: 3 marks" (what a chronology row and a form say), or empty when there are none."""
    if not marks:
        return ""
    return f"Body map: {len(marks)} mark{'' if len(marks) == 1 else 's'}"


def _path_data(ops: Iterable[PathOp]) -> str:
    parts = []
    for step in ops:
        coords = " ".join(f"{x:g},{y:g}" for x, y in step.points)
        parts.append(f"{step.op} {coords}".strip())
    return " ".join(parts)


def outline_svg(view: BodyView) -> str:
    """``view``'s outline as a standalone SVG (the files in ``resources/body_map/`` are written from this)."""
    shapes = "\n".join(
        f'  <path d="{_path_data(shape)}" fill="#ffffff" stroke="#33404d" stroke-width="2"/>' for shape in outline(view)
    )
    detail = f'  <path d="{_path_data(details(view))}" fill="none" stroke="#9aa5b1" stroke-width="1.2"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
        f'width="{WIDTH:g}" height="{HEIGHT:g}">\n'
        f"  <title>Body map outline: {VIEW_CAPTIONS[view].lower()}</title>\n"
        f"{shapes}\n{detail}\n</svg>\n"
    )
