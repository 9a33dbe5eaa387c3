"""Write hw05.ipynb, the otter-assign master notebook of homework 5, from the content below.

The notebook is committed; edit the content files and rerun this script rather than editing the
JSON by hand:

    python assignments/hw05/make_master.py

Layout follows otter assign v1 (see assignments/hw01/make_master.py): raw `# BEGIN QUESTION` /
`# BEGIN SOLUTION` / `# BEGIN TESTS` cells and exception-based tests, one function per cell,
parameters named after student globals. Hidden tests run in the judge: student functions arrive
as proxies taking and returning plain data. Keras objects cannot cross as arguments, so the
notebook holds small given helpers that translate: `declared_search_space` and
`build_model_with` run build_model on a HyperParameters made in the sandbox and return
`hp.get_config()` or the model (config + weights); `vgg_block_model`/`residual_block_model`
wrap a block in a model; `gradient_norm_from_data` and `grad_cam_from_data` rebuild the model
the judge sends (config JSON + weights) before calling the student's function. Every verdict
compares with solutions.hw05 judge-side; the judge's own search, weight transfer and seeded
models are in solutions/hw05_judge.py. Public tests are small and never import `solutions`.

Content lives in hw05_search.py (intro, data, q1, q1b, q2), hw05_resnet.py (q3, q4, q5, q5b)
and hw05_cam.py (q6, q7, q7b). The solution code there is a model student answer written
independently of solutions/hw05.py, so building the assignment (otter assign runs every test
on it) cross-checks the two.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from autograder.authoring import master  # noqa: E402
from hw05_cam import (HELPERS_Q7, PLOT_CODE, Q6_HIDDEN, Q6_PUBLIC, Q6_SOLUTION, Q6_TEXT,  # noqa: E402
                      Q7_HIDDEN, Q7_PUBLIC, Q7_SOLUTION, Q7_TEXT, Q7B)
from hw05_resnet import (EXPERIMENT_CODE, EXPERIMENT_TEXT, HELPERS_Q3, HELPERS_Q5,  # noqa: E402
                         Q3_HIDDEN, Q3_PUBLIC, Q3_SOLUTION, Q3_TEXT, Q4_HIDDEN, Q4_PUBLIC,
                         Q4_SOLUTION, Q4_TEXT, Q5_HIDDEN, Q5_PUBLIC, Q5_SOLUTION, Q5_TEXT, Q5B)
from hw05_search import (DATA_CODE, DATA_TEXT, HELPERS_Q1, IMPORTS, INTRO, Q1_HIDDEN,  # noqa: E402
                         Q1_PUBLIC, Q1_SOLUTION, Q1_TEXT, Q1B, Q2_HIDDEN, Q2_PUBLIC, Q2_SOLUTION,
                         Q2_TEXT, SEARCH_CODE, AutoQuestion, Code, Markdown)

MASTER = HERE / "hw05.ipynb"

ASSIGNMENT_CONFIG = master.assignment_config("hw05", files=("data/lesions.npz",))

SKIP = ("skip-grading",)

PARTS = [
    Markdown(DATA_TEXT),
    Code(DATA_CODE),
    Code(HELPERS_Q1),
    AutoQuestion("q1", Q1_TEXT, [Q1_SOLUTION], Q1_PUBLIC, Q1_HIDDEN),
    Code(SEARCH_CODE, tags=SKIP),
    Q1B,
    AutoQuestion("q2", Q2_TEXT, [Q2_SOLUTION], Q2_PUBLIC, Q2_HIDDEN),
    Code(HELPERS_Q3),
    AutoQuestion("q3", Q3_TEXT, [Q3_SOLUTION], Q3_PUBLIC, Q3_HIDDEN),
    AutoQuestion("q4", Q4_TEXT, [Q4_SOLUTION], Q4_PUBLIC, Q4_HIDDEN),
    Code(HELPERS_Q5),
    AutoQuestion("q5", Q5_TEXT, [Q5_SOLUTION], Q5_PUBLIC, Q5_HIDDEN),
    Markdown(EXPERIMENT_TEXT),
    Code(EXPERIMENT_CODE, tags=SKIP),
    Q5B,
    AutoQuestion("q6", Q6_TEXT, [Q6_SOLUTION], Q6_PUBLIC, Q6_HIDDEN),
    Code(HELPERS_Q7),
    AutoQuestion("q7", Q7_TEXT, [Q7_SOLUTION], Q7_PUBLIC, Q7_HIDDEN),
    Code(PLOT_CODE, tags=SKIP),
    Q7B,
]


SCRIPT = master.MasterScript(path=MASTER, config=ASSIGNMENT_CONFIG, intro=INTRO,
                             imports=IMPORTS, parts=PARTS)

if __name__ == "__main__":
    SCRIPT.write()
