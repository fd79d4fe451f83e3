"""The English texts of the desktop app, and the filler that writes them into resources/i18n/selfcheck_en.ts.

    .venv/bin/python scripts/translations_en.py resources/i18n/selfcheck_en.ts

This dictionary is the source of truth for the English UI: scripts/update_translations.sh runs pyside6-lupdate,
then this script, then pyside6-lrelease. A message whose Chinese source is not here is left "unfinished" and
listed on stderr (exit status 1); a translation whose {placeholders} differ from its source is refused.

Terms: 自查 inspection (self-inspection where it must be explicit), 整改台账 rectification ledger, 销号 close out,
五查五看 "Five Checks, Five Looks", 检查表 checklist, 检查项 item, 等次 grade, 期次 period, 责任人 owner,
责任部门 department, 整改期限 deadline, 佐证材料 evidence, 公章 seal, 教育局 education bureau, 签名密钥 signing key,
口令 passphrase. Mnemonics keep the Chinese string's letter where English allows, so a window's keys stay distinct.
"""

# ruff: noqa: E501  (the Chinese sources stay whole, as lupdate writes them, so they can be searched for)

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# Chinese source → English, for every context that has no entry in BY_CONTEXT.
TRANSLATIONS: dict[str, str] = {
    # ---- shared words: table headers, buttons -------------------------------------------------------------------
    "取消": "Cancel",
    "关闭": "Close",
    "完成": "Done",
    "保存(&S)": "&Save",
    "移除": "Remove",
    "移除(&R)": "&Remove",
    "编辑(&E)": "&Edit",
    "学校": "School",
    "学校代码": "School code",
    "学校名称": "School name",
    "校长": "Principal",
    "检查表": "Checklist",
    "检查项": "Item",
    "期次": "Period",
    "得分": "Score",
    "得分率": "Score rate",
    "等次": "Grade",
    "状态": "Status",
    "编号": "ID",
    "名称": "Name",
    "版本": "Version",
    "文件": "File",
    "说明": "Note",
    "学校自查": "School Self-Inspection",
    "Excel 工作簿 (*.xlsx)": "Excel workbook (*.xlsx)",
    "{title} · {period}": "{title} · {period}",
    # list separators: the enumeration comma 、 and the clause marks ，； joined into sentences
    "、": ", ",
    "，": ", ",
    "；": "; ",
    "：": ": ",
    "{title}（{version}）": "{title} ({version})",
    "{total}/{max}（{percent}%）": "{total}/{max} ({percent}%)",
    "（{percent}%）": "({percent}%)",
    "数值（{unit}）": "Value ({unit})",
    "{name}（{size} KB）": "{name} ({size} KB)",
    "导入检查表": "Import checklist",
    "导入检查表(&I)…": "&Import checklist…",
    "新建自查(&N)…": "&New inspection…",
    "校长签名": "Principal's signature",
    "学校公章": "School seal",
    "学校名称(&M) *": "School na&me *",
    "学校代码(&D) *": "School co&de *",
    "校长(&P) *": "&Principal *",
    "地址(&A)": "&Address",
    "本校已有签名密钥，证书中含有学校代码，因此不能再修改": (
        "The school already has a signing key whose certificate contains the school code, so the code can no longer be changed"
    ),
    # ---- BureauPage ---------------------------------------------------------------------------------------------
    "选择报告文件": "Choose report files",
    "PDF 报告 (*.pdf *.PDF);;所有文件 (*)": "PDF reports (*.pdf *.PDF);;All files (*)",
    "汇总表保存为": "Save summary as",
    "汇总各校交来的自查报告：逐一严格验证签名，每校每张检查表每期只采用最新的一份，写成 Excel 汇总表。未通过验证的文件列在“未采用的文件”中，不计入任何数字。": (
        "Summarise the inspection reports handed in by schools: every signature is strictly verified, only the latest "
        "report per school, checklist and period is used, and the result is written to an Excel summary. Files that "
        'fail verification are listed under "Files not used" and count towards no figure.'
    ),
    "汇总什么": "What to summarise",
    "添加文件夹(&F)…": "Add &folder…",
    "如整个 U 盘：其中（含子文件夹）所有 PDF 报告都会检查": (
        "For example a whole USB drive: every PDF report in it, subfolders included, is checked"
    ),
    "添加文件(&I)…": "Add f&iles…",
    "移除(&M)": "Re&move",
    "报告所在位置(&W)：": "&Where the reports are:",
    "可不填：不填时只检查报告完整性，请在汇总表中核对证书指纹": (
        "Optional: if empty, only the reports' integrity is checked; compare the certificate fingerprints in the summary"
    ),
    "浏览(&T)…": "&Browse…",
    "学校证书文件夹(&C)：": "School &certificates folder:",
    "汇总表文件（.xlsx）": "Summary file (.xlsx)",
    "另存为(&A)…": "Save &as…",
    "汇总表保存为(&O)：": "Save summary t&o:",
    "%v / %m": "%v / %m",
    "开始汇总(&S)": "&Summarise",
    "取消(&X)": "Ca&ncel",
    "未销号问题": "Open problems",
    "验证结果": "Verification",
    "未采用的原因": "Why not used",
    "未采用的文件": "Files not used",
    "打开汇总表(&E)": "Op&en summary",
    "打开所在文件夹(&D)": "Open containing fol&der",
    "自查汇总表.xlsx": "inspection-summary.xlsx",
    "选择存放报告的文件夹（如 U 盘）": "Choose the folder holding the reports (such as a USB drive)",
    "选择存放各校证书（.pem）的文件夹": "Choose the folder holding the schools' certificates (.pem)",
    "请先添加存放报告的文件夹（如 U 盘）或报告文件。": "Add the folder holding the reports (such as a USB drive) or report files first.",
    "请选择汇总表的保存位置。": "Choose where to save the summary.",
    "覆盖汇总表": "Overwrite summary",
    "{path} 已存在。要用这次的汇总覆盖它吗？": "{path} already exists. Overwrite it with this summary?",
    "正在准备…": "Preparing…",
    "正在查找报告…": "Looking for reports…",
    "已检查全部 {total} 个文件，正在写入汇总表…": "All files checked ({total}); writing the summary…",
    "正在验证报告：{done} / {total}": "Verifying reports: {done} / {total}",
    "正在取消…": "Cancelling…",
    "已检查 {files} 个文件：采用 {current} 份报告（{schools} 所学校），未采用 {rejected} 个。汇总表已写入 {path}": "Files checked: {files}. Reports used: {current} (schools: {schools}); files not used: {rejected}. Summary written to {path}",
    "\n未指定学校证书文件夹：只检查了报告的完整性，请在汇总表中核对各校证书指纹。": (
        "\nNo school certificates folder was given: only the reports' integrity was checked. "
        "Compare each school's certificate fingerprint in the summary."
    ),
    "已取消，没有写入汇总表。": "Cancelled; no summary was written.",
    "学校（{n}）": "Schools ({n})",
    "未采用的文件（{n}）": "Files not used ({n})",
    # ---- CloseOutDialog -----------------------------------------------------------------------------------------
    "销号 · 问题 #{id}": "Close out · problem #{id}",
    "销号须做到“四不放过”：核实整改措施已落实，并写明验收人、验收日期和整改证据。": (
        'Closing out follows the "four no-lets-go" rule: confirm the measures were carried out, '
        "and record who accepted the fix, when, and the evidence."
    ),
    "问题：": "Problem:",
    "整改措施：": "Measures:",
    "（未填写）": "(not filled in)",
    "责任人：": "Owner:",
    "验收人姓名": "Name of the person accepting",
    "验收人(&V)：": "Accepted &by:",
    "验收日期(&D)：": "Acceptance &date:",
    "整改证据或材料，如：学习记录本第 3-9 页、整改照片、会议纪要": (
        "Evidence of the fix, such as: study notebook pages 3–9, photos, meeting minutes"
    ),
    "整改证据(&E)：": "&Evidence:",
    "销号": "Close out",
    "只有“已整改（待验收）”的问题才能销号；请先把状态改为“已整改”。": (
        'Only problems that are "Fixed (awaiting acceptance)" can be closed out; set the status to "Fixed" first.'
    ),
    "这个问题还没有整改措施：请先编辑问题，填写整改措施。": "This problem has no measures yet: edit the problem and fill in the measures first.",
    "验收日期不能晚于今天（{today}）。": "The acceptance date cannot be later than today ({today}).",
    "验收日期不能早于问题提出日期（{day}）。": "The acceptance date cannot be earlier than the day the problem was raised ({day}).",
    "验收人": "accepted by",
    "整改证据": "evidence",
    "还需填写：{fields}": "Still to fill in: {fields}",
    # ---- ExportDialog -------------------------------------------------------------------------------------------
    "签名并导出报告": "Sign and export report",
    "U盘：": "USB drive: ",
    "浏览(&B)…": "&Browse…",
    "签名密钥口令": "Signing key passphrase",
    "签名并导出(&S)": "&Sign and export",
    "打开报告(&O)": "&Open report",
    "打开所在文件夹": "Open containing folder",
    "保存到(&T)：": "Save &to:",
    "口令(&P)：": "&Passphrase:",
    "这次自查尚未标记完成：请先在“汇总”中完成。": 'This inspection is not marked complete yet: complete it under "Summary" first.',
    "还没有签名密钥：请在“设置 → 签名密钥”中创建。": 'There is no signing key yet: create one under "Settings → Signing key".',
    "还没有学校信息。": "The school profile is not filled in yet.",
    "选择保存报告的文件夹": "Choose the folder to save the report in",
    "请选择保存位置。": "Choose where to save.",
    "请输入签名口令。": "Enter the signing passphrase.",
    "正在生成、签名并验证报告……": "Creating, signing and verifying the report…",
    "报告已签名、写入并验证通过：\n{path}\n证书指纹：{fp}": (
        "The report was signed, written and verified:\n{path}\nCertificate fingerprint: {fp}"
    ),
    # ---- FillingPage --------------------------------------------------------------------------------------------
    "加分项": "Bonus",
    "扣分项": "Deduction",
    "加减分项": "Bonuses and deductions",
    "重新打开（生成新修订版）…": "Reopen (creates a new revision)…",
    "全部检查项": "All items",
    "未作答": "Unanswered",
    "需整改（有问题）": "Needs rectification",
    "缺少必填说明": "Required note missing",
    "换用新版本后待复核": "To review after the version update",
    "（待复核）": "(to review)",
    "筛选": "Filter",
    "搜索检查项（Ctrl+F）": "Search items (Ctrl+F)",
    "检查项列表": "Item list",
    "结果": "Result",
    "清除结果": "Clear result",
    "说明(&S)（发现的问题、佐证情况）": "Note (problem&s found, evidence seen)",
    "在此填写说明；输入后自动保存": "Write the note here; it is saved as you type",
    "佐证材料（双击打开）": "Evidence (double-click to open)",
    "添加材料(&A)…": "&Add evidence…",
    "提出整改问题(&W)…": "&Write up a problem…",
    "上一项": "Previous",
    "下一项": "Next",
    "数字键 1-9 选择结果 · Enter 或 Ctrl+↓ 下一项 · Ctrl+↑ 上一项 · Ctrl+Z 撤销": (
        "Keys 1–9 choose a result · Enter or Ctrl+↓ next item · Ctrl+↑ previous item · Ctrl+Z undo"
    ),
    "这次自查已签名导出（第 {n} 版），内容已锁定。如需修改，请重新打开，将生成新的修订版并记入修改记录。": (
        "This inspection was signed and exported (revision {n}) and is locked. To change it, reopen it: "
        "this creates a new revision and is recorded in the change log."
    ),
    "（整改）": "(to rectify)",
    "查：": "Check: ",
    "看：": "Look: ",
    "检查方法": "How to check",
    "材料提示": "Evidence to look for",
    "分值": "Points",
    "评分标准": "Scoring rule",
    "一票否决": "Veto",
    "此项不合格将否决等次": "Failing this item vetoes the grade",
    "每次加分": "Bonus per occurrence",
    "每次扣分": "Deduction per occurrence",
    "，最多 {cap}": ", at most {cap}",
    "按 {n} 选择": "Press {n} to choose",
    "得分（0 到 {p}）": "Score (0 to {p})",
    "发现次数": "Occurrences found",
    "数值": "Value",
    "（尚未填写）": "(not answered yet)",
    "已提出问题：{d}（{s}）": "Problem raised: {d} ({s})",
    "说明(&S)（必填：请写明存在的问题）": "Note (required: de&scribe the problem)",
    "先选择结果，说明将一并保存": "Choose a result first; the note is saved with it",
    "已保存 {t}": "Saved {t}",
    "选择佐证材料": "Choose evidence files",
    # ---- FinishPage / ImagePage / KeyPage / SchoolPage (setup wizard pages) --------------------------------------
    "请核对以下内容，然后点“完成”保存。": 'Check the following, then click "Finish" to save.',
    "用鼠标在下面手写签名，或载入扫描的签名图片。可以跳过，以后在“设置”中添加。": (
        'Sign below with the mouse, or load a scanned signature. You can skip this and add it later under "Settings".'
    ),
    "载入公章的扫描图片（PNG 或 JPG，最好是透明背景）。可以跳过，以后在“设置”中添加。": (
        "Load a scan of the seal (PNG or JPEG, ideally with a transparent background). "
        'You can skip this and add it later under "Settings".'
    ),
    "签名密钥": "Signing key",
    "学校信息": "School profile",
    "这些信息会印在自查报告上。带 * 的为必填项。": "This information is printed on inspection reports. Fields marked * are required.",
    "例如：城关第一小学": "For example: Chengguan No. 1 Primary School",
    "教育局分配的学校代码，例如 3412345678": "The school code assigned by the education bureau, such as 3412345678",
    # ---- HomePage -----------------------------------------------------------------------------------------------
    "已签名（第 {n} 版）": "Signed (revision {n})",
    "已完成": "Complete",
    "填写中": "In progress",
    "继续填写(&C)": "&Continue",
    "报告与导出(&R)…": "&Report and export…",
    "进度": "Progress",
    "最后修改": "Last changed",
    "自查列表": "Inspection list",
    "本校自查": "Our inspections",
    "还没有自查。点“新建自查”开始，默认使用“五查五看”检查表。": (
        'No inspections yet. Click "New inspection" to start; the "Five Checks, Five Looks" checklist is preselected.'
    ),
    "未销号的问题": "Open problems",
    "打开整改台账(&L)": "Open rectification &ledger",
    "期限 {d}": "due {d}",
    "未定期限": "no deadline",
    "未定责任人": "no owner",
    "【逾期】": "[Overdue] ",
    "共 {n} 个问题未销号，其中 {m} 个已逾期。": "Open problems: {n}, overdue: {m}.",
    "没有未销号的问题。": "No open problems.",
    # ---- ImportDialog -------------------------------------------------------------------------------------------
    "文件：": "File:",
    "编号：": "ID:",
    "版本：": "Version:",
    "发布单位：": "Issued by:",
    "生效日期：": "Effective:",
    "检查项：": "Items:",
    "{n} 项": "{n} items",
    "来源：": "Source:",
    "公钥指纹：": "Key fingerprint:",
    "已安装版本：": "Installed versions:",
    "不能导入：{reason}": "Cannot import: {reason}",
    "这个版本已经安装，内容相同，无需再次安装。": "This version is already installed with the same content; there is nothing to install.",
    "这个版本已经安装，内容相同。确认后记录它有教育局的有效签名。": (
        "This version is already installed with the same content. Confirm to record that it carries a valid "
        "education bureau signature."
    ),
    "记录签名(&R)": "&Record signature",
    "将作为新版本安装，已安装的版本保留。": "It will be installed as a new version; installed versions are kept.",
    "将作为新检查表安装。": "It will be installed as a new checklist.",
    "教育局签名有效，文件自签名后未被改动。": "The education bureau signature is valid; the file has not been changed since it was signed.",
    "安装(&I)": "&Install",
    "注意：这个检查表没有教育局签名，无法确认它来自教育局、内容没有被改动过。只有在确认文件来源可靠时才安装。安装后，它在检查表列表和自查报告中都标注“未签名”。": (
        "Caution: this checklist has no education bureau signature, so there is no way to confirm it comes from the "
        "bureau unchanged. Install it only if you trust where the file came from. Once installed, it is marked "
        '"Unsigned" in the checklist list and in inspection reports.'
    ),
    "仍然安装（未签名）(&U)": "Install &unsigned",
    "未命名公钥": "Unnamed key",
    "教育局签名有效（{name}）": "Valid education bureau signature ({name})",
    "有签名，但未通过检查": "Signed, but the signature failed the check",
    "未签名（无法确认来自教育局）": "Unsigned (cannot be confirmed as from the education bureau)",
    # ---- ImportErrorsDialog -------------------------------------------------------------------------------------
    "检查表有错误": "Checklist has errors",
    "{file} 有 {n} 处错误，未导入，数据库没有任何改动。请按下表逐项改正后重新导入。": "{file} was not imported because of errors ({n}); nothing in the database changed. Correct each one as listed below, then import again.",
    "行": "Line",
    "列": "Column",
    "字段": "Field",
    "（整个文件）": "(whole file)",
    "复制全部(&C)": "&Copy all",
    "复制为文本（每行：文件:行:列: 字段: 说明），可粘贴给检查表的发布单位": (
        "Copy as text (one line each: file:line:column: field: note) to paste to the checklist's issuer"
    ),
    "重新检查(&R)": "&Recheck",
    "改正文件并保存后，再检查一次同一个文件": "After correcting and saving the file, check the same file again",
    # ---- InspectionPage -----------------------------------------------------------------------------------------
    "← 首页": "← Home",
    "逐项填写(&1)": "Fill in (&1)",
    "汇总与导出(&2)": "Summary and export (&2)",
    "重新打开已签名的自查": "Reopen signed inspection",
    "已导出的第 {n} 版报告保持不变。重新打开后将成为第 {m} 版，修改需重新签名导出。继续吗？": (
        "The exported report of revision {n} stays as it is. Reopening creates revision {m}, and changes must be "
        "signed and exported again. Continue?"
    ),
    # ---- LedgerModel --------------------------------------------------------------------------------------------
    "问题": "Problem",
    "来源（检查表 · 期次 · 检查项）": "Source (checklist · period · item)",
    "整改措施": "Measures",
    "责任人": "Owner",
    "责任部门": "Department",
    "整改期限": "Deadline",
    "逾期": "Overdue",
    "待整改": "Open",
    "整改中": "In progress",
    "已整改（待验收）": "Fixed (awaiting acceptance)",
    "已销号": "Closed out",
    "逾期 {n} 天": "{n} day(s) overdue",
    "销号：{who}，{day}；证据：{evidence}": "Closed out by {who} on {day}; evidence: {evidence}",
    "尚未填写整改措施": "No measures yet",
    "未设整改期限": "No deadline set",
    "已过整改期限 {n} 天，尚未整改完成": "{n} day(s) past the deadline and not yet fixed",
    "检查表：{title}": "Checklist: {title}",
    "期次：{period}（自查 #{id}）": "Period: {period} (inspection #{id})",
    "检查项：{text}": "Item: {text}",
    "手工录入": "Entered by hand",
    "手工录入的问题": "Problem entered by hand",
    "过了整改期限仍为待整改或整改中的问题": "Problems past their deadline that are still open or in progress",
    # ---- LedgerPage ---------------------------------------------------------------------------------------------
    "导出整改台账": "Export rectification ledger",
    "全部未销号": "All open",
    "全部（含已销号）": "All (including closed out)",
    "只看逾期(&Y)": "Overdue onl&y",
    "搜索问题、措施、责任人…（Ctrl+F）": "Search problems, measures, owners… (Ctrl+F)",
    "状态(&Z)：": "Stat&us:",
    "责任人(&R)：": "Owne&r:",
    "责任部门(&B)：": "&Department:",
    "新增问题(&N)…": "&New problem…",
    "改状态(&G)": "Chan&ge status",
    "销号(&C)…": "&Close out…",
    "导出 Excel(&X)…": "E&xport to Excel…",
    "把整个整改台账（含已销号的问题）导出为 Excel 工作簿": "Export the whole rectification ledger (closed-out problems included) to an Excel workbook",
    "{section} 第 {n} 项": "{section}, item {n}",
    "全部责任人": "All owners",
    "全部部门": "All departments",
    "共 {n} 项，逾期 {m} 项": "Problems: {n}, overdue: {m}",
    "（台账共 {total} 项）": "(ledger total: {total})",
    "只有“已整改（待验收）”的问题才能销号：先选中问题，把状态改为“已整改”": (
        'Only problems that are "Fixed (awaiting acceptance)" can be closed out: select the problem and set its status to "Fixed" first'
    ),
    "已保存问题 #{id}": "Problem #{id} saved",
    "已保存问题 #{id}；它不符合当前筛选条件，未在表中显示": "Problem #{id} saved; it does not match the current filter, so it is not shown",
    "整改台账_{school}_{day}.xlsx": "rectification-ledger_{school}_{day}.xlsx",
    "正在导出…": "Exporting…",
    "已导出整个台账（{n} 项）到 {path}": "Exported the whole ledger (problems: {n}) to {path}",
    # ---- MainWindow ---------------------------------------------------------------------------------------------
    "首页": "Home",
    "整改台账": "Rectification ledger",
    "教育局汇总": "Bureau summary",
    "保存状态": "Save status",
    "文件(&F)": "&File",
    "打印自查表(&P)…": "&Print inspection…",
    "立即备份数据库(&B)": "&Back up database now",
    "退出(&X)": "E&xit",
    "撤销上一个结果(&U)": "&Undo last result",
    "查找检查项(&F)": "&Find item",
    "查看(&V)": "&View",
    "首页(&H)": "&Home",
    "整改台账(&L)": "Rectification &ledger",
    "设置(&T)": "Se&ttings",
    "学校、签名与语言(&P)…": "&School, signature and language…",
    "帮助(&H)": "&Help",
    "关于(&A)": "&About",
    "全部内容已保存": "All changes saved",
    "已备份：{name}": "Backed up: {name}",
    "没有可撤销的结果": "No result to undo",
    "关于学校自查": "About School Self-Inspection",
    "学校自查 {v}\n离线填写自查表、整改台账，生成签名的自查报告。\n数据文件夹：{d}": (
        "School Self-Inspection {v}\nFill in inspection checklists and the rectification ledger offline, "
        "and produce signed inspection reports.\nData folder: {d}"
    ),
    # ---- MigrateDialog ------------------------------------------------------------------------------------------
    "新增": "Added",
    "删除": "Removed",
    "移动": "Moved",
    "改写": "Reworded",
    "改分": "Rescored",
    "保留": "Kept",
    "保留，需复核": "Kept, to review",
    "移除（检查项已删除）": "Removed (item deleted)",
    "移除（所选选项已删除）": "Removed (chosen option deleted)",
    "移除（答案不再符合检查项）": "Removed (answer no longer fits the item)",
    "检查项的文字有改动": "The item's wording changed",
    "分值、作答方式或选项有改动": "Points, answer type or options changed",
    "所选选项的含义有改动": "The chosen option's meaning changed",
    "说明：{note}": "note: {note}",
    "（空）": "(empty)",
    "更新自查到新版本检查表": "Update inspection to the new checklist version",
    "自查“{period}”使用的是《{title}》版本 {old}，现已安装版本 {new}。是否把这次自查更新到新版本？已保存的答案按检查项带到新版本。": (
        'The inspection "{period}" uses "{title}" version {old}; version {new} is now installed. Update this '
        "inspection to the new version? Saved answers are carried over item by item."
    ),
    "检查表的变化：新增 {added} 项，删除 {removed} 项，改写 {reworded} 项，改分 {rescored} 项，移动 {moved} 项": "Checklist changes: added {added}, removed {removed}, reworded {reworded}, rescored {rescored}, moved {moved}",
    "已保存的答案 {n} 个：原样保留 {kept} 个，保留但需复核 {flagged} 个，移除 {dropped} 个。": "Saved answers: {n}. Kept as they are: {kept}; kept for review: {flagged}; removed: {dropped}.",
    "变化": "Change",
    "详情": "Details",
    "部分": "Section",
    "检查表的变化（{n}）": "Checklist changes ({n})",
    "处理": "Outcome",
    "原答案": "Previous answer",
    "原因": "Reason",
    "已保存的答案（{n}）": "Saved answers ({n})",
    "新版本新增 {n} 项，更新后需要作答。": "New items in the new version: {n}; answer them after the update.",
    "标为“需复核”的答案在填写页面中标出，请逐项确认。": 'Answers marked "to review" are flagged on the filling screen; confirm each one.',
    "移除的答案保留在修改记录中，可随时查看。": "Removed answers stay in the change log and can be looked up at any time.",
    "{n} 个问题来自新版本已删除的检查项，仍留在整改台账中，照常整改、销号。": "Problems from items the new version removed: {n}. They stay in the rectification ledger and are rectified and closed out as usual.",
    "更新到版本 {v}(&U)": "&Update to version {v}",
    "暂不更新(&L)": "&Later",
    # ---- NewInspectionDialog ------------------------------------------------------------------------------------
    "新建自查": "New inspection",
    "每行一人，如：张明（校长）": "One person per line, such as: Zhang Ming (principal)",
    "检查表(&T)：": "Checklis&t:",
    "版本(&V)：": "&Version:",
    "期次(&P)：": "&Period:",
    "自查组成员(&M)：": "Inspection team &members:",
    "开始自查": "Start inspection",
    "{issuer} · {n} 项": "{issuer} · {n} items",
    # ---- PassphraseForm -----------------------------------------------------------------------------------------
    "口令": "Passphrase",
    "再输入一次口令": "Enter the passphrase again",
    "显示口令(&S)": "&Show passphrase",
    "口令(&P)": "&Passphrase",
    "再输入一次(&R)": "&Repeat",
    "请牢记口令并妥善保管：口令无法找回。遗失后将不能签名，只能重新创建密钥，并请教育局重新信任新证书。每次导出签名报告时都要输入这个口令。": (
        "Remember the passphrase and keep it safe: it cannot be recovered. Without it you cannot sign, and must create "
        "a new key and ask the education bureau to trust the new certificate. You enter this passphrase each time "
        "you export a signed report."
    ),
    "弱": "weak",
    "一般": "fair",
    "强": "strong",
    "强度：{level}。{reason}": "Strength: {level}. {reason}",
    "至少 8 个字符；建议 12 个以上，混用字母、数字和符号，也可以用一句好记的话。": (
        "At least 8 characters; 12 or more is better, mixing letters, digits and symbols, or a sentence you can remember."
    ),
    "两次输入的口令不一致": "The two passphrases differ",
    # ---- ProblemDialog ------------------------------------------------------------------------------------------
    "发现 {n} 处": "{n} found",
    "（自查结果：{result}）": " (inspection result: {result})",
    "新增问题": "New problem",
    "问题 #{id}（已销号）": "Problem #{id} (closed out)",
    "编辑问题 #{id}": "Edit problem #{id}",
    "（不关联检查表）": "(no checklist)",
    "{title}（不指定期次）": "{title} (no period)",
    "关联(&L)：": "&Linked to:",
    "发现了什么问题，在哪里，涉及谁": "What the problem is, where, and who is involved",
    "问题描述(&D)：": "&Description:",
    "怎样整改，做到什么程度": "How it will be fixed, and to what standard",
    "整改措施(&M)：": "&Measures:",
    "责任人(&O)：": "&Owner:",
    "责任部门(&P)：": "De&partment:",
    "设定期限(&T)": "Se&t deadline",
    "默认 30 天后，且不晚于本学期结束": "30 days from now by default, and no later than the end of the term",
    "整改期限：": "Deadline:",
    "状态(&U)：": "Stat&us:",
    "已于 {day} 由 {who} 验收销号。整改证据：{evidence}": "Accepted and closed out by {who} on {day}. Evidence: {evidence}",
    "来源：{title} · {period} · {section} 第 {n} 项": "Source: {title} · {period} · {section}, item {n}",
    "注意：该检查项已有问题 {ids}": "Note: this item already has problems {ids}",
    "请填写问题描述。": "Fill in the problem description.",
    "整改期限不能早于今天（{today}），请重新选择。": "The deadline cannot be earlier than today ({today}); choose another date.",
    "整改期限不能早于问题提出日期（{day}）。": "The deadline cannot be earlier than the day the problem was raised ({day}).",
    # ---- SettingsDialog -----------------------------------------------------------------------------------------
    "导出证书": "Export certificate",
    "证书 (*.pem)": "Certificate (*.pem)",
    "设置": "Settings",
    "学校信息(&I)": "School &info",
    "签名与公章(&G)": "Si&gnature and seal",
    "签名密钥(&K)": "Signing &key",
    "界面(&J)": "I&nterface",
    "保存签名(&V)": "Sa&ve signature",
    "保存公章(&T)": "Save &the seal",
    "导出证书(&E)…": "&Export certificate…",
    "证书指纹（SHA-256），教育局核对用：": "Certificate fingerprint (SHA-256), for the education bureau to compare:",
    "本校还没有签名密钥。": "The school has no signing key yet.",
    "创建密钥(&C)": "&Create key",
    "界面语言(&L)": "&Language",
    "证书属于：{name}（学校代码 {code}）": "Certificate holder: {name} (school code {code})",
    "已保存。": "Saved.",
    "签名": "signature",
    "公章": "seal",
    "请先手写或载入{what}图片。": "Draw or load the {what} image first.",
    "{what}已保存，之后导出的报告会使用新图片。": "The {what} has been saved; reports exported from now on use the new image.",
    "已创建签名密钥。请导出证书交给教育局。": "Signing key created. Export the certificate and give it to the education bureau.",
    "{name}-签名证书.pem": "{name}-signing-certificate.pem",
    "正在写入 {path}…": "Writing {path}…",
    "已导出证书：{path}\n请交给教育局，并请对方核对上面的指纹。": (
        "Certificate exported: {path}\nGive it to the education bureau and ask them to compare the fingerprint above."
    ),
    "证书未导出。": "The certificate was not exported.",
    "已保存。重新启动 selfcheck 后生效。": "Saved. Takes effect when selfcheck is restarted.",
    # ---- SetupWizard --------------------------------------------------------------------------------------------
    "请填写：{fields}": "Please fill in: {fields}",
    "学校名称最多 {n} 个字符": "The school name can have at most {n} characters",
    "学校代码只能包含英文字母、数字和常用符号（不能有汉字或全角字符）": (
        "The school code may contain only Latin letters, digits and common symbols (no Chinese or full-width characters)"
    ),
    "重复的字符太多，很容易被猜到": "Too many repeated characters; easy to guess",
    "只用了一种字符（例如全是数字）；请加长到 12 个字符以上，或混用字母、数字和符号": (
        "Only one kind of character (such as all digits); use 12 or more characters, or mix letters, digits and symbols"
    ),
    "长度和字符种类都足够": "Long and varied enough",
    "可以使用；更长一些、混用字母、数字和符号会更安全": "Acceptable; longer, with letters, digits and symbols mixed, is safer",
    "签名密钥给导出的自查报告加上电子签名，教育局凭它确认报告出自本校、没有被改动。密钥保存在本机，用口令加密。": (
        "The signing key puts an electronic signature on exported inspection reports, so the education bureau can "
        "confirm a report comes from this school unchanged. The key stays on this computer, encrypted with a passphrase."
    ),
    "selfcheck 初次设置": "selfcheck first-time setup",
    "< 上一步(&B)": "< &Back",
    "下一步(&N) >": "&Next >",
    "完成(&F)": "&Finish",
    "已手写": "drawn by hand",
    "已载入图片": "image loaded",
    "沿用已保存的图片": "keeping the saved image",
    "暂不设置（可以以后在“设置”中添加）": 'not now (can be added later under "Settings")',
    "学校名称：{v}": "School name: {v}",
    "学校代码：{v}": "School code: {v}",
    "校长：{v}": "Principal: {v}",
    "地址：{v}": "Address: {v}",
    "（未填）": "(none)",
    "校长签名：{v}": "Principal's signature: {v}",
    "学校公章：{v}": "School seal: {v}",
    "签名密钥：本校已有，不会更改": "Signing key: the school already has one; it will not change",
    "签名密钥：点“完成”后创建，约需一两秒": 'Signing key: created when you click "Finish"; takes a second or two',
    "完成后，请在“设置 → 签名密钥”中导出证书，交给教育局。": (
        'Afterwards, export the certificate under "Settings → Signing key" and give it to the education bureau.'
    ),
    "已保存学校信息。正在创建签名密钥，请稍候…": "School profile saved. Creating the signing key, please wait…",
    "学校信息和图片已保存，但签名密钥未能创建。可以再点“完成”重试。": (
        'The school profile and images were saved, but the signing key could not be created. Click "Finish" to try again.'
    ),
    # ---- SignaturePad -------------------------------------------------------------------------------------------
    "签名板": "Signature pad",
    "按住鼠标左键书写；Ctrl+Z 撤销一笔": "Hold the left mouse button to write; Ctrl+Z undoes a stroke",
    "请在此处按住鼠标左键签名": "Hold the left button and sign here",
    "图片 (*.png *.jpg *.jpeg)": "Images (*.png *.jpg *.jpeg)",
    "（尚未选择图片）": "(no image chosen yet)",
    "选择签名图片(&O)…": "Ch&oose signature image…",
    "去除白色背景(&W)": "Remove &white background",
    "选择公章图片(&E)…": "Choos&e seal image…",
    "去除白色背景(&H)": "Remove w&hite background",
    "把扫描件上接近白色的纸面变为透明，并裁去四周空白": "Make the near-white paper of the scan transparent and crop the blank margins",
    "支持 PNG、JPG；过大的扫描件会自动缩小。": "PNG or JPEG; large scans are scaled down automatically.",
    "撤销一笔(&U)": "&Undo stroke",
    "清除(&R)": "Clea&r",
    "用鼠标手写(&D)": "&Draw with the mouse",
    "载入扫描图片(&L)": "&Load a scan",
    "当前已保存的图片；可以选择新的文件替换。": "The image saved now; choose a new file to replace it.",
    "选择签名图片": "Choose signature image",
    "选择公章图片": "Choose seal image",
    "正在读取 {name}…": "Reading {name}…",
    "已载入：{name}（{w}×{h} 像素）": "Loaded: {name} ({w}×{h} pixels)",
    "未能载入图片，请选择其他文件。": "Could not load the image; choose another file.",
    "未能载入新图片；仍使用之前的图片。": "Could not load the new image; the previous one is still used.",
    # ---- SummaryPage --------------------------------------------------------------------------------------------
    "得分：": "Score:",
    "等次：": "Grade:",
    "各部分得分": "Scores by section",
    "尚未完成（双击转到该项）": "Not yet done (double-click to go to the item)",
    "标记完成(&D)": "Mark as &done",
    "签名并导出报告(&X)…": "Sign and e&xport report…",
    "（尚无）": "(none yet)",
    "已答 {a} / {n} 项": "{a} of {n} items answered",
    "加分 {b}": "bonus {b}",
    "扣分 {d}": "deduction {d}",
    "一票否决：{items}": "vetoed by: {items}",
    "已答 {a}/{n}": "{a}/{n} answered",
    "未作答：{t}": "Unanswered: {t}",
    "缺少必填说明：{t}": "Required note missing: {t}",
    "尚未完成 {n} 项（双击转到该项）": "Not yet done: {n} (double-click to go to the item)",
    "全部必答项已完成": "All required items are done",
    "已签名导出（第 {n} 版）。": "Signed and exported (revision {n}).",
    "已标记完成，可以签名导出。": "Marked as complete; ready to sign and export.",
    "填写中。": "In progress.",
    # ---- TemplatesModel / TemplatesPage / TrustKeyDialog --------------------------------------------------------
    "删除此版本(&D)": "&Delete this version",
    "删除选中的、没有自查在用的检查表版本（随程序提供的不能删除）": "Delete the selected checklist version if no inspection uses it (the built-in ones cannot be deleted)",
    "删除检查表版本": "Delete checklist version",
    "删除检查表“{title}”版本 {version}？\n\n只有没有自查在用的版本可以删除；删除后可以重新导入。": "Delete checklist “{title}” version {version}?\n\nOnly a version no inspection uses can be deleted; it can be imported again later.",
    "已删除 {title} 版本 {version}": "Deleted {title} version {version}",
    "发布单位": "Issued by",
    "生效日期": "Effective",
    "项数": "Items",
    "来源": "Source",
    "安装时间": "Installed",
    "未签名": "Unsigned",
    "内置": "Built in",
    "教育局签名（{name}，{fp}）": "Bureau signed ({name}, {fp})",
    "教育局签名（{fp}）": "Bureau signed ({fp})",
    "没有教育局签名：无法确认它来自教育局、内容未被改动": (
        "No education bureau signature: there is no way to confirm it comes from the bureau unchanged"
    ),
    "（导入自 {file}）": " (imported from {file})",
    "随本软件安装的检查表": "Checklist installed with this software",
    "教育局签名有效；公钥指纹 {fp}；导入自 {file}": "Valid education bureau signature; key fingerprint {fp}; imported from {file}",
    "检查表文件 (*.yaml *.yml *.json *.xlsx);;所有文件 (*)": "Checklist files (*.yaml *.yml *.json *.xlsx);;All files (*)",
    "选择教育局公钥文件": "Choose the education bureau's public key file",
    "教育局公钥 (*.pub *.pem);;所有文件 (*)": "Bureau public keys (*.pub *.pem);;All files (*)",
    "已安装的检查表和版本。教育局下发的新检查表用“导入检查表”安装；没有教育局签名的检查表标为“未签名”。": (
        'Installed checklists and versions. Install new checklists from the education bureau with "Import checklist"; '
        'checklists without a bureau signature are marked "Unsigned".'
    ),
    "更新自查到新版本(&U)…": "&Update inspection to new version…",
    "有进行中的自查使用旧版本检查表时，可在这里把它更新到新版本": (
        "When an inspection in progress uses an older checklist version, update it to the new version here"
    ),
    "从 U 盘等处导入检查表文件（.yaml、教育局签名的 .signed.yaml 或 Excel .xlsx）": (
        "Import a checklist file from a USB drive or elsewhere (.yaml, bureau-signed .signed.yaml, or Excel .xlsx)"
    ),
    "受信任的教育局密钥": "Trusted education bureau keys",
    "由这些公钥签名的检查表可以直接安装。请只添加教育局发来的公钥（bureau.pub），并核对其指纹。": (
        "Checklists signed with these keys install directly. Add only the public key the education bureau sent "
        "(bureau.pub), and compare its fingerprint."
    ),
    "指纹（SHA-256）": "Fingerprint (SHA-256)",
    "添加时间": "Added",
    "添加(&A)…": "&Add…",
    "（未命名）": "(unnamed)",
    "正在检查 {name}…": "Checking {name}…",
    "未导入 {name}：见对话框中的原因": "{name} not imported: see the reason in the dialog",
    "{name} 有 {n} 处错误，未导入": "{name} not imported: errors ({n})",
    "未导入 {name}": "{name} not imported",
    "正在安装…": "Installing…",
    "已安装《{title}》版本 {version}（{source}）": 'Installed "{title}" version {version} ({source})',
    "《{title}》版本 {version} 已经安装（{source}）": '"{title}" version {version} is already installed ({source})',
    "未安装": "Not installed",
    "正在更新自查…": "Updating the inspection…",
    "自查已更新到版本 {v}：保留答案 {kept} 个（其中需复核 {flagged} 个），移除 {dropped} 个": "Inspection updated to version {v}: answers kept {kept} (to review: {flagged}), removed {dropped}",
    "自查未更新": "Inspection not updated",
    "这个公钥已经信任（{name}）": "This key is already trusted ({name})",
    "已信任公钥 {name}": "Key {name} trusted",
    "移除受信任的公钥": "Remove trusted key",
    "不再信任公钥“{name}”？\n指纹：{fp}\n\n已安装的检查表不受影响；以后由它签名的检查表将不能导入，直到再次信任它。": (
        'Stop trusting the key "{name}"?\nFingerprint: {fp}\n\nInstalled checklists are not affected; checklists '
        "signed with it cannot be imported until it is trusted again."
    ),
    "已移除公钥 {name}": "Key {name} removed",
    "信任教育局公钥": "Trust education bureau key",
    "只有经过信任的教育局公钥签名的检查表才能直接安装。请把下面的指纹与教育局公布的指纹（通知文件、电话或公告栏）逐段核对，完全一致才信任。": (
        "Only checklists signed with a trusted education bureau key install directly. Compare the fingerprint below, "
        "group by group, with the one the bureau published (notice, phone call or notice board), and trust the key "
        "only if they are identical."
    ),
    "公钥文件：{path}": "Key file: {path}",
    "公钥指纹": "Key fingerprint",
    "如：某某县教育局": "Such as: X County Education Bureau",
    "名称(&N)：": "&Name:",
    "我已核对，指纹与教育局公布的完全一致(&M)": "I co&mpared it: it matches the bureau's exactly",
    "信任此公钥(&T)": "&Trust this key",
    # ---- app / ops / drives (module-level messages) -------------------------------------------------------------
    "无法打开数据库": "Cannot open the database",
    "数据库无法打开，也没有可用的备份。\n\n{reason}\n\n数据文件夹：{folder}\n请联系技术支持；不要删除这个文件夹。": (
        "The database cannot be opened and there is no usable backup.\n\n{reason}\n\nData folder: {folder}\n"
        "Contact technical support; do not delete this folder."
    ),
    "数据库无法打开": "The database cannot be opened",
    "数据库无法打开：{reason}\n\n是否恢复 {stamp} 的备份？\n损坏的数据库会改名保留在数据文件夹中，不会删除。": (
        "The database cannot be opened: {reason}\n\nRestore the backup of {stamp}?\n"
        "The damaged database is renamed and kept in the data folder, not deleted."
    ),
    "恢复失败": "Restore failed",
    "已恢复备份": "Backup restored",
    "已恢复 {stamp} 的备份。损坏的数据库保存为：\n{kept}": "The backup of {stamp} was restored. The damaged database was kept as:\n{kept}",
    "学校自查已在运行": "School Self-Inspection is already running",
    "学校自查已经打开了（进程 {pid}）。请切换到已打开的窗口；同一时间只能打开一个。": (
        "School Self-Inspection is already open (process {pid}). Switch to the open window; only one can run at a time."
    ),
    "无法打开这次自查": "Cannot open this inspection",
    "{name}（{root}，可用 {free} MB）": "{name} ({root}, {free} MB free)",
    "内部错误，操作未完成（已保存的数据不受影响）。详情已写入 {path}，请发给技术支持。": (
        "Internal error: the operation did not complete (data already saved is not affected). "
        "The details were written to {path}; please send it to technical support."
    ),
    "操作未完成": "Operation not completed",
}

# (context, Chinese source) → English, where one context needs another word than the rest.
BY_CONTEXT: dict[tuple[str, str], str] = {
    ("MainWindow", "检查表"): "Checklists",  # the tab lists them all; a column header names one
    ("FinishPage", "完成"): "Finish",  # the wizard's last page, named after its Finish button
    ("LedgerPage", "编辑(&E)"): "&Edit…",  # opens the problem dialog
    ("ImportErrorsDialog", "说明"): "Message",  # the column of error messages
}

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """The `{name}` fields of a message, sorted (the order may change in English)."""
    return sorted(_PLACEHOLDER.findall(text))


def english(context: str, source: str) -> str | None:
    return BY_CONTEXT.get((context, source), TRANSLATIONS.get(source))


def fill(ts: Path) -> list[str]:
    """Write the English of every message we know into `ts`; return the problems (missing or mismatched)."""
    tree = ET.parse(ts)
    problems: list[str] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            text = english(name, source)
            if text is None:
                problems.append(f"{name}: no English for {source!r}")
                continue
            if placeholders(text) != placeholders(source):
                problems.append(f"{name}: placeholders differ in {source!r} → {text!r}")
                continue
            translation.text = text
            translation.attrib.pop("type", None)  # "unfinished" / "vanished" / "obsolete"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return problems


def main(argv: list[str]) -> int:
    ts = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "resources" / "i18n" / "selfcheck_en.ts"
    problems = fill(ts)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
