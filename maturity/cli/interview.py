"""The interactive interview behind ``maturity assess``: profile, then item by item.

It reads one line per prompt, so it works the same at a terminal and with answers piped on
standard input. The draft is saved atomically after every answer (see :mod:`maturity.draft`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.rule import Rule
from rich.table import Table
from rich.text import Text as RichText

from maturity.cli.environment import detect_lang
from maturity.draft import Draft
from maturity.i18n import Lang, msg
from maturity.labels import KPI_NAMES, PROFILE_NAMES
from maturity.schema.answers import Answer, Rating
from maturity.schema.base import DEFAULT_PROFILE, PROFILES_OF_TYPE, EnterpriseType, Kpi, Profile
from maturity.schema.questionnaire import Question, Requirement

T = TypeVar("T")
Outcome = Literal["done", "quit"]

# A higher number means more done, as in the quick scan (where the number is the level); n is N/A in
# both, so the same key never means "best" in one and "worst" in the other.
RATING_KEYS: dict[str, Rating] = {"4": "full", "3": "most", "2": "partial", "1": "none", "n": "na"}
KEY_OF: dict[str, str] = {rating: key for key, rating in RATING_KEYS.items()}
SIZES = ("micro", "small", "medium", "large")


class Io(Protocol):
    """Where the interview reads lines and shows screens. ``ask`` raises EOFError at end of
    input."""

    def ask(self, prompt: str) -> str: ...

    def show(self, renderable: RenderableType | str) -> None: ...


@dataclass
class ConsoleIo:
    console: Console
    lines_read: int = 0

    def ask(self, prompt: str) -> str:
        while True:
            line = self.console.input(f"[bold cyan]{escape(prompt)}[/]: ")
            # stdin decodes with surrogateescape (see assess): bytes that are not UTF-8 arrive as
            # lone surrogates, which YAML cannot store; ask for the line again instead of guessing
            if not any("\udc80" <= ch <= "\udcff" for ch in line):
                break
            self.console.print(msg("assess.not_utf8", detect_lang(None)), style="yellow")
        self.lines_read += 1
        return line

    def show(self, renderable: RenderableType | str) -> None:
        self.console.print(renderable)


@dataclass
class Interview:
    draft: Draft
    io: Io
    lang: Lang
    all_levels: bool = False
    items: list[str] = field(default_factory=list)
    # --from a quick scan: sub-domain -> the level it chose, whose requirements are asked first
    focus: dict[str, int] = field(default_factory=dict)
    # the last N/A reason given per sub-domain, offered again for its next N/A
    last_reason: dict[str, str] = field(default_factory=dict)
    # sub-domains whose tailoring prompt was shown in this session
    offered: set[str] = field(default_factory=set)

    # --- profile --------------------------------------------------------------------------
    def ask_value(
        self,
        prompt: str,
        parse: Callable[[str], T | None],
        default: str | None = None,
        optional: bool = False,
        error: str = "interview.need_value",
    ) -> T | None:
        """Ask until ``parse`` accepts the line. Enter takes ``default``; an ``optional`` field may
        stay empty."""
        shown = f"{prompt} [{default}]" if default else prompt
        while True:
            raw = self.io.ask(shown).strip() or (default or "")
            if not raw and optional:
                return None
            try:
                value = parse(raw)
            except Reask as exc:  # the parser says why: show that instead of the generic hint
                self.io.show(RichText(msg(exc.key, self.lang, **exc.params), style="yellow"))
                continue
            if value is not None:
                return value
            self.io.show(
                RichText(msg(error, self.lang, choices=_numbers_in(prompt)), style="yellow")
            )

    def run_profile(self, missing: set[tuple[str, str]] | None = None) -> None:
        """Ask the organisation profile; with ``missing`` only those fields (resuming a draft)."""
        d, lang = self.draft, self.lang

        def wanted(section: str, key: str) -> bool:
            return missing is None or (section, key) in missing

        self.io.show(Rule(msg("interview.profile_title", lang)))
        if wanted("organisation", "name"):
            d.put("organisation", "name", self.ask_value(msg("interview.name", lang), _text(100)))
            d.save()
        for key, prompt in (("industry", "interview.industry"), ("region", "interview.region")):
            if wanted("organisation", key):
                d.put(
                    "organisation",
                    key,
                    self.ask_value(msg(prompt, lang), _text(100), optional=True),
                )
                d.save()
        self.run_choices(wanted)
        if wanted("assessment", "assessor"):
            name = self.ask_value(msg("interview.assessor", lang), _text(100), optional=True)
            if name:
                d.put("assessment", "assessor", {"name": name})
                d.save()
        if missing is None or "priorities" not in d.data:
            self.run_priorities()

    def run_choices(self, wanted: Callable[[str, str], bool]) -> None:
        """Size, type, industry profile (defaulting to the type's) and target level, by number."""
        if wanted("organisation", "size"):
            self.choose("organisation", "size", "interview.size", list(SIZES), "2")
        if wanted("organisation", "type"):
            types = [k.value for k in EnterpriseType]
            self.choose("organisation", "type", "interview.type", types, "1")
        if wanted("organisation", "profile"):
            # only the profiles that fit the type: a discrete firm is discrete or mixed, a process
            # firm continuous, batch or mixed (anything else fails validation later)
            fitting = PROFILES_OF_TYPE[self.draft.kind.value]
            self.io.show(self.profile_lines(fitting))
            profiles = [p.value for p in fitting]
            default = str(profiles.index(DEFAULT_PROFILE[self.draft.kind].value) + 1)
            self.choose(
                "organisation", "profile", "interview.profile", profiles, default, n=len(profiles)
            )
        if wanted("assessment", "target_level"):
            self.io.show(self.level_lines())
            self.choose("assessment", "target_level", "interview.target", [1, 2, 3, 4, 5], "2")

    def choose(
        self,
        section: str,
        key: str,
        prompt: str,
        values: Sequence[str | int],
        default: str,
        **params: object,
    ) -> None:
        """One numbered choice of the profile, saved at once."""
        value = self.ask_value(
            msg(prompt, self.lang, **params),
            _pick(values),
            default=default,
            error="interview.need_choice",
        )
        self.draft.put(section, key, value)
        self.draft.save()

    def profile_lines(self, profiles: Sequence[Profile]) -> str:
        return "\n".join(
            f"  {i} {PROFILE_NAMES[p].get(self.lang)}" for i, p in enumerate(profiles, 1)
        )

    def level_lines(self) -> str:
        """Each level in one line (the questionnaire's own summaries), so a target is an informed
        choice."""
        sep = msg("common.label_sep", self.lang)
        return "\n".join(
            f"  {lv.level} {lv.name.get(self.lang)}{sep}{lv.summary.get(self.lang)}"
            for lv in self.draft.questionnaire.levels
        )

    def run_priorities(self) -> None:
        """The KPIs to favour in the plan, by number (Enter: none)."""
        d, lang = self.draft, self.lang
        kpis = list(Kpi)
        self.io.show(
            "  " + "  ".join(f"{i} {KPI_NAMES[k].get(lang)}" for i, k in enumerate(kpis, 1))
        )
        chosen = self.ask_value(
            msg("interview.priorities", lang),
            _priorities(kpis),
            default="",
            error="interview.bad_priorities",
        )
        d.data["priorities"] = chosen or []
        d.save()

    # --- items ----------------------------------------------------------------------------
    def plan(self) -> None:
        """Decide what to ask: everything up to target + 1, or all levels; record the rest as not
        asked."""
        q, d = self.draft.questionnaire, self.draft
        ids = [i for i in q.item_ids(d.profile) if q.subdomain_of[i] not in d.tailoring]
        limit = 5 if self.all_levels or q.quick or d.target is None else min(5, d.target + 1)
        self.items = self._ordered([i for i in ids if q.quick or self._level(i) <= limit])
        asked = set(self.items)
        d.set_not_asked([i for i in ids if i not in asked and d.answers.get(i) is None])
        d.save()

    def _ordered(self, items: list[str]) -> list[str]:
        """With a quick scan to start from, each sub-domain asks first the levels it chose and the
        next one up, then the rest (a stable sort keeps sub-domain and level order otherwise)."""
        if not self.focus:
            return items
        subs = self.draft.questionnaire.subdomain_of
        order = {sub: n for n, sub in enumerate(dict.fromkeys(subs[i] for i in items))}

        def key(item: str) -> tuple[int, int]:
            chosen = self.focus.get(subs[item])
            first = chosen is not None and self._level(item) in (chosen, chosen + 1)
            return order[subs[item]], 0 if first else 1

        return sorted(items, key=key)

    def _level(self, item_id: str) -> int:
        req = self.draft.questionnaire.requirement(item_id)
        return req.level if req else 0

    def first_open(self) -> int:
        for index, item_id in enumerate(self.items):
            if self.draft.answers.get(item_id) is None:
                return index
        return len(self.items)

    def next_open(self, after: int) -> int | None:
        """The first unanswered item after position ``after``, going round to the start; None
        when every other item is answered."""
        count = len(self.items)
        for step in range(1, count + 1):
            index = (after + step) % count
            if index != after and self.draft.answers.get(self.items[index]) is None:
                return index
        return None

    def resume_at(self) -> int:
        """Where a resumed interview goes on: the next unanswered item after the last answered one
        (what was skipped on purpose is not put first again; j reaches it)."""
        answers = self.draft.answers
        answered = [i for i, item in enumerate(self.items) if answers.get(item) is not None]
        if not answered:
            return self.first_open()
        found = self.next_open(answered[-1])
        return len(self.items) if found is None else found

    def answered(self) -> int:
        return sum(1 for i in self.items if self.draft.answers.get(i) is not None)

    def run_items(self, start: int | None = None) -> Outcome:
        index = self.first_open() if start is None else start
        history: list[int] = []
        # the item whose screen is on display; help and review do not redraw it
        shown: int | None = None
        while index < len(self.items):
            item_id = self.items[index]
            offer = self.offer_tailoring(item_id)
            if offer == "quit":
                return "quit"
            if offer == "tailored":
                shown = None
                continue  # the sub-domain's items are gone: index is now the next sub-domain's
            if shown != index:
                self.io.show(self.screen(item_id, index))
                shown = index
            raw = self.io.ask(msg("interview.choice", self.lang)).strip()
            command = raw.lower()
            if command in ("q", "quit", "退出"):
                return "quit"
            moved = self.navigate(command, item_id, index, history)
            if moved is not None:
                index = moved
                continue
            if not raw and self.draft.answers.get(item_id) is None:
                shown = None  # Enter alone: show the question again
                continue
            if command == "s" or not raw or self.record(item_id, raw):
                history.append(index)
                index += 1
        return "done"

    def navigate(self, command: str, item_id: str, index: int, history: list[int]) -> int | None:
        """Help, review, back or jump: the item to be on next; None for any other input."""
        if command in ("h", "?", "help", "帮助", "r"):
            self.aside(item_id, self.review() if command == "r" else self.help())
            return index
        if command == "b":
            if history:
                return history.pop()
            self.io.show(RichText(msg("interview.at_start", self.lang), style="yellow"))
            return index
        if command == "j":
            found = self.next_open(index)
            if found is None:
                self.io.show(RichText(msg("interview.none_open", self.lang), style="yellow"))
                return index
            history.append(index)
            return found
        if command == "g":
            target = self.jump()
            if target is None:
                return index
            history.append(index)
            return target
        return None

    def record(self, item_id: str, raw: str) -> bool:
        """Save ``raw`` as the item's answer; False (and why) when it is no answer."""
        answer = self.parse_answer(item_id, raw)
        if answer is None:
            self.io.show(
                RichText(
                    msg("interview.invalid", self.lang, value=raw, choices=self.choices()),
                    style="yellow",
                )
            )
            return False
        self.draft.set_answer(item_id, answer)
        self.draft.save()
        return True

    def aside(self, item_id: str, shown: RenderableType) -> None:
        """Help or the review, then how to go on with the question still open."""
        self.io.show(shown)
        self.io.show(
            RichText(
                msg("interview.back_to", self.lang, id=item_id, choices=self.choices()), style="dim"
            )
        )

    def help(self) -> str:
        return msg(
            "interview.quick_help" if self.draft.questionnaire.quick else "interview.help",
            self.lang,
        )

    def choices(self) -> str:
        return "0-5, n" if self.draft.questionnaire.quick else "1-4, n"

    def parse_answer(self, item_id: str, raw: str) -> Answer | None:
        match = re.fullmatch(r"([0-5n])\s*(\+?)", raw.lower())
        if not match:
            return None
        key, extra = match.group(1), bool(match.group(2))
        previous = self.draft.answer(item_id)
        note = previous.note if previous else None
        evidence = previous.evidence if previous else ()
        if key == "n":
            rating: Rating | int = "na"
        elif self.draft.questionnaire.quick:
            rating = int(key)
        elif key in RATING_KEYS:
            rating = RATING_KEYS[key]
        else:
            return None
        reason = previous.reason if previous and rating == "na" else None
        if rating == "na":
            reason = self.ask_reason(item_id, reason)
        if extra:
            note = self.ask_value(
                msg("interview.note", self.lang), _text(1000), default=note, optional=True
            )
            given = self.ask_value(
                msg("interview.evidence_in", self.lang), _text(2000), optional=True
            )
            if given:
                evidence = tuple(e.strip() for e in re.split(r"[;；]", given) if e.strip())
        return Answer(rating=rating, reason=reason, note=note, evidence=evidence)

    def ask_reason(self, item_id: str, previous: str | None) -> str | None:
        """Why N/A; the sub-domain's last reason is offered again (Enter), since one cause (no own
        product, no warehouse) usually excludes several of its items."""
        sub = self.draft.questionnaire.subdomain_of[item_id]
        same = None if previous else self.last_reason.get(sub)
        reason = self.ask_value(
            msg("interview.reason_same" if same else "interview.reason", self.lang),
            _text(500),
            default=previous or same,
            error="interview.need_reason",
        )
        if reason:
            self.last_reason[sub] = reason
        return reason

    # --- tailoring --------------------------------------------------------------------------
    def offer_tailoring(self, item_id: str) -> Literal["asked", "tailored", "quit"] | None:
        """Before the first item of an untouched sub-domain: one prompt to tailor it out whole
        (with a reason, written as ``tailoring:``), so that its items are not asked one by one."""
        q, d = self.draft.questionnaire, self.draft
        sub = q.subdomain_of[item_id]
        if q.quick or sub in self.offered:
            return None
        self.offered.add(sub)
        members = [i for i in self.items if q.subdomain_of[i] == sub]
        if any(d.answers.get(i) is not None for i in members):
            return None
        name = q.subdomain(sub).name.get(self.lang)
        self.io.show(Rule(name, align="left"))
        choice = self.ask_value(
            msg("interview.tailor", self.lang, name=name, count=len(members)),
            _keyword({"n": "tailor", "q": "quit"}),
            optional=True,
            error="interview.tailor_invalid",
        )
        if choice == "quit":
            return "quit"
        if choice != "tailor":
            return "asked"
        reason = self.ask_value(
            msg("interview.tailor_reason", self.lang), _text(500), error="interview.need_reason"
        )
        if not reason:  # not reached: a required value is asked until given
            return "asked"
        d.tailoring[sub] = reason
        self.items = [i for i in self.items if i not in members]
        d.set_not_asked([i for i in d.not_asked if q.subdomain_of[i] != sub])
        d.save()
        return "tailored"

    # --- screens --------------------------------------------------------------------------
    def screen(self, item_id: str, index: int) -> RenderableType:
        q, lang = self.draft.questionnaire, self.lang
        sub = q.subdomain(q.subdomain_of[item_id])
        progress = f"[{self.answered()}/{len(self.items)}] {sub.name.get(lang)}"
        req = q.requirement(item_id)
        parts: list[RenderableType] = []
        if req is not None:
            level = q.levels[req.level - 1].name.get(lang)
            parts.append(Rule(f"{progress} · {level}", align="left"))
            parts += self._requirement(req)
        else:
            question = q.question(item_id)
            assert question is not None
            parts.append(Rule(progress, align="left"))
            parts += self._question(question)
        current = self.draft.answer(item_id)
        if current is not None:
            parts.append(
                RichText(msg("interview.current", lang, value=self._label(current)), style="green")
            )
        parts.append(RichText(msg("interview.keys", lang), style="dim"))
        return Group(*parts)

    def _requirement(self, req: Requirement) -> list[RenderableType]:
        lang = self.lang
        evidence = msg("common.list_sep", lang).join(
            e.get(lang) for e in req.evidence_for(self.draft.profile)
        )
        colon = msg(
            "common.label_sep", lang
        )  # a full-width colon keeps Chinese text on the label's line
        lines: list[RenderableType] = [
            RichText.assemble((f"{req.id}  ", "dim"), (req.question.get(lang), "bold")),
            RichText(f"  {msg('interview.requirement', lang)}{colon}{req.statement.get(lang)}"),
            RichText(f"  {msg('interview.evidence', lang)}{colon}{evidence}", style="italic"),
        ]
        for option in self.draft.questionnaire.scale_options:
            lines.append(
                RichText.assemble(
                    f"  {KEY_OF[option.key]} ",
                    (option.label.get(lang), "bold"),
                    f" — {option.help.get(lang)}",
                )
            )
        return lines

    def _question(self, question: Question) -> list[RenderableType]:
        lang = self.lang
        lines: list[RenderableType] = [RichText(question.question.get(lang), style="bold")]
        lines += [
            RichText.assemble(f"  {d.level} ", (d.text.get(lang), "")) for d in question.descriptors
        ]
        lines.append(RichText(f"  n {msg('interview.quick_na', lang)}"))
        return lines

    def _label(self, answer: Answer) -> str:
        if isinstance(answer.rating, int):
            return str(answer.rating)
        option = next(o for o in self.draft.questionnaire.scale_options if o.key == answer.rating)
        return option.label.get(self.lang)

    def _subdomain_progress(self) -> list[tuple[str, int, int]]:
        q = self.draft.questionnaire
        rows: list[tuple[str, int, int]] = []
        for sub in q.subdomains:
            ids = [i for i in self.items if q.subdomain_of[i] == sub.id]
            if ids:
                rows.append(
                    (sub.id, sum(1 for i in ids if self.draft.answers.get(i) is not None), len(ids))
                )
        return rows

    def review(self) -> RenderableType:
        q, lang = self.draft.questionnaire, self.lang
        table = Table(title=msg("interview.progress", lang), title_justify="left")
        table.add_column("#", justify="right")
        table.add_column(msg("interview.subdomain", lang))
        table.add_column(msg("interview.answered", lang), justify="right")
        table.add_column(msg("interview.asked", lang), justify="right")
        for number, (sub_id, done, total) in enumerate(self._subdomain_progress(), 1):
            table.add_row(str(number), q.subdomain(sub_id).name.get(lang), str(done), str(total))
        return table

    def jump(self) -> int | None:
        self.io.show(self.review())
        rows = self._subdomain_progress()
        numbers = list(range(1, len(rows) + 1))
        chosen = (
            self.ask_value(
                msg("interview.jump_prompt", self.lang),
                _pick(numbers),
                optional=True,
                error="interview.need_choice",
            )
            if rows
            else None
        )
        if chosen is None:
            return None
        sub_id = rows[chosen - 1][0]
        q = self.draft.questionnaire
        positions = [i for i, item in enumerate(self.items) if q.subdomain_of[item] == sub_id]
        open_positions = [i for i in positions if self.draft.answers.get(self.items[i]) is None]
        return (open_positions or positions)[0]


# --- parsers: return None to re-ask --------------------------------------------------------
def _numbers_in(prompt: str) -> str:
    """The choice numbers a prompt offers, for the 'please type one of' message; a range such as
    "(1-5)" or "（1–5）" offers every number in it, not its two ends."""
    numbers = {int(n) for n in re.findall(r"\b([0-9])\b", prompt)}
    for low, high in re.findall(r"\b([0-9])\s*[-–~]\s*([0-9])\b", prompt):
        numbers.update(range(int(low), int(high) + 1))
    return "/".join(str(n) for n in sorted(numbers)) or "?"


class Reask(Exception):
    """Raised by a parser to ask again with a specific message (a catalogue key,
    ``interview.*``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def _text(limit: int) -> Callable[[str], str | None]:
    """Text up to ``limit`` characters; a longer one is asked again, never cut silently."""

    def parse(raw: str) -> str | None:
        if len(raw) > limit:
            raise Reask("interview.too_long", length=len(raw), limit=limit)
        return raw or None

    return parse


def _number(raw: str, high: int) -> int | None:
    """``raw`` as a number from 1 to ``high``, else None. Only a few digits are converted: int() of
    thousands of digits raises ValueError (Python's limit on integer string conversion)."""
    if not raw.isdecimal() or len(raw) > len(str(high)):
        return None
    number = int(raw)
    return number if 1 <= number <= high else None


def _pick(values: Sequence[T]) -> Callable[[str], T | None]:
    """A number from 1 choosing one of ``values``."""

    def parse(raw: str) -> T | None:
        number = _number(raw, len(values))
        return None if number is None else values[number - 1]

    return parse


def _keyword(words: dict[str, T]) -> Callable[[str], T | None]:
    """One of a few letters (any case)."""

    def parse(raw: str) -> T | None:
        return words.get(raw.lower())

    return parse


def _priorities(kpis: list[Kpi]) -> Callable[[str], list[str] | None]:
    def parse(raw: str) -> list[str] | None:
        if not raw:
            return []
        tokens = re.split(r"[\s,，、]+", raw.strip())
        numbers = [_number(tok, len(kpis)) for tok in tokens]
        if None in numbers or len(set(numbers)) != len(numbers):
            return None
        return [kpis[n - 1].value for n in numbers if n is not None]

    return parse
