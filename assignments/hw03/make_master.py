"""Write hw03.ipynb, the otter-assign master notebook of homework 3, from the content below.

The notebook is committed; edit this script (or the content modules next to it) and rerun it
rather than editing the JSON by hand:

    python assignments/hw03/make_master.py

Layout follows otter assign v1 (see assignments/hw02/make_master.py): raw `# BEGIN QUESTION` /
`# BEGIN SOLUTION` / `# BEGIN TESTS` cells and exception-based tests, one function per cell,
parameters named after student globals. Hidden tests run in the judge: student functions arrive
as proxies taking and returning plain data (the Keras models of question 2 come back as config
plus weights and are rebuilt judge-side), and every verdict compares with solutions.hw03.
Public tests are small, hand-checkable and never import `solutions`.

The solution code is a model student answer written independently of solutions/hw03.py (loops
where the reference indexes, a backwards walk where the reference walks forwards), so building
the assignment (otter assign runs every test on it) cross-checks the two. The shipped data come
from make_weather_data.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from autograder.authoring import master  # noqa: E402
from hw03_experiment import EXPERIMENT_CELL, Q4, Q4_INTRO  # noqa: E402
from hw03_models import (Q2_HIDDEN, Q2_PUBLIC, Q2_SOLUTION, Q2_TEXT, Q3_HIDDEN,  # noqa: E402
                         Q3_PUBLIC, Q3_SOLUTION, Q3_TEXT)
from hw03_windows import (DATA_CELL, DATA_INTRO, IMPORTS, INTRO, Q1_HIDDEN,  # noqa: E402
                          Q1_PUBLIC, Q1_SOLUTION, Q1_TEXT, AutoQuestion, Code, Markdown)

MASTER = HERE / "hw03.ipynb"

ASSIGNMENT_CONFIG = master.assignment_config("hw03", files=("data/weather_small.csv",))

PARTS = [
    Markdown(DATA_INTRO),
    Code(DATA_CELL),
    AutoQuestion("q1", Q1_TEXT, [Q1_SOLUTION], Q1_PUBLIC, Q1_HIDDEN),
    AutoQuestion("q2", Q2_TEXT, [Q2_SOLUTION], Q2_PUBLIC, Q2_HIDDEN),
    AutoQuestion("q3", Q3_TEXT, [Q3_SOLUTION], Q3_PUBLIC, Q3_HIDDEN),
    Q4_INTRO,
    EXPERIMENT_CELL,
    Q4,
]


SCRIPT = master.MasterScript(path=MASTER, config=ASSIGNMENT_CONFIG, intro=INTRO,
                             imports=IMPORTS, parts=PARTS)

if __name__ == "__main__":
    SCRIPT.write()
