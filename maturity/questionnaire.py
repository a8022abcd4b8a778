"""Loading a questionnaire directory into one validated, indexed :class:`Questionnaire`.

Every problem in every file of the directory is collected and reported at once, each with
its file and line, before anything is raised.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from maturity import cache, yamlio
from maturity.errors import InputError, Problem, QuestionnaireError
from maturity.i18n import phrase
from maturity.resources import builtin_dir
from maturity.schema.base import Frozen, PlanDomain, Profile
from maturity.schema.projects import Project, ScenarioFile
from maturity.schema.questionnaire import (
    REQUIREMENT_ID,
    Level,
    Question,
    QuestionnaireHeader,
    Requirement,
    ScaleOption,
    Subdomain,
    SubdomainFile,
)
from maturity.schema.recommendations import (
    Recommendation,
    RecommendationFile,
    Technology,
    TechnologyFile,
)
from maturity.validation import schema_problems

HEADER_FILE = "questionnaire.yaml"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Guidance:
    """The recommendations beside a questionnaire and the technologies they name, as loaded (the
    plan computed from them for one result is :class:`maturity.recommend.Advice`)."""

    recommendations: dict[str, Recommendation]
    technologies: dict[str, Technology]
    projects: tuple[Project, ...] = ()  # () when the questionnaire has no projects/ folder
    scenarios: ScenarioFile | None = None
    legislation_as_of: str | None = None  # month the projects' legal citations were checked to


@dataclass(frozen=True)
class Questionnaire:
    """A complete questionnaire with indexes for scoring and reporting.

    The indexes are computed on first use and kept (``cached_property``); what they return is
    read-only (tuples, read-only mappings), so that nothing one caller does reaches another.
    """

    header: QuestionnaireHeader  # with the structure resolved when it is inherited (based_on)
    path: Path
    requirements: tuple[
        Requirement, ...
    ]  # in display order: sub-domain order, then requirement order
    subdomain_of: dict[str, str]  # requirement or question id -> sub-domain id
    questions: tuple[Question, ...] = ()  # a quick scan's questions, in display order
    # Improvement advice is only needed by reports; with ``advice`` unset it is read on first use.
    advice: Guidance | None = None
    # the questionnaire named by ``based_on`` (a quick scan's full questionnaire), when loaded
    base: Questionnaire | None = None

    @cached_property
    def _advice(self) -> Guidance:
        if self.advice is not None:
            return self.advice
        problems: list[Problem] = []
        loaded = load_advice(self.path, self.subdomain_of, problems)
        if problems:
            raise QuestionnaireError(problems)
        return loaded

    @property
    def recommendations(self) -> dict[str, Recommendation]:
        return self._advice.recommendations

    @property
    def technologies(self) -> dict[str, Technology]:
        return self._advice.technologies

    @property
    def projects_estimated(self) -> bool:
        """Whether the projects are written as data (else one per requirement, not estimated)."""
        return bool(self._advice.projects)

    @cached_property
    def projects(self) -> tuple[Project, ...]:
        """The improvement projects; without a projects/ folder, one per requirement."""
        if self._advice.projects:
            return self._advice.projects
        from maturity.projects import fallback_projects

        return fallback_projects(self.requirements, self.recommendations)

    @property
    def scenarios(self) -> ScenarioFile | None:
        return self._advice.scenarios

    @property
    def legislation_as_of(self) -> str | None:
        """The month up to which the projects' legal citations were checked (YYYY-MM)."""
        return self._advice.legislation_as_of

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def version(self) -> str:
        return self.header.version

    @property
    def quick(self) -> bool:
        return self.header.kind == "quick"

    @property
    def levels(self) -> tuple[Level, ...]:
        return self.header.levels

    @property
    def scale_options(self) -> tuple[ScaleOption, ...]:
        return self.header.answer_scale.options if self.header.answer_scale else ()

    def item_ids(self, profile: Profile) -> tuple[str, ...]:
        """Ids an answer file of this industry profile is expected to answer, in display order."""
        if self.quick:
            return tuple(q.id for q in self.questions)
        return tuple(row[0] for row in self.rows(profile))

    def applicability(self, profile: Profile) -> Mapping[str, bool]:
        """Item id -> whether it applies to this industry profile (unknown ids are absent)."""
        return self._applicability[profile]

    @cached_property
    def _applicability(self) -> Mapping[Profile, Mapping[str, bool]]:
        def table(profile: Profile) -> Mapping[str, bool]:
            found = {r.id: r.applies(profile) for r in self.requirements}
            found.update((q.id, True) for q in self.questions)
            return MappingProxyType(found)

        return MappingProxyType({profile: table(profile) for profile in Profile})

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @cached_property
    def subdomains(self) -> tuple[Subdomain, ...]:
        """In display order."""
        return tuple(sorted(self.header.subdomains, key=lambda s: s.order))

    @cached_property
    def plan_members(self) -> Mapping[PlanDomain, tuple[str, ...]]:
        """The plan's domains that have sub-domains here, in the plan's order, with their sub-domain
        ids."""
        members = {
            plan: tuple(s.id for s in self.subdomains if s.plan_domain is plan)
            for plan in PlanDomain
        }
        return MappingProxyType({plan: ids for plan, ids in members.items() if ids})

    @cached_property
    def element_of(self) -> Mapping[str, str]:
        """Sub-domain id -> the id of the element it belongs to (through its domain)."""
        element = {d.id: d.element for d in self.header.domains}
        return MappingProxyType({s.id: element[s.domain] for s in self.header.subdomains})

    def subdomain(self, sub_id: str) -> Subdomain:
        return next(s for s in self.header.subdomains if s.id == sub_id)

    def applicable(self, profile: Profile) -> tuple[Requirement, ...]:
        return self._applicable[profile]

    @cached_property
    def _applicable(self) -> Mapping[Profile, tuple[Requirement, ...]]:
        return MappingProxyType(
            {p: tuple(r for r in self.requirements if r.applies(p)) for p in Profile}
        )

    def rows(self, profile: Profile) -> tuple[tuple[str, str, int], ...]:
        """(requirement id, sub-domain id, level) of every applicable requirement, for scoring."""
        return self._rows[profile]

    @cached_property
    def _rows(self) -> Mapping[Profile, tuple[tuple[str, str, int], ...]]:
        return MappingProxyType(
            {
                p: tuple((r.id, self.subdomain_of[r.id], r.level) for r in self.applicable(p))
                for p in Profile
            }
        )

    def requirement(self, req_id: str) -> Requirement | None:
        return self._by_id.get(req_id)

    @cached_property
    def _by_id(self) -> Mapping[str, Requirement]:
        return MappingProxyType({r.id: r for r in self.requirements})


def _validate(doc: yamlio.Document, model: type[M], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(schema_problems(doc, exc))
        return None


def _load_doc(path: Path, root: Path, problems: list[Problem]) -> yamlio.Document | None:
    try:
        return yamlio.load(path, display=_display(path, root))
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def load_questionnaire(
    directory: Path,
    resolve: Callable[[str], Questionnaire] | None = None,
    *,
    advice: bool = True,
    cache_dir: Path | None = None,
) -> Questionnaire:
    """Load and cross-check ``directory``; raises :class:`QuestionnaireError` with all problems.

    ``resolve`` finds the questionnaire named by ``based_on`` (a :class:`Catalog` passes its own).
    With ``advice=False`` the recommendation files are read (and checked) on first use instead,
    which keeps scoring fast; ``maturity show`` and the tests load everything at once. With a
    ``cache_dir`` the validated questionnaire is kept there (see maturity.cache) for the next load.
    """
    files = [directory / HEADER_FILE, *sorted((directory / "subdomains").glob("*.yaml"))]
    cache_key = cache.key("questionnaire", files) if cache_dir is not None else None
    cached = None if advice or cache_dir is None else _from_cache(cache_dir, cache_key, directory)
    if cached is not None:
        return cached
    problems: list[Problem] = []
    header, header_doc = _load_header(directory, resolve, problems)
    base = resolve(header.based_on) if header.based_on and resolve else None
    requirements, questions, subdomain_of = _load_subdomains(
        directory, header, header_doc, problems, base
    )
    _check_files_and_levels(directory, header, header_doc, requirements, problems)
    loaded_advice = load_advice(directory, subdomain_of, problems) if advice else None
    if problems:
        raise QuestionnaireError(problems)
    questionnaire = Questionnaire(
        header, directory, tuple(requirements), subdomain_of, tuple(questions), loaded_advice, base
    )
    if (
        header.based_on is None and cache_dir is not None
    ):  # an inherited structure lives in other files: not cached
        snapshot = _Snapshot(
            header=header,
            requirements=questionnaire.requirements,
            subdomain_of=subdomain_of,
            questions=questionnaire.questions,
        )
        cache.write(cache_dir, cache_key, snapshot.model_dump_json().encode("utf-8"))
    return questionnaire


def _load_header(
    directory: Path, resolve: Callable[[str], Questionnaire] | None, problems: list[Problem]
) -> tuple[QuestionnaireHeader, yamlio.Document]:
    """The header with an inherited structure (``based_on``) filled in, and its document for
    locations."""
    header_doc = _load_doc(directory / HEADER_FILE, directory, problems)
    header = _validate(header_doc, QuestionnaireHeader, problems) if header_doc else None
    if header is None or header_doc is None:
        raise QuestionnaireError(problems)
    if header.based_on is not None:
        if resolve is None:
            ref = header.based_on
            raise QuestionnaireError(
                [
                    header_doc.problem(
                        "model.unknown_ref",
                        ("based_on",),
                        what="questionnaire",
                        id=header.id,
                        target="questionnaire",
                        ref=ref,
                    )
                ]
            )
        base = resolve(header.based_on).header
        header = header.model_copy(
            update={
                "levels": base.levels,
                "elements": base.elements,
                "domains": base.domains,
                "subdomains": base.subdomains,
                "answer_scale": header.answer_scale or base.answer_scale,
            }
        )
    _check_header(header, header_doc, problems)
    return header, header_doc


def _load_subdomains(
    directory: Path,
    header: QuestionnaireHeader,
    header_doc: yamlio.Document,
    problems: list[Problem],
    base: Questionnaire | None = None,
) -> tuple[list[Requirement], list[Question], dict[str, str]]:
    """Requirements and questions of every sub-domain file, in display order, with their sub-domain
    ids."""
    requirements: list[Requirement] = []
    questions: list[Question] = []
    subdomain_of: dict[str, str] = {}
    placed: list[tuple[Requirement, yamlio.Document, int]] = []
    for sub in sorted(header.subdomains, key=lambda s: s.order):
        path = directory / "subdomains" / f"{sub.id}.yaml"
        if not path.is_file():
            entry = ("subdomains", header.subdomains.index(sub), "id")
            problems.append(
                header_doc.problem(
                    "model.missing_subdomain_file", entry, id=sub.id, file=_display(path, directory)
                )
            )
            continue
        doc = _load_doc(path, directory, problems)
        content = _validate(doc, SubdomainFile, problems) if doc else None
        if content is None or doc is None:
            continue
        if content.subdomain != sub.id:
            problems.append(
                doc.problem("model.file_name", ("subdomain",), expected=f"{content.subdomain}.yaml")
            )
        for index, req in sorted(
            enumerate(content.requirements), key=lambda pair: pair[1].order
        ):  # index: position in the file
            match = REQUIREMENT_ID.match(req.id)
            if not match or match["sub"] != sub.id or int(match["level"]) != req.level:
                expected = f"{sub.id}.{req.level}.NN"
                problems.append(
                    doc.problem(
                        "model.bad_requirement_id",
                        ("requirements", index, "id"),
                        id=req.id,
                        expected=expected,
                    )
                )
            _add_item(req.id, sub.id, ("requirements", index, "id"), doc, subdomain_of, problems)
            requirements.append(req)
            placed.append((req, doc, index))
        for index, question in sorted(enumerate(content.questions), key=lambda pair: pair[1].order):
            _add_item(question.id, sub.id, ("questions", index, "id"), doc, subdomain_of, problems)
            questions.append(question)
            if base is not None:
                problems += _check_covers(question, sub.id, base, doc, index)
    _check_links(placed, subdomain_of, problems)
    return requirements, questions, subdomain_of


def _check_covers(
    question: Question, sub_id: str, base: Questionnaire, doc: yamlio.Document, index: int
) -> list[Problem]:
    """A descriptor's ``covers`` names requirements of the full questionnaire, of the question's
    own sub-domain, at the descriptor's level or below: choosing it claims those are met."""
    problems: list[Problem] = []
    for d_index, descriptor in enumerate(question.descriptors):
        for c_index, ref in enumerate(descriptor.covers):
            req = base.requirement(ref)
            loc = ("questions", index, "descriptors", d_index, "covers", c_index)
            params = {"ref": ref, "id": question.id, "level": descriptor.level}
            if req is None:
                problems.append(doc.problem("model.covers_unknown", loc, base=base.id, **params))
            elif base.subdomain_of[ref] != sub_id:
                problems.append(
                    doc.problem(
                        "model.covers_subdomain",
                        loc,
                        sub=base.subdomain_of[ref],
                        own=sub_id,
                        **params,
                    )
                )
            elif req.level > descriptor.level:
                problems.append(doc.problem("model.covers_level", loc, got=req.level, **params))
    return problems


def _check_links(
    placed: list[tuple[Requirement, yamlio.Document, int]],
    subdomain_of: dict[str, str],
    problems: list[Problem],
) -> None:
    """``see_also`` and ``presupposes`` name other requirements of this questionnaire; profile
    evidence is only for profiles the requirement applies to."""
    for req, doc, index in placed:
        for field in ("see_also", "presupposes"):
            for ref_index, ref in enumerate(getattr(req, field)):
                if ref not in subdomain_of or ref == req.id:
                    problems.append(
                        doc.problem(
                            "model.unknown_ref",
                            ("requirements", index, field, ref_index),
                            what="requirement",
                            id=req.id,
                            target="requirement",
                            ref=ref,
                        )
                    )
        for profile in req.evidence_by_profile:
            if not req.applies(profile):
                problems.append(
                    doc.problem(
                        "model.unknown_ref",
                        ("requirements", index, "evidence_by_profile", profile.value),
                        what="requirement",
                        id=req.id,
                        target="profile",
                        ref=profile.value,
                    )
                )


def _add_item(
    item_id: str,
    sub_id: str,
    loc: tuple[str | int, ...],
    doc: yamlio.Document,
    subdomain_of: dict[str, str],
    problems: list[Problem],
) -> None:
    if item_id in subdomain_of:
        problems.append(doc.problem("model.duplicate_id", loc, id=item_id))
    subdomain_of[item_id] = sub_id


def _check_files_and_levels(
    directory: Path,
    header: QuestionnaireHeader,
    header_doc: yamlio.Document,
    requirements: list[Requirement],
    problems: list[Problem],
) -> None:
    """No sub-domain file that the header does not list; requirements at every level (unless a quick
    scan)."""
    sub_dir = directory / "subdomains"
    known = {s.id for s in header.subdomains}
    for stray in sorted(sub_dir.glob("*.yaml")) if sub_dir.is_dir() else []:
        if stray.stem not in known:
            params: dict[str, object] = {
                "what": "file",
                "id": stray.name,
                "target": "sub-domain",
                "ref": stray.stem,
            }
            problems.append(Problem("model.unknown_ref", params, file=_display(stray, directory)))
    if header.kind == "requirements":
        for level in header.levels:
            if not any(r.level == level.level for r in requirements):
                problems.append(
                    header_doc.problem(
                        "model.no_requirements_at_level", ("levels",), level=level.level
                    )
                )


class _Snapshot(Frozen):
    """The cached form of a validated questionnaire (see maturity.cache)."""

    header: QuestionnaireHeader
    requirements: tuple[Requirement, ...]
    subdomain_of: dict[str, str]
    questions: tuple[Question, ...]


def _from_cache(folder: Path, name: str | None, directory: Path) -> Questionnaire | None:
    raw = cache.read(folder, name)
    if raw is None:
        return None
    try:
        snap = _Snapshot.model_validate_json(raw)
    except ValidationError:
        return None  # written by another version or damaged: load from the files
    return Questionnaire(
        header=snap.header,
        path=directory,
        requirements=snap.requirements,
        subdomain_of=snap.subdomain_of,
        questions=snap.questions,
    )


def _check_header(
    header: QuestionnaireHeader, doc: yamlio.Document, problems: list[Problem]
) -> None:
    def unique(items: list[str], section: str) -> None:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item in seen:
                problems.append(doc.problem("model.duplicate_id", (section, index, "id"), id=item))
            seen.add(item)

    unique([e.id for e in header.elements], "elements")
    unique([d.id for d in header.domains], "domains")
    unique([s.id for s in header.subdomains], "subdomains")
    elements = {e.id for e in header.elements}
    domains = {d.id for d in header.domains}
    for index, dom in enumerate(header.domains):
        if dom.element not in elements:
            problems.append(
                doc.problem(
                    "model.unknown_ref",
                    ("domains", index, "element"),
                    what="domain",
                    id=dom.id,
                    target="element",
                    ref=dom.element,
                )
            )
    for index, sub in enumerate(header.subdomains):
        if sub.domain not in domains:
            problems.append(
                doc.problem(
                    "model.unknown_ref",
                    ("subdomains", index, "domain"),
                    what="sub-domain",
                    id=sub.id,
                    target="domain",
                    ref=sub.domain,
                )
            )
    if [lv.level for lv in header.levels] != [1, 2, 3, 4, 5]:
        problems.append(
            doc.problem(
                "schema.invalid",
                ("levels",),
                field="levels",
                detail=phrase("model.reason.levels_in_order"),
            )
        )


def load_advice(directory: Path, subdomain_of: dict[str, str], problems: list[Problem]) -> Guidance:
    from maturity.projects import load_projects

    technologies = _load_technologies(directory, problems)
    projects, scenarios, as_of = load_projects(directory, subdomain_of, technologies, problems)
    return Guidance(
        _load_recommendations(directory, subdomain_of, technologies, problems),
        technologies,
        projects,
        scenarios,
        as_of,
    )


def _load_technologies(directory: Path, problems: list[Problem]) -> dict[str, Technology]:
    path = directory / "technologies.yaml"
    if not path.is_file():
        return {}
    doc = _load_doc(path, directory, problems)
    content = _validate(doc, TechnologyFile, problems) if doc else None
    return {t.id: t for t in content.technologies} if content else {}


def _load_recommendations(
    directory: Path,
    subdomain_of: dict[str, str],
    technologies: dict[str, Technology],
    problems: list[Problem],
) -> dict[str, Recommendation]:
    out: dict[str, Recommendation] = {}
    rec_dir = directory / "recommendations"
    for path in sorted(rec_dir.glob("*.yaml")) if rec_dir.is_dir() else []:
        doc = _load_doc(path, directory, problems)
        content = _validate(doc, RecommendationFile, problems) if doc else None
        if content is None or doc is None:
            continue
        for index, rec in enumerate(content.recommendations):
            if rec.requirement not in subdomain_of:
                problems.append(
                    doc.problem(
                        "model.recommendation_unknown_requirement",
                        ("recommendations", index, "requirement"),
                        id=rec.requirement,
                    )
                )
            elif rec.requirement in out:
                problems.append(
                    doc.problem(
                        "model.duplicate_id",
                        ("recommendations", index, "requirement"),
                        id=rec.requirement,
                    )
                )
            for t_index, tech in enumerate(rec.technologies):
                if tech not in technologies:
                    problems.append(
                        doc.problem(
                            "model.unknown_technology",
                            ("recommendations", index, "technologies", t_index),
                            id=tech,
                        )
                    )
            out[rec.requirement] = rec
    return out


def migration_dir(directory: Path, source: str) -> Path:
    """Where the questionnaire in ``directory`` keeps its id map from version ``source``. The
    version comes from an answer file: one that is not a plain folder name ("1.0.0/../../x") gets
    a folder that does not exist rather than another one."""
    name = f"from-{source}"
    if Path(name).name != name or ".." in name:
        return directory / "migrations" / "from-"
    return directory / "migrations" / name


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Versions compare numerically part by part (1.10.0 after 1.9.0); a part that is not a number
    sorts before every number, by its text."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


@dataclass(frozen=True)
class Installed:
    """One questionnaire version on the search path."""

    id: str
    version: str
    path: Path


class Catalog:
    """Finds questionnaires along the search path by id and version; user directories shadow
    built-in ones (version by version).

    ``extra_dirs`` are searched before the built-in questionnaires; with a ``cache_dir``,
    validated questionnaires are kept there for the next process (see maturity.cache).
    """

    def __init__(
        self, extra_dirs: Sequence[Path] | None = None, cache_dir: Path | None = None
    ) -> None:
        self.extra_dirs = tuple(extra_dirs or ())
        self.cache_dir = cache_dir
        self.search_path = [*self.extra_dirs, builtin_dir("questionnaires")]
        self._cache: dict[tuple[str, str], Questionnaire] = {}
        self._installed: dict[str, dict[str, Path]] | None = None  # read once: a batch loads often

    def __reduce__(self) -> tuple[type[Catalog], tuple[tuple[Path, ...], Path | None]]:
        # sent to a worker process that is not forked: the settings, not what has been loaded
        return (Catalog, (self.extra_dirs, self.cache_dir))

    def installed(self) -> dict[str, dict[str, Path]]:
        """Id -> version -> directory, versions newest first; the first directory on the search
        path wins for one (id, version)."""
        if self._installed is None:
            self._installed = self._scan()
        return self._installed

    def _scan(self) -> dict[str, dict[str, Path]]:
        found: dict[str, dict[str, Path]] = {}
        for root in self.search_path:
            for candidate in self._candidates(root):
                name, version = self._peek(candidate)
                found.setdefault(name, {}).setdefault(version, candidate)
        return {
            name: dict(sorted(versions.items(), key=lambda v: version_key(v[0]), reverse=True))
            for name, versions in found.items()
        }

    def directories(self) -> dict[str, Path]:
        """Id -> the directory of its newest version."""
        return {name: next(iter(versions.values())) for name, versions in self.installed().items()}

    def every_version(self) -> list[Installed]:
        """Every installed (id, version), by id, newest version first."""
        return [
            Installed(name, version, path)
            for name, versions in sorted(self.installed().items())
            for version, path in versions.items()
        ]

    @staticmethod
    def _candidates(root: Path) -> Iterator[Path]:
        if (root / HEADER_FILE).is_file():  # the directory is itself a questionnaire
            yield root
        elif root.is_dir():
            yield from (p for p in sorted(root.iterdir()) if (p / HEADER_FILE).is_file())

    @staticmethod
    def _peek(directory: Path) -> tuple[str, str]:
        try:
            data = yamlio.load(directory / HEADER_FILE).data
        except InputError:
            return directory.name, ""  # broken: let load() report its problems under the dir name
        values = [data.get(k) if isinstance(data, dict) else None for k in ("id", "version")]
        name = values[0] if isinstance(values[0], str) else directory.name
        return name, str(values[1]) if values[1] is not None else ""

    def load(
        self, questionnaire_id: str, version: str | None = None, *, advice: bool = False
    ) -> Questionnaire:
        """The questionnaire ``questionnaire_id`` at ``version``, or its newest version."""
        version, path = self._find(questionnaire_id, version)
        key = (questionnaire_id, version)
        if key not in self._cache:
            self._cache[key] = load_questionnaire(
                path, self.load, advice=advice, cache_dir=self.cache_dir
            )
        if advice:
            self._cache[key].recommendations  # noqa: B018 - reads and checks the advice now
        return self._cache[key]

    def _find(self, questionnaire_id: str, version: str | None) -> tuple[str, Path]:
        installed = self.installed()
        versions = installed.get(questionnaire_id)
        if versions is None:
            available = ", ".join(sorted(installed)) or "-"
            raise QuestionnaireError(
                [
                    Problem(
                        "model.unknown_questionnaire",
                        {"id": questionnaire_id, "available": available},
                    )
                ]
            )
        if version is None:
            return next(iter(versions.items()))
        if version not in versions:
            raise QuestionnaireError([self._unknown_version(questionnaire_id, version, versions)])
        return version, versions[version]

    @staticmethod
    def _unknown_version(questionnaire_id: str, version: str, versions: dict[str, Path]) -> Problem:
        """Names the installed versions and, when a newer one carries a migration from
        ``version``, that one (``maturity migrate`` can convert the file)."""
        newer = [v for v, path in versions.items() if migration_dir(path, version).is_dir()]
        params: dict[str, object] = {
            "id": questionnaire_id,
            "version": version,
            "available": ", ".join(versions),
            "newer": newer[0] if newer else "",
        }
        key = "model.unknown_version_migrate" if newer else "model.unknown_version"
        return Problem(key, params)
