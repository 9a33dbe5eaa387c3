"""Write hw01.ipynb, the otter-assign master notebook of homework 1, from the content below.

The notebook is committed; edit the content files and rerun this script rather than editing the
JSON by hand:

    python assignments/hw01/make_master.py

Layout follows otter assign v1 (see assignments/hw02/make_master.py): raw `# BEGIN QUESTION` /
`# BEGIN SOLUTION` / `# BEGIN TESTS` cells and exception-based tests, one function per cell,
parameters named after student globals. Hidden tests run in the judge: student functions arrive
as proxies taking and returning plain data (a Keras model arrives as config + weights and is
rebuilt judge-side with autograder.grading.keras_tools.rebuild_model), and every verdict compares with
solutions.hw01. Public tests are small, hand-checkable and never import `solutions`.

Content lives in hw01_basics.py (q1, q1b, q3), hw01_models.py (data, q2, q2b) and hw01_video.py
(q4, q4b). The solution code there is a model student answer written independently of
solutions/hw01.py, so building the assignment (otter assign runs every test on it) cross-checks
the two.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from autograder.authoring import master  # noqa: E402
from hw01_basics import (IMPORTS, INTRO, Q1_HIDDEN, Q1_PUBLIC, Q1_SOLUTION, Q1_TEXT, Q1B,  # noqa: E402
                         Q3_HIDDEN, Q3_PUBLIC, Q3_SOLUTION, Q3_TEXT, AutoQuestion, Code, Markdown)
from hw01_models import (DATA_CODE, DATA_TEXT, Q2_HIDDEN, Q2_PUBLIC, Q2_SOLUTION,  # noqa: E402
                         Q2_TEXT, Q2B, TRAINING_CODE, TRAINING_TEXT)
from hw01_video import Q4_HIDDEN, Q4_PUBLIC, Q4_SOLUTION, Q4_TEXT, Q4B  # noqa: E402

MASTER = HERE / "hw01.ipynb"

ASSIGNMENT_CONFIG = master.assignment_config("hw01")

PARTS = [
    AutoQuestion("q1", Q1_TEXT, [Q1_SOLUTION], Q1_PUBLIC, Q1_HIDDEN),
    Q1B,
    Markdown(DATA_TEXT),
    Code(DATA_CODE),
    AutoQuestion("q2", Q2_TEXT, [Q2_SOLUTION], Q2_PUBLIC, Q2_HIDDEN),
    Markdown(TRAINING_TEXT),
    Code(TRAINING_CODE, tags=("skip-grading",)),
    Q2B,
    AutoQuestion("q3", Q3_TEXT, [Q3_SOLUTION], Q3_PUBLIC, Q3_HIDDEN),
    AutoQuestion("q4", Q4_TEXT, [Q4_SOLUTION], Q4_PUBLIC, Q4_HIDDEN),
    Q4B,
]


SCRIPT = master.MasterScript(path=MASTER, config=ASSIGNMENT_CONFIG, intro=INTRO,
                             imports=IMPORTS, parts=PARTS)

if __name__ == "__main__":
    SCRIPT.write()
