"""Loading a grading bundle (autograder.grading.bundle): a build older than its master is refused."""

from __future__ import annotations

import json
import shutil

import pytest

from autograder.errors import ConfigError
from autograder.grading.bundle import SOURCE_FILE, load_bundle
from autograder.project import Project


@pytest.fixture
def course(tiny_project, tmp_path) -> Project:
    """A private copy of the built tiny course (the session's copy stays untouched)."""
    shutil.copytree(tiny_project.root, tmp_path / "course", symlinks=True)
    return Project.locate(tmp_path / "course")


def test_build_records_the_master_it_was_built_from(course):
    record = json.loads((course.build_dir("tiny") / SOURCE_FILE).read_text("utf-8"))
    assert record["source"] == "assignments/tiny/tiny.ipynb"
    assert len(record["sha256"]) == 64
    assert load_bundle(project=course, name="tiny").name == "tiny"


def test_a_master_edited_after_the_build_is_refused_until_it_is_built_again(course):
    master = course.master("tiny")
    original = master.read_bytes()
    master.write_bytes(original.replace(b'"cells": [', b'"cells": [\n', 1))
    assert master.read_bytes() != original
    with pytest.raises(ConfigError, match=r"assignments/tiny/tiny.ipynb changed after "
                                          r"`autograder build tiny`.*Run `autograder build tiny`"):
        load_bundle(project=course, name="tiny")
    master.write_bytes(original)  # the same content again: the bundle matches it
    load_bundle(project=course, name="tiny")


def test_a_percent_master_is_the_source_when_there_is_one(course):
    percent = course.master("tiny").with_name("tiny.pct.py")
    percent.write_text("# %% [markdown]\n# a percent master appeared after the build\n")
    with pytest.raises(ConfigError, match=r"assignments/tiny/tiny.pct.py changed after"):
        load_bundle(project=course, name="tiny")


def test_a_bundle_built_before_the_record_existed_still_loads(course):
    (course.build_dir("tiny") / SOURCE_FILE).unlink()
    course.master("tiny").write_text("{}")  # unknowable: such a build is trusted as before
    assert load_bundle(project=course, name="tiny").name == "tiny"
