"""Language choice and the one catalogue of user-facing text (zh-CN and en).

Every text the tool writes is a key of :data:`MESSAGES` (``key -> (zh, en)``), looked up with
``msg(key, lang, **params)``; parameters are ``str.format`` names, the same in both languages.
Keys are grouped by area (``excel.*``, ``interview.*``, ``blank.*``, ``rule.*``...); a key is never
built at run time except for the few listed in tests/test_catalogue.py. Three helpers cover the
cases a plain lookup does not:

- :class:`Phrase` (``phrase(key, **params)``): a message as a parameter of another, e.g. the reason
  in ``Problem("excel.not_xlsx", {"reason": phrase("excel.reason.not_zip")})``, rendered in the
  language of the message around it. Text computed in both languages (a pydantic message and its
  translation) is passed as ``{lang: text}``, built from ``LANGS``, never written as a literal;
- :func:`bilingual`: an entry as a :class:`~maturity.schema.base.Text`, for data that carries both
  languages (the vocabulary names in maturity.labels);
- model rules raise ``broken_rule(key)`` with a ``rule.*`` key (maturity.schema.base).

Two kinds of text are data, not code, and stay outside this module: the questionnaires' own texts
(``questionnaires/*``, each a ``Text``), and the report's headings and phrases, which are the report's
part of the catalogue in ``report_templates/labels.yaml`` (``label: {zh: ..., en: ...}``) so that a
``--template-dir`` with its own labels.yaml can reword them without touching code.
tests/test_catalogue.py checks that both languages exist with the same parameters, that every key
is used, and that the converted modules write no text in any other way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from maturity.schema.base import LANGS, Lang, Text


def normalise_lang(value: str) -> Lang:
    v = value.strip().lower().replace("_", "-")
    if v.startswith("zh"):
        return "zh"
    if v.startswith("en"):
        return "en"
    raise ValueError(value)


# key -> (zh, en)
MESSAGES: dict[str, tuple[str, str]] = {
    # --- core (arch) ---
    "core.unexpected": (
        "内部错误：{error}。这是 maturity 的缺陷，请加上 --debug 重新运行并提交问题报告。",
        "internal error: {error}. This is a bug in maturity; rerun with --debug and report it.",
    ),
    "core.output_is_dir": (
        "{path} 是一个目录；请给出输出文件名。",
        "{path} is a directory; give an output file name.",
    ),
    # --- file level -------------------------------------------------------------------------
    "file.missing": (
        "文件不存在。请检查路径和文件名。",
        "file not found. Check the path and the file name.",
    ),
    "file.is_dir": (
        "这是一个目录，不是文件。请给出一个文件。",
        "is a directory, not a file. Give a file.",
    ),
    "file.unreadable": ("无法读取文件：{reason}。", "cannot read the file: {reason}."),
    "file.too_large": (
        "文件有 {size} 字节，超过上限 {limit} 字节。答卷文件通常只有几十 KB；请确认选对了文件。",
        "the file has {size} bytes, more than the limit of {limit}. Answer files are usually a few tens of KB; check that this is the right file.",
    ),
    "file.empty": (
        "文件是空的。请用 `maturity template` 生成一个答卷模板再填写。",
        "the file is empty. Create one with `maturity template` and fill it in.",
    ),
    "file.binary": (
        "这不是文本文件（第 {line} 行有二进制内容）。请给出 YAML 文本文件。",
        "this is not a text file (binary content at line {line}). Give a YAML text file.",
    ),
    "file.not_utf8": (
        "文件不是 UTF-8 编码（第 {line} 行有无法识别的字节）。请用编辑器“另存为 UTF-8”后重试。",
        "the file is not UTF-8 (unreadable bytes at line {line}). Save it as UTF-8 in your editor and try again.",
    ),
    "file.gbk": (
        "文件是 GBK/GB18030 编码，已按 GB18030 读取。建议另存为 UTF-8。",
        "the file is GBK/GB18030-encoded and was read as GB18030. Consider saving it as UTF-8.",
    ),
    # --- input reading (hardening) ---
    "file.not_regular": (
        "这不是普通文件，而是{kind}；读取它会一直等待或读不完。请给出一个文件。",
        "not a regular file but {kind}: reading it would wait or never end. Give a file.",
    ),
    "cli.bad_lang_env": (
        "环境变量 {var}='{value}' 不是支持的语言：请设为 zh 或 en，或删除它。"
        " / ${var}='{value}' is not a supported language: set it to zh or en, or unset it.",
        "${var}='{value}' is not a supported language: set it to zh or en, or unset it."
        " / 环境变量 {var}='{value}' 不是支持的语言：请设为 zh 或 en，或删除它。",
    ),
    "answers.empty": (
        "answers: 下面是空的。请在它下面逐行写答案（例如 `  a.1.01: full`），还没有答案时写 `answers: {}`。",
        "answers: is empty. List the answers under it, one per line (e.g. `  a.1.01: full`), or write `answers: {}` if there are none yet.",
    ),
    "yaml.number_too_long": (
        "数字太长（超过 {limit} 位）。请检查这个值；如果它是文字，请加上引号。",
        "number too large (more than {limit} digits). Check the value; if it is meant as text, put it in quotes.",
    ),
    # --- YAML level -------------------------------------------------------------------------
    "yaml.syntax": (
        "YAML 语法错误：{problem}。请检查缩进、冒号和引号。",
        "YAML syntax error: {problem}. Check indentation, colons and quotes.",
    ),
    "yaml.multi_doc": (
        "文件里有多个 YAML 文档（---）；只能有一个。",
        "the file holds more than one YAML document (---); keep only one.",
    ),
    "yaml.not_mapping": (
        "文件顶层应该是“键: 值”的映射，实际是{kind}。请参照 `maturity template` 生成的格式。",
        "the top level must be a mapping of `key: value`, but it is {kind}. Follow the layout that `maturity template` writes.",
    ),
    "yaml.duplicate_key": (
        "键 '{key}' 重复（第一次出现在第 {first} 行）。YAML 只保留最后一个，请删除或合并其中一个。",
        "duplicate key '{key}' (first defined at line {first}). YAML would silently keep only the last one; remove or merge one of them.",
    ),
    "yaml.too_deep": (
        "文件嵌套层级太深，无法处理。",
        "the document is nested too deeply to process.",
    ),
    "yaml.too_many_nodes": (
        "文件展开后有超过 {limit} 个节点（可能是 YAML 别名炸弹）。拒绝处理。",
        "the document expands to more than {limit} nodes (a YAML alias bomb?). Refusing to process it.",
    ),
    # --- schema -----------------------------------------------------------------------------
    "schema.missing": ("缺少必填字段 '{field}'。", "missing required field '{field}'."),
    "schema.extra": ("未知字段 '{field}'（拼写错误？）。", "unknown field '{field}' (a typo?)."),
    "schema.invalid": ("字段 '{field}'：{detail}", "field '{field}': {detail}"),
    # --- answers ----------------------------------------------------------------------------
    "answers.unknown_requirement": (
        "未知的要求编号 '{id}'：问卷 {questionnaire} {version} 中没有这一条。请对照 `maturity template {questionnaire}` 检查编号。",
        "unknown requirement id '{id}': questionnaire {questionnaire} {version} has no such item. Check the id against `maturity template {questionnaire}`.",
    ),
    "answers.not_applicable_type": (
        "要求 '{id}' 只适用于{types}企业，而本答卷的企业类型是{type}。请删除这一条。",
        "requirement '{id}' applies only to {types} enterprises, but this organisation is {type}. Remove the answer.",
    ),
    "answers.unknown_rating": (
        "'{id}' 的评分 '{value}' 无效。可用：full, most, partial, none, na（或 全部满足、大部分满足、部分满足、不满足、不适用）。",
        "invalid rating '{value}' for '{id}'. Use one of: full, most, partial, none, na (or 全部满足, 大部分满足, 部分满足, 不满足, 不适用).",
    ),
    "answers.unknown_level_choice": (
        "'{id}' 的选择 '{value}' 无效：快速诊断的答案是 0 到 5 的等级数字。",
        "invalid choice '{value}' for '{id}': quick-scan answers are level numbers from 0 to 5.",
    ),
    "answers.na_without_reason": (
        "'{id}' 选了“不适用”，但没有写原因。请加上 reason: 说明为什么不适用。",
        "'{id}' is marked not applicable (na) without a reason. Add `reason:` explaining why it does not apply.",
    ),
    "answers.wrong_questionnaire": (
        "答卷针对问卷 '{got}'，但找不到这个问卷。可用的问卷：{available}。",
        "the answer file is for questionnaire '{got}', which is not installed. Available: {available}.",
    ),
    "answers.wrong_version": (
        "答卷针对问卷 {id} 的 {got} 版本，而已安装的是 {expected} 版本。请用 `maturity template {id}` 生成新模板，或安装对应版本的问卷。",
        "the answer file is for version {got} of questionnaire {id}, but version {expected} is installed. Create a new template with `maturity template {id}` or install the matching questionnaire.",
    ),
    "answers.unanswered": (
        "{count} 条要求未作答（例如 {examples}），计为“不满足”（0 分）。",
        "{count} requirements are unanswered (e.g. {examples}) and count as not met (0).",
    ),
    "answers.placeholder": (
        "'{field}' 还是模板里的示例文字“{value}”，请改成实际内容。",
        "'{field}' still holds the template's placeholder \"{value}\"; replace it.",
    ),
    "answers.rules_mismatch": (
        "评分规则 {rules} 适用于问卷 '{expected}'，不能用于问卷 '{got}'。",
        "scoring rules {rules} are for questionnaire '{expected}', not '{got}'.",
    ),
    # --- questionnaire / rules --------------------------------------------------------------
    "model.unknown_ref": (
        "{what} '{id}' 引用了不存在的 {target} '{ref}'。",
        "{what} '{id}' refers to an unknown {target} '{ref}'.",
    ),
    "model.duplicate_id": ("编号 '{id}' 重复出现。", "id '{id}' appears more than once."),
    "model.bad_requirement_id": (
        "要求编号 '{id}' 不符合 <子域>.<等级>.<两位序号> 的格式，或与所在文件/等级不一致（应为 {expected}）。",
        "requirement id '{id}' does not follow <subdomain>.<level>.<2-digit seq> or does not match its file and level (expected {expected}).",
    ),
    "model.file_name": (
        "文件名应为 '{expected}'（与其中的子域编号一致）。",
        "the file should be named '{expected}' after the sub-domain id it holds.",
    ),
    "model.missing_subdomain_file": (
        "子域 '{id}' 没有对应的文件 {file}。",
        "sub-domain '{id}' has no file {file}.",
    ),
    "model.no_requirements_at_level": (
        "等级 {level} 没有任何要求。",
        "level {level} has no requirements.",
    ),
    "model.missing_weight": (
        "{type} 权重表缺少子域 '{id}'。",
        "the {type} weight table lacks sub-domain '{id}'.",
    ),
    "model.unknown_weight": (
        "{type} 权重表中的 '{id}' 不是问卷里的子域。",
        "'{id}' in the {type} weight table is not a sub-domain of the questionnaire.",
    ),
    "model.unknown_questionnaire": (
        "找不到问卷 '{id}'。可用的问卷：{available}。",
        "no questionnaire '{id}'. Available: {available}.",
    ),
    "model.unknown_technology": ("未知的技术编号 '{id}'。", "unknown technology id '{id}'."),
    "model.recommendation_unknown_requirement": (
        "建议指向了不存在的要求 '{id}'。",
        "recommendation for unknown requirement '{id}'.",
    ),
    # --- output layer (arch) ---
    # column headers shared by the tables and workbooks
    "col.file": ("文件", "File"),
    "col.location": ("位置", "Location"),
    "col.problem": ("问题", "Problem"),
    "col.organisation": ("企业", "Organisation"),
    "col.industry": ("行业", "Industry"),
    "col.region": ("地区", "Region"),
    "col.size": ("规模", "Size"),
    "col.type": ("类型", "Type"),
    "col.assessment_date": ("评估日期", "Assessment date"),
    "col.questionnaire": ("问卷", "Questionnaire"),
    "col.maturity_level": ("成熟度等级", "Maturity level"),
    "col.total_score": ("总分", "Total score"),
    "col.target_level": ("目标等级", "Target level"),
    "col.answered": ("已答", "Answered"),
    "col.not_applicable": ("不适用", "Not applicable"),
    "col.unanswered": ("未答", "Unanswered"),
    "col.level_score": ("{level} 级得分", "Level {level} score"),
    "col.part_level": ("等级", "level"),
    "col.part_score": ("得分", "score"),
    "col.plan_domain_part": ("{name}领域{part}", "{name} domain {part}"),
    "col.id": ("编号", "Id"),
    "col.version": ("版本", "Version"),
    "col.name": ("名称", "Name"),
    "col.items": ("条目", "Items"),
    "col.element": ("要素", "Element"),
    "col.capability_domain": ("能力域", "Domain"),
    "col.capability_subdomain": ("能力子域", "Sub-domain"),
    "col.plan_domain": ("规划领域", "Plan domain"),
    "col.total": ("合计", "Total"),
    "col.level": ("等级", "Level"),
    "col.score": ("得分", "Score"),
    "col.overall_score": ("总分", "Score"),
    "col.reached": ("是否达到", "Reached"),
    "col.subdomain": ("子域", "Sub-domain"),
    "col.domain": ("领域", "Domain"),
    "col.subdomain_count": ("子域数", "Sub-domains"),
    "col.before": ("之前", "Before"),
    "col.now": ("现在", "Now"),
    "col.change": ("变化", "Change"),
    "col.requirement": ("要求", "Requirement"),
    "col.date": ("日期", "Date"),
    "col.cohort": ("分组", "Cohort"),
    "col.organisations": ("企业数", "Organisations"),
    "col.score_quartiles": ("总分 Q1 / 中位数 / Q3", "Score Q1 / median / Q3"),
    "col.this_organisation": ("本企业", "This organisation"),
    "col.cohort_median": ("分组中位数", "Cohort median"),
    "col.source": ("来源", "Source"),
    "col.bucket_low": ("一级及以下", "≤ L1"),
    "col.bucket_high": ("四级及以上", "≥ L4"),
    "col.bucket_2": ("二级", "L2"),
    "col.bucket_3": ("三级", "L3"),
    # one scored assessment (score FILE, assess)
    "out.result.below_level_1": ("未达到一级", "below level 1"),
    "out.result.below_level_1_meaning": (
        "尚未满足一级（规划级）的门槛。",
        "Level 1 (Planning) is not yet reached.",
    ),
    "out.result.indicative_level": ("参考等级（快速诊断）：", "Indicative level (quick scan): "),
    "out.result.level": ("成熟度等级：", "Maturity level: "),
    "out.result.score": ("    总分：", "    Score: "),
    "out.result.target": ("    目标：{level} 级", "    Target: level {level}"),
    "out.result.levels_title": ("各等级得分（门槛 {gate}）", "Level scores (gate {gate})"),
    "out.result.reached": ("✓ 达到", "✓ yes"),
    "out.result.not_reached": ("✗ 未达到", "✗ no"),
    "out.result.subdomains_title": ("能力子域", "Capability sub-domains"),
    "out.plan_domains_title": ("规划五大领域", "The plan's five domains"),
    "out.result.questions": ("道题", " questions"),
    "out.result.requirements": ("条要求", " requirements"),
    "out.result.answered": (
        "已答 {answered}/{total}{items}，其中不适用 {not_applicable} 条；未答 {unanswered} 条（计 0 分）",
        "Answered {answered} of {total}{items} ({not_applicable} not applicable); {unanswered} unanswered (scored 0)",
    ),
    "out.result.not_asked": (
        "，其中 {count} 条按目标等级未问。",
        ", of which {count} were not asked (above target + 1).",
    ),
    "out.result.answered_end": ("。", "."),
    "out.result.rules": (
        "评分规则：{id} {version}（总分规则 {rule}），sha256 {sha256}…",
        "Rules: {id} {version} (total-score rule {rule}), sha256 {sha256}…",
    ),
    "out.result.quick_scan_note": (
        "这是按所选描述估计的参考等级。要得到可用于汇报或申报的结果，请做完整评估（maturity assess cmmm），建议先从这些子域入手：{focus}。",
        "This level is estimated from the sentences you chose. For a result you can report, run the full assessment (maturity assess cmmm), starting with: {focus}.",
    ),
    "out.result.indicative_note": (
        "本结果为自评估的参考结果，部分评分参数未经标准原文核实，不是 CMMM 正式评估结论。",
        "This is an indicative self-assessment result; some scoring parameters are not verified against the standard, and it is not a formal CMMM assessment.",
    ),
    # many scored files (score DIR)
    "out.batch.title": ("评分结果（{count} 家）", "Scores ({count} organisations)"),
    "out.batch.results_sheet": ("评分结果", "Results"),
    "out.batch.failures_sheet": ("失败的文件", "Failures"),
    # compare and trend
    "out.compare.level": ("等级 {old} → {new}   ", "Level {old} → {new}   "),
    "out.compare.score": ("总分 {old} → {new} ", "Score {old} → {new} "),
    "out.compare.levels_title": ("各等级得分", "Level scores"),
    "out.compare.subdomains_title": ("能力子域", "Sub-domains"),
    "out.compare.requirements_title": (
        "改进 {improved} 条，退步 {regressed} 条",
        "{improved} requirements improved, {regressed} regressed",
    ),
    # benchmark
    "out.benchmark.cohorts_title": (
        "按{key}分组：{count} 家企业",
        "By {key}: {count} organisations",
    ),
    "out.benchmark.by.industry": ("行业", "industry"),
    "out.benchmark.by.region": ("地区", "region"),
    "out.benchmark.by.size": ("规模", "size"),
    "out.benchmark.by.type": ("制造类型", "type"),
    "out.benchmark.by.all": ("全部", "all"),
    "out.benchmark.standing_title": (
        "{organisation} 在“{cohort}”中的位置（分组 {count} 家，数据截至 {date}）",
        "Where {organisation} stands in '{cohort}' (cohort of {count}, data as of {date})",
    ),
    "out.benchmark.national_title": (
        "与全国自诊断结果比较（企业自报，非认证结果）",
        "Against national self-diagnosis results (self-reported, not certified)",
    ),
    "out.benchmark.portfolio": ("本组企业（{count} 家）", "This portfolio ({count})"),
    "out.benchmark.national_share": (
        "按 {source} 数据，全国自诊断企业中约 {share}% 处于第 {bucket} 级或以上（分档：一级及以下 / 二级 / 三级 / 四级及以上）。",
        "In {source}, about {share}% of self-diagnosed enterprises were at bucket {bucket} or above (buckets: ≤L1, L2, L3, ≥L4).",
    ),
    # verify and the passphrase prompts
    "out.verify.signature": ("签名", "Signature"),
    "out.verify.trust": ("签名人", "Signer"),
    "out.verify.rules": ("计分规则", "Rules"),
    "out.verify.rescore": ("重新计分", "Rescore"),
    "out.verify.evidence": ("证据", "Evidence"),
    "sign.prompt_passphrase": ("证书口令：", "Certificate passphrase: "),
    "sign.prompt_repeat": ("再输入一次：", "Repeat it: "),
    # --- CLI --------------------------------------------------------------------------------
    "cli.error": ("错误", "error"),
    "cli.warning": ("警告", "warning"),
    "cli.file_ok": ("{file}：没有错误。", "{file}: no errors."),
    "cli.file_ok_warnings": (
        "{file}：没有错误，{count} 条警告。",
        "{file}: no errors, {count} warning(s).",
    ),
    "cli.files_bad": (
        "{bad} 个文件有问题，{good} 个没有问题。",
        "{bad} file(s) with problems, {good} without.",
    ),
    "cli.unexpected": (
        "内部错误：{error}。这是 maturity 的缺陷，请加上 --debug 重新运行并提交问题报告。",
        "internal error: {error}. This is a bug in maturity; rerun with --debug and report it.",
    ),
    "usage.missing_argument": ("缺少参数 {param}", "missing argument {param}"),
    "usage.missing_option": ("缺少选项 {param}", "missing option {param}"),
    "usage.no_option": ("没有选项 {name}", "no such option {name}"),
    "usage.needs_value": ("选项 {name} 需要一个值", "option {name} needs a value"),
    "usage.did_you_mean": ("（是否想用 {names}？）", " (did you mean {names}?)"),
    "usage.no_command": ("没有命令 '{name}'{suggestion}", "no such command '{name}'{suggestion}"),
    "usage.bad_value": ("{param} 的值无效：{detail}", "invalid value for {param}: {detail}"),
    "usage.not_one_of": ("{value} 不在可选值 {choices} 之中", "{value} is not one of {choices}"),
    "usage.at_least": ("应不小于 {limit}", "should be at least {limit}"),
    "usage.at_most": ("应不大于 {limit}", "should be at most {limit}"),
    "cli.usage": ("{problem}。用法见 `{command} -h`。", "{problem}. See `{command} -h` for usage."),
    "keygen.empty_passphrase": ("口令不能为空。", "the passphrase must not be empty."),
    "keygen.pem_name": (
        "证书会写到同名的 .pem 文件；请给密钥文件起名为 .p12（例如 assessor.p12）。",
        "the certificate is written beside it as .pem; name the key file .p12 (e.g. assessor.p12).",
    ),
    "cli.interrupted": ("已中断。", "interrupted."),
    "cli.bad_lang": (
        "不支持的语言 '{value}'：请用 zh 或 en。",
        "unsupported language '{value}': use zh or en.",
    ),
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.exists": (
        "{path} 已存在；加 --force 覆盖。",
        "{path} already exists; add --force to overwrite it.",
    ),
    "template.xlsx_needs_output": (
        "Excel 模板需要用 -o 指定输出文件（.xlsx）。",
        "an Excel template needs an output file: add -o FILE.xlsx.",
    ),
    "cli.output_dir_missing": (
        "输出目录 {path} 不存在。",
        "the output directory {path} does not exist.",
    ),
    # --- user text as data: workbooks, terminals, Markdown (hardening) ---------------------------
    "excel.xml_dtd": (
        "工作簿中的部件 {part} 含有 XML 文档类型声明（DOCTYPE/ENTITY）。Excel 和 WPS 保存的工作簿不会有这种内容，它可能是构造的攻击文件，因此不予读取。请在 Excel 或 WPS 中重新“另存为 Excel 工作簿（.xlsx）”后重试。",
        "the workbook part {part} holds an XML document type declaration (DOCTYPE/ENTITY). Workbooks saved by Excel or WPS never do; it may be a crafted file, so it is not read. Save it again from Excel or WPS as “Excel Workbook (.xlsx)” and try again.",
    ),
    # --- Excel workbooks ---------------------------------------------------------------------
    "excel.too_large": (
        "工作簿有 {size} 字节，超过上限 {limit} 字节。填好的答卷工作簿通常只有几百 KB；请确认选对了文件。",
        "the workbook has {size} bytes, more than the limit of {limit}. A filled answer workbook is usually a few hundred KB; check that this is the right file.",
    ),
    "excel.not_xlsx": (
        "这不是可读的 Excel 工作簿（.xlsx）：{reason}。请在 Excel 或 WPS 中“另存为 Excel 工作簿（.xlsx）”，不要设置打开密码，然后重试。",
        "this is not a readable Excel workbook (.xlsx): {reason}. Save it from Excel or WPS as “Excel Workbook (.xlsx)” without a password and try again.",
    ),
    "excel.unpacked_too_large": (
        "工作簿解压后超过 {limit} 字节（可能是压缩炸弹），拒绝处理。",
        "the workbook unpacks to more than {limit} bytes (a zip bomb?). Refusing to process it.",
    ),
    "excel.missing_sheet": (
        "工作簿里没有工作表“{zh_name}”（英文版中叫“{en_name}”）。请用答卷模板填写，不要删除或重命名其中的工作表。",
        "the workbook has no sheet “{en_name}” (“{zh_name}” in the Chinese version). Fill in the answer template without deleting or renaming its sheets.",
    ),
    "excel.missing_column": (
        "工作表第 1 行缺少“{column}”列的表头。请不要修改或删除模板中的表头。",
        "row 1 of the sheet has no “{column}” column header. Do not change or delete the template's headers.",
    ),
    "excel.too_many_rows": (
        "工作表“{sheet}”有超过 {limit} 行内容，只读取前 {limit} 行，因此拒绝处理。答卷每条要求只占一行；请删除多余的行。",
        "sheet “{sheet}” has content beyond {limit} rows, and only {limit} rows are read, so it is refused. The answer sheet has one row per requirement; delete the extra rows.",
    ),
    "excel.duplicate_id": (
        "编号 '{id}' 出现了不止一次（第一次在 {first}）。每个编号只能有一行，请删除或合并重复的行。",
        "id '{id}' appears more than once (first at {first}). Keep one row per id: delete or merge the others.",
    ),
    "excel.duplicate_field": (
        "字段 '{field}' 出现了不止一次（第一次在 {first}）。请删除重复的行。",
        "field '{field}' appears more than once (first at {first}). Delete the extra row.",
    ),
    "excel.rating_missing": (
        "'{id}' 填写了原因、备注或证据，但没有选择评分，按“未作答”处理。请在评分列选择一个答案。",
        "'{id}' has a reason, note or evidence but no rating, so it counts as unanswered. Pick an answer in the rating column.",
    ),
    "excel.row_without_id": (
        "这一行有评分或其他内容，但编号列是空的，已忽略。请不要删除或修改编号。",
        "this row has a rating or other content but no id, so it was ignored. Do not delete or change the ids.",
    ),
    # --- hardening 2 ---------------------------------------------------------------------------
    "keygen.undecodable": (
        "{option} 含有不是 UTF-8 文本的字节（{shown}）；证书中的名称必须是普通文本，请检查终端的编码。",
        "{option} contains bytes that are not UTF-8 text ({shown}); a certificate name must be plain text: check the terminal's encoding.",
    ),
    "output.in_data_folder": (
        "输出文件 {path} 位于 maturity 读取的文件夹 {folder} 中（问卷、评分规则或报告模板）；请写到别处，以免改动这些文件。",
        "the output {path} is inside {folder}, a folder maturity reads (questionnaires, scoring rules or report templates); write it elsewhere so those files stay as they are.",
    ),
    "benchmark.org_not_latest": (
        "组织“{name}”在对标的企业集合中，而这个文件不是它在其中的最新一次评估；对标位置只针对集合中的那一次评估给出。请用 --org 指定集合中该组织的最新答卷文件。",
        "the organisation '{name}' is in the portfolio, and this file is not its latest assessment there; its standing is only shown for that assessment. Pass the organisation's latest answer file from the portfolio with --org.",
    ),
    "col.standing_band": ("所处区间", "Standing"),
    "out.benchmark.band.below_q1": ("低于下四分位数", "below Q1"),
    "out.benchmark.band.q1_median": ("下四分位数至中位数", "Q1 to median"),
    "out.benchmark.band.median_q3": ("中位数至上四分位数", "median to Q3"),
    "out.benchmark.band.above_q3": ("高于上四分位数", "above Q3"),
    # --- output (hardening) -----------------------------------------------------------------
    "output.is_input": (
        "输出文件 {path} 与输入文件 {input} 是同一个文件；请换一个输出文件名，以免覆盖输入。",
        "the output {path} is the same file as the input {input}; choose another output name so the input is not overwritten.",
    ),
    "output.failed": (
        "无法写入输出文件 {path}：{reason}。请检查输出目录是否存在、是否可写，以及磁盘空间是否充足。",
        "cannot write the output {path}: {reason}. Check that its folder exists and is writable and that the disk has space.",
    ),
    "output.dir_failed": (
        "无法创建输出目录 {path}：{reason}。",
        "cannot create the output folder {path}: {reason}.",
    ),
    "batch.unreadable": (
        "无法读取这个文件夹（{reason}），其中的文件未被处理。请检查权限后重新运行。",
        "this folder cannot be read ({reason}), so the files in it were not processed. Check its permissions and run again.",
    ),
    # --- batch ------------------------------------------------------------------------------
    "batch.no_match": ("没有文件符合这个模式。", "no file matches this pattern."),
    "batch.nothing": (
        "在 {inputs} 中没有找到答卷文件（.yaml、.yml 或 .xlsx）。",
        "no answer files (.yaml, .yml or .xlsx) found in {inputs}.",
    ),
    "batch.progress": ("评分中", "Scoring"),
    "batch.worker_died": (
        "一个工作子进程意外终止（被结束或内存不足），本次运行未能完成，输出不完整或未写入。请重新运行；如内存紧张，请减少 --jobs。",
        "a worker process stopped unexpectedly (killed, or out of memory), so the run could not finish and its "
        "output is incomplete or not written. Run again, with fewer --jobs if memory is short.",
    ),
    "batch.summary": (
        "已评分 {scored} 个文件，失败 {failed} 个。",
        "{scored} file(s) scored, {failed} failed.",
    ),
    # --- benchmark privacy (hardening) ---
    "benchmark.merged": (
        "{files} 个文件来自 {count} 家企业；同一企业只计一次，按其最近一次评估。",
        "{files} files describe {count} organisations; each organisation counts once, with its latest assessment.",
    ),
    # --- benchmark --------------------------------------------------------------------------
    "benchmark.none_shown": (
        "没有可以显示的分组：每个分组都少于 {min} 家企业，为保护隐私不显示分组结果；可改用更粗的 --by（如 type 或 all）。",
        "no cohort can be shown: every cohort has fewer than {min} organisations; nothing is shown, to protect privacy. Try a coarser --by (such as type or all).",
    ),
    "benchmark.org_hidden": (
        "所在分组“{cohort}”少于 {min} 家企业（本企业只计一次），为保护隐私不做比较。",
        "the organisation's cohort '{cohort}' has fewer than {min} organisations (counting it once); not compared, to protect privacy.",
    ),
    # --- history ----------------------------------------------------------------------------
    "history.different_questionnaires": (
        "两个结果来自不同的问卷（{old} 与 {new}），不能逐条比较。",
        "the results come from different questionnaires ({old} and {new}) and cannot be compared item by item.",
    ),
    "history.different_organisations": (
        "两份答卷的企业名称不同（{old} / {new}）；请确认是同一家企业。",
        "the two answer files name different organisations ({old} / {new}); make sure they are the same one.",
    ),
    "history.different_types": (
        "两份答卷的制造类型不同（{old} / {new}），权重和适用要求也不同，比较结果仅供参考。",
        "the two answer files are for different enterprise types ({old} / {new}), so weights and applicable items differ; read the comparison with care.",
    ),
    "history.dates_reversed": (
        "{new} 的评估日期早于 {old}；参数顺序应为 旧 新。",
        "{new} is dated before {old}; give the older file first.",
    ),
    "history.different_versions": (
        "问卷版本不同（{old} 与 {new}）；只比较两个版本共有的要求。",
        "the questionnaire versions differ ({old} and {new}); only requirements in both are compared.",
    ),
    # --- templates (hardening) ---
    "template.runtime": (
        "模板错误：{problem}。请修改这个模板，或把它从 --template-dir 中删除以使用内置模板。",
        "template error: {problem}. Fix this template, or remove it from --template-dir to use the built-in one.",
    ),
    "template.sandbox": (
        "模板试图执行不允许的操作（{problem}）。模板只能显示报告数据，不能运行代码或读取其他文件。请修改这个模板，或把它从 --template-dir 中删除。",
        "the template tried something templates may not do ({problem}). Templates only show the report's data; they cannot run code or read other files. Fix this template, or remove it from --template-dir.",
    ),
    "template.outside": (
        "这个文件是指向模板目录 {dir} 之外的链接，已拒绝读取。模板、labels.yaml 和 report.css 必须是目录内的文件；请把文件复制到目录中。",
        "this file is a link to a file outside the template folder {dir}; it was not read. Templates, labels.yaml and report.css must be files inside the folder: copy the file into it.",
    ),
    "template.hard_link": (
        "这个文件还有别的硬链接，可能是本机上的任何文件，已拒绝读取。请把文件复制到模板目录 {dir} 中（用 cp，不要用 ln）。",
        "this file has other hard links, so it may be any file of this machine; it was not read. Copy the file into the template folder {dir} (cp, not ln).",
    ),
    "template.not_text": (
        "这个模板不是 UTF-8 文本（第 {line} 行有无法识别的字节）。请另存为 UTF-8 文本，或把它从 --template-dir 中删除。",
        "this template is not UTF-8 text (unreadable bytes at line {line}). Save it as UTF-8 text, or remove it from --template-dir.",
    ),
    "template.placeholder": (
        "文字“{text}”中的占位符无法填写（{bad}）。占位符只能是简单名称：{fields}。请修改这段文字（报告标签在 labels.yaml 中）。",
        "the text '{text}' has a placeholder that cannot be filled ({bad}); placeholders are plain names: {fields}. Fix the text (report labels are in labels.yaml).",
    ),
    # --- report -----------------------------------------------------------------------------
    "template.syntax": (
        "模板错误：{problem}。请检查 --template-dir 中的模板。",
        "template error: {problem}. Check the templates in --template-dir.",
    ),
    "template.labels": (
        "labels.yaml 中缺少标签 '{key}'。请从 report_templates/labels.yaml 复制完整的文件再修改。",
        "labels.yaml lacks the label '{key}'. Copy the whole report_templates/labels.yaml and edit it.",
    ),
    "report.no_cjk_font": (
        "没有找到中文字体，PDF 中的汉字会显示成方框。请安装：apt-get install fonts-noto-cjk（或 fonts-wqy-microhei）。",
        "no Chinese (CJK) font is installed, so Chinese text would print as empty boxes. Install one: apt-get install fonts-noto-cjk (or fonts-wqy-microhei).",
    ),
    "report.no_weasyprint": (
        "无法加载 PDF 引擎 WeasyPrint（{reason}）：请运行 make demo 安装所需的系统库（libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0），或者先生成 .html 报告（maturity report 文件 -o report.html），用浏览器打开后打印为 PDF（A4 纸）。",
        "cannot load the PDF engine WeasyPrint ({reason}): run `make demo` to install the system libraries it needs (libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0), or write the report as .html (maturity report FILE -o report.html), open it in a browser and print it to PDF (A4).",
    ),
    "report.unknown_format": (
        "无法从文件名 {path} 判断报告格式：请用 .pdf、.html 或 .md 结尾，或加 --format。",
        "cannot tell the report format from {path}: end the name in .pdf, .html or .md, or give --format.",
    ),
    "report.sign_one": (
        "签名报告需要逐个生成：请对每个答卷分别运行 report --sign。",
        "signed reports are made one at a time: run report --sign for each answer file.",
    ),
    "report.dir_output": (
        "答卷目录需要输出到一个目录：{path} 不是目录。",
        "a directory of answer files needs an output directory: {path} is not one.",
    ),
    "report.progress": ("生成报告", "Rendering reports"),
    "report.many_done": (
        "已生成 {written} 份报告，失败 {failed} 份，位于 {path}",
        "{written} report(s) written, {failed} failed, in {path}",
    ),
    "report.bad_target": ("目标等级必须是 1 到 5。", "the target level must be from 1 to 5."),
    # --- sign / verify (hardening) -------------------------------------------------------------
    "sign.ca": (
        "这是 CA 证书（CA:TRUE），不能用来签署报告：请用签发给评估人的终端实体证书。",
        "the certificate is a CA certificate (CA:TRUE); sign with an end-entity certificate issued to the assessor.",
    ),
    "sign.key_usage": (
        "证书的密钥用法不允许签名（既没有 digitalSignature，也没有 nonRepudiation）。",
        "the certificate does not allow signing (its key usage has neither digitalSignature nor nonRepudiation).",
    ),
    "sign.extended_key_usage": (
        "证书的扩展密钥用法不包括文档签名。",
        "the certificate's extended key usage does not allow signing documents.",
    ),
    "sign.passphrase_not_utf8": (
        "环境变量 MATURITY_P12_PASSWORD 不是有效的 UTF-8 文本：请用 UTF-8 设置，或在提示时输入口令。",
        "MATURITY_P12_PASSWORD is not valid UTF-8 text: set it in UTF-8, or type the passphrase at the prompt.",
    ),
    "sign.control_char": (
        "{field} 含有控制字符（{char}），不能写入签名报告。请从答卷中删除。",
        "{field} contains a control character ({char}); it cannot go onto a signed report. Remove it from the answer file.",
    ),
    "keygen.control_char": (
        "{option} 含有控制字符（{char}）；证书中的名称必须是普通文本。",
        "{option} contains a control character ({char}); a certificate name must be plain text.",
    ),
    "verify.cert_expired": (
        "签名人证书已于 {date} 过期，早于签名时间 {time}：当时不能用来签名。",
        "the signer's certificate expired on {date}, before the signing time {time}: it could not sign.",
    ),
    "verify.cert_not_yet_valid": (
        "签名人证书自 {date} 起才生效，晚于签名时间 {time}：当时不能用来签名。",
        "the signer's certificate is valid only from {date}, after the signing time {time}: it could not sign.",
    ),
    "verify.cert_ca": (
        "签名人证书是 CA 证书（CA:TRUE）；报告必须用终端实体证书签名。",
        "the signer's certificate is a CA certificate (CA:TRUE); a report must be signed with an end-entity certificate.",
    ),
    "verify.cert_key_usage": (
        "签名人证书的密钥用法不允许签名（需要 digitalSignature 或 nonRepudiation）。",
        "the signer's certificate does not allow signing (key usage needs digitalSignature or nonRepudiation).",
    ),
    "verify.cert_extended_key_usage": (
        "签名人证书的扩展密钥用法不包括文档签名。",
        "the signer's certificate's extended key usage does not allow signing documents.",
    ),
    "verify.signed_in_future": (
        "签名时间 {time} 晚于当前时间：签名所声明的时间不可信。",
        "the signing time {time} lies in the future: the signature's time claim is false.",
    ),
    "verify.issuer_not_ca": (
        "证书链中的 {issuer} 签发了证书，但它不是 CA：证书链无效。",
        "{issuer} issued a certificate in the chain but is not a CA: the chain is invalid.",
    ),
    "verify.expired_since": (
        "签名完整，但签名人证书已于 {date}（签名之后）过期；没有可信时间戳，签名时间只是签名人自己的说法。",
        "intact, but the signer's certificate expired on {date}, after signing; without a trusted timestamp the signing time is only the signer's claim.",
    ),
    "verify.test_marker": (
        "证书链中有 maturity 测试证书，不得用于正式报告",
        "maturity TEST certificate in the chain, not for real use",
    ),
    "verify.attachment_too_large": (
        "嵌入文件 {name} 解压后超过 {limit} MB，不予处理。",
        "the embedded file {name} decodes to more than {limit} MB; it is not read.",
    ),
    "verify.attachment_unreadable": (
        "嵌入文件 {name} 已损坏，无法读取，因此不能重新计分。（技术细节：{reason}）",
        "the embedded file {name} is damaged and cannot be read, so the report cannot be rescored. (Technical detail: {reason})",
    ),
    "verify.stamp_differs": (
        "签名框没有写明重新计分的结果“{expected}”；签名框内容：{got}",
        'the signature box does not state the rescored result "{expected}"; it reads: {got}',
    ),
    "verify.rules_installed": (
        "嵌入的规则与本机安装的规则 {rules} 完全相同（sha256 {sha256}…）。",
        "the embedded rules are the installed rules {rules} (sha256 {sha256}…).",
    ),
    "verify.rules_differ": (
        "嵌入的规则与本机安装的规则 {rules} 不同：等级是用改动过、却沿用正式编号和版本的规则算出的。",
        "rules differ from the installed rules {rules}: the level was computed with changed rules under the official id and version.",
    ),
    "verify.rules_unknown": (
        "本机没有安装嵌入的规则 {rules}，无法与正式规则比对。",
        "the embedded rules {rules} are not installed here, so they cannot be compared with official rules.",
    ),
    "verify.rules_untrusted_summary": (
        "报告未被改动、计分一致，但所用计分规则未在本机安装：等级未必是按正式规则得出的。",
        "The report is unaltered and its score checks out, but with scoring rules not installed here: the level may not be the official one.",
    ),
    "verify.bad_manifest_path": (
        "证据清单中的文件路径不合法：{path}",
        "the evidence manifest names an impossible file path: {path}",
    ),
    # --- sign / verify ----------------------------------------------------------------------
    "sign.bad_passphrase": (
        "口令不正确，无法打开这个证书文件。",
        "wrong passphrase: the certificate file cannot be opened with it.",
    ),
    "sign.not_p12": (
        "这不是 PKCS#12（.p12/.pfx）证书文件。",
        "this is not a PKCS#12 (.p12/.pfx) certificate file.",
    ),
    "sign.no_key": (
        "证书文件里没有私钥或证书。",
        "the certificate file holds no private key or no certificate.",
    ),
    "sign.expired": (
        "证书已于 {date} 过期，不能用来签名。",
        "the certificate expired on {date}; it cannot sign.",
    ),
    "sign.not_yet_valid": (
        "证书要到 {date} 才生效，现在不能用来签名。",
        "the certificate is not valid before {date}; it cannot sign yet.",
    ),
    "sign.no_passphrase": (
        "需要证书口令：请设置环境变量 MATURITY_P12_PASSWORD，或在终端里运行以便输入（不会显示）。",
        "a certificate passphrase is needed: set MATURITY_P12_PASSWORD, or run in a terminal to type it (hidden).",
    ),
    "sign.passphrase_mismatch": ("两次输入的口令不一致。", "the two passphrases differ."),
    "sign.pdf_only": (
        "只有 PDF 报告可以签名：请用 .pdf 作为输出文件。",
        "only PDF reports can be signed: write a .pdf file.",
    ),
    "sign.p12_needed": (
        "签名需要证书：请加上 --p12 FILE。",
        "signing needs a certificate: add --p12 FILE.",
    ),
    "sign.signed": ("已签名：{subject}", "signed by: {subject}"),
    "keygen.done": (
        "已生成仅供试用的自签名证书：{p12}（证书公钥：{pem}，验证时用 --trust {pem}）。不要用于正式报告。",
        "wrote a self-signed TEST certificate: {p12} (certificate: {pem}; verify with --trust {pem}). Not for real reports.",
    ),
    "verify.bad_trust": (
        "无法读取受信任证书（应为 PEM 或 DER 格式）。",
        "cannot read the trusted certificate (PEM or DER expected).",
    ),
    "verify.unreadable": (
        "这不是可读的 PDF，或其签名结构已损坏：无法验证。请向发送方索取原始文件。（技术细节：{reason}）",
        "not a readable PDF, or its signature structure is damaged: it cannot be verified. Ask the sender for the original file. (Technical detail: {reason})",
    ),
    "verify.no_signature": ("PDF 中没有数字签名。", "the PDF has no digital signature."),
    "verify.many_signatures": (
        "PDF 中有 {count} 个签名；maturity 报告应只有一个。",
        "the PDF has {count} signatures; a maturity report has exactly one.",
    ),
    "verify.intact": (
        "签名完整，覆盖整个文件；签名人：{signer}，签名时间：{time}",
        "intact and covering the whole file; signed by {signer} at {time}",
    ),
    "verify.broken": (
        "签名已损坏：签名后文件内容被改动过。",
        "broken: the content was changed after signing.",
    ),
    "verify.partial": (
        "签名之后文件又被追加了{change}，签名不再覆盖整个文件。请向评估机构索取原始文件。",
        "after signing, {change} was added to the file; the signature no longer covers the whole file. Ask the assessor's organisation for the original file.",
    ),
    "verify.trusted": (
        "签名人证书链到受信任证书。",
        "the signer's certificate chains to a trusted certificate.",
    ),
    "verify.untrusted": (
        "签名完整，但签名人不受信任：{reason}。",
        "intact, but the signer is not trusted: {reason}.",
    ),
    "verify.no_trust_given": (
        "未指定受信任证书。请向发证机构或资质公示渠道核对评估机构证书的指纹（被核查方自己交来的证书不能证明什么），再用 --trust 证书文件 重新验证",
        "no trusted certificate was given. Check the assessor's certificate fingerprint with the issuing body or the public register of accredited assessors (a certificate handed over by the party being checked proves nothing), then verify again with --trust FILE",
    ),
    "verify.missing_attachment": ("缺少嵌入文件 {name}。", "the embedded file {name} is missing."),
    "verify.rescored": (
        "用嵌入的规则重新计分，结果与嵌入结果一致：等级 {level}，总分 {score}；签名框写明的也是这个结果和答卷中的受评估企业。",
        "rescoring the embedded answers with the embedded rules gives the embedded result: level {level}, score {score}, as the signature box states, with the firm the answers name.",
    ),
    "verify.rescore_differs": (
        "重新计分结果与嵌入结果不一致：{field} 应为 {expected}，嵌入的是 {got}。",
        "rescoring differs from the embedded result: {field} is {expected}, the embedded result says {got}.",
    ),
    "verify.level_printed_differs": (
        "报告中标注的等级 {printed} 与重新计分的等级 {level} 不一致。",
        "the report states level {printed}, but rescoring gives {level}.",
    ),
    "verify.rescore_failed": ("无法重新计分：{reason}", "cannot rescore: {reason}"),
    "verify.evidence_ok": (
        "{count} 个证据文件与清单一致。",
        "{count} evidence files match the manifest.",
    ),
    "verify.evidence_none": (
        "报告中没有证据文件清单条目（答卷列出的证据不是随答卷存放的文件）。",
        "the report lists no evidence files (the answers name no files kept next to them).",
    ),
    "verify.evidence_skipped": (
        "清单中有 {count} 个证据文件；用 --evidence-dir 指定目录可逐个核对。",
        "the manifest lists {count} evidence files; give --evidence-dir to check them.",
    ),
    "verify.evidence_missing": (
        "证据文件 {path} 不在 {dir} 中。",
        "evidence file {path} is not in {dir}.",
    ),
    "verify.evidence_differs": (
        "证据文件 {path} 与清单不一致（sha256 不同）。",
        "evidence file {path} does not match the manifest (different sha256).",
    ),
    "verify.all_ok": ("验证通过。", "Verified."),
    "verify.failed": ("验证未通过。", "Not verified."),
    "verify.untrusted_summary": (
        "报告未被改动、计分一致，但签名人不受信任：无法确认报告出自可信的评估人。",
        "The report is unaltered and its score checks out, but the signer is not trusted: it cannot be tied to a trusted assessor.",
    ),
    # --- assess (hardening) ---
    "assess.backup_symlink": (
        "{path} 是一个符号链接；为免把备份写到别处，已停止。请删除或改名这个链接后重试。",
        "{path} is a symbolic link; stopped so as not to write the backup somewhere else. Remove or rename the link and try again.",
    ),
    "assess.resume_other": (
        "这个答卷属于问卷 {got}，不是 {given}。继续填写请用 `maturity assess --resume {path}`（问卷按文件自动选择）。",
        "this answer file is for questionnaire {got}, not {given}. Continue it with `maturity assess --resume {path}` (the file says which questionnaire).",
    ),
    # --- assess -----------------------------------------------------------------------------
    "assess.no_input": (
        "没有可读取的输入：请在终端里运行 `maturity assess`，或者通过管道每行提供一个答案。",
        "no input to read: run `maturity assess` in a terminal, or pipe one answer per line on standard input.",
    ),
    "assess.exists": (
        "{path} 已存在。要接着填写请用 `maturity assess --resume {path}`，或用 -o 指定新文件。",
        "{path} already exists. Continue it with `maturity assess --resume {path}`, or choose a new file with -o.",
    ),
    "assess.saved": (
        "已保存 {answered}/{total} 个答案到 {path}。继续填写：maturity assess --resume {path}",
        "Saved {answered} of {total} answers to {path}. To continue: maturity assess --resume {path}",
    ),
    "assess.backup": (
        "答卷中的注释不会保留；原文件已另存为 {path}。",
        "comments in the file are not kept; the original is saved as {path}.",
    ),
    "assess.not_utf8": (
        "这一行不是 UTF-8 编码，请重新输入（或把终端设置为 UTF-8）。",
        "that line is not UTF-8; type it again (or set your terminal to UTF-8).",
    ),
    "assess.input_ended": ("输入已结束。", "Input ended."),
    "assess.done": ("全部作答完毕。答卷：{path}", "All answered. Answer file: {path}"),
    "assess.next": (
        "下一步：生成报告  maturity report {path} -o report.pdf\n      机器可读结果  maturity score {path} --format json",
        "Next: the report  maturity report {path} -o report.pdf\n      machine-readable result  maturity score {path} --format json",
    ),
    "assess.not_asked": (
        "按目标等级只问到第 {limit} 级；{count} 条更高等级的要求未问，按未作答计 0 分（用 --all-levels 可全部作答）。",
        "Asked up to level {limit} (target + 1); {count} higher-level requirements were not asked and score 0 as unanswered (use --all-levels to answer everything).",
    ),
    # --- interview (maturity assess) ---------------------------------------------------------
    "interview.name": ("企业名称", "Organisation name"),
    "interview.industry": (
        "所属行业（例如：汽车零部件；可留空）",
        "Industry (e.g. automotive parts; may be left empty)",
    ),
    "interview.region": (
        "所在地区（例如：江苏省苏州市；可留空）",
        "Region (e.g. Suzhou, Jiangsu; may be left empty)",
    ),
    "interview.size": (
        "企业规模：1 微型（<20 人） 2 小型（20–299 人） 3 中型（300–999 人） 4 大型（≥1000 人）",
        "Size: 1 micro (<20 staff)  2 small (20-299)  3 medium (300-999)  4 large (1000+)",
    ),
    "interview.type": (
        "制造类型：1 离散型（零部件、装配）  2 流程型（化工、食品、钢铁等）",
        "Manufacturing type: 1 discrete (parts, assembly)  2 process (chemicals, food, steel...)",
    ),
    "interview.target": ("目标等级（1–5）", "Target level (1-5)"),
    "interview.assessor": ("填写人姓名（可留空）", "Your name (may be left empty)"),
    "interview.priorities": (
        "最看重的改进目标，按重要性输入编号，例如 2 4（回车跳过）",
        "The results that matter most, numbers in order of importance, e.g. 2 4 (Enter to skip)",
    ),
    "interview.need_value": (
        "这一项不能为空，请输入。",
        "This cannot be empty; please type a value.",
    ),
    "interview.too_long": (
        "太长了：{length} 个字符，最多 {limit} 个。请缩短后重新输入。",
        "Too long: {length} characters, at most {limit}. Please shorten it and type it again.",
    ),
    "interview.need_choice": ("请输入 {choices} 中的一个数字。", "Please type one of {choices}."),
    "interview.bad_priorities": (
        "请输入 1 到 7 之间不重复的编号，用空格分隔。",
        "Type distinct numbers from 1 to 7, separated by spaces.",
    ),
    "interview.profile_title": ("企业信息", "About your organisation"),
    "interview.choice": ("你的选择", "Your choice"),
    "interview.keys": (
        "数字越大做得越好 · n 不适用 · b 上一题 s 跳过 j 下一道未答题 g 跳到子域 r 进度 h 帮助 q 保存退出 · 输入 3+ 可加备注和证据",
        "higher number = more done · n N/A · b back  s skip  j next unanswered  g go to sub-domain  r review  h help  q save & quit · 3+ adds a note/evidence",
    ),
    "interview.requirement": ("要求", "Requirement"),
    "interview.evidence": ("可以证明的材料", "Evidence that proves it"),
    "interview.current": (
        "当前答案：{value}（回车保留）",
        "Current answer: {value} (Enter keeps it)",
    ),
    "interview.invalid": (
        "看不懂“{value}”。请输入 {choices}，或 h 查看帮助。",
        "Did not understand '{value}'. Type {choices}, or h for help.",
    ),
    "interview.reason": ("为什么不适用？（必填）", "Why does it not apply? (required)"),
    "interview.need_reason": ("不适用必须写明原因。", "Not applicable needs a reason."),
    "interview.note": ("备注（可留空）", "Note (optional)"),
    "interview.evidence_in": (
        "证据文件或材料，用分号分隔（可留空）",
        "Evidence files or documents, separated by ; (optional)",
    ),
    "interview.back_to": (
        "（继续回答 {id}：输入 {choices}；直接回车重新显示题目）",
        "(back to {id}: type {choices}; Enter shows the question again)",
    ),
    "interview.at_start": ("已经是第一题。", "This is the first question."),
    "interview.jump_prompt": ("输入子域编号（回车取消）", "Sub-domain number (Enter to cancel)"),
    "interview.progress": ("进度", "Progress"),
    "interview.answered": ("已答", "Answered"),
    "interview.asked": ("需答", "To answer"),
    "interview.subdomain": ("能力子域", "Sub-domain"),
    "interview.help": (
        "用数字选择答案，数字越大做得越好（与快速诊断一致）：4 全部满足（完全做到且有证据）、3 大部分满足、"
        "2 部分满足（有试点或只覆盖一部分）、1 不满足；n 不适用（必须写原因）。拿不准时选较低的一项，评估结果更可信。\n"
        "b 回到上一题；s 跳过（之后可以补答，未答按 0 分计）；j 跳到下一道未答题；g 跳到某个子域；r 查看各子域的进度；"
        "q 保存并退出，之后用 --resume 继续。每答一题都会立即保存。",
        "Choose an answer by number; a higher number means more done (as in the quick scan): 4 fully met (in place, with "
        "proof), 3 mostly met, 2 partly met (a pilot, or only some of it), 1 not met; n not applicable (a reason is "
        "required). When unsure, pick the lower one: the result is more credible.\nb goes back; s skips (answer it later; "
        "unanswered scores 0); j goes to the next unanswered question; g goes to a sub-domain; r shows progress per "
        "sub-domain; q saves and quits, continue later with --resume. Every answer is saved at once.",
    ),
    "interview.quick_help": (
        "输入 0–5 选出最符合本企业现状的描述，数字越大做得越好（与完整问卷一致）；某句的大部分内容已做到即可选它，"
        "选中即视为该级及以下各级已满足；"
        "整个子域不适用时输入 n 并写明原因。b 上一题，s 跳过，j 下一道未答题，g 跳到子域，r 查看进度，q 保存并退出。",
        "Type 0-5 for the sentence that fits your organisation best; a higher number means more done (as in the full "
        "questionnaire); pick a sentence if most of it is true of you: it counts that level and all below as met; n if the whole sub-domain does not apply (a reason is required). b back, s skip, j next "
        "unanswered, g go to a sub-domain, r review, q save & quit.",
    ),
    # --- shared punctuation -------------------------------------------------------------------
    "common.list_sep": ("；", "; "),
    "common.label_sep": ("：", ": "),
    # --- blank answer file (maturity template) -------------------------------------------------
    "blank.placeholder.name": ("请填写企业名称", "Your company name"),
    "blank.placeholder.industry": ("行业，例如：汽车零部件", "industry, e.g. automotive parts"),
    "blank.placeholder.region": ("所在地区，例如：江苏省苏州市", "region, e.g. Suzhou, Jiangsu"),
    "blank.placeholder.assessor": ("填写人姓名", "Name of the person answering"),
    "blank.scale_quick": (
        "最符合的那句描述的编号 0-5（整个子域不适用时写 {rating: na, reason: 原因}）",
        "the number 0-5 of the sentence that fits best (if the whole sub-domain does not apply: {rating: na, reason: why})",
    ),
    "blank.scale_na": ("（不适用 na 必须写原因）", " (na needs a reason)"),
    "blank.title": ("{name} — 答卷", "{name} — answer file"),
    "blank.intro": (
        "行业类别：{type}。在每个编号后填写：{scale}。例如：",
        "Industry profile: {type}. After each id write: {scale}. For example:",
    ),
    "blank.example_reason": ("本厂没有此类业务", "we have no such activity"),
    "blank.example_note": ("只在一号车间试点", "pilot in hall 1 only"),
    "blank.example_evidence": ("试点报告.pdf", "pilot-report.pdf"),
    "blank.unanswered": (
        "# 留空的条目按“未作答”处理，计 0 分。",
        "# Items left blank count as unanswered and score 0.",
    ),
    "blank.priorities": (
        "# 最看重的改进目标，按重要性排序（可删）：",
        "# The results that matter most, most important first (optional):",
    ),
    "blank.evidence": ("证据：{evidence}", "Evidence: {evidence}"),
    # --- names of fixed vocabularies (maturity.labels) -------------------------------------------
    "label.plan_domain.design": ("设计", "Design"),
    "label.plan_domain.production": ("生产", "Production"),
    "label.plan_domain.management": ("管理", "Management"),
    "label.plan_domain.service": ("服务", "Service"),
    "label.plan_domain.supply_chain": ("供应链", "Supply chain"),
    "label.kpi.efficiency": ("效率", "Efficiency"),
    "label.kpi.quality": ("质量", "Quality"),
    "label.kpi.cost": ("成本", "Cost"),
    "label.kpi.delivery": ("交付", "Delivery"),
    "label.kpi.energy": ("能耗", "Energy"),
    "label.kpi.safety": ("安全", "Safety"),
    "label.kpi.flexibility": ("柔性", "Flexibility"),
    "label.effort.low": ("低", "Low"),
    "label.effort.medium": ("中", "Medium"),
    "label.effort.high": ("高", "High"),
    "label.type.discrete": ("离散型制造", "Discrete manufacturing"),
    "label.type.process": ("流程型制造", "Process manufacturing"),
    "label.type_short.discrete": ("离散型", "discrete"),
    "label.type_short.process": ("流程型", "process"),
    "label.profile.discrete": ("离散制造（零件加工、装配）", "Discrete (parts, assembly)"),
    "label.profile.continuous": (
        "连续流程（化工、钢铁、建材等）",
        "Continuous process (chemicals, steel, building materials)",
    ),
    "label.profile.batch": (
        "批次流程（食品、制药、精细化工等）",
        "Batch process (food, pharma, fine chemicals)",
    ),
    "label.profile.mixed": ("混合型（既有离散也有流程）", "Mixed (discrete and process)"),
    "label.profile_short.discrete": ("离散制造", "discrete"),
    "label.profile_short.continuous": ("连续流程", "continuous process"),
    "label.profile_short.batch": ("批次流程", "batch process"),
    "label.profile_short.mixed": ("混合型", "mixed"),
    # --- tailoring and consistency (questionnaire 1.1) ---
    "answers.tailoring_unknown": (
        "tailoring 中的“{id}”不是问卷 {questionnaire} {version} 的子域。可用的子域：{available}。",
        "tailoring: '{id}' is not a sub-domain of {questionnaire} {version}. "
        "Sub-domains: {available}.",
    ),
    "answers.tailoring_no_reason": (
        "子域“{id}”整体裁剪，但没有写原因。请写明为什么整个子域与本企业无关，"
        "例如 {id}: 本企业只做来料加工。",
        "sub-domain '{id}' is tailored out without a reason. Say why the whole sub-domain "
        "does not concern you, e.g. {id}: contract processing only.",
    ),
    "answers.tailored_answered": (
        "子域“{subdomain}”已整体裁剪，但其中 {count} 条有回答（{examples}）：这些回答不计分。"
        "请删除这些回答，或取消该子域的裁剪。",
        "sub-domain '{subdomain}' is tailored out, but {count} of its items are answered "
        "({examples}): those answers are ignored. Remove them, or the tailoring.",
    ),
    "out.not_applicable": ("不适用", "N/A"),
    "out.result.tailored": ("整体裁剪（不计分）：{items}", "Tailored out (not scored): {items}"),
    "consistency.level_inversion": (
        "子域“{subdomain}”第 {high} 级的得分为 {high_score}，已过门槛 {gate}，"
        "而第 {low} 级只有 {low_score}：请核对第 {low} 级或第 {high} 级的回答。",
        "level {high} of {subdomain} is met at {high_score} (gate {gate}) but level {low} "
        "only at {low_score}: check the level-{low} answers or the level-{high} ones.",
    ),
    "consistency.na_presupposed": (
        "“{id}”评为“{rating}”，但它的前提“{basis}”标为不适用（{reason}）：若那项活动不存在，"
        "这一条也无从谈起。请核对这两条回答。",
        "'{id}' is rated {rating}, but '{basis}', which it presupposes, is marked N/A "
        "({reason}): if that activity does not exist, this one cannot be in place. "
        "Check both answers.",
    ),
    "consistency.no_evidence": (
        "“{id}”在{mode}中评为“{rating}”，但没有列出证据。请在 evidence: 下写明能证明它的文件、"
        "记录或系统。",
        "'{id}' is rated {rating} in a {mode} but lists no evidence. Name the document, "
        "record or system that shows it under evidence:.",
    ),
    "consistency.mode.third_party": ("第三方评估", "third-party assessment"),
    # --- assess and quick scan (questionnaire 1.1) ---
    "model.covers_unknown": (
        "快速诊断题 '{id}' 的 {level} 级描述引用了问卷 {base} 中不存在的要求 '{ref}'。",
        "the level {level} descriptor of quick-scan question '{id}' covers '{ref}', which is no requirement of questionnaire {base}.",
    ),
    "model.covers_subdomain": (
        "快速诊断题 '{id}' 的 {level} 级描述引用的要求 '{ref}' 属于子域 {sub}，不属于本题的子域 {own}。",
        "the level {level} descriptor of quick-scan question '{id}' covers '{ref}', which belongs to sub-domain {sub}, not {own}.",
    ),
    "model.covers_level": (
        "快速诊断题 '{id}' 的 {level} 级描述引用的要求 '{ref}' 是 {got} 级：描述只能覆盖不高于自身等级的要求。",
        "the level {level} descriptor of quick-scan question '{id}' covers '{ref}', a level {got} requirement: a descriptor covers only requirements at its own level or below.",
    ),
    "assess.from_resume": (
        "--from 只用于开始新的评估，不能与 --resume 同时使用。",
        "--from starts a new assessment; it cannot be combined with --resume.",
    ),
    "assess.from_not_quick": (
        "这个答卷属于问卷 {got}，不是基于 {id} 的快速诊断；--from 需要快速诊断的答卷（maturity assess quick）。",
        "this answer file is for questionnaire {got}, not a quick scan of {id}; --from needs a quick-scan answer file (maturity assess quick).",
    ),
    "assess.incomplete": (
        "尚未全部作答：跳过 {skipped} 题（按未作答计 0 分，用 --resume 补答），未问 {not_asked} 题。答卷：{path}",
        "Not everything is answered: {skipped} skipped (they score 0 until answered; continue with --resume), {not_asked} not asked. Answer file: {path}",
    ),
    "interview.profile": ("行业类型（1–{n}）", "Industry profile (1-{n})"),
    "interview.reason_same": (
        "为什么不适用？（回车：沿用本子域上一条原因）",
        "Why does it not apply? (Enter: same reason as before)",
    ),
    "interview.tailor": (
        "“{name}”（{count} 题）：回车开始作答；整个子域都不适用请输入 n",
        "'{name}' ({count} questions): Enter to answer them, n if the whole sub-domain does not apply",
    ),
    "interview.tailor_reason": (
        "为什么整个子域都不适用？（必填）",
        "Why does the whole sub-domain not apply? (required)",
    ),
    "interview.tailor_invalid": (
        "请直接回车开始作答，或输入 n 表示整个子域不适用（q 保存退出）。",
        "Press Enter to answer, or type n if the whole sub-domain does not apply (q saves and quits).",
    ),
    "interview.none_open": ("其他题目都已作答。", "Every other question is answered."),
    "interview.quick_na": (
        "不适用（整个子域与本企业无关，需写原因）",
        "Not applicable (the whole sub-domain does not concern you; give a reason)",
    ),
    # --- versions, migrate, profiles (questionnaire 1.1) ---
    "questionnaires.newest": ("{version}（最新）", "{version} (newest)"),
    "model.unknown_version": (
        "问卷 '{id}' 没有 {version} 版本。已安装的版本：{available}。",
        "questionnaire '{id}' has no version {version}. Installed versions: {available}.",
    ),
    "model.unknown_version_migrate": (
        "问卷 '{id}' 没有 {version} 版本（已安装：{available}）；{newer} 版本可以从它迁移。",
        "questionnaire '{id}' has no version {version} (installed: {available}); version {newer} can be migrated to from it.",
    ),
    "answers.version_not_installed": (
        "答卷针对问卷 {id} 的 {version} 版本，但没有安装这个版本（已安装：{available}）。请用 `maturity template {id}` 生成新模板，或安装对应版本的问卷。",
        "the answer file is for version {version} of questionnaire {id}, which is not installed (installed: {available}). Create a new template with `maturity template {id}` or install the matching questionnaire.",
    ),
    "answers.version_not_installed_migrate": (
        "答卷针对问卷 {id} 的 {version} 版本，但没有安装这个版本（已安装：{available}）。请用 `maturity migrate {file} -o 新文件.yaml` 把它转换成 {newer} 版本。",
        "the answer file is for version {version} of questionnaire {id}, which is not installed (installed: {available}). Convert it to version {newer} with `maturity migrate {file} -o NEW.yaml`.",
    ),
    "rule.profile_type": (
        "行业类别与企业类型不符：discrete 须配 type: discrete，continuous 和 batch 须配 type: process（mixed 两者皆可）",
        "the profile does not fit the type: discrete needs type: discrete, continuous and batch need type: process (mixed fits either)",
    ),
    "template.profile_type": (
        "--profile {profile} 与 --type {type} 不符：discrete 须配 discrete，continuous 和 batch 须配 process（mixed 两者皆可）。",
        "--profile {profile} does not fit --type {type}: discrete needs discrete, continuous and batch need process (mixed fits either).",
    ),
    "excel.field.profile": ("行业类别", "Industry profile"),
    "migration.none": (
        "问卷 {id} {version} 没有从 {source} 版本迁移的编号对照表（缺少文件夹 {path}）。已有的迁移来源版本：{available}。",
        "questionnaire {id} {version} has no id map from version {source} (no folder {path}). It has maps from: {available}.",
    ),
    "migration.from_version": (
        "from_version 是 {got}，但文件夹是 from-{expected}。",
        "from_version is {got}, but the folder is from-{expected}.",
    ),
    "migration.unknown_old": (
        "'{id}' 不是 {version} 版本子域 {sub} 中的要求。",
        "'{id}' is not a requirement of sub-domain {sub} in version {version}.",
    ),
    "migration.unknown_new": (
        "'{id}' 不是 {version} 版本中的要求。",
        "'{id}' is not a requirement of version {version}.",
    ),
    "migration.same_level": (
        "'{id}' 标为 {change}，但目标 '{target}' 在 {got} 级而不是 {expected} 级；等级变了请用 moved。",
        "'{id}' is marked {change}, but its target '{target}' is at level {got}, not {expected}; use moved when the level changes.",
    ),
    "migration.carried_twice": (
        "'{id}' 与 '{first}' 的回答都会沿用到 '{target}'：一条要求只能沿用一个回答，合并请用 merged。",
        "'{id}' and '{first}' would both carry their answers to '{target}': a requirement takes one answer; use merged.",
    ),
    "migration.unmapped": (
        "{version} 版本的要求 '{id}' 不在对照表中：子域的每个旧编号都要列出一次。",
        "requirement '{id}' of version {version} is missing from the map: list every old id of the sub-domain once.",
    ),
    "migration.untargeted": (
        "{version} 版本的要求 '{id}' 既不是对照表的目标，也没有列在 new 下。",
        "requirement '{id}' of version {version} is neither a target in the map nor listed under new.",
    ),
    "rule.migration_targets.same": ("same 恰好对应一个新编号", "same maps to exactly one new id"),
    "rule.migration_targets.moved": (
        "moved 恰好对应一个新编号",
        "moved maps to exactly one new id",
    ),
    "rule.migration_targets.narrowed": (
        "narrowed 恰好对应一个新编号",
        "narrowed maps to exactly one new id",
    ),
    "rule.migration_targets.split": (
        "split 至少对应两个新编号",
        "split maps to at least two new ids",
    ),
    "rule.migration_targets.merged": (
        "merged 恰好对应一个新编号",
        "merged maps to exactly one new id",
    ),
    "rule.migration_targets.retired": (
        "retired 不对应新编号（to: []），可用 see 指出现在由哪条要求负责",
        "retired maps to no new id (to: []); name where the practice lives now with see",
    ),
    "rule.migration_targets_unique": ("to 中的编号不能重复", "the ids in to must differ"),
    "migrate.already": (
        "答卷已经是问卷 {id} 的 {version} 版本，无需迁移。",
        "the answer file is already for version {version} of questionnaire {id}: nothing to migrate.",
    ),
    "migrate.comment.header": (
        "由 maturity migrate 从问卷 {id} {old} 版本迁移到 {new} 版本；原文件中的注释未保留。",
        "Migrated by maturity migrate from questionnaire {id} {old} to {new}; comments of the original file are not kept.",
    ),
    "migrate.comment.was": (
        "{version} 版本中 {id}（{change}）的回答：{answer}——请重新回答",
        "{id} ({change}) was answered in {version}: {answer} - answer again",
    ),
    "migrate.comment.dropped": (
        "已删除：{id} 的回答（该要求已取消；参见 {see}）",
        "dropped: the answer to {id} (requirement retired; see {see})",
    ),
    "migrate.summary.carried": (
        "沿用到问卷 {id} {version} 的回答：{count} 条。",
        "Answers carried to questionnaire {id} {version}: {count}.",
    ),
    "migrate.summary.unanswered": ("需要回答：{count} 条", "Need an answer: {count}"),
    "migrate.summary.dropped": (
        "删除的回答（要求已取消）：{count} 条",
        "Answers dropped (requirement retired): {count}",
    ),
    "migrate.summary.narrowed": (
        "沿用但请核对（要求现已收窄或调整范围）：{count} 条",
        "Carried - check, the requirement is narrower/re-scoped now: {count}",
    ),
    "migrate.comment.narrowed": (
        "{id} 的回答从 {version} 版本沿用；该要求已收窄或调整范围，请核对评级",
        "{id} carried from {version}; the requirement is narrower/re-scoped now - check the rating",
    ),
    "migrate.summary.dropped_item": ("  {id}，参见 {see}", "  {id}, see {see}"),
    # --- organisation identity and trend (consultant pack) ---
    "identity.id_blank": (
        "organisation.id 为空：请填写统一社会信用代码或其他固定编号，或删除这一行。",
        "organisation.id is empty: give the unified social credit code or another stable id, or remove the line.",
    ),
    "identity.id_control": (
        "organisation.id 含有控制字符或不可见字符（{char}）：请删除它，编号用来识别企业，必须能看清。",
        "organisation.id contains a control or invisible character ({char}): remove it; an id identifies the organisation and must be readable.",
    ),
    "identity.id_too_long": (
        "organisation.id 有 {length} 个字符，最多 {max} 个：请填写统一社会信用代码或一个简短的固定编号。",
        "organisation.id is {length} characters long (at most {max}): give the unified social credit code or a short stable id.",
    ),
    "identity.uscc_check": (
        "organisation.id“{id}”是 18 位统一社会信用代码的格式，但校验码不符：第 18 位是“{found}”，按 GB 32100-2015 由前 17 位算出应为“{expected}”。有一位抄错了，请对照营业执照逐位核对。",
        "organisation.id '{id}' has the form of an 18-character unified social credit code, but its check character does not match: the 18th character is '{found}', and GB 32100-2015 gives '{expected}' from the first 17. One character is mistyped; check each against the business licence.",
    ),
    "col.organisation_id": ("企业编号", "Organisation id"),
    "benchmark.superseded": (
        "{old} 未计入：同一企业有更新的评估 {new}（{date}）。",
        "{old} is not counted: the same organisation's later assessment {new} ({date}) is.",
    ),
    "out.benchmark.coarse_note": (
        "各等级列为企业占比，按 {step}% 取整；少于 {cell} 家企业的等级显示为“–”（若只隐藏一格可由合计相减算出，则再隐藏最小的一格）。各格分别取整，合计不一定是 100%。",
        "Level columns are shares of organisations, rounded to {step}%; a level held by fewer than {cell} organisations shows '–' (and the smallest other one too, where a single hidden cell could be worked out from the total). Each cell is rounded on its own, so they need not add up to 100 %.",
    ),
    "out.trend.org_title": ("{name}：历次评估", "{name}: assessments over time"),
    "out.compare.unanswered": ("未答", "unanswered"),
    "out.compare.gate_lost": (
        "未再达到第 {level} 级门槛：第 {level} 级得分 {before} → {after}（门槛 {gate}）",
        "Level {level} gate lost: the level {level} score went {before} → {after} (gate {gate})",
    ),
    "out.compare.gate_won": (
        "达到第 {level} 级门槛：第 {level} 级得分 {before} → {after}（门槛 {gate}）",
        "Level {level} gate won: the level {level} score went {before} → {after} (gate {gate})",
    ),
    "out.compare.gate_by": ("，原因：{items}", ", by: {items}"),
    "out.compare.gate_item": (
        "{id} {before} → {after}（{effect}）",
        "{id} {before} → {after} ({effect})",
    ),
    "out.compare.level_sep": ("、", ", "),
    "out.compare.blocked": (
        "第 {levels} 级的得分已过门槛，但须先达到第 {level} 级才计入等级。",
        "Level(s) {levels} pass their gate but count only once level {level} is reached.",
    ),
    # --- plan variants and size (round 4) ---
    "plan.extend.open": ("尚未做到的：{items}。", "Not yet in place: {items}."),
    "plan.extend.more": (
        "{open}另有 {count} 项尚未完全满足。",
        "{open} {count} more not yet fully met.",
    ),
    "plan.extend.step": ("{step}{open}", "{step} {open}"),
    "plan.extend.sep": ("；", "; "),
    # the requirement by its own words, not its id: the card is read by the owner
    "plan.extend.statement": ("{statement}", "{statement}"),
    "plan.extend.note": ("答卷备注“{note}”", "answer note \u201c{note}\u201d"),
    "plan.sole": (
        "本项目只因一条要求列入计划：{statement}",
        "Only one requirement brings this project into the plan: {statement}",
    ),
    "plan.sole.cheaper": (
        "{sole}若只为这一条，较省的做法是：{action}",
        "{sole} If it is only for this one, the cheaper way is: {action}",
    ),
    "plan.size.micro": ("微型企业", "a micro firm"),
    "plan.size.small": ("小型企业", "a small firm"),
    "plan.size.medium": ("中型企业", "a medium firm"),
    "plan.size.large": ("大型企业", "a large firm"),
    "plan.scaled": (
        "费用按{size}估算（中型企业参考区间的 {factor} 倍）。",
        "Costs are scaled for {size} ({factor} times the reference bands set for a medium firm).",
    ),
    "plan.size_unknown": (
        "答卷未填企业规模或人数，费用按中型企业估算；填写 organisation.size 或 employees 可按规模调整。",
        "The answer file gives neither size nor employees: costs are for a medium firm; give"
        " organisation.size or employees to scale them.",
    ),
    "plan.recurring": ("{band}（含年费）", "{band} (incl. yearly fee)"),
    # --- legal applicability (round 4) ---
    "regulated.key-energy-user": ("重点用能单位", "key energy user"),
    "regulated.key-discharger": (
        "重点排污单位（排污许可重点管理）",
        "key discharger (discharge permit under key management)",
    ),
    "regulated.major-hazard": ("构成重大危险源的企业", "holder of a major hazard installation"),
    "regulated.hazardous-chemicals": (
        "生产或储存危险化学品的企业",
        "maker or store of hazardous chemicals",
    ),
    "regulated.ships-dangerous-goods": ("自行托运危险货物的企业", "consignor of dangerous goods"),
    "regulated.carbon-market": (
        "全国碳排放权交易市场重点排放单位",
        "key emitter in the national carbon market",
    ),
    "regulated.combustible-dust": ("存在涉爆粉尘作业的企业", "firm with combustible dust"),
    "regulated.ammonia-refrigeration": ("涉氨制冷企业", "user of ammonia refrigeration"),
    "regulated.drugs": ("药品生产企业", "drug manufacturer"),
    "regulated.food": ("食品生产企业", "food manufacturer"),
    "regulated.electroplating": ("有电镀工序的企业", "firm with electroplating lines"),
    "regulated.important-data": ("重要数据处理者", "processor of important data"),
    "plan.where_applicable": (
        "如适用（{condition}）：{law}",
        "Where applicable ({condition}): {law}",
    ),
    "plan.duty_because": ("{condition}：{law}", "As a {condition}: {law}"),
    "plan.legislation_as_of": (
        "法规版本截至 {month}；标“如适用”的义务是否适用于本企业，请在答卷 organisation.regulated_as"
        " 或 not_regulated_as 中写明。",
        "Legislation as of {month}. Duties marked 'where applicable' depend on what the firm is: "
        "state it in organisation.regulated_as or not_regulated_as of the answer file.",
    ),
    "plan.legislation_short": ("法规版本截至 {month}。", "Legislation as of {month}."),
    "blank.regulated_as": (
        "法定义务：在 regulated_as 中写明本企业属于下列哪些情形，确认不属于的写入 not_regulated_as；"
        "两处都没写的，改进计划只按“如适用”列出相应法规，不作为法定义务排在前面。",
        "Legal duties: list in regulated_as what the firm is, and in not_regulated_as what it is "
        "not; for anything in neither, the plan cites the law 'where applicable' and does not rank "
        "it first as a legal duty.",
    ),
    "rule.regulated_both": (
        "同一项不能既写在 regulated_as 中又写在 not_regulated_as 中",
        "a value cannot be in both regulated_as and not_regulated_as",
    ),
    "project.unknown_subdomain": (
        "项目 '{id}' 引用了不存在的能力子域 '{ref}'：请检查拼写。",
        "project '{id}' names the sub-domain '{ref}', which does not exist: check the spelling",
    ),
    # --- plan levels and load (round 4) ---
    "plan.col.baseline": ("指标基线", "KPI baseline"),
    "plan.gantt": ("甘特图", "Gantt"),
    "report.level_by": (
        "第 {level} 级必需：{names}，共 {count} 个项目，参考费用 {budget}（指示性），"
        "预计 {quarter} 达到第 {level} 级。",
        "Level {level} needs {count} projects: {names}. Indicative cost {budget}, expected by"
        " {quarter}.",
    ),
    "report.level_by_more": (
        "第 {level} 级必需：{count} 个项目（第 {ranks} 项），参考费用 {budget}（指示性），"
        "预计 {quarter} 达到第 {level} 级。",
        "Level {level} needs {count} projects (nos. {ranks}); indicative cost {budget}; expected by"
        " {quarter}.",
    ),
    "report.level_unreachable": (
        "即使完成全部项目也达不到第 {level} 级门槛。",
        "Even every project together does not pass the level {level} gate.",
    ),
    "report.roadmap_total": (
        "晋级路线图共 {count} 个项目，参考总费用 {budget}（指示性）。",
        "The promotion roadmap has {count} projects, indicative total {budget}.",
    ),
    "report.reserve_total": (
        "另有 {count} 个后续储备项目，不计入路线图。",
        "{count} reserve projects come on top, outside the roadmap.",
    ),
    "money.range": ("{low}–{high} 万元", "RMB {low}–{high} million"),
    "money.under": ("<{high} 万元", "under RMB {high} million"),
    "money.one": ("{low} 万元", "RMB {low} million"),
    "money.open": ("{low} 万元以上", "RMB {low} million or more"),
    "plan.baseline": ("{kpi} {value} {unit}（{date}）", "{kpi} {value} {unit} ({date})"),
    "plan.needed_for": ("{level} 级必需", "level {level}"),
    "plan.later_scope": (
        "（费用含 {levels} 级内容）",
        " (cost includes level {levels} scope)",
    ),
    "plan.start_rule": (
        "计划从评估日期后的下一个完整季度开始排期。",
        "The plan starts in the first full quarter after the assessment date.",
    ),
    "plan.level_set": (
        "{level} 级必需（最小项目组合，{count} 个项目，参考费用 {budget}，预计 {by} 达到"
        " {level} 级）：{names}",
        "Needed for level {level} (minimal set of {count}, indicative cost {budget}, level"
        " {level} expected by {by}): {names}",
    ),
    "plan.level_sets_note": (
        "高一级的最小组合假定低一级的组合已完成：每个项目只计入它最先服务的等级。"
        "标有“费用含更高等级内容”的项目按整个项目估算，其费用也覆盖更高等级的要求。",
        "Each higher level's minimal set assumes the lower level's set is done, so a project"
        " counts towards the first level it serves. A project marked 'cost includes level ..."
        " scope' is costed whole, so its cost also covers requirements of the higher levels.",
    ),
    "plan.roadmap": (
        "晋级路线图（{span}，{count} 个项目，参考费用 {budget}，指示性）",
        "Promotion roadmap ({span}, {count} projects, indicative cost {budget})",
    ),
    "plan.roadmap_rule": (
        "路线图包含到目标等级为止各级的最小项目组合、法定义务项目、轻量（最低费用档）的基础项目，以及它们的前置项目；"
        "基础项目若要先上一个目标等级用不到的大额系统，则留在储备。前置项目结束后才开始依赖它的项目；"
        "每季度最多新开 {starts} 个非轻量项目，同时进行的最多 {running} 个；"
        "同一负责人同时最多负责 {owner} 个项目，其中非轻量的最多 {funded} 个（轻量项目同样占用负责人的时间）。"
        "第一季度开始的轻量项目只有法定义务和其他项目的前置项目（含大额项目同步依托的项目），其余轻量项目从第二季度起开始，每季度最多 {light_starts} 个。"
        "每个阶段是同一季度开始的项目，最多 {size} 个（一个季度开始的项目多于 {size} 个时分为相邻的几个阶段），按时间先后编号。",
        "The roadmap holds each level's minimal set up to the target, the legal duties, the"
        " light foundation projects (the lowest cost band) and their prerequisites; a foundation"
        " project that would first need a large system the target does not need stays in reserve."
        " A project starts after its prerequisites end; at most {starts} projects above the lowest"
        " band start in a quarter and {running} run at once; one owner runs at most {owner} projects"
        " at once, of which at most {funded} above the lowest band (light projects take the same"
        " manager's time). The only light projects starting in the first quarter are legal duties"
        " and prerequisites of other projects (including those a funded project builds on in parallel); the other light ones follow from the second quarter,"
        " at most {light_starts} a quarter. Each phase is at most {size} projects starting in one quarter"
        " (a quarter opening more opens neighbouring phases), numbered in time order.",
    ),
    "plan.reserve": (
        "后续储备项目（{count} 个，参考费用 {budget}，指示性）",
        "Reserve projects ({count}, indicative cost {budget})",
    ),
    "plan.reserve_rule": (
        "这些项目不是达到目标等级所必需的，在路线图完成后再根据资源和效果决定是否实施；表中的季度只是最早可行的开始时间。",
        "These projects are not needed to reach the target level. Decide on them once the roadmap"
        " is done, by resources and results; their quarters are only the earliest possible start.",
    ),
    # --- law review fixes (round 4) ---
    "law.cost_note_sep": ("；", "; "),
    # a binding law that asks for less than the project builds (records, not a system)
    "law.helps_meet": ("有助于落实（{condition}）：{law}", "Helps meet (as a {condition}): {law}"),
    "law.helps_meet_any": ("有助于落实：{law}", "Helps meet: {law}"),
    "regulated.mlps-filing": (
        "运营等保二级及以上信息系统的企业",
        "firm running systems at MLPS level 2 or above",
    ),
    # --- plan review fixes (round 4) ---
    "plan.role.gm": ("总经理（厂长）", "General manager"),
    "plan.role.production": ("生产技术负责人", "Production and engineering lead"),
    "plan.role.quality": ("质检负责人", "Quality inspector"),
    "plan.role.finance": ("财务（会计）", "Bookkeeper"),
    "plan.role.safety": ("兼职安全员", "Part-time safety officer"),
    "plan.roles_merged": (
        "按小微企业的实际岗位，项目负责人已合并为{roles}，不再按大中型企业的部门分设。",
        "Owners are merged into the roles a firm of this size has: {roles}, not the department"
        " heads of a larger firm.",
    ),
    "plan.gap.name": ("{name}：只补最后一项", "{name}: the last gap only"),
    "plan.gap.step": (
        "{owner}只处理这一项：{item}。其余要求已全部满足，在现有系统上配置或补一个接口，不重新立项。",
        "The {owner} deals with this one item only: {item}. Everything else is fully met:"
        " configure the current systems or add one interface; no new project.",
    ),
    "plan.gap.basis": (
        "在现有系统上配置或补一个接口（内部工时加少量实施服务），10 万元以下",
        "Configuration or one interface on the current systems (staff time and a little vendor"
        " work), under RMB 0.1 million",
    ),
    # --- plan ranking and schedule (improvement plan) ---
    "project.covers_unclosed": (
        "项目 '{id}' 的 statutory_covers 中有它不关闭的要求 '{ref}'：请先把它加入 closes。",
        "project '{id}' lists '{ref}' in statutory_covers but does not close it: add it to closes"
        " first.",
    ),
    # --- improvement plan (issue 13) ---
    "rule.months_range": (
        "月数写作 [最少, 最多]，且 1 ≤ 最少 ≤ 最多",
        "months are [fewest, most] with 1 <= fewest <= most",
    ),
    "project.unknown_requirement": (
        "项目 '{id}' 的 closes 中有未知的要求编号 '{ref}'。",
        "project '{id}' closes an unknown requirement '{ref}'.",
    ),
    "project.unknown_need": (
        "项目 '{id}' 的 needs 中有未知的编号 '{ref}'：应为项目编号或要求编号。",
        "project '{id}' needs an unknown id '{ref}': name a project or a requirement.",
    ),
    "project.needs_itself": (
        "项目 '{id}' 的 needs 中含有它自己或它自己关闭的要求 '{ref}'：请从 needs 中删去。",
        "project '{id}' needs '{ref}', which is itself or a requirement it closes: remove it from"
        " needs.",
    ),
    "project.unknown_scenario": (
        "项目 '{id}' 引用了 scenarios.yaml 中没有的场景 '{ref}'。",
        "project '{id}' names a scenario '{ref}' that scenarios.yaml does not list.",
    ),
    "project.cycle": (
        "项目 '{id}' 的前置条件构成循环：{cycle}。请删去其中一个 needs。",
        "the prerequisites of project '{id}' form a cycle: {cycle}. Remove one of these needs.",
    ),
    "project.uncovered": (
        "有 {count} 条要求没有任何项目关闭：{ids}。请把它们加入某个项目的 closes。",
        "{count} requirements are closed by no project: {ids}. Add each to a project's closes.",
    ),
    "plan.not_estimated": (
        "未估算：按建议的工作量给出的默认值",
        "not estimated: a default from the advice's effort",
    ),
    "plan.owner_not_named": ("未指定", "not named"),
    "plan.bad_format": (
        "无法从 '{path}' 的扩展名判断格式：请用 .xlsx、.csv、.md 或 .json，或给出 -f。",
        "cannot tell the format from the name '{path}': use .xlsx, .csv, .md or .json, or give -f.",
    ),
    "plan.quick": (
        "快速扫描只给出先全面评估哪些子域，不生成项目计划：请先做完整评估（maturity assess --from {path}）。",
        "a quick scan names the sub-domains to assess in full first; it gives no project plan: run"
        " the full assessment (maturity assess --from {path}).",
    ),
    "plan.xlsx_needs_output": (
        "xlsx 格式需要用 -o 指定输出文件。",
        "the xlsx format needs an output file: give -o plan.xlsx.",
    ),
    "plan.col.phase": ("阶段", "Phase"),
    "plan.col.rank": ("序号", "Rank"),
    "plan.col.project": ("项目", "Project"),
    "plan.col.id": ("编号", "Id"),
    "plan.col.start": ("开始", "Start"),
    "plan.col.end": ("结束", "End"),
    "plan.col.months": ("工期（月）", "Months"),
    "plan.col.cost": ("参考费用", "Indicative cost"),
    "plan.col.owner": ("负责人", "Owner"),
    "plan.col.kpis": ("关键指标", "KPIs"),
    "plan.col.needs": ("前置项目", "Needs"),
    "plan.col.closes": ("关闭的要求", "Closes"),
    "plan.col.first_step": ("第一步", "First step"),
    "plan.col.blocks": ("晋级必需", "Needed for level"),
    "plan.col.statutory": ("法定义务", "Legal obligation"),
    "plan.title": ("改进计划", "Improvement plan"),
    "plan.heading": (
        "从 {start} 起，由 {reached} 级迈向 {target} 级",
        "From {start}, level {reached} towards level {target}",
    ),
    "plan.phase": (
        "第 {n} 阶段：{span}，参考预算 {budget}（指示性）",
        "Phase {n}: {span}, indicative budget {budget}",
    ),
    "plan.indicative": (
        "费用区间为指示性参考，仅供规划，不是报价。",
        "Cost bands are indicative, for planning only, not a quote.",
    ),
    "plan.not_estimated_note": (
        "本问卷没有项目数据：每条要求视为一个项目，工期、费用和负责人均未估算。",
        "This questionnaire has no project data: each requirement is a project of its own, with"
        " duration, cost and owner not estimated.",
    ),
    "plan.unreachable": (
        "即使完成全部项目也达不到 {level} 级门槛。",
        "Even every project together does not pass the level {level} gate.",
    ),
    "plan.nothing": ("没有需要改进的项目。", "Nothing to improve."),
    "plan.tiers": (
        "智能工厂梯度培育（政策背景，非申报建议）",
        "Smart-factory tiers (policy context, not advice to apply)",
    ),
    "plan.tier_line": (
        "{name}：需 {needed} 级及以上，{met}",
        "{name}: needs level {needed} or above, {met}",
    ),
    "plan.tier_met": ("等级条件已满足", "level condition met"),
    "plan.tier_gap": (
        "尚差，关闭相关差距的全部项目（不是最小组合）：{ids}",
        "not yet met; every project that closes the related gaps (not the minimal set): {ids}",
    ),
    "kpi.name.oee": ("设备综合效率（OEE）", "OEE"),
    "kpi.name.labour_productivity": ("劳动生产率", "Labour productivity"),
    "kpi.name.first_pass_yield": ("一次合格率", "First-pass yield"),
    "kpi.name.scrap_rate": ("报废率", "Scrap rate"),
    "kpi.name.unit_cost": ("单位产品成本", "Unit cost"),
    "kpi.name.inventory_turns": ("库存周转次数", "Inventory turns"),
    "kpi.name.on_time_delivery": ("准时交付率", "On-time delivery"),
    "kpi.name.lead_time": ("生产周期", "Lead time"),
    "kpi.name.energy_per_unit": ("单位产品能耗", "Energy per unit"),
    "kpi.name.lost_time_injury_rate": ("损工事故率", "Lost-time injury rate"),
    "kpi.name.changeover_time": ("换产时间", "Changeover time"),
    "kpi.unknown": (
        "未知的指标 '{kpi}'：可用 {known}。",
        "unknown KPI '{kpi}': use one of {known}.",
    ),
    "kpi.future": (
        "指标 '{kpi}' 的日期 {date} 晚于评估日期 {today}。",
        "the date {date} of KPI '{kpi}' is after the assessment date {today}.",
    ),
    # --- respondents and merge (consultant pack) ---
    "respondents.unknown_subdomain": (
        "“{id}”不是本问卷的子域。",
        "'{id}' is not a sub-domain of this questionnaire.",
    ),
    "respondents.unknown_part": (
        "--for：不认识“{given}”。可用的角色：{roles}；子域：{subdomains}。",
        "--for: '{given}' is neither a role nor a sub-domain. Roles: {roles}; "
        "sub-domains: {subdomains}.",
    ),
    "answers.part_unknown": (
        "part 中的“{id}”不是问卷 {questionnaire} {version} 的子域。可用的子域：{available}。",
        "part: '{id}' is not a sub-domain of {questionnaire} {version}. Sub-domains: {available}.",
    ),
    "blank.respondent": (
        "这份答卷只包含下面 part 所列的子域，由一位回答人填写：请在 name 填上姓名。"
        "各人的答卷用 maturity merge 合并为一份。",
        "This file holds only the sub-domains listed under part, for one respondent: write your "
        "name under name. maturity merge combines everyone's parts into one answer file.",
    ),
    "excel.field.respondent_name": ("回答人", "Respondent"),
    "excel.field.respondent_role": ("回答人角色", "Respondent's role"),
    "excel.field.part": ("包含的子域", "Sub-domains covered"),
    "excel.hint.respondent": (
        "填写这一部分的人；maturity merge 合并时记录每条回答出自谁",
        "the person who fills in this part; maturity merge records who gave each answer",
    ),
    "merge.questionnaire_mismatch": (
        "这份答卷用的是问卷 {id} {version}，而 {first} 用的是 {first_id} {first_version}；"
        "只能合并同一问卷版本的答卷（maturity migrate 可以把答卷迁移到新版本）。",
        "this file answers {id} {version} but {first} answers {first_id} {first_version}; "
        "only parts of one questionnaire version can be merged (maturity migrate carries a file "
        "to a newer version).",
    ),
    "merge.organisation_mismatch": (
        "企业“{name}”与 {first} 的“{first_name}”不是同一家（按 organisation.id，没有时按名称比较）；"
        "只能合并同一家企业的答卷。如确是同一家，请统一 organisation.id 或名称。",
        "the organisation '{name}' is not '{first_name}' of {first} (compared by organisation.id, "
        "else by name); only one organisation's parts can be merged. If it is the same one, give "
        "both files the same organisation.id or name.",
    ),
    "merge.overlap": (
        "{total} 条有多人回答，其中 {count} 条评级不同：{items}。请用 --on-conflict lowest 或 mean "
        "指定这些条目的取舍，或删去不应计入的回答；评级相同的条目照常合并。",
        "{total} item(s) answered by several respondents, {count} of them rated differently: "
        "{items}. Choose how to combine those with --on-conflict lowest or mean, or remove the "
        "answers that should not count; items rated alike are merged as they are.",
    ),
    "merge.labelled": ("{name}：{text}", "{name}: {text}"),
    "merge.na_note": ("{name}（认为不适用）：{reason}", "{name} (not applicable): {reason}"),
    "merge.summary": (
        "已合并 {count} 条回答，回答人：{names}",
        "Merged {count} answers from: {names}",
    ),
    "merge.disagree.head": (
        "回答人意见不一的有 {count} 条（{policy}）：",
        "Respondents disagree on {count} item(s) ({policy}):",
    ),
    "merge.disagree.item": (
        "  {id}：{said} → 采用 {kept}",
        "  {id}: {said} → kept {kept}",
    ),
    # --- portfolio polish (round 4) ---
    "portfolio.progress.title": ("复评企业进展", "Progress of re-assessed clients"),
    "portfolio.progress.summary": (
        "{total} 家复评企业中，{up} 家提升了等级，{same} 家等级未变，{down} 家下降。",
        "Re-assessed clients: {total}; moved up a level: {up}; same level: {same}; "
        "moved down: {down}.",
    ),
    "portfolio.progress.too_few": (
        "复评企业少于 {min} 家，为免推算出具体企业的结果，不公布其等级变化。",
        "Fewer than {min} clients were re-assessed; their level changes are not given, so that "
        "no single client's result can be worked out.",
    ),
    "portfolio.progress.none": (
        "本组合中没有评估过两次的企业（同一企业按统一社会信用代码或名称识别）。",
        "No client in this portfolio was assessed twice (a client is recognised by its "
        "organisation id or its name).",
    ),
    "portfolio.progress.note": (
        "每家企业比较最近一次评估与其前一次评估；总分变化按两次显示的分数相减。",
        "Each client's latest assessment is compared with the one before it; the score change "
        "is the difference of the two scores shown.",
    ),
    "col.assessment_dates": ("评估日期（前 → 后）", "Assessed (before → after)"),
    "col.level_change": ("等级变化", "Level change"),
    "col.score_change": ("总分变化", "Score change"),
    "portfolio.size.micro": ("微型", "Micro"),
    "portfolio.size.small": ("小型", "Small"),
    "portfolio.size.medium": ("中型", "Medium-sized"),
    "portfolio.size.large": ("大型", "Large"),
    "portfolio.type.discrete": ("离散型", "Discrete manufacturing"),
    "portfolio.type.process": ("流程型", "Process manufacturing"),
    "portfolio.profile.discrete": ("离散制造", "Parts and assembly"),
    "portfolio.profile.continuous": ("连续流程", "Continuous process"),
    "portfolio.profile.batch": ("批次流程", "Batch process"),
    "portfolio.profile.mixed": ("混合型", "Mixed discrete and process"),
    "merge.rule.lowest": ("按“取最低”规则采用", "kept by the 'lowest' rule"),
    "merge.rule.mean": ("按“取平均”规则采用", "kept by the 'mean' rule"),
    "merge.same_role": (
        "{names} 的角色都写作“{role}”：若各人分管不同方面，请在各自答卷的 respondent.role "
        "写上本人的角色，报告附录才能说清谁答了什么。",
        "{names} all give the role '{role}': if each covers a different area, write each "
        "person's own role under respondent.role in their file, so that the report's annex says "
        "who answered what.",
    ),
    "blank.respondent_roles": (
        "这份答卷涵盖几个角色（{roles}）：请在 role 写上您本人的角色。几个人分头填写时，"
        "最好每人各用一份只含自己角色的答卷。",
        "This file covers several roles ({roles}): write your own role under role. When "
        "several people fill it in, give each a file of their own role.",
    ),
    "out.trend.summary_title": ("各企业概览（首次 → 最近）", "Overview (first → latest)"),
    "out.trend.left_out": (
        "另有 {count} 家企业评估次数少于 {min} 次，未列出；用 --min-assessments 1 可列出全部企业。",
        "left out: {count} organisation(s) with fewer than {min} assessments; "
        "--min-assessments 1 lists them all.",
    ),
    "col.assessments": ("评估次数", "Assessments"),
    "col.first_assessed": ("首次评估", "First"),
    "col.last_assessed": ("最近评估", "Latest"),
    # --- portfolio pack (consultant pack) ---
    "col.profile": ("行业画像", "Industry profile"),
    "col.mode": ("评估方式", "Assessment mode"),
    "col.report": ("报告", "Report"),
    "col.average_score": ("平均得分", "Average score"),
    "col.national": (
        "全国自诊断（{source}，{year} 年）",
        "National self-diagnosis ({source}, {year})",
    ),
    "col.this_portfolio": ("本组合", "This portfolio"),
    "col.clients_missing": ("未完全满足的企业数", "Clients not fully meeting it"),
    "col.action": ("改进措施", "Improvement action"),
    "col.effort": ("投入", "Effort"),
    "col.q1": ("总分 Q1", "Score Q1"),
    "col.median": ("总分中位数", "Score median"),
    "col.q3": ("总分 Q3", "Score Q3"),
    "col.year": ("年份", "Year"),
    "portfolio.sheet.summary": ("汇总", "Summary"),
    "portfolio.sheet.heatmap": ("子域热力图", "Heat map"),
    "portfolio.sheet.national": ("全国数据", "National figures"),
    "portfolio.sheet.benchmark": ("对标", "Benchmark"),
    "portfolio.sheet.trend": ("趋势", "Trend"),
    "portfolio.title": (
        "智能制造能力成熟度组合概览",
        "Smart-manufacturing maturity: portfolio overview",
    ),
    "portfolio.counts": (
        "{organisations} 家企业（共 {files} 份评估，每家企业只计最新的一份）",
        "{organisations} organisations ({files} assessments; only the latest of each counts)",
    ),
    "portfolio.distribution_title": (
        "等级分布与全国企业自诊断数据对比",
        "Level distribution against the national self-diagnosis figures",
    ),
    "portfolio.source": (
        "全国数据：{year} 年，来源：{source}。为企业自诊断结果，非第三方评估。",
        "National figures: {year}, source: {source}. Enterprises' own "
        "self-diagnosis, not third-party assessments.",
    ),
    "portfolio.plan_title": ("五大规划领域平均得分", "Average score by plan domain"),
    "portfolio.subdomain_title": ("各子域平均得分", "Average score by sub-domain"),
    "portfolio.average_note": (
        "平均分只计算有该项得分的企业（裁剪掉的子域不计为 0）；少于 {min} 家企业时不显示（–）。",
        "Averages count only the organisations scored on it (a tailored sub-domain is not a 0); "
        "with fewer than {min} organisations they are not shown (–).",
    ),
    "portfolio.chart.distribution": (
        "等级分布（企业占比）",
        "Level distribution (share of organisations)",
    ),
    "portfolio.chart.plan": ("规划领域平均得分", "Average score by plan domain"),
    "portfolio.report.title": (
        "智能制造能力成熟度组合报告",
        "Smart-manufacturing maturity: portfolio report",
    ),
    "portfolio.report.heatmap": ("各企业子域等级", "Sub-domain levels by client"),
    "portfolio.report.gaps": ("最常见的差距", "Most common gaps"),
    "portfolio.report.gaps_note": (
        "至少半数企业（共 {count} 家）在其目标等级内未完全满足的要求，按未满足的企业数排列。"
        "末列为未完全满足该要求的全部企业数（不论目标等级）/ 企业总数。",
        "Requirements that at least half of the {count} clients have not fully met within their "
        "target level, most common first. The last column counts every client that has not fully "
        "met the requirement, whatever its target, out of all clients.",
    ),
    "portfolio.report.no_gaps": (
        "没有半数以上企业共有的差距（或企业少于 {min} 家）。",
        "No gap is shared by half of the clients or more (or there are fewer than {min} clients).",
    ),
    "portfolio.report.actions": (
        "多数企业共有的改进措施",
        "Improvement actions most clients share",
    ),
    "portfolio.report.actions_note": (
        "按要求给出的改进建议，覆盖上面的共同差距；同一措施适用于所列数量的企业。",
        "The advice for each common gap above; each action applies to the number of clients shown.",
    ),
    "portfolio.report.capped": (
        "此处只列出按名称排序的前 {shown} 家企业（共 {total} 家）；全部企业见组合工作簿"
        "（maturity score 目录 -o portfolio.xlsx）的热力图和 maturity report 目录 生成的 index.html。",
        "Only the first {shown} of the {total} clients by name are listed here; the portfolio "
        "workbook's heat map (maturity score DIR -o portfolio.xlsx) and the index.html of "
        "maturity report DIR list them all.",
    ),
    "portfolio.report.index": ("各企业报告索引", "Index of the client reports"),
    "portfolio.report.index_note": (
        "各企业的报告见本文件所在目录中、表内所列名称的 {format} 文件。",
        "Each client's report is the {format} file named in the table, in the same folder as "
        "this document.",
    ),
    "portfolio.report.generated": ("生成日期：{date}", "Generated on {date}"),
    "portfolio.index.title": ("评估报告索引（{count} 份）", "Assessment reports ({count})"),
    "output.needs_file": (
        "{format} 格式需要用 -o 指定输出文件（不能输出到终端）。",
        "the {format} format needs an output file: give -o FILE (it cannot go to the terminal).",
    ),
    # --- verification for people (report) -----------------------------------------------------
    "verify.wrong_trust": (
        "报告由 {signer} 签名，其证书的签发者：{issuer}；而您指定信任的证书：{trusted}，两者都不是。"
        "请确认拿到的是这位评估人或其签发机构的证书",
        "the report is signed by {signer}, whose certificate was issued by {issuer}; the certificate you trusted is {trusted}, "
        "which is neither. Check that you have the certificate of this assessor or of the body that issued theirs",
    ),
    "verify.self_signed": (
        "签名人自己（自签名证书）",
        "the signer itself (a self-signed certificate)",
    ),
    "verify.indic.revoked": (
        "证书链中有证书已被吊销。请联系评估机构",
        "a certificate in the chain has been revoked. Contact the assessor's organisation",
    ),
    "verify.indic.time": (
        "证书链中有证书在相关时间不在有效期内",
        "a certificate in the chain was not valid at the time that matters",
    ),
    "verify.indic.crypto": (
        "证书链使用的算法或密钥强度不足，不能依赖",
        "the chain uses an algorithm or key too weak to rely on",
    ),
    "verify.indic.try_later": (
        "暂时无法取得吊销信息（verify 不联网）。请稍后重试，或向评估机构确认",
        "revocation information is not available now (verify does not go online). Try later or ask the assessor's organisation",
    ),
    "verify.indic.policy": (
        "签名或证书不符合验证所要求的规则，无法确认其可信",
        "the signature or certificate does not meet the rules verification requires, so it cannot be trusted",
    ),
    "verify.change.none": ("看不出改动的数据", "data with no visible change"),
    "verify.change.lta_updates": (
        "验证数据（证书、时间戳）",
        "validation data (certificates, timestamps)",
    ),
    "verify.change.form_filling": ("表单填写或另一个签名", "form filling or another signature"),
    "verify.change.annotations": ("批注", "comments or annotations"),
    "verify.change.other": ("对内容的改动", "a change to the content"),
    "verify.test_warning": (
        "警告：这份报告是用 maturity 自签名测试证书签署的，仅供试用，不能作为正式评估报告。",
        "Warning: this report is signed with a maturity self-signed TEST certificate, for trying only; it is not a real assessment report.",
    ),
    "receipt.title": ("签名报告验证回执", "Verification receipt for a signed report"),
    "receipt.report": ("报告文件", "Report file"),
    "receipt.checked_at": ("验证时间", "Checked at"),
    "receipt.tool": ("验证工具", "Checked with"),
    "receipt.checks": ("检查项目与结果", "What was checked, and the result"),
    "receipt.signer_heading": ("签名人", "Signer"),
    "receipt.certificate": ("签名证书", "Signing certificate"),
    "receipt.assessor": ("评估人", "Assessor"),
    "receipt.organisation": ("评估机构", "Organisation"),
    "receipt.accreditation": ("资质证书编号", "Accreditation no."),
    "receipt.signed_at": ("签名时间 *", "Signing time *"),
    "receipt.none_given": ("未提供", "none given"),
    "receipt.outcome.passed": ("通过", "passed"),
    "receipt.outcome.failed": ("未通过", "failed"),
    "receipt.outcome.untrusted": ("不受信任", "not trusted"),
    "receipt.outcome.skipped": ("未检查", "not checked"),
    "verify.receipt_format": (
        "回执只能写成 .pdf 或 .html 文件：{path}",
        "a receipt is written as a .pdf or .html file: {path}",
    ),
    "sign.evidence_not_found": (
        "答卷列出的 {count} 个证据文件在 {folders} 中都找不到：{names}{more}。请用 --evidence-dir 指定存放证据的文件夹；"
        "若确实要在缺少这些文件的情况下签名，请加 --allow-missing-evidence（它们不会进入证据清单）。",
        "{count} evidence file(s) named in the answers are in none of {folders}: {names}{more}. Give the folder that holds them "
        "with --evidence-dir, or add --allow-missing-evidence to sign without them (they stay out of the evidence manifest).",
    ),
    "sign.evidence_needs_sign": (
        "--evidence-dir 和 --allow-missing-evidence 只用于签名报告：请同时加上 --sign --p12 FILE。",
        "--evidence-dir and --allow-missing-evidence are for signed reports only: add --sign --p12 FILE.",
    ),
    "sign.evidence_dir_missing": (
        "--evidence-dir 指定的 {path} 不是文件夹。",
        "--evidence-dir {path} is not a folder.",
    ),
    # --- sources for readers (report) ---
    "source.cited": ("{cited}（{status}）", "{cited} ({status})"),
    "source.status.verified": ("已核实", "verified"),
    "source.status.corroborated": ("多方印证", "corroborated"),
    "source.status.secondary": ("转引的二手资料", "secondary source"),
    "source.status.unverified": ("未核实", "unverified"),
    "levels.hidden_rest": (
        "少于 {cell} 家企业的等级不单列：其余 {rest}% 分布在隐藏的等级中。",
        "Levels with fewer than {cell} firms are not shown: the other {rest}% are in the hidden levels.",
    ),
    "portfolio.report.gap_count": ("{count} / {total} 家", "{count} / {total}"),
    # --- full edition and receipt (round 4) ---
    "receipt.assessed_heading": (
        "评估内容（据嵌入的答卷）",
        "What was assessed (from the embedded answers)",
    ),
    "receipt.enterprise": ("受评估企业", "Company"),
    "receipt.mode": ("评估方式", "Assessment mode"),
    "receipt.date": ("评估日期", "Assessment date"),
    "receipt.level": ("等级", "Level"),
    "receipt.score": ("总分", "Score"),
    "receipt.anchor": ("受信任证书", "Trusted certificate"),
    "receipt.anchor_sha256": ("其指纹（SHA-256）", "Its fingerprint (SHA-256)"),
    "receipt.anchor_none": (
        "无：签名人未链到受信任证书。请向发证机构或资质公示渠道核对证书指纹。",
        "none: the signer does not chain to a trusted certificate. Check the certificate's "
        "fingerprint with the issuing body or the public register of accredited assessors.",
    ),
    "receipt.not_read": (
        "未读取（嵌入的答卷未经核验，不予采信）",
        "not read (the embedded answers were not verified, so not relied on)",
    ),
    "receipt.anchor_note": (
        "请向发证机构或资质公示渠道核对这个指纹；被核查方自己交来的证书不能证明什么。",
        "Check this fingerprint with the issuing body or the public register of accredited "
        "assessors; a certificate handed over by the party being checked proves nothing.",
    ),
    # --- full review fixes (round 4) ---
    "verify.rescored_old_box": (
        "用嵌入的规则重新计分，结果与嵌入结果一致：等级 {level}，总分 {score}；签名框写明的也是这个结果。"
        "注意：这份报告签名较早，签名框未写受评估企业，企业名称只见于嵌入的答卷。",
        "rescoring the embedded answers with the embedded rules gives the embedded result: level {level}, score {score}, "
        "as the signature box states. Note: this report was signed before the box named the firm; the firm is named only "
        "in the embedded answers.",
    ),
    "verify.org_differs": (
        "签名框写的受评估企业（{box}）与嵌入答卷中的企业“{firm}”不一致：这个签名框不属于这份答卷。",
        'the signature box names the firm "{box}", but the embedded answers name "{firm}": the box does not belong to '
        "these answers.",
    ),
    "verify.assessed_line": (
        "受评估企业（据嵌入答卷）：{firm} · 评估日期 {date}",
        "Assessed firm (from the embedded answers): {firm} · assessment date {date}",
    ),
    "report.tier_minimal": (
        "{ranks}（{count} 个，预计 {by} 达到）",
        "{ranks} ({count} projects, expected by {by})",
    ),
    "report.tier_others": (
        "其余相关项目 {count} 个，也关闭该等级以下的差距，但达到该等级不需要：{ranks}",
        "{count} other projects also close gaps up to this level but are not needed for it: {ranks}",
    ),
    "report.no_evidence_total": (
        "共 {count} 条高评分（全部满足或大部分满足）未列证据，报告的“检查提示”中汇总；逐条位置请运行 maturity validate {file} 查看。",
        "{count} high ratings (fully or mostly met) list no evidence; the report's consistency notes sum them up. "
        "Run maturity validate {file} for where each one is.",
    ),
    "verify.not_run_broken": (
        "未检查（签名检查未通过）",
        "not checked (the signature check failed)",
    ),
    "receipt.anchor_unchecked": (
        "已指定 {name}（指纹 {sha256}…）；因签名已损坏，未检查证书链",
        "given: {name} (fingerprint {sha256}…); the chain was not checked, as the signature is broken",
    ),
    "receipt.claimed_firm": ("受评估企业（自称）", "Firm (as claimed)"),
    "receipt.claimed_firm_value": ("{firm}（未经核验）", "{firm} (not verified)"),
    "receipt.evidence_dir": ("证据目录", "Evidence folder"),
    "receipt.evidence_dir_none": (
        "未指定（证据文件未核对）",
        "not given (evidence files not checked)",
    ),
    "receipt.filing": (
        "核验人：__________　日期：__________　归档编号：__________",
        "Checked by: __________   Date: __________   File no.: __________",
    ),
    "self_declared_value": (
        "{value}（评估人自报，未经核验）",
        "{value} (self-declared, not checked)",
    ),
    "sign.more_files": (" 等 {count} 个", " and others ({count} in all)"),
    "receipt.accreditation_note": (
        "资质证书编号为评估人自报，本工具未核验：请在资质公示渠道核对该编号与评估机构。",
        "The accreditation number is self-declared and not checked by this tool: check the number and the "
        "assessor's organisation in the public register of accredited assessors.",
    ),
    # --- clerk fixes (report) ---
    "verify.test_summary": (
        "签名有效，但为测试证书——不能作为正式报告",
        "Signature valid, but by a TEST certificate — not a formal report",
    ),
    "verify.evidence_incomplete": (
        "答卷列出 {named} 个证据文件，签名时 {attached} 个登记了摘要（评估人使用了 --allow-missing-evidence），其余的无法核对。",
        "the answers name {named} evidence files, {attached} registered by digest at signing (the assessor used --allow-missing-evidence); the others cannot be checked.",
    ),
    "receipt.signer_claimed": (
        "（签名已损坏，以下信息不可信）",
        "(The signature is broken: what follows cannot be trusted.)",
    ),
    "receipt.outcome.incomplete": ("不完整", "incomplete"),
    "receipt.signed_at_note": (
        "* 签名时间为签名人电脑所记，没有可信时间戳证明。",
        "* The signing time is as the signer's computer stated it; no trusted timestamp vouches for it.",
    ),
    # --- board edition (round 4) ---
    "report.board.level_word": ("{n}级", "level {n}"),
    "report.board.yearly_note": (
        "标 ↻ 的项目含每年续付的订阅费（见卡片上的费用依据），其余为一次性投入。",
        "Projects marked ↻ include a subscription paid every year (see the cost basis on the"
        " card); the rest are one-off costs.",
    ),
    "report.board.subsidy": (
        "资金：可咨询当地工业和信息化主管部门的智能化改造、数字化转型扶持政策（需自行核实）。",
        "Funding: ask the local industry and information technology authority about support for"
        " smart-manufacturing upgrades and digital transformation (check it yourself).",
    ),
    "report.board.order": (
        "排序：先做法定义务，再做升{level}必须做的基础项目（后续系统要建在它们之上），"
        "其余按每万元投入带来的提升排列；前置项目总排在依赖它的项目之前。",
        "Order: legal duties first, then the groundwork {level} needs (later systems build on"
        " it), the rest by gain per unit of cost; a prerequisite always comes before what needs"
        " it.",
    ),
    "report.board.priority_first": (
        "{kpi}类最早是第 {rank} 项“{name}”（{start} 开始）",
        "{kpi}: first no. {rank}, {name} (from {start})",
    ),
    "report.board.priority_firsts": (
        "贵企业优先的指标对应的首个项目：{list}。",
        "Your priorities come in with: {list}.",
    ),
    "report.board.priorities": ("企业优先改进：{names}。", "Your priorities: {names}."),
    "report.board.baselines": (
        "关键指标基线（{date}）：{values}。",
        "KPI baselines ({date}): {values}.",
    ),
    "report.board.bridge": (
        "{level}要求目前的加权得分约为满分的 {now}%（部分满足的要求只计部分分），需达到 {gate}% 才算{level}。",
        "Requirements of {level} score {now}% of full marks (partial ones count in part); {gate}%"
        " reaches {level}.",
    ),
    "report.board.national_card": (
        "全国约 {above}% 企业达到{level}及以上（{year} 年自诊断数据），",
        "About {above}% of enterprises nationally are at {level} or above ({year} self-diagnosis"
        " data);",
    ),
    "report.board.national_kpi": (
        "全国达到{level}及以上的企业（{year} 年）",
        "Enterprises nationally at {level} or above ({year})",
    ),
    "report.board.national_reading": (
        "即约 {below}% 的企业尚未达到{level}。",
        "that is, about {below}% have not yet reached {level}.",
    ),
    "report.board.radar_note": (
        "刻度 0–5，与等级对应。最弱（含并列）：{weakest}；最强：{strongest}。",
        "Scale 0–5, matching the levels. Weakest (ties included): {weakest}; strongest:"
        " {strongest}.",
    ),
    "report.board.blocks": ("升{level}必须做", "Needed for {level}"),
    "report.board.closes_count": ("{n} 条{rating}", "{n} {rating}"),
    "report.board.closes_summary": (
        "目前：{counts} → 完成后：{then}（共 {total} 条）",
        "now: {counts} → once done: {then} ({total} in all)",
    ),
    "report.board.needed_by": ("是第 {ranks} 项的前置项目", "Needed before no. {ranks}"),
    "report.board.glossary": ("术语：{items}。", "Terms: {items}."),
    "report.board.acronym": ("{short}＝{long}", "{short} = {long}"),
    "report.board.acronym.ap": ("无线接入点", "wireless access point"),
    "report.board.acronym.ip": ("网络设备地址", "network address"),
    "report.board.acronym.saas": ("按年订阅的云端软件", "cloud software paid by subscription"),
    "report.board.acronym.sis": ("安全仪表系统", "safety instrumented system"),
    "report.board.acronym.cems": ("烟气排放连续监测系统", "continuous emission monitoring system"),
    "report.board.acronym.mes": ("制造执行系统", "manufacturing execution system"),
    "report.board.acronym.erp": ("企业资源计划系统", "enterprise resource planning system"),
    "report.board.acronym.plc": ("可编程控制器", "programmable logic controller"),
    "report.board.acronym.scada": (
        "数据采集与监控系统",
        "supervisory control and data acquisition",
    ),
    "report.board.acronym.dcs": ("集散控制系统", "distributed control system"),
    "report.board.acronym.lims": ("实验室信息管理系统", "laboratory information management system"),
    "report.board.acronym.wms": ("仓储管理系统", "warehouse management system"),
    "report.board.acronym.qms": ("质量管理系统", "quality management system"),
    "report.board.acronym.crm": ("客户关系管理系统", "customer relationship management"),
    "report.board.acronym.aps": ("高级计划排程系统", "advanced planning and scheduling"),
    "report.board.acronym.plm": ("产品生命周期管理系统", "product lifecycle management"),
    "report.board.no_head": ("序号", "No."),
    "report.board.cost_head": ("参考费用（万元）", "Cost (RMB million)"),
    "report.board.deliver_head": ("第 90 天应交付", "Due by day 90"),
    "report.board.sign_head": ("姓名/签字", "Name / signature"),
    # --- integration (round 4) ---
    "plan.scaled_medium": (
        "费用按中型企业估算，即参考区间本身。",
        "Costs are for a medium firm, as the reference bands are.",
    ),
    # --- board review fixes (round 4) ---
    "report.board.approve_all": (
        "请批准：{quarter} 启动下表全部 {count} 个项目，参考费用合计 {spend}"
        "（指示性区间，不是报价）。",
        "For approval: start all {count} projects below in {quarter}, indicative cost {spend}"
        " in all (indicative ranges, not quotes).",
    ),
    "report.level_by_one": (
        "第 {level} 级只差 1 个项目：{names}，参考费用 {budget}（指示性），预计 {quarter} 达到第 {level} 级。",
        "Level {level} needs one project: {names}, indicative cost {budget}, expected by"
        " {quarter}.",
    ),
    "report.named_item": ("{name}（第 {rank} 项）", "{name} (no. {rank})"),
    "report.board.thin": (
        "{level}仅高出门槛 {margin}：任何一条{level}要求在外部评审中被下调，都可能降为{below}。"
        "建议在申请外部评估前，先请第三方复核{level}要求的证据。",
        "The hold on {level} is thin, only {margin} above the gate: if an outside review marks"
        " down any one {level} requirement, the firm may drop to {below}. Before applying for an"
        " outside assessment, have a third party check the evidence for the {level}"
        " requirements.",
    ),
    "report.board.no_level": ("一级以下", "below level 1"),
    "report.board.acronym.oee": ("设备综合效率", "overall equipment effectiveness"),
    "report.board.acronym.mlps": ("网络安全等级保护制度（等保）", "Multi-Level Protection Scheme"),
    "report.board.acronym.fifo": ("先进先出", "first in, first out"),
    "report.board.acronym.kgce": ("千克标准煤", "kilograms of coal equivalent"),
    "report.board.acronym.ehs": ("安全、健康与环保", "environment, health and safety"),
    "report.board.cost_size": (
        "费用按{size}估算，为指示性区间，仅供规划，不是报价。",
        "Costs are estimated for {size}: indicative ranges for planning, not quotes.",
    ),
    "report.board.cost_staff": (
        "费用按{size}（{staff} 人）估算，为指示性区间，仅供规划，不是报价。",
        "Costs are estimated for {size} ({staff} staff): indicative ranges for planning, not"
        " quotes.",
    ),
    "report.board.cost_unknown": (
        "答卷未写企业规模，费用按中型企业估算，为指示性区间，仅供规划，不是报价。",
        "The answer file gives no firm size, so costs are estimated for a medium firm: indicative"
        " ranges for planning, not quotes.",
    ),
    "report.board.due_done": ("交付：{records}", "Delivered: {records}"),
    "report.board.due_done_more": (
        "交付：{records}等 {n} 份记录",
        "Delivered: {n} records, among them: {records}",
    ),
    "report.board.due_own": ("{due}", "{due}"),
    "report.board.due_first": (
        "第一步完成：{step}（工期 {months} 个月，到 {end} 结束）",
        "First step done: {step} (runs {months} months, to {end})",
    ),
    "report.board.light_name": (
        "其余 {n} 个小额项目（见表下）",
        "The other {n} small projects (named below)",
    ),
    "report.board.light_owner": ("各项目负责人", "Each project's owner"),
    "report.board.light_due": (
        "各项第一步完成，书面报总经理",
        "Each one's first step done, reported to the general manager in writing",
    ),
    "report.board.others": (
        "小额项目（合计 {spend}）",
        "Small projects ({spend} in all)",
    ),
    "report.board.sign_off": (
        "董事会/总经理批准：____________　日期：____________　批准金额上限：______ 万元",
        "Approved by the board / general manager: ____________   Date: ____________"
        "   Spending cap: RMB ______ million",
    ),
    "report.board.overloaded": (
        "注意：{quarter}，{owner}同时负责 {n} 个项目（第 {ranks} 项）。请在批准前为{light}"
        "指定副手或外包；否则把{light}推迟到 {later} 开始。",
        "Note: in {quarter} the {owner} runs {n} projects at once (nos. {ranks}). Before"
        " approving, name a deputy or contract out {light}; otherwise start {light} in {later}.",
    ),
    "report.board.numbered_one": ("第 {ranks} 项", "no. {ranks}"),
    "report.board.numbered_many": ("第 {ranks} 项", "nos. {ranks}"),
    # --- board fixes (report) ---
    "report.kpi_to_measure": ("待采集", "to be measured"),
    "report.note.no_evidence": (
        "评估人未说明依据的评分：{n} 条（第三方评估中评为全部满足或大部分满足，但没有列出证据）",
        "Ratings the assessor gave no basis for: {n} (fully or mostly met in a third-party"
        " assessment, with no evidence listed)",
    ),
    "report.note.na_presupposed": (
        "前提被标为不适用、本身却评为已开展的要求：{n} 条",
        "Requirements rated as in place although what they presuppose is marked N/A: {n}",
    ),
    "report.note.level_inversion": (
        "高一级已过门槛、低一级却未过的子域：{n} 个",
        "Sub-domains where a higher level meets the gate but a lower one does not: {n}",
    ),
    "report.note.levels": (
        "第 {low} 级 {low_score}，第 {high} 级 {high_score}",
        "level {low} {low_score}, level {high} {high_score}",
    ),
    "report.tier_beyond_plan": (
        "超出本报告规划范围（规划目标为 {target} 级）",
        "beyond this plan's target (level {target})",
    ),
    # --- editions for readers (round 4) ---
    "col.assessor_organisation": ("评估单位", "Assessor's organisation"),
    "col.bureau_consent": (
        "同意向主管部门具名（日期）",
        "Consented to be named to the authority (date)",
    ),
    "col.consent_date": ("同意日期", "Consent given"),
    "col.portfolio_quartiles": ("组合 Q1 / 中位数 / Q3", "Portfolio Q1 / median / Q3"),
    "col.clients_missing_share": ("未完全满足的企业占比", "Clients not fully meeting it"),
    "col.clients_share": ("涉及企业", "Clients"),
    "edition.org_missing": (
        "--audience client 需要用 --org 指明是哪家客户（答卷中的 organisation.id 或名称）：客户版只给出这一家企业在本组合中的位置。",
        "--audience client needs --org: the client's organisation.id or name as in its answer file. The client edition shows where that one client stands in the portfolio.",
    ),
    "edition.org_unused": (
        "--org 只用于 --audience client（客户版）：内部版和主管部门版不针对单家企业。",
        "--org applies only to --audience client: the internal and bureau editions are not about one client.",
    ),
    "edition.org_unknown": (
        "--org “{org}” 不是本组合中的企业：请用其答卷中的 organisation.id 或 organisation.name。",
        "--org '{org}' is not an organisation of this portfolio: give its organisation.id or organisation.name as in its answer file.",
    ),
    "edition.org_ambiguous": (
        "--org “{org}” 对应本组合中的 {count} 家企业：请改用其 organisation.id。",
        "--org '{org}' matches {count} organisations of this portfolio: give its organisation.id instead.",
    ),
    "edition.cohort_small": (
        "本组合不足 {min} 家企业，客户版无法在不暴露其他客户得分的情况下做对比：请在更大的组合上生成客户版。",
        "The portfolio has fewer than {min} organisations: a client edition would give away the other clients' scores. Make it from a larger portfolio.",
    ),
    "blank.consent": (
        "可选：企业书面同意在报送主管部门的组合报告中具名时，填写同意日期并去掉下一行的 #；不填则不具名（maturity portfolio --audience bureau）。",
        "Optional: when the firm agrees in writing to be named in the portfolio edition for the industry authority, give the date and remove the # below; without it the firm is never named (maturity portfolio --audience bureau).",
    ),
    "edition.needs_xlsx": (
        "--org、--issuer 和 --recipient 只适用于组合工作簿（-o portfolio.xlsx）和 maturity portfolio。",
        "--org, --issuer and --recipient apply only to the portfolio workbook (-o portfolio.xlsx) and maturity portfolio.",
    ),
    "edition.bad_text": (
        "{option} 应为一行可见文字：不能为空，不含控制字符，最多 {max} 个字符。",
        "{option} must be one line of visible text: not empty, no control characters, at most {max} characters.",
    ),
    "edition.issuer": ("出具单位：{issuer}", "Issued by: {issuer}"),
    "edition.issuer_unknown": (
        "出具单位：未注明（各答卷的评估单位不一致或未填写，可用 --issuer 指定）",
        "Issued by: not stated (the answer files do not name one assessor organisation; give --issuer)",
    ),
    "edition.period": (
        "评估期间：{start} 至 {end}（各企业最新一次评估）",
        "Assessments covered: {start} to {end} (each organisation's latest)",
    ),
    "edition.confidential.internal": (
        "内部资料，含可识别企业数据，不得外发",
        "Internal: contains identifiable client data; do not send out",
    ),
    "edition.confidential.bureau": ("仅供{recipient}使用", "For the use of {recipient} only"),
    "edition.confidential.client": ("仅供{recipient}使用", "For the use of {recipient} only"),
    "edition.recipient.bureau": (
        "工业和信息化主管部门",
        "the industry and information technology authority",
    ),
    "edition.named_title": ("经同意具名的企业", "Clients named with their consent"),
    "edition.named_note": (
        "{total} 家企业中有 {named} 家在最新一份答卷中记录了向主管部门具名的书面同意；其余 {rest} 家只计入汇总数字，不具名。",
        "{named} of the {total} organisations record written consent to be named to the authority in their latest answer file; the other {rest} are counted in the figures and never named.",
    ),
    "edition.named_levels": ("具名企业按等级：{levels}", "Named clients by level: {levels}"),
    "edition.named_level": ("{level} 级 {count} 家", "{count} at level {level}"),
    "edition.client_title": (
        "{organisation} 在本组合中的位置（分组 {count} 家，数据截至 {date}）",
        "Where {organisation} stands in this portfolio (cohort of {count}, data as of {date})",
    ),
    "edition.client_summary": (
        "本企业：{level} 级，总分 {score}。下表给出本企业各项得分在全部 {count} 家企业中所处的四分位区间，不给排名，也不含其他企业的名称或得分。区间按确切得分和确切四分位数判定；表中四分位数按 {step} 取整显示，所以得分与某个四分位数很接近时，可能落在显示值的另一侧。",
        "This client: level {level}, score {score}. The table gives the quartile band each of its scores lies in among all {count} organisations, not a rank, and no other client's name or score. Bands are worked out from the exact scores and quartiles; the quartiles are shown rounded to {step}, so a score very close to one may lie on the other side of the value shown.",
    ),
    "edition.share.half": ("约一半", "about half"),
    "edition.share.most": ("多数", "most"),
    "edition.share.nearly_all": ("几乎全部", "nearly all"),
    "edition.share_note": (
        "对外版本不给出确切家数，只写约一半（不足 65%）、多数（65%–90%）或几乎全部（90% 及以上），这样两期对比一般看不出某一家企业是否存在该差距。例外是占比恰在分档临界处的要求：增减一家企业会让它换档，所以两期对外版本的企业名单不应只差一两家。",
        "A shareable edition gives no exact counts, only about half (under 65 %), most (65-90 %) or nearly all (90 % or more), so comparing two editions does not usually show whether one client has the gap. The exception is a requirement right at a boundary, which one client more or less moves to the next group; so two shareable editions should not differ by only one or two clients.",
    ),
    # --- pack review fixes (round 4) ---
    "edition.membership": (
        "名单校验码 {code}（{count} 家企业）：对外版本印有同一校验码即名单相同，可据此找到对应的内部版本核对名单。",
        "Membership code {code} ({count} organisations): a shareable edition with the same code counts the same clients, so it can be matched to this internal edition to compare the lists.",
    ),
    "edition.membership_shared": (
        "名单校验码 {code}（{count} 家企业）。两份对外版本所含企业相差不足 {min} 家时不应都发出：对比两期即可推知多出或少掉的那家企业的情况。",
        "Membership code {code} ({count} organisations). Do not issue two shareable editions whose clients differ by fewer than {min}: comparing them would show the figures of the client added or left out.",
    ),
    "portfolio.report.gaps_note_shared": (
        "至少半数企业（共 {count} 家）在其目标等级内未完全满足的要求。按未完全满足的企业占比分档（几乎全部、多数、约一半），同一档内按问卷顺序排列。每档整档列出或整档不列：最高一档总是列出，其后的档只在合计不超过 {max} 行时列出。末列为未完全满足该要求的企业占比（不论目标等级）。",
        "Requirements that at least half of the {count} clients have not fully met within their target level. They are grouped by the share of clients not fully meeting them (nearly all, most, about half) and listed in questionnaire order within each group. A group is shown whole or not at all: the highest always, the next ones only while the list stays within {max} rows. The last column is the share of all clients not fully meeting the requirement, whatever their target.",
    ),
    "edition.client_progress": (
        "本企业进展：{before_date} 评估为 {before_level} 级（总分 {before_score}），{after_date} 评估为 {after_level} 级（总分 {after_score}），总分变化 {change}。",
        "This client's progress: level {before_level} (score {before_score}) on {before_date}, level {after_level} (score {after_score}) on {after_date}; score change {change}.",
    ),
    "portfolio.heat_no_industry": ("未填写行业", "Industry not given"),
    "portfolio.heat_legend": (
        "格内数字为企业在该子域达到的等级：0 表示未达一级，1–5 为一至五级；颜色由红（低）到绿（高）；“{na}”表示该子域不在这家企业的评估范围内。",
        "Each cell is the level the client reaches in the sub-domain: 0 is below level 1, 1-5 are levels 1 to 5; colours run from red (low) to green (high); '{na}' means the sub-domain is outside that client's assessment.",
    ),
    "merge.overlap_item": ("{id}（{said}）", "{id} ({said})"),
    "portfolio.score_floored": (
        "企业得分截尾到 0.01，不四舍五入（例如 3.358 显示为 3.35），以免显示的分数越过等级门槛；平均分则四舍五入到 0.01。",
        "Client scores are cut to 0.01, not rounded (3.358 shows as 3.35), so that a shown score never crosses a level's threshold; averages are rounded to 0.01.",
    ),
    "portfolio.average_about": ("约 {value}", "≈ {value}"),
    "portfolio.chart.hidden": (
        "{title}；“–”为不单列的等级，不是 0%",
        "{title}; '–' is a level not shown, not 0 %",
    ),
    "portfolio.report.actions_note_shared": (
        "上面共同差距对应的改进建议；末列为需要这项措施的企业占比。",
        "The advice for each common gap above; the last column is the share of clients that need it.",
    ),
    # --- pack leaks (round 4) ---
    "benchmark.audience_shared": (
        "可对外提供：不含任何企业的名称或得分；等级占比按 20% 取整，少于 3 家企业的等级不单列。",
        "May be passed on: no organisation's name or score; level shares are rounded to 20 % and levels held by fewer than 3 organisations are not shown.",
    ),
    "benchmark.audience_org": (
        "仅供{org}使用：含本企业的得分及其在同组中所处的区间，不含其他企业的名称或得分。",
        "For the use of {org} only: its own scores and where they lie among its peers; no other organisation's name or score.",
    ),
    "benchmark.notes_sheet": ("说明", "Notes"),
    # --- edition ledger (round 4) ---
    "col.portfolio_q1": ("组合 Q1", "Portfolio Q1"),
    "col.portfolio_median": ("组合中位数", "Portfolio median"),
    "col.portfolio_q3": ("组合 Q3", "Portfolio Q3"),
    "ledger.too_close": (
        "本次版本的企业名单与台账中第 {number} 份版本（{date}，{command}，{audience}，名单校验码 {code}）相差 {apart} 家，不足 {min} 家：两份对比即可推知多出或少掉的企业的情况，因此不予生成。请等到名单至少相差 {min} 家（增加或减少企业）后再发，或改发与该版本名单完全相同的版本。",
        "This edition's clients differ from edition {number} in the ledger ({date}, {command}, {audience}, membership code {code}) by {apart}, fewer than {min}: comparing the two would show the figures of the clients added or left out, so it was not written. Wait until the list differs by at least {min} clients, or issue an edition with exactly that edition's clients.",
    ),
    "ledger.not_json": (
        "不是有效的 JSON 台账文件（{reason}）。请指定 maturity 写出的台账，或换一个尚不存在的文件名以新建台账。",
        "not a valid JSON ledger ({reason}). Give a ledger that maturity wrote, or a file name that does not exist yet to start a new one.",
    ),
    "ledger.bad_schema": (
        "不是 maturity 的版本台账（{where} 处不符合格式）。请指定 maturity 写出的台账，或换一个尚不存在的文件名以新建台账；不要手工修改台账。",
        "not a maturity edition ledger (wrong or missing at {where}). Give a ledger that maturity wrote, or a file name that does not exist yet to start a new one; do not edit the ledger by hand.",
    ),
    "ledger.too_large": (
        "台账超过 {limit} MB，不像 maturity 写出的台账。请确认文件是否选错；台账过大时可另起新台账，并保留旧台账备查。",
        "the ledger is larger than {limit} MB, which is not what maturity writes. Check that this is the right file; a ledger that has grown that large can be kept for the record and a new one started.",
    ),
    "ledger.internal": (
        "--ledger 只用于对外版本（--audience bureau 或 client）：内部版本不发出，无需记入台账。",
        "--ledger is for shareable editions only (--audience bureau or client): an internal edition is not issued, so it is not recorded.",
    ),
    "ledger.is_output": (
        "台账 {path} 不能同时作为输出文件：请为输出另选文件名。",
        "the ledger {path} cannot also be the output: give the output another name.",
    ),
    "ledger.unchecked": (
        "提示：未指定 --ledger，无法核对“两份对外版本的企业名单至少相差 {min} 家”这一规则；请用 --ledger FILE 记录每次发出的版本。",
        "note: without --ledger the rule that two shareable editions must differ by at least {min} clients cannot be checked; use --ledger FILE to record each edition issued.",
    ),
    # --- audience and cohorts (consultant pack) ---
    "benchmark.small_cohorts": (
        "以下分组少于 {min} 家企业，为保护隐私未显示，其企业只在按{key}分组时不计入：{cohorts}。",
        "Cohorts with fewer than {min} organisations are not shown, to protect privacy; their organisations are left out of this grouping by {key} only: {cohorts}.",
    ),
    "benchmark.small_cohort": ("{name}（{count} 家）", "{name} ({count})"),
    "portfolio.audience.internal": ("内部使用，含各客户名称", "internal: names every client"),
    "portfolio.audience.bureau": (
        "主管部门版：只具名同意具名的企业，其余企业只计入汇总数字",
        "edition for the industry authority: only clients that consented are named; the others are counted, not named",
    ),
    "portfolio.audience.client": (
        "客户版：{org} 对比本组合，不含其他客户的名称或得分",
        "client edition: {org} against the portfolio; no other client's name or score",
    ),
    "portfolio.average_coarse": (
        "对外版本的平均分按 {step} 取整，少于 {min} 家企业时不显示。取整挡不住两期对比：两份对外版本的企业名单相差不足 {apart} 家时，某项平均分换档即可推知多出或少掉的那家企业高于还是低于平均。因此各子域平均分只在内部版本中给出。",
        "In a shareable output averages are rounded to {step} and not shown under {min} organisations. Rounding does not protect a comparison of two editions: when their client lists differ by fewer than {apart}, an average that moves to the next step shows whether the client added or left out is above or below it. Sub-domain averages are therefore given in the internal edition only.",
    ),
    "score.audience_needs_xlsx": (
        "--audience {audience} 只适用于组合工作簿（-o portfolio.xlsx）：其他格式逐行列出各客户。",
        "--audience {audience} applies only to the portfolio workbook (-o portfolio.xlsx): the other formats list every client row by row.",
    ),
    "benchmark.bad_by": (
        "--by 的值“{value}”无效：请用 industry、region、size、type 或 all，多个字段以逗号分隔，如 --by industry,type。",
        "--by '{value}' is not valid: use industry, region, size, type or all, several separated by commas, e.g. --by industry,type.",
    ),
    # --- answer workbooks: sheets, columns, guide, hints (maturity.excel) -------------------------
    "excel.sheet.guide": ("填写说明", "Guide"),
    "excel.sheet.profile": ("基本信息", "Profile"),
    "excel.sheet.answers": ("答卷", "Answers"),
    "excel.column.id": ("编号", "ID"),
    "excel.column.subdomain": ("能力子域", "Sub-domain"),
    "excel.column.level": ("等级", "Level"),
    "excel.column.question": ("问题", "Question"),
    "excel.column.examples": ("证据示例", "Evidence examples"),
    "excel.column.descriptors": ("可选描述（0-5）", "Descriptions (0-5)"),
    "excel.column.rating": ("评分", "Rating"),
    "excel.column.choice": ("选择（0-5）", "Choice (0-5)"),
    "excel.column.reason": ("不适用原因", "Reason (for N/A)"),
    "excel.column.note": ("备注", "Note"),
    "excel.column.evidence": ("证据（多个用 ; 分隔）", "Evidence (separate with ;)"),
    "excel.field.name": ("企业名称 *", "Company name *"),
    "excel.field.type": ("企业类型 *", "Enterprise type *"),
    "excel.field.industry": ("所属行业", "Industry"),
    "excel.field.region": ("所在地区", "Region"),
    "excel.field.size": ("企业规模", "Company size"),
    "excel.field.employees": ("员工人数", "Employees"),
    "excel.field.date": ("评估日期 *", "Assessment date *"),
    "excel.field.target_level": ("目标等级", "Target level"),
    "excel.field.mode": ("评估方式", "Assessment mode"),
    "excel.field.assessor_name": ("填写人 / 评估人姓名", "Assessor name"),
    "excel.field.assessor_organisation": ("评估人所在单位", "Assessor's organisation"),
    "excel.field.assessor_accreditation": ("评估人资质证书编号", "Assessor accreditation no."),
    "excel.field.priorities": ("最看重的改进目标", "Priorities"),
    "excel.field.format": ("格式", "Format"),
    "excel.field.questionnaire_id": ("问卷", "Questionnaire"),
    "excel.field.questionnaire_version": ("问卷版本", "Questionnaire version"),
    "excel.size.micro": ("微型", "micro"),
    "excel.size.small": ("小型", "small"),
    "excel.size.medium": ("中型", "medium"),
    "excel.size.large": ("大型", "large"),
    "excel.mode.self": ("企业自评估", "self-assessment"),
    "excel.mode.consultant": ("咨询机构辅助评估", "consultant-led assessment"),
    "excel.mode.third_party": ("第三方评估", "third-party assessment"),
    "excel.profile_header.field": ("项目", "Field"),
    "excel.profile_header.value": ("填写内容", "Value"),
    "excel.profile_header.key": ("键", "Key"),
    "excel.profile_header.notes": ("说明", "Notes"),
    "excel.guide.about": (
        "问卷 {id} {version}；行业类别：{type}",
        "Questionnaire {id} {version}; industry profile: {type}",
    ),
    "excel.guide.how": ("怎样填写", "How to fill it in"),
    "excel.guide.step1": (
        "1. 在“{profile}”表的“{value_col}”列填写企业名称等信息；带 * 的必填，带下拉箭头的请从列表中选择。",
        "1. On the “{profile}” sheet, fill in the “{value_col}” column; fields marked * are required, and cells with a drop-down arrow take a value from the list.",
    ),
    "excel.guide.step2": (
        "2. 在“{answers}”表中，为每一行在“{rating_col}”列选择一个答案（黄色的列由您填写）。留空的行按“未作答”处理，计 0 分。",
        "2. On the “{answers}” sheet, pick an answer in the “{rating_col}” column of each row (you fill in the yellow columns). Rows left blank count as unanswered and score 0.",
    ),
    "excel.guide.step3_quick": (
        "3. 每道题选出最符合本企业现状的那句描述（大部分内容已做到即可选），填它前面的数字 0-5；整个子域都不适用时填“不适用”，并在“原因”列写明原因。",
        "3. For each question, pick the sentence that best describes your company today (most of it true is enough) and enter its number 0-5; if the whole sub-domain does not apply, enter na and give the reason in the Reason column.",
    ),
    "excel.guide.step3_na": (
        "3. 选“不适用”时，必须在“{reason_col}”列写明这条要求为什么与本企业无关。",
        "3. If you pick N/A (不适用 / na), write in the “{reason_col}” column why the requirement does not concern you.",
    ),
    "excel.guide.step4": (
        "4. “备注”和“证据”可选；多份证据（文件名、记录编号）之间用分号 ; 隔开。",
        "4. Note and evidence are optional; separate several pieces of evidence (file names, record numbers) with a semicolon ;.",
    ),
    "excel.guide.step5": (
        "5. 不要修改编号列、表头和工作表名称，也不要删除隐藏的行和列；保存为 .xlsx 格式后交回。",
        "5. Do not change the ids, the headers or the sheet names, and do not delete hidden rows or columns; save as .xlsx and send it back.",
    ),
    "excel.guide.meaning": ("含义", "Meaning"),
    "excel.guide.enter": ("填写", "Enter"),
    "excel.guide.rating": ("{label}（或 {key}）", "{key} (or {label})"),
    "excel.guide.level": ("等级", "Level"),
    "excel.guide.level0": ("0 尚未起步", "0 Not started"),
    "excel.guide.level0_meaning": ("还没有一级的做法。", "Not yet the practices of level 1."),
    "excel.hint.date": ("格式 YYYY-MM-DD，例如 2026-11-20", "as YYYY-MM-DD, e.g. 2026-11-20"),
    "excel.hint.priorities": (
        "按重要性排序，用逗号隔开，例如 quality, delivery。可选：{names}",
        "most important first, separated by commas, e.g. quality, delivery. Choose from: {names}",
    ),
    "excel.hint.industry": ("例如：汽车零部件", "e.g. automotive parts"),
    "excel.hint.region": ("例如：江苏省苏州市", "e.g. Suzhou, Jiangsu"),
    "excel.hint.assessor": (
        "填写或负责这份答卷的人",
        "the person who fills in or is responsible for the answers",
    ),
    "excel.not_in_list": ("请从下拉列表中选择。", "Pick a value from the drop-down list."),
    "excel.choice_prompt": (
        "填写最符合的那句描述前的数字 0-5；不适用填“不适用”并写原因。",
        "Enter the number 0-5 of the sentence that fits best, or na (with a reason).",
    ),
    "excel.choice_error": (
        "请填写 0 到 5 之间的数字，或“不适用”。",
        "Enter a number from 0 to 5, or na.",
    ),
    "excel.rating_prompt": (
        "选择：{labels}（或 {keys}）。选“不适用”须写原因。",
        "Pick: {keys} (or {labels}). N/A needs a reason.",
    ),
    "excel.rating_error": (
        "请从下拉列表中选择一个评分。",
        "Pick a rating from the drop-down list.",
    ),
    # --- model rules (maturity.schema; shown by maturity.validation) -----------------------------
    "rule.scale_options": (
        "评分量表须恰好各列出一次 full、most、partial、none 和 na",
        "a rating scale lists full, most, partial, none and na exactly once each",
    ),
    "rule.rules_file_name": (
        "default_rules 须是一个文件名（例如 gbt39117-2020.yaml），不能带路径",
        "default_rules must be a file name (e.g. gbt39117-2020.yaml), not a path",
    ),
    "rule.descriptors_levels": (
        "描述须按顺序覆盖等级 0、1、2、3、4、5",
        "descriptors must cover levels 0, 1, 2, 3, 4, 5 in that order",
    ),
    "rule.define_or_inherit": (
        "请定义 levels、elements、domains 和 subdomains，或用 based_on 继承",
        "define levels, elements, domains and subdomains, or inherit them with based_on",
    ),
    "rule.based_on_inherits": (
        "使用 based_on 的问卷会继承 levels、elements、domains 和 subdomains，请删除这些字段",
        "a questionnaire with based_on inherits levels, elements, domains and subdomains; remove them",
    ),
    "rule.needs_answer_scale": (
        "按要求评分的问卷需要 answer_scale",
        "a requirements questionnaire needs an answer_scale",
    ),
    "rule.scale_values": (
        "scale.values 须包含 full、most、partial 和 none",
        "scale.values needs full, most, partial and none",
    ),
    "rule.bands_order": (
        "bands 须按顺序列出等级 1 至 5，且最低分逐级递增",
        "bands must list levels 1 to 5 in order with increasing minimum scores",
    ),
    "rule.needs_scale": (
        "requirements 计分方法需要 scale",
        "the requirements method needs a scale",
    ),
    # --- readable core (polish) ---
    "model.reason.levels_in_order": ("必须依次列出等级 1 到 5", "must list levels 1 to 5 in order"),
    # --- message parameters: kinds of file and value, reasons -----------------------------------
    "excel.reason.bad_number": (
        "有数字单元格里的内容不是数字",
        "a number cell holds something that is not a number",
    ),
    "excel.reason.huge_number": (
        "有单元格里的数字长达数千位",
        "a cell holds a number of thousands of digits",
    ),
    "excel.reason.ole": (
        "这是旧版 .xls 文件或设置了密码的工作簿",
        "it is an old .xls file or a password-protected workbook",
    ),
    "excel.reason.not_zip": (
        "文件不是 .xlsx 格式（不是 zip 压缩包）",
        "the file is not in .xlsx format (not a zip archive)",
    ),
    "excel.reason.no_workbook": (
        "压缩包里没有 Excel 工作簿内容",
        "the archive holds no Excel workbook",
    ),
    "file.kind.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "file.kind.device": ("设备", "a device"),
    "file.kind.special": ("套接字或其他特殊文件", "a socket or another special file"),
    "yaml.kind.list": ("列表", "a list"),
    "yaml.kind.text": ("文本", "a text"),
    "yaml.kind.empty": ("空值", "empty"),
    "yaml.kind.scalar": ("标量值", "a single value"),
}


def msg(key: str, lang: Lang, /, **params: object) -> str:
    zh, en = MESSAGES[key]
    template = zh if lang == "zh" else en
    return template.format(**params) if params else template


def bilingual(key: str) -> Text:
    """A catalogue entry with both its languages, for data that carries both (vocabulary names)."""
    return Text(**dict(zip(LANGS, MESSAGES[key], strict=True)))


def each_lang(make: Callable[[Lang], str]) -> Text:
    """A text made language by language."""
    return Text(**{lang: make(lang) for lang in LANGS})


def filled(key: str, **params: object) -> Text:
    """A catalogue message in both languages, each filled with the parameters in its language
    (a :class:`Text` parameter gives its own language; others go in as they are)."""
    template = bilingual(key)
    return each_lang(
        lambda lang: template.get(lang).format(
            **{k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
        )
    )


@dataclass(frozen=True)
class Phrase:
    """A catalogue message used as a parameter of another, shown in the reader's language when that
    one is rendered (``Problem(key, {"reason": Phrase("excel.reason.not_zip")})``)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        return msg(self.key, lang, **self.params)


def phrase(key: str, /, **params: object) -> Phrase:
    return Phrase(key, params)


__all__ = [
    "LANGS",
    "MESSAGES",
    "Lang",
    "Phrase",
    "bilingual",
    "msg",
    "normalise_lang",
    "phrase",
]
