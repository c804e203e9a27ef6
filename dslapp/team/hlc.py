"""Hybrid logical clock: wall-clock milliseconds, a counter, and the device id to break ties.

Every event a device writes gets a stamp later than every stamp it has written or read, so amendments and
register writes sort the same way on every device, whatever order their files arrive in, and a laptop whose
clock is behind still orders its own changes after what it has seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from dslapp.errors import TeamFileRejected


@dataclass(frozen=True, order=True)
class Stamp:
    wall: int
    counter: int
    device: str

    def text(self) -> str:
        """Sortable as text: the same order as the stamps themselves."""
        return f"{self.wall:015d}.{self.counter:06d}.{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        wall, counter, device = text.split(".", 2)
        if len(wall) != 15 or len(counter) != 6 or not (wall.isdigit() and counter.isdigit()) or not device:
            raise TeamFileRejected("it holds a clock reading that is not valid")
        return cls(int(wall), int(counter), device)


ZERO = Stamp(0, 0, "")


def tick(last: Stamp, now_ms: int, device: str) -> Stamp:
    """The stamp for a new event written here."""
    wall = max(last.wall, now_ms)
    counter = last.counter + 1 if wall == last.wall else 0
    return Stamp(wall, counter, device)


def receive(last: Stamp, remote: Stamp, now_ms: int, device: str) -> Stamp:
    """The clock after reading ``remote``: later than both it and everything before."""
    wall = max(last.wall, remote.wall, now_ms)
    if wall == last.wall == remote.wall:
        counter = max(last.counter, remote.counter) + 1
    elif wall == last.wall:
        counter = last.counter + 1
    elif wall == remote.wall:
        counter = remote.counter + 1
    else:
        counter = 0
    return Stamp(wall, counter, device)
