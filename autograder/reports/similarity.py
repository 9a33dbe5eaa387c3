"""Code fingerprints of submissions: identical ones, and pairs unusually alike.

Each graded submission's code cells are compared with the student template's: cells the student
left as they were do not count. What remains is the student's own code:

* **normalised** (Python tokens without comments, blank lines or spacing; a cell that does not
  tokenize, such as one with magics, has its comments and spacing dropped line by line), whose
  SHA-256 flags *identical* submissions;
* **fingerprinted** by winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003) as the
  ``copydetect`` package does it: its Pygments-based filter turns every variable name into ``V``,
  every function name into ``F`` and every string into ``S``, so renaming variables changes
  nothing; k-grams of that text are hashed (with a stable hash, so that fingerprints saved in one
  run compare with those of another) and copydetect's robust winnowing keeps one hash per window.
  Fingerprints the template's code also has are dropped.

Two submissions are *similar* when the fingerprints they share cover at least
``SIMILAR_AT`` of the smaller one's, and that one has at least ``MIN_FINGERPRINTS``. The
fingerprints are computed while grading (the grader has the notebook) and kept in each result's
``code``, so the summary can be rewritten from the results alone.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import tokenize
from dataclasses import dataclass

import numpy as np

NOISE = 25
"""k: characters of filtered code in one k-gram (copydetect's default noise threshold)."""
WINDOW = 6
"""Winnowing window, in k-grams: a match of NOISE + WINDOW - 1 = 30 characters is always found
(copydetect's default guarantee threshold)."""
SIMILAR_AT = 0.6
"""Share of the smaller submission's fingerprints that two submissions must have in common."""
MIN_FINGERPRINTS = 20
"""A submission with fewer own fingerprints (little code of its own) is never called similar."""
MAX_CODE_CHARS = 400_000
"""Own code beyond this is not fingerprinted (a notebook padded with generated code)."""
_SKIP_TOKENS = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}


def normalise(source: str) -> str:
    """A cell's code without comments, blank lines and spacing (one token per space)."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return " ".join(t.string if t.type != tokenize.NEWLINE else ";" for t in tokens
                        if t.type not in _SKIP_TOKENS and (t.string or t.type != tokenize.DEDENT)
                        ).strip()
    except (tokenize.TokenError, IndentationError, SyntaxError):
        lines = (re.sub(r"#.*", "", line).split() for line in source.splitlines())
        return " ; ".join(" ".join(words) for words in lines if words)


def filtered(code: str) -> str:
    """copydetect's filtered form of Python code: names, functions and strings replaced."""
    from copydetect.utils import filter_code  # imports matplotlib: only when fingerprinting

    text, _ = filter_code(code, "cell.py", language="python")
    return text


def winnowed(text: str) -> set[int]:
    """The winnowed k-gram hashes of filtered code (stable across runs and machines)."""
    from copydetect.utils import winnow

    if len(text) < NOISE:
        return set()
    hashes = np.array([int.from_bytes(hashlib.blake2b(text[i:i + NOISE].encode(),
                                                      digest_size=8).digest(), "big", signed=True)
                       for i in range(len(text) - NOISE + 1)], dtype=np.int64)
    selected, _ = winnow(hashes, WINDOW)
    return {int(h) for h in selected}


class CodePrinter:
    """Fingerprints submissions of one assignment against its student template's code."""

    def __init__(self, template_sources: list[str]):
        self.template_cells = {normalise(s) for s in template_sources}
        self.template_prints = winnowed(filtered("\n".join(template_sources)))

    def own_code(self, sources: list[str]) -> list[str]:
        """The cells the student wrote or changed (not the template's, nor empty ones)."""
        return [s for s in sources if normalise(s) and normalise(s) not in self.template_cells]

    def fingerprint(self, sources: list[str]) -> dict:
        """``{"sha256": ..., "hashes": [...], "tokens": n}`` of the student's own code; an empty
        ``sha256`` when there is none (a blank submission is nobody's copy)."""
        own = self.own_code(sources)
        if not own:
            return {"sha256": "", "hashes": [], "tokens": 0}
        normal = "\n".join(normalise(s) for s in own)
        text = filtered("\n".join(own)[:MAX_CODE_CHARS])
        prints = winnowed(text) - self.template_prints
        return {"sha256": hashlib.sha256(normal.encode()).hexdigest(),
                "hashes": sorted(prints), "tokens": len(text)}


@dataclass(frozen=True)
class SimilarPair:
    first: str
    second: str
    share: float
    """Shared fingerprints over the smaller submission's."""
    shared: int


def identical_groups(codes: dict[str, dict]) -> list[list[str]]:
    """Students whose own code is the same once normalised, in groups of two or more."""
    groups: dict[str, list[str]] = {}
    for student, code in sorted(codes.items()):
        digest = code.get("sha256") if isinstance(code, dict) else None
        if isinstance(digest, str) and digest:
            groups.setdefault(digest, []).append(student)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))


def similar_pairs(codes: dict[str, dict], *, threshold: float = SIMILAR_AT,
                  minimum: int = MIN_FINGERPRINTS) -> list[SimilarPair]:
    """Pairs (not identical) whose shared fingerprints reach ``threshold`` of the smaller one's
    fingerprints, most alike first."""
    prints = {s: (set(_ints(c.get("hashes"))), c.get("sha256"))
              for s, c in sorted(codes.items()) if isinstance(c, dict)}
    prints = {s: p for s, p in prints.items() if len(p[0]) >= minimum}
    pairs = []
    for (a, (pa, da)), (b, (pb, db)) in itertools.combinations(prints.items(), 2):
        if da and da == db:
            continue  # listed as identical
        shared = len(pa & pb)
        share = shared / min(len(pa), len(pb))
        if share >= threshold:
            pairs.append(SimilarPair(a, b, round(share, 3), shared))
    return sorted(pairs, key=lambda p: (-p.share, p.first, p.second))


def _ints(values) -> list[int]:
    return [v for v in values if type(v) is int] if isinstance(values, list) else []
