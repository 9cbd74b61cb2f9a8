"""Which words of a vocabulary can be a fuzzy match for a text word: `LetterIndex(words).candidates(word, cutoff)`.

The matcher (`matching`) asks rapidfuzz for the vocabulary words whose `fuzz.ratio` with a text word is at least a
cutoff. Comparing the word with every vocabulary word was a fifth of detect + route's time, and almost every
comparison fails; this index rules most of them out by counting letters, with a few operations on bit sets (one bit
per vocabulary word) instead of one comparison per word. rapidfuzz then compares the few that remain, in the
vocabulary's order, so it returns what it returned for the whole vocabulary (it breaks ties by that order).

Why no word with a high enough ratio is left out: for words of L and l letters whose longest common subsequence has
LCS letters, ratio = 100 · 2·LCS / (L + l) (the normalised Indel similarity). A letter of the text word that the
vocabulary word does not have (counting repeats: the second "a" of "salaam" against a word with one "a") cannot be
part of a common subsequence, so if m of the text word's letters are missing, LCS ≤ L − m. A ratio of at least
`cutoff` needs LCS ≥ cutoff · (L + l) / 200, hence m ≤ ((200 − cutoff) · L − cutoff · l) / 200: for the cutoff 80,
5m ≤ 3L − 2l. Only words that miss more letters than that, for their length, are left out.
"""

from __future__ import annotations


class LetterIndex:
    """Bit sets over a vocabulary (bit i: `words[i]`), built once: the words having at least k of a letter, for
    each letter and k, and the words of each length."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = words
        self._all = (1 << len(words)) - 1
        self._having: dict[tuple[str, int], int] = {}
        self._of_length: dict[int, int] = {}
        for i, word in enumerate(words):
            bit = 1 << i
            self._of_length[len(word)] = self._of_length.get(len(word), 0) | bit
            for key in _occurrences(word):
                self._having[key] = self._having.get(key, 0) | bit

    def candidates(self, word: str, cutoff: int) -> tuple[str, ...]:
        """The vocabulary words, in order, that can have a `fuzz.ratio` of at least `cutoff` (0-100) with `word`:
        those missing no more of its letters than their length allows (module docstring)."""
        allowed = {  # length → how many of the word's letters a vocabulary word of that length may miss
            length: ((200 - cutoff) * len(word) - cutoff * length) // 200
            for length in self._of_length
            if (200 - cutoff) * len(word) >= cutoff * length
        }
        if not allowed:
            return ()
        lacking = self._lacking(word, max(allowed.values()))
        kept = 0
        for length, most in allowed.items():
            kept |= self._of_length[length] & ~lacking[most]
        return tuple(self.words[i] for i in _bits(kept))

    def _lacking(self, word: str, most: int) -> list[int]:
        """lacking[j], j = 0 … `most`: the set of vocabulary words that miss more than j of `word`'s letters (the
        counts saturate above `most`, all that `candidates` asks about)."""
        lacking = [0] * (most + 1)
        everyone, having = self._all, self._having
        for key in _occurrences(word):
            without = everyone ^ having.get(key, 0)  # the words missing this occurrence of the letter
            for j in range(most, 0, -1):
                lacking[j] |= lacking[j - 1] & without
            lacking[0] |= without
        return lacking


def _occurrences(word: str) -> list[tuple[str, int]]:
    """(letter, k) for the k-th occurrence of each letter: "salaam" → (s, 1), (a, 1), (a, 2), (a, 3), (l, 1), (m, 1)."""
    return [(letter, k) for letter in dict.fromkeys(word) for k in range(1, word.count(letter) + 1)]


def _bits(mask: int) -> list[int]:
    """The positions of the bits set in a non-negative `mask`, lowest first."""
    positions = []
    while mask:
        lowest = mask & -mask
        positions.append(lowest.bit_length() - 1)
        mask ^= lowest
    return positions
