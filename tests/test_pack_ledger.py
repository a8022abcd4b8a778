"""`--ledger`: two shareable editions whose clients differ by only one or two are refused, not
just warned against (review r4-pack3 M1/S1); the ledger names no client and a file that is not a
ledger is refused with where it is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.test_portfolio import run, write_firm

NAMES = [f"Firm {c}" for c in "ABCDEFGH"]


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    folder = tmp_path / "all"
    folder.mkdir()
    for i, name in enumerate(NAMES):
        write_firm(folder / f"f{i}.yaml", name, 1 + i % 2, id=f"TOYS-{i:04d}")
    return folder


def subset(clients: Path, count: int) -> Path:
    """A folder of the first ``count`` clients."""
    folder = clients.parent / f"first{count}"
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"f{i}.yaml").write_bytes((clients / f"f{i}.yaml").read_bytes())
    return folder


def bureau(folder: Path, ledger: Path, out: str = "b.md") -> tuple[int, str, str]:
    target = folder.parent / out
    return run("portfolio", folder, "-o", target, "--audience", "bureau", "--ledger", ledger)


@pytest.mark.parametrize("count", [7, 6])
def test_an_edition_one_or_two_clients_apart_is_refused(clients: Path, count: int) -> None:
    ledger = clients.parent / "ledger.json"
    assert bureau(clients, ledger)[0] == 0
    out = clients.parent / "near.xlsx"
    code, _, err = run(
        "score", subset(clients, count), "-o", out, "--audience", "bureau", "--ledger", ledger
    )
    assert code == 2, err
    text = " ".join(err.split())
    assert text.startswith(f"error: {ledger}: This edition's clients differ from edition 1 ")
    assert "(20" in text and ", portfolio, bureau, membership code " in text
    assert (
        f"by {8 - count}, fewer than 3: comparing the two would show the figures of the clients "
        "added or left out, so it was not written. Wait until the list differs by at least 3 "
        "clients, or issue an edition with exactly that edition's clients." in text
    )
    assert not out.exists()
    assert len(json.loads(ledger.read_text())["editions"]) == 1  # nothing issued, nothing recorded


def test_the_same_clients_or_three_apart_are_issued(clients: Path) -> None:
    ledger = clients.parent / "ledger.json"
    assert bureau(clients, ledger)[0] == 0
    assert bureau(clients, ledger, "again.md")[0] == 0  # the same membership: nothing to learn
    code, _, err = bureau(subset(clients, 5), ledger, "five.md")
    assert code == 0, err
    editions = json.loads(ledger.read_text())["editions"]
    assert [len(e["members"]) for e in editions] == [8, 8, 5]
    assert [e["command"] for e in editions] == ["portfolio"] * 3
    # 6 clients: 2 from the 8-client editions, 1 from the 5-client one
    code, _, err = bureau(subset(clients, 6), ledger, "six.md")
    assert code == 2 and "differ from edition 1 in the ledger" in err


def test_benchmark_and_the_client_workbook_are_checked_too(clients: Path) -> None:
    ledger = clients.parent / "ledger.json"
    code, _, err = run("benchmark", clients, "--by", "all", "--ledger", ledger)
    assert code == 0, err
    code, _, err = run(
        "score", subset(clients, 7), "-o", clients.parent / "c.xlsx", "--audience", "client",
        "--org", "Firm A", "--ledger", ledger,
    )  # fmt: skip
    assert code == 2 and ", benchmark, shareable, membership code " in " ".join(err.split())
    code, _, err = run("benchmark", subset(clients, 6), "--by", "all", "--ledger", ledger)
    assert code == 2 and "by 2, fewer than 3" in err


def test_the_ledger_names_no_client(clients: Path) -> None:
    ledger = clients.parent / "ledger.json"
    assert bureau(clients, ledger)[0] == 0
    text = ledger.read_text()
    for i, name in enumerate(NAMES):
        assert name.lower() not in text.lower() and f"TOYS-{i:04d}" not in text
    book = json.loads(text)
    assert set(book) == {"format", "version", "salt", "editions"}
    assert set(book["editions"][0]) == {"date", "audience", "command", "code", "members"}


def test_without_a_ledger_a_shareable_edition_says_the_rule_is_unchecked(clients: Path) -> None:
    code, _, err = run("portfolio", clients, "-o", clients.parent / "b.md", "--audience", "bureau")
    assert code == 0, err
    assert (
        "note: without --ledger the rule that two shareable editions must differ by at least 3 "
        "clients cannot be checked; use --ledger FILE to record each edition issued."
        in " ".join(err.split())
    )
    code, _, err = run("portfolio", clients, "-o", clients.parent / "i.md")
    assert code == 0 and "--ledger" not in err  # an internal edition is not issued


def test_an_internal_edition_takes_no_ledger(clients: Path) -> None:
    code, _, err = run("portfolio", clients, "-o", clients.parent / "i.md", "--ledger", "l.json")
    assert code == 2
    assert "--ledger is for shareable editions only" in " ".join(err.split())


def hostile(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(17 * 1024 * 1024)  # sparse: no real disk
    elif kind == "text":
        path.write_text('{\n  "format": "maturity-ledger",\n  oops\n}\n')
    else:
        path.write_text('{"format": "maturity-ledger", "version": 1, "salt": "x", "editions": []}')
    return path


@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("text", ":3: not a valid JSON ledger (Expecting property name enclosed in double quotes)"),
        ("schema", ":1: not a maturity edition ledger (wrong or missing at salt)"),
        ("huge", ": the ledger is larger than 16 MB, which is not what maturity writes."),
        ("fifo", ": not a regular file but a named pipe (FIFO)"),
    ],
)
def test_a_file_that_is_not_a_ledger_is_refused(clients: Path, kind: str, where: str) -> None:
    ledger = hostile(clients.parent, kind)
    before = ledger.stat()
    code, _, err = bureau(clients, ledger)
    assert code == 2, err
    assert err.startswith(f"error: {ledger}{where}"), err
    assert "Traceback" not in err and not (clients.parent / "b.md").exists()
    assert ledger.stat().st_mtime_ns == before.st_mtime_ns  # never overwritten


def test_the_ledger_is_never_an_input_or_the_output(clients: Path) -> None:
    code, _, err = bureau(clients, clients / "f0.yaml")
    assert code == 2 and "f0.yaml" in err
    out = clients.parent / "b.md"
    out.write_text("an old edition\n")
    code, _, err = bureau(clients, out)
    assert code == 2 and out.read_text() == "an old edition\n"


def test_an_answer_file_found_in_a_folder_is_never_taken_for_the_ledger(clients: Path) -> None:
    answer = clients / "f0.yaml"
    before = answer.read_bytes()
    code, _, err = run(
        "portfolio", clients.parent, "-o", clients.parent / "b.md", "--audience", "bureau",
        "--ledger", answer,
    )  # fmt: skip
    assert code == 2 and answer.read_bytes() == before
    assert err.startswith(f"error: {answer}:1: not a valid JSON ledger")


# --- the client workbook's standing table (review r4-pack3 M2) ------------------------------------


def test_the_client_workbook_keeps_the_band_note_clear_of_the_charts_and_its_numbers_apart(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    from tests.test_portfolio_pack import NAMES as PACK
    from tests.test_portfolio_pack import client, write
    from tests.test_portfolio_pack import run as run_cmmm

    folder = tmp_path / "pack"
    folder.mkdir()
    for i, name in enumerate(PACK):
        write(folder / f"c{i}.yaml", client(name))
    out = tmp_path / "c.xlsx"
    args = ("--audience", "client", "--org", "宁波甬兴模具有限公司")
    assert run_cmmm("score", folder, "-o", out, *args, lang="zh")[0] == 0
    summary = load_workbook(out)["汇总"]
    header = next(r for r in summary.iter_rows() if r[1].value == "本企业")
    labels = ["本企业", "组合 Q1", "组合中位数", "组合 Q3", "所处区间"]
    assert [c.value for c in header[1:6]] == labels
    total = summary[header[0].row + 1]
    assert total[0].value == "总分"
    assert all(isinstance(c.value, float | int) for c in total[1:5])  # numbers, one per column
    assert [c.number_format for c in total[1:5]] == ["0.00", "0.0", "0.0", "0.0"]
    assert total[5].alignment.indent == 1  # the band text does not butt against the Q3
    # the band note: in lines within the table's width, above the table, nothing right of it
    note = [c.value for c in summary["A"][: header[0].row] if isinstance(c.value, str)]
    text = "".join(note)
    assert "区间按确切得分和确切四分位数判定" in text and "可能落在显示值的另一侧" in text
    width = sum(summary.column_dimensions[c].width for c in "ABCD")
    assert all(sum(2 if ord(ch) >= 0x2E80 else 1 for ch in n) <= width for n in note)
    charts = {c.anchor._from.col for c in summary._charts}
    assert charts == {6}  # column G: right of the six-column table, over no text
    assert all(summary.cell(r, 7).value is None for r in range(1, summary.max_row + 1))


# --- dates in shareable editions (review r4-pack3 S-a) --------------------------------------------


def test_a_shareable_edition_dates_by_month_so_the_latest_client_is_not_dated(
    clients: Path,
) -> None:
    from tests.test_portfolio import write_firm

    write_firm(clients / "late.yaml", "Firm Late", 1, date="2026-11-28", id="TOYS-LATE")
    write_firm(clients / "early.yaml", "Firm Early", 1, date="2026-06-30", id="TOYS-EARLY")
    full = bureau(clients, clients.parent / "l.json", "full.md")
    (clients / "late.yaml").unlink()
    without = bureau(clients, clients.parent / "l2.json", "without.md")
    assert full[0] == without[0] == 0
    first, second = (clients.parent / n for n in ("full.md", "without.md"))
    line = "Assessments covered: 2026-06 to 2026-11 (each organisation's latest)"
    assert line in first.read_text() and line in second.read_text()
    code, _, err = run("portfolio", clients, "-o", clients.parent / "i.md")
    assert code == 0, err  # the internal edition keeps the days
    assert "Assessments covered: 2026-06-30 to 2026-11-20" in (clients.parent / "i.md").read_text()
    code, out, err = run("benchmark", clients, "--by", "all", "--org", clients / "f0.yaml")
    assert code == 0, err
    assert "(cohort of 9, data as of 2026-11)" in out
