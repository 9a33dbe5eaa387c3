"""`autograder build` on the tiny assignment: template, bundle, and leak detection."""

from __future__ import annotations

import json
import shutil

import pytest

from autograder.authoring.build import build_assignment, check_no_leaks, hidden_test_names, read_questions
from autograder.errors import BuildError, ConfigError
from autograder.grading.bundle import load_bundle
from autograder.project import Project, QuestionInfo


def test_build_writes_template_and_bundle(tiny_project):
    template = tiny_project.template_dir("tiny")
    assert (template / "tiny.ipynb").is_file() and (template / "data" / "numbers.csv").is_file()
    bundle = load_bundle(project=tiny_project, name="tiny")
    assert [q.name for q in bundle.questions] == ["q1", "q2", "q3"]
    assert bundle.questions[2] == QuestionInfo("q3", 2.0, True)
    assert [p.name for p in bundle.public_files] == ["data"]
    assert len(bundle.sha256) == 64
    assert (tiny_project.root / "build").stat().st_mode & 0o077 == 0  # root-only


def test_template_has_no_solution_or_hidden_test(tiny_project):
    text = (tiny_project.template_dir("tiny") / "tiny.ipynb").read_text()
    assert "np.asarray(x, dtype=float) ** 2" not in text
    assert "solutions" not in text
    names = hidden_test_names(tiny_project.build_dir("tiny") / "dist" / "autograder" / "tests")
    assert names == ["test_square_matches_reference_hidden", "test_mean_hidden"]
    assert all(name not in text for name in names)


def test_rebuilding_gives_a_byte_identical_template(tiny_project, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(tiny_project.root, root, ignore=shutil.ignore_patterns("build"))
    project = Project.locate(root)
    notebook = project.template_dir("tiny") / "tiny.ipynb"
    first = notebook.read_bytes()
    build_assignment(project=project, name="tiny", run_tests=False)
    assert notebook.read_bytes() == first
    ids = [cell["id"] for cell in json.loads(first)["cells"]]
    assert ids[:2] == ["tiny-000", "tiny-001"] and len(set(ids)) == len(ids)


def test_leak_check_catches_a_solution_line(tiny_project, tmp_path):
    template = tmp_path / "template"
    shutil.copytree(tiny_project.template_dir("tiny"), template)
    notebook = json.loads((template / "tiny.ipynb").read_text())
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [],
                              "execution_count": None,
                              "source": "    return np.asarray(x, dtype=float) ** 2"})
    (template / "tiny.ipynb").write_text(json.dumps(notebook))
    master = tiny_project.master("tiny")
    tests = tiny_project.build_dir("tiny") / "dist" / "autograder" / "tests"
    with pytest.raises(BuildError, match="solution line"):
        check_no_leaks(master=master, template=template, bundle_tests=tests)


def test_leak_check_catches_a_hidden_test(tiny_project, tmp_path):
    template = tmp_path / "template"
    shutil.copytree(tiny_project.template_dir("tiny"), template)
    (template / "tests" / "extra.py").write_text("def test_mean_hidden(): pass\n")
    tests = tiny_project.build_dir("tiny") / "dist" / "autograder" / "tests"
    with pytest.raises(BuildError, match="hidden test 'test_mean_hidden'"):
        check_no_leaks(master=tiny_project.master("tiny"), template=template, bundle_tests=tests)


def test_questions_come_from_the_master(tiny_project):
    questions = read_questions(tiny_project.master("tiny"))
    assert [(q.name, q.points, q.manual) for q in questions] == [
        ("q1", 2.0, False), ("q2", 1.0, False), ("q3", 2.0, True)]


def test_unknown_assignment_and_unbuilt_bundle_are_config_errors(tiny_project, tmp_path):
    with pytest.raises(ConfigError, match="unknown assignment 'hw99'"):
        tiny_project.master("hw99")
    fresh = tmp_path / "fresh"
    shutil.copytree(tiny_project.root / "assignments", fresh / "assignments")
    with pytest.raises(ConfigError, match="not built yet"):
        load_bundle(project=Project.locate(fresh), name="tiny")


def test_broken_master_fails_the_build(tiny_project, tmp_path):
    root = tmp_path / "broken"
    shutil.copytree(tiny_project.root / "assignments", root / "assignments")
    master = root / "assignments" / "tiny" / "tiny.ipynb"
    notebook = json.loads(master.read_text())
    for cell in notebook["cells"]:
        if "BEGIN TESTS" in "".join(cell["source"]):
            cell["source"] = "# BEGIN TESTS\nthis is not yaml: [\n"
    notebook["cells"] = [c for c in notebook["cells"] if "test_square_small" not in "".join(c["source"])]
    master.write_text(json.dumps(notebook))
    with pytest.raises(BuildError):
        build_assignment(project=Project.locate(root), name="tiny")
