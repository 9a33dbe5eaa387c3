"""Write hw02.ipynb, the otter-assign master notebook of homework 2, from the content below.

The notebook is committed; edit this script and rerun it rather than editing the JSON by hand:

    python assignments/hw02/make_master.py

Layout follows otter assign v1 (see assignments/hw04/make_master.py): raw `# BEGIN QUESTION` /
`# BEGIN SOLUTION` / `# BEGIN TESTS` cells and exception-based tests, one function per cell,
parameters named after student globals. Hidden tests run in the judge: student functions arrive
as proxies taking and returning plain data, and every verdict compares with solutions.hw02.
Public tests are small, hand-checkable and never import `solutions`.

The solution code below is a model student answer written independently of solutions/hw02.py
(the cook's network even numbers its hidden units differently), so building the assignment
(otter assign runs every test on it) cross-checks the two.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from autograder.authoring import master  # noqa: E402
from hw02_cells import (INTRO, Q1_HIDDEN, Q1_PUBLIC, Q1_SOLUTION, Q1_TEXT, Q2_HIDDEN,  # noqa: E402
                        Q2_PUBLIC, Q2_SOLUTION, Q2_TEXT, Q3_HIDDEN, Q3_PUBLIC, Q3_SOLUTION,
                        Q3_TEXT, AutoQuestion)
from hw02_networks import (Q4_HIDDEN, Q4_PUBLIC, Q4_SOLUTION, Q4_TEXT, Q5_HIDDEN,  # noqa: E402
                           Q5_PUBLIC, Q5_SOLUTION, Q5_TEXT, Q6)

MASTER = HERE / "hw02.ipynb"

ASSIGNMENT_CONFIG = master.assignment_config("hw02")

IMPORTS = """
import numpy as np
"""

PARTS = [
    AutoQuestion("q1", Q1_TEXT, [Q1_SOLUTION], Q1_PUBLIC, Q1_HIDDEN),
    AutoQuestion("q2", Q2_TEXT, [Q2_SOLUTION], Q2_PUBLIC, Q2_HIDDEN),
    AutoQuestion("q3", Q3_TEXT, [Q3_SOLUTION], Q3_PUBLIC, Q3_HIDDEN),
    AutoQuestion("q4", Q4_TEXT, [Q4_SOLUTION], Q4_PUBLIC, Q4_HIDDEN),
    AutoQuestion("q5", Q5_TEXT, [Q5_SOLUTION], Q5_PUBLIC, Q5_HIDDEN),
    Q6,
]

SCRIPT = master.MasterScript(path=MASTER, config=ASSIGNMENT_CONFIG, intro=INTRO,
                             imports=IMPORTS, parts=PARTS)

if __name__ == "__main__":
    SCRIPT.write()
