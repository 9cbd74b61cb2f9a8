"""The strings of a list long or short enough to be a fuzzy match: `LengthWindow(strings).within(length, cutoff)`.

The router compares a message (its content words sorted) with every example question by rapidfuzz's `fuzz.ratio`.
For strings of L and l characters the ratio is 100 · 2·LCS / (L + l), and their longest common subsequence has at
most min(L, l) characters, so the ratio reaches `cutoff` only if cutoff · L ≤ (200 − cutoff) · l and the same with
L and l swapped. Examples outside that window of lengths cannot match, so rapidfuzz is given only the others, in the
list's order (it breaks ties by that order, so it returns what it returned for the whole list). A long message is
longer than every example's window and skips the comparison altogether.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class LengthWindow:
    """The strings of a list sorted by length once, so that those of a range of lengths are one slice."""

    def __init__(self, strings: tuple[str, ...]) -> None:
        self.strings = strings
        self._by_length = sorted(range(len(strings)), key=lambda i: len(strings[i]))
        self._lengths = [len(strings[i]) for i in self._by_length]

    def within(self, length: int, cutoff: int) -> tuple[tuple[str, ...], list[int]]:
        """The strings (in the list's order) whose length allows a `fuzz.ratio` of at least `cutoff` (0-100) with a
        string of `length` characters, and their positions in the list."""
        shortest = -(-cutoff * length // (200 - cutoff))  # the least l with (200 - cutoff) · l >= cutoff · length
        longest = (200 - cutoff) * length // cutoff
        positions = sorted(self._by_length[bisect_left(self._lengths, shortest) : bisect_right(self._lengths, longest)])
        return tuple(self.strings[i] for i in positions), positions
