"""Reading otter masters as otter assign reads them (fast: no otter assign run)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from autograder.authoring.otter_format import read_master
from autograder.authoring.otter_tests import check_tests, collect_tests
from autograder.errors import BuildError
from autograder.project import QuestionInfo


def raw(text):
    return nbformat.v4.new_raw_cell(text)


def md(text):
    return nbformat.v4.new_markdown_cell(text)


def code(text):
    return nbformat.v4.new_code_cell(text)


def question(name, *extra, cell=raw):
    config = "\n".join([f"# BEGIN QUESTION\nname: {name}", *extra])
    return [cell(config if cell is raw else f"```otter\n{config}\n```"), md(f"**{name}**"),
            raw("# BEGIN SOLUTION"), code(f"{name}_answer = 1 # SOLUTION"), raw("# END SOLUTION"),
            raw("# BEGIN TESTS"), code(f"{name}_answer == 1"), raw("# END TESTS"),
            raw("# END QUESTION")]


def write(tmp_path: Path, cells, *, language="python") -> Path:
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "x", "display_name": "x", "language": language}
    path = tmp_path / "m.ipynb"
    nbformat.write(notebook, path)
    return path


def test_fenced_and_raw_questions_are_both_read_in_order(tmp_path):
    cells = [md("```otter\n# ASSIGNMENT CONFIG\ngenerate:\n    seed: 42\n```"),
             *question("q1", "points: 4", cell=md), *question("q2", "points: [1, 1]"),
             *question("q3", "manual: true")]
    reading = read_master(write(tmp_path, cells))
    assert reading.questions == [QuestionInfo("q1", 4.0), QuestionInfo("q2", 2.0),
                                 QuestionInfo("q3", 1.0, True)]  # otter: manual defaults to 1
    assert reading.cells == {"q1": 1, "q2": 10, "q3": 19}
    assert reading.seed == {"seed": 42, "variable": None}


def test_a_fence_with_text_around_it_is_read_as_otter_splits_it(tmp_path):
    cell = md("Intro text.\n\n```otter\n# BEGIN QUESTION\nname: q1\n```\n\nThe question.")
    reading = read_master(write(tmp_path, [cell, *question("q1")[1:]]))
    assert [q.name for q in reading.questions] == ["q1"]


@pytest.mark.parametrize("cell,reason", [
    (md("# BEGIN QUESTION\nname: q0"), "Markdown cell holds an otter marker"),
    (code("# BEGIN QUESTION\nname: q0"), "code cell starts with"),
    (md("``` otter\n# BEGIN QUESTION\nname: q0\n```"), "fence '``` otter' is not read by otter"),
    (md("```otter\n# BEGIN QUESTION\nname: q0\n"), "closing"),
], ids=["markdown heading", "code cell", "spaced fence", "unclosed fence"])
def test_a_question_otter_would_drop_stops_the_build_naming_the_cell(tmp_path, cell, reason):
    path = write(tmp_path, [*question("q1"), cell])
    with pytest.raises(BuildError, match=rf"cell 9: .*{reason}|cell 9: {reason}"):
        read_master(path)


def test_a_typo_in_a_documented_key_is_refused_and_a_foreign_key_is_noted(tmp_path):
    with pytest.raises(BuildError, match="unknown question config key `point` .did you mean `points`"):
        read_master(write(tmp_path, question("q1", "point: 2")))
    reading = read_master(write(tmp_path, question("q1", "private_points: 2")))
    assert reading.notes == ["cell 0: question config key `private_points` is not one otter "
                             "documents; otter ignores it and so does this build"]
    cells = question("q1")
    cells[6] = code('""" # BEGIN TEST CONFIG\nhiden: true\n""" # END TEST CONFIG\nq1_answer == 1')
    with pytest.raises(BuildError, match="cell 6: unknown test config key `hiden`"):
        read_master(write(tmp_path, cells))


@pytest.mark.parametrize("cells,message", [
    ([*question("q1"), *question("q1")], "question 'q1' is already defined in cell 0"),
    ([raw("# BEGIN QUESTION\npoints: 1")], "a question without `name:`"),
    ([raw("# BEGIN QUESTION\nname: [q1")], "not valid YAML"),
    ([code("x = 1")], "no `# BEGIN QUESTION` cells"),
    ([raw("# ASSIGNMENT CONFIG\nplugins:\n  - otter.plugins.builtin.GoogleSheetsGradeOverride"),
      *question("q1")], "otter plugins"),
    ([*question("q1"), code('""" # BEGIN PLUGIN\nplugin: x.Y\n"""; # END PLUGIN')],
     "otter plugin cells"),
])
def test_masters_we_cannot_grade_are_refused_with_the_reason(tmp_path, cells, message):
    with pytest.raises(BuildError, match=message.replace("`", ".").replace("[", ".")):
        read_master(write(tmp_path, cells))


def test_an_r_notebook_is_refused(tmp_path):
    with pytest.raises(BuildError, match="r notebook"):
        read_master(write(tmp_path, question("q1"), language="R"))


def _tests(tmp_path, files: dict[str, str]) -> Path:
    folder = tmp_path / "autograder" / "tests"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.py").write_text(text)
    return folder


OK_FILE = ("OK_FORMAT = True\n\ntest = {'name': 'q1', 'points': 2, 'suites': [{'cases': [%s], "
           "'scored': True, 'setup': '', 'teardown': '', 'type': 'doctest'}]}\n")


def test_tests_get_otter_points_and_a_question_without_tests_is_noted(tmp_path):
    master = write(tmp_path, [*question("q1"), *question("q2"), *question("q3", "manual: true")])
    folder = _tests(tmp_path, {"q1": OK_FILE % "{'code': '>>> q1_answer\\n1', 'hidden': False}, "
                                             "{'code': '>>> q1_answer + 1\\n2', 'hidden': True}"})
    checked = check_tests(tests_dir=folder, reading=read_master(master), master=master)
    assert checked.questions == [QuestionInfo("q1", 2.0), QuestionInfo("q2", 0.0),
                                 QuestionInfo("q3", 1.0, True)]
    assert checked.notes == ["question q2 (cell 9) is auto-graded but has no tests: otter gives "
                             "it no points, so it is graded 0 of 0; add tests or mark it "
                             "`manual: true`"]


@pytest.mark.parametrize("case,message", [
    ("{'code': '>>> import student_file\\n>>> student_file.FOO\\n1'}",
     "q1, test case 1 imports `student_file`, which the judge cannot import"),
    ("{'code': 'q1_answer == 1'}", "test case 1 has no `>>>` example"),
    ("{'code': '>>> q1_answer ==\\n1'}", "test case 1 is not a doctest the judge can run"),
])
def test_ok_cases_the_judge_cannot_run_are_refused_with_what_to_change(tmp_path, case, message):
    master = write(tmp_path, question("q1"))
    folder = _tests(tmp_path, {"q1": OK_FILE % case})
    with pytest.raises(BuildError, match=message.replace("`", ".")):
        check_tests(tests_dir=folder, reading=read_master(master), master=master)


def test_an_unreadable_test_file_is_a_build_error_not_a_traceback(tmp_path):
    master = write(tmp_path, question("q1"))
    folder = _tests(tmp_path, {"q1": "OK_FORMAT = True\ntest = {'suites': []}\n"})
    with pytest.raises(BuildError, match="q1.py cannot be read: an OK-format test needs a `name`"):
        check_tests(tests_dir=folder, reading=read_master(master), master=master)


def test_tests_kept_in_the_notebook_metadata_are_written_as_files(tmp_path):
    folder = tmp_path / "autograder"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["otter"] = {"tests": {
        "q1": {"name": "q1", "points": 1, "suites": [{"cases": [{"code": ">>> 1\n1"}],
                                                      "type": "doctest"}]},
        "q2": "from otter.test_files import test_case\n\nOK_FORMAT = False\n\nname = 'q2'\n"}}
    nbformat.write(notebook, folder / "hw.ipynb")
    tests = collect_tests(autograder_dir=folder, notebook_name="hw")
    assert sorted(p.name for p in tests.glob("*.py")) == ["q1.py", "q2.py"]
    assert (tests / "q1.py").read_text().startswith("OK_FORMAT = True\n\ntest = {")
    assert "name = 'q2'" in (tests / "q2.py").read_text()


def test_a_hidden_ok_case_in_the_student_template_is_a_leak(tmp_path):
    from autograder.authoring.build import check_no_leaks

    master = write(tmp_path, question("q1"))
    folder = _tests(tmp_path, {"q1": OK_FILE % (
        "{'code': '>>> q1_answer == 1\\nTrue', 'hidden': False}, "
        "{'code': '>>> q1_answer * 1000 + 7 == 1007\\nTrue', 'hidden': True}")})
    template = tmp_path / "template"
    template.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[code("q1_answer = ...")])
    notebook.metadata["otter"] = {"tests": {"q1": ">>> q1_answer == 1\nTrue"}}
    nbformat.write(notebook, template / "m.ipynb")
    check_no_leaks(master=master, template=template, bundle_tests=folder)  # public only: fine
    notebook.metadata["otter"]["tests"]["q1"] += "\n>>> q1_answer * 1000 + 7 == 1007\nTrue"
    nbformat.write(notebook, template / "m.ipynb")
    with pytest.raises(BuildError, match="hidden test line 'q1_answer \\* 1000 \\+ 7 == 1007'"):
        check_no_leaks(master=master, template=template, bundle_tests=folder)


def test_an_ok_case_only_a_live_object_could_pass_is_refused_with_what_to_change(tmp_path):
    """otter's tutorial tests a generator (`f = fiberator()`, `next(f)`): in the judge the
    student's generator cannot cross as plain data, so every student would fail that case."""
    from autograder.authoring.otter_tests import check_ok_cases_on_solution

    master = write(tmp_path, question("q1"))
    solution = tmp_path / "autograder" / "sol.ipynb"
    folder = _tests(tmp_path, {"q1": OK_FILE % (
        "{'code': '>>> square(3)\\n9', 'hidden': False}, "
        "{'code': '>>> f = fiberator()\\n>>> next(f)\\n0', 'hidden': True}")})
    nbformat.write(nbformat.v4.new_notebook(cells=[code(
        "def square(x):\n    return x * x\n\ndef fiberator():\n    yield 0\n    yield 1")]),
        solution)
    with pytest.raises(BuildError, match=r"q1, test case 2: .*generator.*make the question's "
                                         r"function return plain data"):
        check_ok_cases_on_solution(tests_dir=folder, solution=solution, master=master)
    nbformat.write(nbformat.v4.new_notebook(cells=[code(
        "def square(x):\n    return x * x\n\ndef fiberator():\n    return iter([0, 1])")]),
        solution)
    with pytest.raises(BuildError, match="q1, test case 2: .*list_iterator"):
        check_ok_cases_on_solution(tests_dir=folder, solution=solution, master=master)
    (folder / "q1.py").write_text(OK_FILE % "{'code': '>>> square(3)\\n9', 'hidden': False}")
    assert check_ok_cases_on_solution(tests_dir=folder, solution=solution, master=master) == []
    nbformat.write(nbformat.v4.new_notebook(cells=[code("raise RuntimeError('needs a GPU')")]),
                   solution)
    notes = check_ok_cases_on_solution(tests_dir=folder, solution=solution, master=master)
    assert len(notes) == 1 and "could not be run here" in notes[0] and "needs a GPU" in notes[0]


def test_an_ok_case_that_checks_printed_output_of_a_function_is_refused(tmp_path):
    """In otter's kernel `>>> greet()` shows what greet prints; in the judge the print happens
    in the sandbox and only the return value comes back."""
    from autograder.authoring.otter_tests import check_ok_cases_on_solution

    master = write(tmp_path, question("q1"))
    solution = tmp_path / "autograder" / "sol.ipynb"
    folder = _tests(tmp_path, {"q1": OK_FILE % (
        "{'code': '>>> greet()\\nhello', 'hidden': False}, "
        "{'code': '>>> str(print(twice(2)))\\n4\\n\\'None\\'', 'hidden': False}, "
        "{'code': '>>> twice(5)\\n11', 'hidden': False}")})
    nbformat.write(nbformat.v4.new_notebook(cells=[code(
        "def greet():\n    print('hello')\n\ndef twice(x):\n    return 2 * x")]), solution)
    with pytest.raises(BuildError) as caught:
        check_ok_cases_on_solution(tests_dir=folder, solution=solution, master=master)
    message = str(caught.value)
    assert "q1, test case 1: it checks what a function of the notebook prints" in message
    assert "test case 2" not in message  # print() in the test itself is the judge's: fine
    assert "test case 3" not in message  # fails in otter too: not ours to report
