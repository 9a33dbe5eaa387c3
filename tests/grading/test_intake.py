"""autograder.grading.intake: finding submissions and reading the notebook out of each."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from autograder.grading import intake
from autograder.errors import ConfigError, InvalidSubmission
from autograder.grading.intake import (Submission, collect_submissions, read_notebook_from_zip,
                               student_id)
from autograder.grading.notebook import parse_notebook
from nbfactory import notebook_bytes

NB = notebook_bytes(["x = 1"])
OTHER_NB = notebook_bytes(["y = 2"])


def make_zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def touch(path: Path, data: bytes = b"{}", mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def by_student(subs):
    return {s.student: s for s in subs}


# ---------------------------------------------------------------- the right assignment
# (checked where the notebook's JSON is parsed, once: notebook.parse_notebook)


@pytest.mark.parametrize("suffix", [".ipynb", ".zip"])
def test_a_notebook_of_another_assignment_is_refused_with_its_name(tmp_path, suffix):
    data = notebook_bytes(["x = 1"], metadata={"otter": {"assignment_name": "hw02"}})
    path = tmp_path / f"sara{suffix}"
    if suffix == ".zip":
        make_zip(path, {"hw02.ipynb": data})
    else:
        touch(path, data)
    read = Submission("sara", path).read_notebook(assignment="hw04")
    with pytest.raises(InvalidSubmission, match="assignment 'hw02'.*not of 'hw04'.*hw04 notebook"):
        parse_notebook(read, name=path.name, assignment="hw04")
    assert Submission("sara", path).read_notebook(assignment="hw02") == data
    assert [c.source for c in parse_notebook(data, name=path.name, assignment="hw02")] == ["x = 1"]


def test_a_notebook_without_otter_metadata_is_read_as_the_assignment_asked(tmp_path):
    for meta in ({}, {"otter": {}}, {"otter": "odd"}, {"otter": {"assignment_name": ""}}):
        data = notebook_bytes(["x = 1"], metadata=meta)
        path = touch(tmp_path / "ali.ipynb", data)
        assert Submission("ali", path).read_notebook(assignment="hw04") == data
        assert len(parse_notebook(data, name="ali.ipynb", assignment="hw04")) == 1


# ---------------------------------------------------------------- single files


def test_ipynb_file(tmp_path):
    path = touch(tmp_path / "ali.ipynb", NB)
    (sub,) = collect_submissions([path])
    assert sub == Submission("ali", path)
    assert sub.read_notebook() == NB
    assert sub.read_notebook(assignment="hw04") == NB


def test_uppercase_extension_is_a_notebook(tmp_path):
    path = touch(tmp_path / "Ali.IPYNB", NB)
    (sub,) = collect_submissions([path])
    assert sub.student == "Ali" and sub.read_notebook() == NB


def test_notebook_over_the_size_limit(tmp_path, monkeypatch):
    path = touch(tmp_path / "big.ipynb", NB)
    monkeypatch.setattr(intake, "MAX_FILE_BYTES", len(NB) - 1)
    with pytest.raises(InvalidSubmission, match="big.ipynb.*limit"):
        Submission("big", path).read_notebook()
    monkeypatch.setattr(intake, "MAX_FILE_BYTES", len(NB))
    assert Submission("big", path).read_notebook() == NB


def test_otter_export_zip(tmp_path):
    """What otter's grader.export() makes: the notebook, a log, maybe a PDF and data files."""
    path = make_zip(tmp_path / "sara.zip", {
        "hw04.ipynb": NB,
        ".OTTER_LOG": b"\x80\x04binary log",
        "hw04.pdf": b"%PDF-1.4 ...",
        "data/train.csv": b"a,b\n1,2\n",
        "__MACOSX/._hw04.ipynb": b"\x00\x05\x16\x07AppleDouble",
        ".ipynb_checkpoints/hw04-checkpoint.ipynb": OTHER_NB,
    })
    (sub,) = collect_submissions([path])
    assert sub.student == "sara"
    assert sub.read_notebook(assignment="hw04") == NB
    assert sub.read_notebook() == NB  # one notebook: the assignment name is not needed
    assert read_notebook_from_zip(path, assignment="other") == NB


def test_zip_with_notebook_in_a_folder(tmp_path):
    path = make_zip(tmp_path / "a.zip", {"submission/hw04.ipynb": NB,
                                         "submission/notes.txt": b"hi"})
    assert read_notebook_from_zip(path) == NB


def test_stored_zip_and_uppercase_suffix(tmp_path):
    path = make_zip(tmp_path / "a.ZIP", {"hw04.ipynb": NB}, compression=zipfile.ZIP_STORED)
    assert Submission("a", path).read_notebook() == NB


def test_zip_with_several_notebooks_picks_the_assignment(tmp_path):
    path = make_zip(tmp_path / "a.zip", {"scratch.ipynb": OTHER_NB, "hw04.ipynb": NB,
                                         "old/draft.ipynb": OTHER_NB})
    assert read_notebook_from_zip(path, assignment="hw04") == NB
    assert Submission("a", path).read_notebook(assignment="hw04") == NB
    path2 = make_zip(tmp_path / "b.zip", {"scratch.ipynb": NB, "sub/hw04.ipynb": OTHER_NB})
    assert read_notebook_from_zip(path2, assignment="hw04") == OTHER_NB


@pytest.mark.parametrize("assignment", ["", "hw05", "HW04-x"])
def test_zip_with_several_notebooks_and_none_matching(tmp_path, assignment):
    path = make_zip(tmp_path / "a.zip", {"scratch.ipynb": OTHER_NB, "hw04.ipynb": NB})
    with pytest.raises(InvalidSubmission, match="several notebooks") as info:
        read_notebook_from_zip(path, assignment=assignment)
    assert "scratch.ipynb" in str(info.value) and "hw04.ipynb" in str(info.value)


def test_zip_with_two_notebooks_named_like_the_assignment(tmp_path):
    path = make_zip(tmp_path / "a.zip", {"v1/hw04.ipynb": OTHER_NB, "v2/hw04.ipynb": NB})
    with pytest.raises(InvalidSubmission, match="several notebooks"):
        read_notebook_from_zip(path, assignment="hw04")


def test_zip_with_no_notebook(tmp_path):
    path = make_zip(tmp_path / "a.zip", {"hw04.py": b"x = 1", "hw04.pdf": b"%PDF"})
    with pytest.raises(InvalidSubmission, match="a.zip contains no .ipynb"):
        Submission("a", path).read_notebook(assignment="hw04")
    empty = make_zip(tmp_path / "empty.zip", {})
    with pytest.raises(InvalidSubmission, match="no .ipynb"):
        read_notebook_from_zip(empty)


def test_zip_whose_only_notebook_is_a_checkpoint_or_mac_resource(tmp_path):
    path = make_zip(tmp_path / "a.zip", {".ipynb_checkpoints/hw-checkpoint.ipynb": NB,
                                         "__MACOSX/._hw.ipynb": b"junk"})
    with pytest.raises(InvalidSubmission, match="no .ipynb"):
        read_notebook_from_zip(path)


@pytest.mark.parametrize("data", [
    b"",
    b"this is not a zip file at all",
    b"PK\x03\x04" + b"\x00" * 40,
], ids=["empty", "text", "bad-header"])
def test_corrupted_zip(tmp_path, data):
    path = touch(tmp_path / "broken.zip", data)
    with pytest.raises(InvalidSubmission, match="broken.zip is not a readable zip"):
        Submission("x", path).read_notebook()


def test_truncated_zip(tmp_path):
    good = make_zip(tmp_path / "good.zip", {"hw.ipynb": NB})
    path = touch(tmp_path / "cut.zip", good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(InvalidSubmission, match="not a readable zip"):
        read_notebook_from_zip(path)


def _corrupt_member_crc(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    i = raw.find(b'"cells"')
    raw[i + 2] ^= 0x20  # "cells" -> "cElls": same length, wrong CRC
    path.write_bytes(bytes(raw))


def _mark_encrypted(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[6] |= 1  # general purpose flag, local header
    central = raw.find(b"PK\x01\x02")
    raw[central + 8] |= 1  # and in the central directory
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("damage", [_corrupt_member_crc, _mark_encrypted],
                         ids=["bad-crc", "encrypted"])
def test_zip_with_a_damaged_member_is_invalid(tmp_path, damage):
    path = make_zip(tmp_path / "a.zip", {"hw.ipynb": NB}, compression=zipfile.ZIP_STORED)
    damage(path)
    with pytest.raises(InvalidSubmission):
        read_notebook_from_zip(path)


@pytest.mark.parametrize("member", [
    "../evil.ipynb", "/abs.ipynb", "a/../../evil.ipynb", "ok/../../../etc/x.txt",
    "\\windows.ipynb", "C:evil.ipynb", "data/../..", "/etc/passwd",
])
def test_zip_with_unsafe_member_names(tmp_path, member):
    path = make_zip(tmp_path / "a.zip", {"hw04.ipynb": NB, member: b"{}"})
    with zipfile.ZipFile(path) as archive:  # the name really is stored as given
        assert member in archive.namelist()
    with pytest.raises(InvalidSubmission, match="unsafe path"):
        read_notebook_from_zip(path, assignment="hw04")


def test_zip_over_the_size_limit(tmp_path, monkeypatch):
    path = make_zip(tmp_path / "bomb.zip", {"hw.ipynb": NB, "pad.bin": b"\x00" * 5000})
    assert path.stat().st_size < 2000  # compressed it is small; unpacked it is not
    monkeypatch.setattr(intake, "MAX_ZIP_UNCOMPRESSED", 4000)
    with pytest.raises(InvalidSubmission, match="bomb.zip would unpack"):
        read_notebook_from_zip(path)
    monkeypatch.setattr(intake, "MAX_ZIP_UNCOMPRESSED", 5000 + len(NB))
    assert read_notebook_from_zip(path) == NB


def test_zip_with_too_many_members(tmp_path, monkeypatch):
    members = {"hw.ipynb": NB, **{f"f{i}.txt": b"x" for i in range(5)}}
    path = make_zip(tmp_path / "many.zip", members)
    monkeypatch.setattr(intake, "MAX_ZIP_MEMBERS", 5)
    with pytest.raises(InvalidSubmission, match="6 files"):
        read_notebook_from_zip(path)
    monkeypatch.setattr(intake, "MAX_ZIP_MEMBERS", 6)
    assert read_notebook_from_zip(path) == NB


# ---------------------------------------------------------------- folders


def test_flat_folder_of_notebooks_and_zips(tmp_path):
    touch(tmp_path / "ali.ipynb", NB)
    make_zip(tmp_path / "sara.zip", {"hw04.ipynb": OTHER_NB})
    subs = by_student(collect_submissions([tmp_path]))
    assert sorted(subs) == ["ali", "sara"]
    assert subs["ali"].read_notebook() == NB
    assert subs["sara"].read_notebook(assignment="hw04") == OTHER_NB


def test_folder_per_student_uses_folder_name_and_newest_notebook(tmp_path):
    old = touch(tmp_path / "ali" / "hw04.ipynb", NB, mtime=1_000)
    new = touch(tmp_path / "ali" / "hw04 (1).ipynb", OTHER_NB, mtime=2_000)
    only = touch(tmp_path / "sara" / "whatever.ipynb", NB, mtime=500)
    subs = by_student(collect_submissions([tmp_path]))
    assert sorted(subs) == ["ali", "sara"]
    assert subs["ali"].path == new
    assert "2 submissions found" in subs["ali"].note and new.name in subs["ali"].note
    assert subs["sara"].path == only and subs["sara"].note == ""
    assert subs["ali"].read_notebook() == OTHER_NB
    # the other way round: mtime decides, not the name
    os.utime(old, (3_000, 3_000))
    assert by_student(collect_submissions([tmp_path]))["ali"].path == old


def test_folder_per_student_finds_nested_notebooks_and_zips(tmp_path):
    nested = touch(tmp_path / "reza" / "attempt" / "final" / "hw.ipynb", NB, mtime=10)
    z = make_zip(tmp_path / "mina" / "export.zip", {"hw.ipynb": OTHER_NB})
    subs = by_student(collect_submissions([tmp_path]))
    assert subs["reza"].path == nested
    assert subs["mina"].path == z and subs["mina"].read_notebook() == OTHER_NB


def test_student_folder_checkpoints_are_ignored(tmp_path):
    real = touch(tmp_path / "ali" / "hw.ipynb", NB, mtime=1_000)
    touch(tmp_path / "ali" / ".ipynb_checkpoints" / "hw-checkpoint.ipynb", OTHER_NB, mtime=9_000)
    (sub,) = collect_submissions([tmp_path])
    assert sub.path == real and sub.note == ""


@pytest.mark.parametrize("junk", [".hw-backup.ipynb", "__MACOSX/._hw.ipynb", ".~hw.ipynb"])
def test_student_folder_hidden_files_are_ignored(tmp_path, junk):
    real = touch(tmp_path / "ali" / "hw.ipynb", NB, mtime=1_000)
    touch(tmp_path / "ali" / junk, b"junk", mtime=9_000)
    (sub,) = collect_submissions([tmp_path])
    assert sub.path == real


def test_student_folder_without_notebook(tmp_path):
    folder = tmp_path / "ali"
    touch(folder / "hw.pdf", b"%PDF")
    (sub,) = collect_submissions([tmp_path])
    assert sub.student == "ali" and sub.path == folder
    with pytest.raises(InvalidSubmission, match="ali/ holds no .ipynb"):
        sub.read_notebook()


@pytest.mark.parametrize("name, suffix_text", [
    ("ali.pdf", ".pdf file"), ("ali.py", ".py file"), ("ali.html", ".html file"),
    ("ali", "extension-less"),
])
def test_non_notebook_files_become_invalid_submissions(tmp_path, name, suffix_text):
    path = touch(tmp_path / name, b"%PDF-1.4 not a notebook")
    subs = collect_submissions([tmp_path])
    assert [(s.student, s.path) for s in subs] == [("ali", path)]
    with pytest.raises(InvalidSubmission) as info:
        subs[0].read_notebook(assignment="hw04")
    message = str(info.value)
    assert message.startswith(f"{name} is not a notebook")
    assert ".ipynb" in message and suffix_text in message


@pytest.mark.parametrize("name", ["hw{final}.pdf", "hw{0}{1}.py", "notes{.docx"])
def test_non_notebook_with_braces_in_its_name(tmp_path, name):
    path = touch(tmp_path / name, b"x")
    with pytest.raises(InvalidSubmission, match="is not a notebook"):
        Submission("x", path).read_notebook()


def test_notebook_preferred_over_other_files_of_the_same_student(tmp_path):
    nb = touch(tmp_path / "ali.ipynb", NB, mtime=1_000)
    touch(tmp_path / "ali.pdf", b"%PDF", mtime=5_000)
    (sub,) = collect_submissions([tmp_path])
    assert sub.path == nb and sub.read_notebook() == NB


def test_hidden_files_and_system_folders_are_ignored(tmp_path):
    touch(tmp_path / "ali.ipynb", NB)
    touch(tmp_path / ".hidden.ipynb", NB)
    touch(tmp_path / ".DS_Store", b"\x00")
    touch(tmp_path / "Thumbs.db", b"\x00")
    touch(tmp_path / ".ipynb_checkpoints" / "ali-checkpoint.ipynb", NB)
    touch(tmp_path / "__MACOSX" / "._ali.ipynb", b"junk")
    touch(tmp_path / ".git" / "config", b"x")
    touch(tmp_path / "__pycache__" / "wrong_file.cpython-311.pyc", b"\x00")  # Python's cache
    subs = collect_submissions([tmp_path])
    assert [(s.student, s.path.name) for s in subs] == [("ali", "ali.ipynb")]


def test_duplicate_student_ids_get_suffixes(tmp_path):
    paths = [touch(tmp_path / d / "ali.ipynb", NB) for d in ("a", "b", "c")]
    subs = collect_submissions(paths)
    assert [s.student for s in subs] == ["ali", "ali-2", "ali-3"]
    assert [s.path for s in subs] == paths


def test_folder_and_file_of_the_same_name_are_both_kept(tmp_path):
    touch(tmp_path / "ali.ipynb", NB)
    touch(tmp_path / "ali" / "hw.ipynb", OTHER_NB)
    subs = collect_submissions([tmp_path])
    assert sorted(s.student for s in subs) == ["ali", "ali-2"]
    assert {s.path.name for s in subs} == {"ali.ipynb", "hw.ipynb"}


def test_ids_that_only_differ_in_unsafe_characters_are_deduplicated(tmp_path):
    subs = collect_submissions([touch(tmp_path / "ali?.ipynb", NB),
                                touch(tmp_path / "ali*.ipynb", NB)])
    assert sorted(s.student for s in subs) == ["ali", "ali-2"]


def test_deduplicated_ids_are_unique_even_with_dash_names(tmp_path):
    paths = [touch(tmp_path / "a" / "ali.ipynb", NB), touch(tmp_path / "b" / "ali.ipynb", NB),
             touch(tmp_path / "c" / "ali-2.ipynb", NB)]
    ids = [s.student for s in collect_submissions(paths)]
    assert len(set(ids)) == 3


def test_missing_path_is_a_config_error(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(ConfigError, match="nowhere"):
        collect_submissions([missing])
    with pytest.raises(ConfigError):
        collect_submissions([touch(tmp_path / "ok.ipynb", NB), missing])


def test_several_paths_and_string_paths(tmp_path):
    a = touch(tmp_path / "one" / "ali.ipynb", NB)
    touch(tmp_path / "two" / "sara.ipynb", NB)
    subs = collect_submissions([str(a), str(tmp_path / "two")])
    assert [s.student for s in subs] == ["ali", "sara"]


def test_empty_folder_gives_no_submissions(tmp_path):
    assert collect_submissions([tmp_path]) == []


# ---------------------------------------------------------------- student ids


def test_persian_names_are_kept(tmp_path):
    path = touch(tmp_path / "علی رضایی.ipynb", NB)
    folder_nb = touch(tmp_path / "سارا احمدی" / "hw.ipynb", NB)
    subs = by_student(collect_submissions([tmp_path]))
    assert set(subs) == {"علی_رضایی", "سارا_احمدی"}
    assert subs["علی_رضایی"].path == path and subs["سارا_احمدی"].path == folder_nb


@pytest.mark.parametrize("raw, expected", [
    ("علی رضایی", "علی_رضایی"),
    ("ali", "ali"),
    ("Ali Rezaei", "Ali_Rezaei"),
    ("ali-rezaei_2.v1", "ali-rezaei_2.v1"),
    ("a/b\\c", "a_b_c"),
    ("../../etc/passwd", "etc_passwd"),
    ("..", "unnamed"),
    (".", "unnamed"),
    ("", "unnamed"),
    ("   ", "unnamed"),
    ("***", "unnamed"),
    (".hidden", "hidden"),
    ("a:b*c?d\"e<f>g|h", "a_b_c_d_e_f_g_h"),
    ("a   b\t\nc", "a_b_c"),
    ("  spaced  ", "spaced"),
    ("Cafe\u0301", "Caf\u00e9"),  # NFC: one code point
    ("۱۲۳ دانشجو", "۱۲۳_دانشجو"),
    ("a\x00b", "a_b"),
])
def test_student_id(raw, expected):
    assert student_id(raw) == expected


@pytest.mark.parametrize("raw", ["../x", "/abs/path", "a/../../b", "..\\..\\win", "名前 テスト",
                                 "x" * 300, "-dash", "__init__", "$(rm -rf ~)", "a;b&&c",
                                 "\u200fRTL\u202eoverride"])
def test_student_id_is_filesystem_safe(raw):
    sid = student_id(raw)
    assert sid and len(sid) <= 100
    assert re.fullmatch(r"[\w.\-]+", sid)
    assert "/" not in sid and "\\" not in sid
    assert not sid.startswith(".") and sid not in (".", "..")


def test_student_id_keeps_every_persian_letter():
    raw = "محمدرضا پورحسینی گلستانی"
    sid = student_id(raw)
    assert sid == raw.replace(" ", "_")
    assert [c for c in sid if c != "_"] == [c for c in raw if c != " "]
