"""The questionnaire start-up cache: used when valid, ignored when stale or damaged."""

from __future__ import annotations

import os
import pickle
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from maturity import cache as cache_module
from maturity import yamlio
from maturity.cli import app, environment
from maturity.cli.app import State
from maturity.errors import InputError, Problem
from maturity.questionnaire import Catalog, Questionnaire, load_questionnaire
from tests.conftest import MINI, REPO, run_as_nobody

EXAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def test_second_load_comes_from_the_cache_and_is_equal(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    written = list((tmp_path / "cache").glob("questionnaire-*.json"))
    assert len(written) == 1
    second = load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    assert (second.header, second.requirements, second.subdomain_of) == (
        first.header,
        first.requirements,
        first.subdomain_of,
    )
    # prove the second load did not parse the YAML
    monkeypatch.setattr(yamlio, "load", _no_yaml)
    assert (
        load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache").requirements
        == first.requirements
    )


def _no_yaml(*args: object, **kwargs: object) -> None:
    raise AssertionError("the questionnaire was parsed again")


def test_an_edit_that_keeps_size_and_time_is_seen(copy: Path, tmp_path: Path) -> None:
    """The key is the content: an editor (or `touch -r`) can keep a file's size and modification time."""
    load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    sub = copy / "subdomains" / "a.yaml"
    stat = sub.stat()
    text = sub.read_text(encoding="utf-8")
    assert "Question a.1.01?" in text
    sub.write_text(text.replace("Question a.1.01?", "Question a.1.0X?"), encoding="utf-8")
    os.utime(sub, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert sub.stat().st_size == stat.st_size
    reloaded = load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    assert reloaded.requirement("a.1.01").question.en == "Question a.1.0X?"  # type: ignore[union-attr]


def test_a_cache_entry_that_is_not_a_file_is_ignored(copy: Path, tmp_path: Path) -> None:
    first = load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    (entry,) = (tmp_path / "cache").glob("questionnaire-*.json")
    entry.unlink()
    os.mkfifo(entry)  # reading it (or writing it in place) would wait for the other end forever
    result: list[Questionnaire] = []
    worker = threading.Thread(
        target=lambda: result.append(
            load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
        ),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=30)
    assert result and result[0].requirements == first.requirements


def test_a_changed_file_is_read_again(copy: Path, tmp_path: Path) -> None:
    load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    sub = copy / "subdomains" / "a.yaml"
    sub.write_text(
        sub.read_text(encoding="utf-8").replace("Question a.1.01?", "Changed?"), encoding="utf-8"
    )
    reloaded = load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    assert reloaded.requirement("a.1.01").question.en == "Changed?"  # type: ignore[union-attr]


def test_damaged_cache_is_ignored(copy: Path, tmp_path: Path) -> None:
    first = load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    for entry in (tmp_path / "cache").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert (
        load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache").requirements
        == first.requirements
    )


def test_the_library_keeps_no_cache_unless_given_a_folder(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "env-cache"))  # read by the CLI only
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert Catalog([copy]).load("mini").requirements
    assert load_questionnaire(copy, advice=False).requirements
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini"]


def test_the_cli_reads_the_cache_folder_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "cache"))
    assert environment.cache_dir() == tmp_path / "cache"
    monkeypatch.setenv("MATURITY_CACHE_DIR", "off")
    assert environment.cache_dir() is None
    monkeypatch.delenv("MATURITY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert environment.cache_dir() == tmp_path / "xdg" / "maturity"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert environment.cache_dir() == tmp_path / "home" / ".cache" / "maturity"


def test_the_cli_passes_its_cache_folder_and_questionnaire_dirs_to_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv(
        "MATURITY_QUESTIONNAIRES", os.pathsep.join([str(tmp_path / "b"), "", str(tmp_path / "c")])
    )
    catalog = State(questionnaire_dirs=[tmp_path / "a"]).catalog
    assert catalog.cache_dir == tmp_path / "cache"
    assert catalog.search_path[:3] == [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    CliRunner().invoke(app, ["score", str(EXAMPLE), "-f", "json"])
    assert list((tmp_path / "cache").glob("questionnaire-*.json"))


def test_a_catalog_sent_to_another_process_carries_its_settings_not_its_questionnaires(
    copy: Path, tmp_path: Path
) -> None:
    catalog = Catalog([copy], tmp_path / "cache")
    catalog.load("mini")
    again = pickle.loads(pickle.dumps(catalog))
    assert (again.search_path, again.cache_dir, again._cache) == (
        catalog.search_path,
        catalog.cache_dir,
        {},
    )


def _denied(*args: object, **kwargs: object) -> None:
    raise PermissionError(13, "Permission denied")


def _write_refused(*args: object, **kwargs: object) -> None:
    raise InputError([Problem("output.failed", {"path": "x", "reason": "Read-only file system"})])


def _cache_read_denied(path: Path, *args: Any, **kwargs: Any) -> bytes:
    if path.suffix == ".json":
        _denied()
    return _REAL_READ(path, *args, **kwargs)


_REAL_READ = yamlio.read_bytes


@pytest.mark.parametrize(
    ("target", "name", "fake"),
    [
        (cache_module, "write_atomic", _write_refused),  # how write_atomic reports a failure
        (Path, "is_symlink", _denied),  # a folder that cannot be searched (Python 3.11)
        (yamlio, "read_bytes", _cache_read_denied),  # an entry that cannot be read
    ],
)
def test_a_cache_that_fails_to_read_or_write_is_not_used(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: Any, name: str, fake: Any
) -> None:
    """The cache only costs speed: any failure to read or write it falls back to loading the files."""
    load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")  # an entry to read
    monkeypatch.setattr(target, name, fake)
    again = load_questionnaire(copy, advice=False, cache_dir=tmp_path / "other")
    assert again.requirements == load_questionnaire(copy, advice=False).requirements
    assert load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache").requirements


def _as_nobody(*command: str, env: dict[str, str]) -> tuple[int, str]:
    run = run_as_nobody(command, env)
    return run.returncode, run.stdout + run.stderr


@pytest.mark.parametrize("layout", ["read-only", "unsearchable"])
def test_a_cache_folder_another_user_cannot_use_is_ignored(tmp_path: Path, layout: str) -> None:
    """As the red team ran it: a cache folder that cannot be written (555) or entered (700, root's)."""
    import sys

    tmp_path.chmod(0o755)
    folder = tmp_path / "c"
    folder.mkdir(mode=0o555)
    if layout == "unsearchable":
        folder.chmod(0o700)
        folder = folder / "m"
    env = {**os.environ, "MATURITY_CACHE_DIR": str(folder), "HOME": str(tmp_path)}
    maturity = Path(sys.executable).parent / "maturity"
    rc, out = _as_nobody(str(maturity), "score", str(EXAMPLE), "-f", "json", env=env)
    assert rc == 0, out
    assert '"level"' in out


def test_a_cache_entry_others_may_change_is_not_served(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry is trusted as a validated questionnaire: one that another user could have written
    (group- or world-writable, or not ours) is parsed again instead of served."""
    load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
    (entry,) = (tmp_path / "cache").glob("questionnaire-*.json")
    assert entry.stat().st_mode & 0o777 == 0o600
    entry.chmod(0o666)
    monkeypatch.setattr(yamlio, "load", _no_yaml)
    with pytest.raises(AssertionError, match="parsed again"):
        load_questionnaire(copy, advice=False, cache_dir=tmp_path / "cache")
