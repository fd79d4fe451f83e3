<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BureauPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/bureau_page.py" line="+58"/>
        <source>选择报告文件</source>
        <translation>Choose report files</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF 报告 (*.pdf *.PDF);;所有文件 (*)</source>
        <translation>PDF reports (*.pdf *.PDF);;All files (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>汇总表保存为</source>
        <translation>Save summary as</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>汇总 U 盘</source>
        <translation>Collect a USB stick</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本期台账</source>
        <translation>Round desk</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>汇总各校交来的自查报告：逐一严格验证签名，每校每张检查表每期只采用最新的一份，写成 Excel 汇总表。未通过验证的文件列在“未采用的文件”中，不计入任何数字。指定学校证书文件夹时，报告同时归档到“本期台账”；U盘上的督查意见用该文件夹下“督查单位”文件夹中的督查单位证书验证后，归档在所督查的报告旁。</source>
        <translation>Summarise the inspection reports handed in by schools: every signature is strictly verified, only the latest report per school, checklist and period is used, and the result is written to an Excel summary. Files that fail verification are listed under &quot;Files not used&quot; and count towards no figure. With the schools&apos; certificate folder, the reports are also filed into the round desk. Reviews on the stick are verified against the reviewing units&apos; certificates in that folder&apos;s &quot;reviewers&quot; subfolder and filed beside the report they review.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>汇总什么</source>
        <translation>What to summarise</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>添加文件夹(&amp;F)…</source>
        <translation>Add &amp;folder…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如整个 U 盘：其中（含子文件夹）所有 PDF 报告都会检查</source>
        <translation>For example a whole USB drive: every PDF report in it, subfolders included, is checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加文件(&amp;I)…</source>
        <translation>Add f&amp;iles…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除(&amp;M)</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>报告所在位置(&amp;W)：</source>
        <translation>&amp;Where the reports are:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>可不填：不填时只检查报告完整性，请在汇总表中核对证书指纹</source>
        <translation>Optional: if empty, only the reports&apos; integrity is checked; compare the certificate fingerprints in the summary</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>浏览(&amp;T)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>学校证书文件夹(&amp;C)：</source>
        <translation>School &amp;certificates folder:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>汇总表文件（.xlsx）</source>
        <translation>Summary file (.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为(&amp;A)…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>汇总表保存为(&amp;O)：</source>
        <translation>Save summary t&amp;o:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>开始汇总(&amp;S)</source>
        <translation>&amp;Summarise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消(&amp;X)</source>
        <translation>Ca&amp;ncel</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+18"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>学校代码</source>
        <translation>School code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期次</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分率</source>
        <translation>Score rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未销号问题</source>
        <translation>Open problems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验证结果</source>
        <translation>Verification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未采用的原因</source>
        <translation>Why not used</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>添加存放报告的文件夹（如整个U盘）或报告文件</source>
        <translation>Add the folder holding the reports (such as a whole USB stick) or report files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还没有汇总。先添加报告所在位置，再点“开始汇总”。</source>
        <translation>No summary yet. Add where the reports are, then click &quot;Summarise&quot;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有未采用的文件。</source>
        <translation>No files left unused.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未采用的文件</source>
        <translation>Files not used</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打开汇总表(&amp;E)</source>
        <translation>Op&amp;en summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开所在文件夹(&amp;D)</source>
        <translation>Open containing fol&amp;der</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>自查汇总表.xlsx</source>
        <translation>inspection-summary.xlsx</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择存放报告的文件夹（如 U 盘）</source>
        <translation>Choose the folder holding the reports (such as a USB drive)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>选择存放各校证书（.pem）的文件夹</source>
        <translation>Choose the folder holding the schools&apos; certificates (.pem)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>请先添加存放报告的文件夹（如 U 盘）或报告文件。</source>
        <translation>Add the folder holding the reports (such as a USB drive) or report files first.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请选择汇总表的保存位置。</source>
        <translation>Choose where to save the summary.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>覆盖汇总表</source>
        <translation>Overwrite summary</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{path} 已存在。要用这次的汇总覆盖它吗？</source>
        <translation>{path} already exists. Overwrite it with this summary?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在准备…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在查找报告…</source>
        <translation>Looking for reports…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已检查全部 {total} 个文件，正在写入汇总表…</source>
        <translation>All files checked ({total}); writing the summary…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在验证报告：{done} / {total}</source>
        <translation>Verifying reports: {done} / {total}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已检查 {files} 个文件：采用 {current} 份报告（{schools} 所学校），未采用 {rejected} 个。汇总表已写入 {path}</source>
        <translation>Files checked: {files}. Reports used: {current} (schools: {schools}); files not used: {rejected}. Summary written to {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>
督查意见 {n} 份已验证并归档到本期台账。</source>
        <translation>
{n} review(s) verified and filed into the round desk.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>
未指定学校证书文件夹：只检查了报告的完整性，请在汇总表中核对各校证书指纹。</source>
        <translation>
No school certificates folder was given: only the reports&apos; integrity was checked. Compare each school&apos;s certificate fingerprint in the summary.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已取消，没有写入汇总表。</source>
        <translation>Cancelled; no summary was written.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>学校（{n}）</source>
        <translation>Schools ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未采用的文件（{n}）</source>
        <translation>Files not used ({n})</translation>
    </message>
</context>
<context>
    <name>CadencePage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/cadence_page.py" line="+53"/>
        <source>本校的工作节奏</source>
        <translation>The school&apos;s rhythm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每月开展一次检查，使用检查表(&amp;M)：</source>
        <translation>&amp;Monthly check, with the checklist:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每季度写季度小结(&amp;Q)</source>
        <translation>A &amp;quarterly summary each quarter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每半年写半年考核(&amp;H)</source>
        <translation>A &amp;half-year assessment each half-year</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存节奏(&amp;S)</source>
        <translation>&amp;Save rhythm</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>期末后报送期限：</source>
        <translation>Due after the period ends: </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>待完成和已逾期</source>
        <translation>Due and overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作节奏事项</source>
        <translation>Cadence items</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>开始本月检查(&amp;C)</source>
        <translation>Start this month&apos;s &amp;check</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>季度小结和半年考核</source>
        <translation>Quarterly summaries and half-year assessments</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>生成正文(&amp;G)</source>
        <translation>&amp;Generate text</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>可不填，如 城关一小〔2026〕9号</source>
        <translation>Optional, e.g. School No. 1 [2026] 9</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选好类型和时间段后点“生成正文”：按本期的自查、整改台账和责任清单写出，可以修改后再签名。</source>
        <translation>Choose the kind and the dates, then click &quot;Generate text&quot;: it is written from the period&apos;s inspections, rectification ledger and responsibility list, and can be edited before signing.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正文</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存正文(&amp;V)</source>
        <translation>Sa&amp;ve text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按数据重写(&amp;R)</source>
        <translation>&amp;Rewrite from the data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名并导出(&amp;E)…</source>
        <translation>Sign and &amp;export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新打开(&amp;O)</source>
        <translation>Re&amp;open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已签名的文件需要更正时：重新打开，修改后重新签名导出（已报送的文件不变）</source>
        <translation>When a signed document needs a correction: reopen it, correct it, then sign and export it again (the file already handed in stays as it is)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>主送(&amp;A)：</source>
        <translation>&amp;Addressee: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发文字号(&amp;N)：</source>
        <translation>Document &amp;number: </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>自 {since} 起计算。</source>
        <translation>Counted from {since}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未设置：选好后点“保存节奏”，首页就会提醒哪些事该做了。</source>
        <translation>Not set yet: choose, then click &quot;Save rhythm&quot;, and the home page reminds you of what is due.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>现在没有待完成的事项。</source>
        <translation>Nothing is due now.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>已于 {day} 签名导出：{path}</source>
        <translation>Signed and exported on {day}: {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正文可以修改；签名后不能再改。</source>
        <translation>The text can be edited; once signed it can no longer be changed.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>已保存正文。</source>
        <translation>Text saved.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{kind}：{start} 至 {end}</source>
        <translation>{kind}: {start} to {end}</translation>
    </message>
</context>
<context>
    <name>ChecklistsModel</name>
    <message>
        <location filename="../../selfcheck/gui/models/checklists_model.py" line="+29"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发布单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生效日期</source>
        <translation>Effective</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项数</source>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>安装时间</source>
        <translation>Installed</translation>
    </message>
</context>
<context>
    <name>ChecklistsPage</name>
    <message>
        <location line="+18"/>
        <source>未签名</source>
        <translation>Unsigned</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>内置</source>
        <translation>Built in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>教育局签名（{name}，{fp}）</source>
        <translation>Bureau signed ({name}, {fp})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局签名（{fp}）</source>
        <translation>Bureau signed ({fp})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有教育局签名：无法确认它来自教育局、内容未被改动</source>
        <translation>No education bureau signature: there is no way to confirm it comes from the bureau unchanged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（导入自 {file}）</source>
        <translation> (imported from {file})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>随本软件安装的检查表</source>
        <translation>Checklist installed with this software</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局签名有效；公钥指纹 {fp}；导入自 {file}</source>
        <translation>Valid education bureau signature; key fingerprint {fp}; imported from {file}</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/checklists_page.py" line="+55"/>
        <source>导入检查表</source>
        <translation>Import checklist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查表文件 (*.yaml *.yml *.json *.xlsx);;所有文件 (*)</source>
        <translation>Checklist files (*.yaml *.yml *.json *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择教育局公钥文件</source>
        <translation>Choose the education bureau&apos;s public key file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>教育局公钥 (*.pub *.pem);;所有文件 (*)</source>
        <translation>Bureau public keys (*.pub *.pem);;All files (*)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>已安装的检查表和版本。教育局下发的新检查表用“导入检查表”安装；没有教育局签名的检查表标为“未签名”。</source>
        <translation>Installed checklists and versions. Install new checklists from the education bureau with &quot;Import checklist&quot;; checklists without a bureau signature are marked &quot;Unsigned&quot;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>还没有检查表。点“导入检查表”，安装教育局下发的检查表文件（.yaml 或 Excel）。</source>
        <translation>No checklists yet. Click &quot;Import checklist&quot; to install a checklist file from the education bureau (.yaml or Excel).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>更新自查到新版本(&amp;U)…</source>
        <translation>&amp;Update inspection to new version…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有进行中的自查使用旧版本检查表时，可在这里把它更新到新版本</source>
        <translation>When an inspection in progress uses an older checklist version, update it to the new version here</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入检查表(&amp;I)…</source>
        <translation>&amp;Import checklist…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从 U 盘等处导入检查表文件（.yaml、教育局签名的 .signed.yaml 或 Excel .xlsx）</source>
        <translation>Import a checklist file from a USB drive or elsewhere (.yaml, bureau-signed .signed.yaml, or Excel .xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除此版本(&amp;D)</source>
        <translation>&amp;Delete this version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除选中的、没有自查在用的检查表版本（随程序提供的不能删除）</source>
        <translation>Delete the selected checklist version if no inspection uses it (the built-in ones cannot be deleted)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>受信任的教育局密钥</source>
        <translation>Trusted education bureau keys</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>由这些公钥签名的检查表可以直接安装。请只添加教育局发来的公钥（bureau.pub），并核对其指纹。</source>
        <translation>Checklists signed with these keys install directly. Add only the public key the education bureau sent (bureau.pub), and compare its fingerprint.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>还没有受信任的教育局密钥。收到教育局的公钥文件（bureau.pub）后，点“添加”并核对指纹。</source>
        <translation>No trusted education bureau keys yet. When the bureau sends its public key file (bureau.pub), click &quot;Add&quot; and compare its fingerprint.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>指纹（SHA-256）</source>
        <translation>Fingerprint (SHA-256)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>添加时间</source>
        <translation>Added</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>添加(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除(&amp;R)</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>（未命名）</source>
        <translation>(unnamed)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>删除检查表版本</source>
        <translation>Delete checklist version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除检查表“{title}”版本 {version}？

只有没有自查在用的版本可以删除；删除后可以重新导入。</source>
        <translation>Delete checklist “{title}” version {version}?

Only a version no inspection uses can be deleted; it can be imported again later.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已删除 {title} 版本 {version}</source>
        <translation>Deleted {title} version {version}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>正在检查 {name}…</source>
        <translation>Checking {name}…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>未导入 {name}：见对话框中的原因</source>
        <translation>{name} not imported: see the reason in the dialog</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} 有 {n} 处错误，未导入</source>
        <translation>{name} not imported: errors ({n})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未导入 {name}</source>
        <translation>{name} not imported</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在安装…</source>
        <translation>Installing…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已安装《{title}》版本 {version}（{source}）</source>
        <translation>Installed &quot;{title}&quot; version {version} ({source})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>《{title}》版本 {version} 已经安装（{source}）</source>
        <translation>&quot;{title}&quot; version {version} is already installed ({source})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>未安装</source>
        <translation>Not installed</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>正在更新自查…</source>
        <translation>Updating the inspection…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>自查已更新到版本 {v}：保留答案 {kept} 个（其中需复核 {flagged} 个），移除 {dropped} 个</source>
        <translation>Inspection updated to version {v}: answers kept {kept} (to review: {flagged}), removed {dropped}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>自查未更新</source>
        <translation>Inspection not updated</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>这个公钥已经信任（{name}）</source>
        <translation>This key is already trusted ({name})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已信任公钥 {name}</source>
        <translation>Key {name} trusted</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>移除受信任的公钥</source>
        <translation>Remove trusted key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不再信任公钥“{name}”？
指纹：{fp}

已安装的检查表不受影响；以后由它签名的检查表将不能导入，直到再次信任它。</source>
        <translation>Stop trusting the key &quot;{name}&quot;?
Fingerprint: {fp}

Installed checklists are not affected; checklists signed with it cannot be imported until it is trusted again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已移除公钥 {name}</source>
        <translation>Key {name} removed</translation>
    </message>
</context>
<context>
    <name>CloseOutDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/problem_dialog.py" line="+422"/>
        <source>销号 · 问题 #{id}</source>
        <translation>Close out · problem #{id}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>销号须做到“四不放过”：问题核实清楚（验收人、验收日期），整改措施落实（整改证据），处理到位（处理情况），群众或线索反映的问题已答复反映人。</source>
        <translation>Close-out follows the “four not-let-go” rule: the facts checked (verifier, date), the measure carried out (evidence), the handling done (handling), and a problem raised by a person or a clue answered to that person.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>问题：</source>
        <translation>Problem:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改措施：</source>
        <translation>Measures:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>责任人：</source>
        <translation>Owner:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>验收人姓名</source>
        <translation>Name of the person accepting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>验收人(&amp;V)：</source>
        <translation>Accepted &amp;by:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>验收日期(&amp;D)：</source>
        <translation>Acceptance &amp;date:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整改证据或材料，如：学习记录本第 3-9 页、整改照片、会议纪要</source>
        <translation>Evidence of the fix, such as: study notebook pages 3–9, photos, meeting minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改证据(&amp;E)：</source>
        <translation>&amp;Evidence:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>对问题和相关人员的纠正、处理情况</source>
        <translation>How the problem and the people concerned were corrected and dealt with</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理情况(&amp;H)：</source>
        <translation>&amp;Handling: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>何时、以何种方式答复反映人，答复了什么</source>
        <translation>When and how the person was answered, and what they were told</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>线索 #{id} 的反映人</source>
        <translation>the person behind clue #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复{who}(&amp;A)：</source>
        <translation>&amp;Answer to {who}: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复日期：</source>
        <translation>Answered on: </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+7"/>
        <source>整改后材料：{names}</source>
        <translation>Files after rectification: {names}</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>尚未添加整改后的照片或材料（可在“编辑”窗口中添加，报告附件3 会印出）。</source>
        <translation>No photos or files after rectification yet (add them in the Edit window; the report prints them in Attachment 3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>如：补录纸质台账，整改在录入系统前已完成验收</source>
        <translation>e.g. an old paper ledger entered late: the fix was accepted before it was entered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>销号</source>
        <translation>Close out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>只有“已整改（待验收）”的问题才能销号；请先把状态改为“已整改”。</source>
        <translation>Only problems that are &quot;Fixed (awaiting acceptance)&quot; can be closed out; set the status to &quot;Fixed&quot; first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这个问题还没有整改措施：请先编辑问题，填写整改措施。</source>
        <translation>This problem has no measures yet: edit the problem and fill in the measures first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>验收日期不能晚于今天（{today}）。</source>
        <translation>The acceptance date cannot be later than today ({today}).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>验收人</source>
        <translation>accepted by</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整改证据</source>
        <translation>evidence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>处理情况</source>
        <translation>handling</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>答复反映人</source>
        <translation>the answer to the person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>验收日期早于提出日期的原因</source>
        <translation>the reason the verification date is before the raising date</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>验收日期早于问题提出日期（{day}）：请写明原因（如补录纸质台账），原因随销号记入台账，并印在报告附件2中。</source>
        <translation>The verification date is before the problem was raised ({day}): give the reason (e.g. an old paper ledger entered late); it is recorded with the close-out and printed in the report&apos;s Attachment 2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>还需填写：{fields}</source>
        <translation>Still to fill in: {fields}</translation>
    </message>
    <message>
        <location line="-90"/>
        <location line="+7"/>
        <location line="+83"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>ClueDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/clue_dialog.py" line="+130"/>
        <source>受理问题线索</source>
        <translation>Register a clue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记家长、学生或群众反映的问题。联系方式保密：列表中只显示部分，报告和导出中不出现。</source>
        <translation>Register a problem reported by a parent, a student or the public. The contact is private: lists show it in part, reports and exports never.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>更正线索 #{id}</source>
        <translation>Correct clue #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正登记的反映内容、联系方式或涉及人员；来源和受理日期不能更改。</source>
        <translation>Correct the summary, the contact or the staff concerned; the source and the day received stay as registered.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>来源(&amp;S)：</source>
        <translation>&amp;Source: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（按来源）</source>
        <translation>(from the source)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>渠道(&amp;C)：</source>
        <translation>&amp;Channel: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>受理日期(&amp;D)：</source>
        <translation>Received on (&amp;D): </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>反映了什么问题，涉及哪里、何时</source>
        <translation>What was reported, where and when</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映内容(&amp;M)：</source>
        <translation>Su&amp;mmary: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不更改请留空（现为 {masked}）</source>
        <translation>Leave empty to keep it (now {masked})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>反映人姓名、电话（保密）</source>
        <translation>Name and phone of the person (private)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式(&amp;T)：</source>
        <translation>Con&amp;tact: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>涉及人员(&amp;P)：</source>
        <translation>&amp;People concerned: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映内容</source>
        <translation>summary</translation>
    </message>
</context>
<context>
    <name>ClueExportDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/clue_export_dialog.py" line="+31"/>
        <location line="+18"/>
        <source>导出问题线索台账</source>
        <translation>Export the clue register</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>按受理日期导出一个时段的线索台账（Excel，可直接打印），供上级检查或存档。</source>
        <translation>Export the clues received in a period as a register (Excel, ready to print) for the bureau or the school&apos;s files.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>受理日期从(&amp;F)：</source>
        <translation>Received &amp;from:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到(&amp;T)：</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>包含反映人完整联系方式(&amp;C)</source>
        <translation>Include the reporters&apos; full &amp;contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认只显示联系方式的一部分；包含完整联系方式的台账须注意保密</source>
        <translation>By default only part of each contact is shown; a register with full contacts must be kept confidential</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导出(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>台账将含反映人的完整联系方式，请妥善保管，不要外传。</source>
        <translation>The register will hold the reporters&apos; full contacts: keep it safe and do not pass it on.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>起始日期晚于截止日期，请改正。</source>
        <translation>The start date is after the end date: please correct it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>问题线索台账_{school}_{start}至{end}.xlsx</source>
        <translation>Clue register_{school}_{start} to {end}.xlsx</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>ClueStageDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/clue_dialog.py" line="+20"/>
        <source>核查：线索反映的问题是否属实，由谁核查。</source>
        <translation>Check: whether what the clue reports is true, and who checked it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理：采取了什么措施；如追责问责，写明方式（谈话提醒、批评教育、诫勉、处分或其他）。</source>
        <translation>Handle: what was done; where someone is held accountable, say how (a reminder talk, criticism, an admonition, a sanction, or other).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>答复：何时、以何种方式答复了反映人，答复了什么。</source>
        <translation>Answer: when and how the person was answered, and what they were told.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结：反映人已答复；核查属实的线索，据此登记的整改问题须已全部销号。</source>
        <translation>Conclude: the person has been answered; for a clue found true, every problem raised from it must be closed out.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>线索 #{id} · {stage}</source>
        <translation>Clue #{id} · {stage}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映内容：{summary}</source>
        <translation>Reported: {summary}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>核查结论(&amp;F)：</source>
        <translation>&amp;Finding: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核查人(&amp;B)：</source>
        <translation>Checked &amp;by: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查结论</source>
        <translation>finding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查人</source>
        <translation>checked by</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>处理情况(&amp;H)：</source>
        <translation>&amp;Handling: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>追责问责(&amp;A)：</source>
        <translation>&amp;Accountability: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理情况</source>
        <translation>handling</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>答复情况(&amp;A)：</source>
        <translation>&amp;Answer: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复情况</source>
        <translation>answer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{stage}日期(&amp;D)：</source>
        <translation>{stage} &amp;date: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录“{stage}”</source>
        <translation>Record “{stage}”</translation>
    </message>
</context>
<context>
    <name>CluesModel</name>
    <message>
        <location filename="../../selfcheck/gui/models/clues_model.py" line="+29"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源（渠道）</source>
        <translation>Source (channel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映内容</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>涉及人员</source>
        <translation>Staff concerned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查结论</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>追责问责</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改问题</source>
        <translation>Problems</translation>
    </message>
</context>
<context>
    <name>CluesPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/clues_page.py" line="+53"/>
        <source>未办结</source>
        <translation>Not concluded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>阶段(&amp;Z)：</source>
        <translation>S&amp;tage: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>搜索反映内容、来源、涉及人员…</source>
        <translation>Search what was reported, sources, staff…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>显示完整联系方式(&amp;V)</source>
        <translation>Re&amp;veal full contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式保密，默认只显示部分；仅在需要联系反映人时打开</source>
        <translation>Contacts are private and shown in part; turn this on only when you need to reach the person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>受理线索(&amp;N)…</source>
        <translation>&amp;New clue…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记一件新的问题线索（Insert）</source>
        <translation>Register a new clue (Insert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理下一步(&amp;G)…</source>
        <translation>&amp;Go to the next stage…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录选中线索的下一阶段：核查 → 处理 → 答复 → 办结（Enter）</source>
        <translation>Record the selected clue&apos;s next stage: check → handle → answer → conclude (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正(&amp;E)…</source>
        <translation>Corr&amp;ect…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正登记的反映内容、联系方式或涉及人员（办结前）</source>
        <translation>Correct the summary, the contact or the staff concerned (before concluding)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记整改问题(&amp;P)…</source>
        <translation>Raise a &amp;problem…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查属实或部分属实的线索登记为整改台账中的问题</source>
        <translation>Raise a clue found true or partly true as a problem in the rectification ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出台账(&amp;X)…</source>
        <translation>E&amp;xport register…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把一个时段的问题线索台账导出为可打印的 Excel 工作簿</source>
        <translation>Export the clue register of a period as an Excel workbook ready to print</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>受理新的线索</source>
        <translation>Receive a new clue</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>本学期（{start} 起）：{sentence}</source>
        <translation>This term (since {start}): {sentence}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>选中一件线索，查看办理记录。</source>
        <translation>Select a clue to see its record.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;线索 #{id}&lt;/b&gt;（{stage}）{source} · 受理 {day} · 联系方式 {contact}</source>
        <translation>&lt;b&gt;Clue #{id}&lt;/b&gt; ({stage}) {source} · received {day} · contact {contact}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>整改问题：{ids}（见“整改台账”）</source>
        <translation>Problems: {ids} (see the rectification ledger)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一步：{stages}</source>
        <translation>Next: {stages}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>已导出问题线索台账：{path}</source>
        <translation>Clue register exported: {path}</translation>
    </message>
</context>
<context>
    <name>DeskCADialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/desk_ca_dialog.py" line="+36"/>
        <source>选择学校的证书申请</source>
        <translation>Choose the school&apos;s certificate request</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证书申请 (*.csr *.pem *.der);;所有文件 (*)</source>
        <translation>Certificate requests (*.csr *.pem *.der);;All files (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>证书 (*.pem)</source>
        <translation>Certificates (*.pem)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>教育局证书机构</source>
        <translation>The bureau&apos;s certificate authority</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>教育局的证书机构为各校签发签名证书：教育局和阅读器只需信任一次根证书。只为名册中的学校签发，申请中的学校名称和代码须与名册一致。</source>
        <translation>The bureau&apos;s certificate authority issues the schools&apos; signing certificates: the bureau and PDF readers then trust its root certificate once. It issues only for schools on the roster, and the school&apos;s name and code in the request must match the roster.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>单位名称(&amp;N)</source>
        <translation>Unit &amp;name</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>创建证书机构(&amp;C)</source>
        <translation>&amp;Create the certificate authority</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>证书机构口令(&amp;P)</source>
        <translation>Certificate authority &amp;passphrase</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出根证书(&amp;E)…</source>
        <translation>&amp;Export the root certificate…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签发学校证书(&amp;I)…</source>
        <translation>&amp;Issue a school certificate…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>证书机构：{name}
根证书指纹（SHA-256）：{fp}
有效期至 {y}年{m}月{d}日</source>
        <translation>Certificate authority: {name}
Root certificate fingerprint (SHA-256): {fp}
Valid until {y}-{m}-{d}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已签发 {n} 张学校证书</source>
        <translation>{n} school certificates issued</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>正在创建证书机构…</source>
        <translation>Creating the certificate authority…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>已创建证书机构。请导出根证书，放入信任文件夹并发给各校。</source>
        <translation>Certificate authority created. Export the root certificate, put it in the trust folder and send it to the schools.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>导出根证书</source>
        <translation>Export the root certificate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{name}-根证书.pem</source>
        <translation>{name}-root-certificate.pem</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已导出根证书：{path}</source>
        <translation>Root certificate exported: {path}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>请先输入证书机构的口令。</source>
        <translation>Enter the certificate authority&apos;s passphrase first.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>保存签发的证书</source>
        <translation>Save the issued certificate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在为 {school} 签发证书…</source>
        <translation>Issuing a certificate for {school}…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已为 {school} 签发证书：{path}
请把证书和根证书交给学校装入。</source>
        <translation>Certificate issued for {school}: {path}
Give the certificate and the root certificate to the school to install.</translation>
    </message>
</context>
<context>
    <name>DeskModel</name>
    <message>
        <location filename="../../selfcheck/gui/models/desk_model.py" line="+26"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <location line="+5"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+11"/>
        <source>学校代码</source>
        <translation>School code</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+8"/>
        <source>学区</source>
        <translation>District</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>得分率</source>
        <translation>Score rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学区名次</source>
        <translation>District rank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自评-督评</source>
        <translation>Self minus review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期问题</source>
        <translation>Overdue problems</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>部分</source>
        <translation>Section</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校数</source>
        <translation>Schools</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均得分率</source>
        <translation>Average percent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分率最低的学校</source>
        <translation>Lowest schools</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>（名册外）</source>
        <translation> (not on the roster)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（否决）</source>
        <translation> (veto)</translation>
    </message>
</context>
<context>
    <name>DeskPanel</name>
    <message>
        <location filename="../../selfcheck/gui/pages/desk_panel.py" line="+39"/>
        <source>选择名册</source>
        <translation>Choose the roster</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+214"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>期次和检查表(&amp;R)：</source>
        <translation>&amp;Round (period and checklist): </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入名册(&amp;N)…</source>
        <translation>Import roster (&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档督查意见(&amp;V)…</source>
        <translation>File re&amp;views…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学区、督查组等签名的督查意见（PDF）：逐一验证后放在所督查的学校报告旁</source>
        <translation>Signed reviews (PDF) by a district office, an inspection team, etc.: each verified, then filed beside the school report it reviews</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>证书机构(&amp;K)…</source>
        <translation>Certificate authorit&amp;y…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局证书机构：为名册中的学校签发签名证书</source>
        <translation>The bureau&apos;s certificate authority: issues signing certificates for the schools on the roster</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>排名</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未提交</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期问题</source>
        <translation>Overdue problems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>各部分得分</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>发文单位(&amp;U)：</source>
        <translation>Issuing &amp;unit: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未提交名单(&amp;L)…</source>
        <translation>Missing &amp;list…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成通报(&amp;B)…</source>
        <translation>&amp;Bulletin…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成督办单(&amp;H)…</source>
        <translation>C&amp;hase notices…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>{period} · {title}（已提交 {count} 所）</source>
        <translation>{period} · {title} ({count} submitted)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>名册 {roster} 所学校。还没有归档的报告：在“汇总 U 盘”中指定学校证书文件夹汇总后，报告归档到这里。</source>
        <translation>{roster} schools on the roster. No report filed yet: collect a stick with the schools&apos; certificate folder and the reports are filed here.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>名册 {roster} 所：已提交 {done} 所，未提交 {missing} 所；督查复核 {reviewed} 所；逾期问题 {overdue} 个</source>
        <translation>Roster {roster}: {done} submitted, {missing} missing; {reviewed} reviewed; {overdue} overdue problems</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>名册已导入：新增 {added} 所，更新 {updated} 所</source>
        <translation>Roster imported: {added} added, {updated} updated</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择存放督查意见的文件夹</source>
        <translation>Choose the folder holding the reviews</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择存放督查单位证书的文件夹</source>
        <translation>Choose the folder holding the reviewing units&apos; certificates</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已归档督查意见 {filed} 份，未采用 {refused} 个</source>
        <translation>Reviews filed: {filed}, refused: {refused}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>未提交名单保存为</source>
        <translation>Save the missing list as</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已写入 {path}</source>
        <translation>Written: {path}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>通报保存为</source>
        <translation>Save the bulletin as</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>通报已写入 {path}</source>
        <translation>Bulletin written: {path}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>督办单保存到文件夹</source>
        <translation>Save the chase notices in the folder</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>督办单 {n} 份已写入 {folder}</source>
        <translation>{n} chase notice(s) written to {folder}</translation>
    </message>
</context>
<context>
    <name>DuePanel</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/due_panel.py" line="+31"/>
        <source>工作节奏与责任清单</source>
        <translation>Cadence and responsibility list</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>待办和逾期事项</source>
        <translation>Due and overdue items</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>【任务{state}】{title} · {owner} · {deadline} · {percent}%</source>
        <translation>[Task {state}] {title} · {owner} · {deadline} · {percent}%</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>尚未设置工作节奏（一月一查、一季度一小结、半年一考核），也没有责任清单任务。</source>
        <translation>No rhythm set yet (a monthly check, a quarterly summary, a half-year assessment), and no responsibility-list tasks.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>待完成 {due} 项，逾期 {late} 项；责任清单逾期 {tl} 项，停滞 {ts} 项。</source>
        <translation>{due} due, {late} overdue; responsibility list: {tl} overdue, {ts} stalled.</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/evidence_panel.py" line="+110"/>
        <source>佐证材料（双击打开）</source>
        <translation>Evidence (double-click to open)</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>添加材料(&amp;A)…</source>
        <translation>&amp;Add evidence…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{name}（{size} KB）</source>
        <translation>{name} ({size} KB)</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>选择佐证材料</source>
        <translation>Choose evidence files</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/export_dialog.py" line="+41"/>
        <source>签名并导出报告</source>
        <translation>Sign and export report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{title} · {period}</source>
        <translation>{title} · {period}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>编辑报告正文(&amp;E)…</source>
        <translation>&amp;Edit the report text…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>全部登记为问题(&amp;R)</source>
        <translation>&amp;Raise problems for all</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>打开报告(&amp;O)</source>
        <translation>&amp;Open report</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开所在文件夹</source>
        <translation>Open containing folder</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>自查日期(&amp;D)：</source>
        <translation>Inspection &amp;date: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存到(&amp;T)：</source>
        <translation>Save &amp;to:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>口令(&amp;P)：</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>……另有 {n} 项</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有 {n} 项自查结果不达标但尚未登记问题，报告的问题清单中不会有它们：
</source>
        <translation>{n} answers fall short but have no problem raised; the report&apos;s problem list will not have them: 
</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已登记问题 {n} 个，可在“整改台账”中填写整改措施。</source>
        <translation>{n} problems raised; fill in their measures in the rectification ledger.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>这次自查尚未标记完成：请先在“汇总”中完成。</source>
        <translation>This inspection is not marked complete yet: complete it under &quot;Summary&quot; first.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>还没有学校信息。</source>
        <translation>The school profile is not filled in yet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择保存报告的文件夹</source>
        <translation>Choose the folder to save the report in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在生成、签名并验证报告……</source>
        <translation>Creating, signing and verifying the report…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>报告已签名、写入并验证通过：
{path}
证书指纹：{fp}</source>
        <translation>The report was signed, written and verified:
{path}
Certificate fingerprint: {fp}</translation>
    </message>
</context>
<context>
    <name>FillingPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_item.py" line="+57"/>
        <source>加分项</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扣分项</source>
        <translation>Deduction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>加减分项</source>
        <translation>Bonuses and deductions</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_page.py" line="+98"/>
        <source>全部检查项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未作答</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>需整改（有问题）</source>
        <translation>Needs rectification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺少必填说明</source>
        <translation>Required note missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>换用新版本后待复核</source>
        <translation>To review after the version update</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>搜索检查项（Ctrl+F）</source>
        <translation>Search items (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>（说明已暂存）</source>
        <translation> (note kept as a draft)</translation>
    </message>
    <message>
        <location line="+230"/>
        <source>已选择</source>
        <translation>chosen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>说明已暂存：选择结果后将与结果一并保存</source>
        <translation>Note kept as a draft: it is saved with the result once one is chosen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>已提出 {n} 个整改问题，请到整改台账补充措施、责任人和期限</source>
        <translation>{n} problems raised; add measures, owners and deadlines in the rectification ledger</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/models/outline_model.py" line="+45"/>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_page.py" line="-419"/>
        <source>检查项列表</source>
        <translation>Item list</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_item.py" line="+32"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>清除结果</source>
        <translation>Clear result</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../selfcheck/gui/pages/filling_page.py" line="+290"/>
        <source>说明(&amp;S)（发现的问题、佐证情况）</source>
        <translation>Note (problem&amp;s found, evidence seen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在此填写说明；输入后自动保存</source>
        <translation>Write the note here; it is saved as you type</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>提出整改问题(&amp;W)…</source>
        <translation>&amp;Write up a problem…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上一项</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一项</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数字键 1-9 选择结果 · Enter 或 Ctrl+↓ 下一项 · Ctrl+↑ 上一项 · Ctrl+Z 撤销</source>
        <translation>Keys 1–9 choose a result · Enter or Ctrl+↓ next item · Ctrl+↑ previous item · Ctrl+Z undo</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_page.py" line="-294"/>
        <location line="+117"/>
        <source>（整改）</source>
        <translation>(to rectify)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（待复核）</source>
        <translation>(to review)</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_item.py" line="+41"/>
        <source>查：</source>
        <translation>Check: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>看：</source>
        <translation>Look: </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>检查方法</source>
        <translation>How to check</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>材料提示</source>
        <translation>Evidence to look for</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+23"/>
        <source>评分标准</source>
        <translation>Scoring rule</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>一票否决</source>
        <translation>Veto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>此项不合格将否决等次</source>
        <translation>Failing this item vetoes the grade</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>每次加分</source>
        <translation>Bonus per occurrence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每次扣分</source>
        <translation>Deduction per occurrence</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>，最多 {cap}</source>
        <translation>, at most {cap}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_page.py" line="+140"/>
        <source>按 {n} 选择</source>
        <translation>Press {n} to choose</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_item.py" line="+16"/>
        <source>得分（0 到 {p}）</source>
        <translation>Score (0 to {p})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>发现次数</source>
        <translation>Occurrences found</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>数值（{unit}）</source>
        <translation>Value ({unit})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>（尚未填写）</source>
        <translation>(not answered yet)</translation>
    </message>
    <message>
        <location filename="../../selfcheck/gui/pages/filling_page.py" line="+16"/>
        <source>已提出问题：{d}（{s}）</source>
        <translation>Problem raised: {d} ({s})</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>说明(&amp;S)（必填：请写明存在的问题）</source>
        <translation>Note (required: de&amp;scribe the problem)</translation>
    </message>
    <message>
        <location line="-259"/>
        <location line="+397"/>
        <source>已保存 {t}</source>
        <translation>Saved {t}</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/setup_wizard.py" line="+325"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请核对以下内容，然后点“完成”保存。</source>
        <translation>Check the following, then click &quot;Finish&quot; to save.</translation>
    </message>
</context>
<context>
    <name>FirstRunTip</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/first_run_tip.py" line="+21"/>
        <source>知道了</source>
        <translation>Got it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭提示</source>
        <translation>Close the tip</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/guide_dialog.py" line="+36"/>
        <location line="+26"/>
        <source>用户指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>在指南中查找（回车查找下一处）</source>
        <translation>Search the guide (Enter finds the next)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在指南中查找</source>
        <translation>Search the guide</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>上一处(&amp;P)</source>
        <translation>&amp;Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一处(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+1"/>
        <source>目录</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location line="+20"/>
        <source># 找不到用户指南

程序文件夹中缺少 {path}。请重新安装本程序。</source>
        <translation># The user guide is missing

{path} is not in the program folder. Please install the program again.</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>没有找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/home_page.py" line="+62"/>
        <source>新建自查(&amp;N)…</source>
        <translation>&amp;New inspection…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>继续填写(&amp;C)</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报告与导出(&amp;R)…</source>
        <translation>&amp;Report and export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入检查表(&amp;I)…</source>
        <translation>&amp;Import checklist…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期次</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最后修改</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>自查列表</source>
        <translation>Inspection list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本校自查</source>
        <translation>Our inspections</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>还没有自查。点“新建自查”开始，默认使用“五查五看”检查表。</source>
        <translation>No inspections yet. Click &quot;New inspection&quot; to start; the &quot;Five Checks, Five Looks&quot; checklist is preselected.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未销号的问题</source>
        <translation>Open problems</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打开整改台账(&amp;L)</source>
        <translation>Open rectification &amp;ledger</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>备份到U盘(&amp;B)…</source>
        <translation>&amp;Back up to a USB stick…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>学校自查</source>
        <translation>School Self-Inspection</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{title}（{version}）</source>
        <translation>{title} ({version})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{total}/{max}（{percent}%）</source>
        <translation>{total}/{max} ({percent}%)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>本校数据还从未备份到U盘或其他电脑。电脑损坏或丢失时，数据将无法找回。</source>
        <translation>The school&apos;s data has never been backed up to a USB stick or another PC. If this PC breaks or is lost, the data cannot be recovered.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已经 {n} 天没有把数据备份到U盘或其他电脑（上次 {d}）。</source>
        <translation>No backup to a USB stick or another PC for {n} days (last: {d}).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>期限 {d}</source>
        <translation>due {d}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未定期限</source>
        <translation>no deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未定责任人</source>
        <translation>no owner</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>【逾期】</source>
        <translation>[Overdue] </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>共 {n} 个问题未销号，其中 {m} 个已逾期。</source>
        <translation>Open problems: {n}, overdue: {m}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有未销号的问题。</source>
        <translation>No open problems.</translation>
    </message>
</context>
<context>
    <name>ImagePage</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/setup_wizard.py" line="-19"/>
        <source>校长签名</source>
        <translation>Principal&apos;s signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用鼠标在下面手写签名，或载入扫描的签名图片。可以跳过，以后在“设置”中添加。</source>
        <translation>Sign below with the mouse, or load a scanned signature. You can skip this and add it later under &quot;Settings&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学校公章</source>
        <translation>School seal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载入公章的扫描图片（PNG 或 JPG，最好是透明背景）。可以跳过，以后在“设置”中添加。</source>
        <translation>Load a scan of the seal (PNG or JPEG, ideally with a transparent background). You can skip this and add it later under &quot;Settings&quot;.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/import_dialog.py" line="+70"/>
        <source>导入检查表</source>
        <translation>Import checklist</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编号：</source>
        <translation>ID:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>版本：</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发布单位：</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生效日期：</source>
        <translation>Effective:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查项：</source>
        <translation>Items:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} 项</source>
        <translation>{n} items</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源：</source>
        <translation>Source:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>公钥指纹：</source>
        <translation>Key fingerprint:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已安装版本：</source>
        <translation>Installed versions:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>不能导入：{reason}</source>
        <translation>Cannot import: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>这个版本已经安装，内容相同，无需再次安装。</source>
        <translation>This version is already installed with the same content; there is nothing to install.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>这个版本已经安装，内容相同。确认后记录它有教育局的有效签名。</source>
        <translation>This version is already installed with the same content. Confirm to record that it carries a valid education bureau signature.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录签名(&amp;R)</source>
        <translation>&amp;Record signature</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>将作为新版本安装，已安装的版本保留。</source>
        <translation>It will be installed as a new version; installed versions are kept.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>将作为新检查表安装。</source>
        <translation>It will be installed as a new checklist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局签名有效，文件自签名后未被改动。</source>
        <translation>The education bureau signature is valid; the file has not been changed since it was signed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>安装(&amp;I)</source>
        <translation>&amp;Install</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>注意：这个检查表没有教育局签名，无法确认它来自教育局、内容没有被改动过。只有在确认文件来源可靠时才安装。安装后，它在检查表列表和自查报告中都标注“未签名”。</source>
        <translation>Caution: this checklist has no education bureau signature, so there is no way to confirm it comes from the bureau unchanged. Install it only if you trust where the file came from. Once installed, it is marked &quot;Unsigned&quot; in the checklist list and in inspection reports.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>仍然安装（未签名）(&amp;U)</source>
        <translation>Install &amp;unsigned</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>未命名公钥</source>
        <translation>Unnamed key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局签名有效（{name}）</source>
        <translation>Valid education bureau signature ({name})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>有签名，但未通过检查</source>
        <translation>Signed, but the signature failed the check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未签名（无法确认来自教育局）</source>
        <translation>Unsigned (cannot be confirmed as from the education bureau)</translation>
    </message>
</context>
<context>
    <name>ImportErrorsDialog</name>
    <message>
        <location line="+18"/>
        <source>检查表有错误</source>
        <translation>Checklist has errors</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{file} 有 {n} 处错误，未导入，数据库没有任何改动。请按下表逐项改正后重新导入。</source>
        <translation>{file} was not imported because of errors ({n}); nothing in the database changed. Correct each one as listed below, then import again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>行</source>
        <translation>Line</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>（整个文件）</source>
        <translation>(whole file)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>复制全部(&amp;C)</source>
        <translation>&amp;Copy all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制为文本（每行：文件:行:列: 字段: 说明），可粘贴给检查表的发布单位</source>
        <translation>Copy as text (one line each: file:line:column: field: note) to paste to the checklist&apos;s issuer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重新检查(&amp;R)</source>
        <translation>&amp;Recheck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改正文件并保存后，再检查一次同一个文件</source>
        <translation>After correcting and saving the file, check the same file again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/inspection_page.py" line="+38"/>
        <source>← 首页</source>
        <translation>← Home</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>逐项填写(&amp;1)</source>
        <translation>Fill in (&amp;1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>汇总与导出(&amp;2)</source>
        <translation>Summary and export (&amp;2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查对照(&amp;3)</source>
        <translation>&amp;3 Reviews</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>第一次使用提示：↑↓ 选择检查项，数字键 1–9 选择结果，Alt+S 写说明，Ctrl+↓ 到下一项；需要整改的项按 Alt+W 提出问题。填写的内容随时自动保存。按 F1 打开用户指南，“帮助 → 快捷键一览”列出全部按键。</source>
        <translation>First-time tip: ↑↓ choose an item, digits 1–9 choose its result, Alt+S writes a note, Ctrl+↓ goes to the next item; for an item that needs fixing, Alt+W raises a problem. Everything is saved as you type. F1 opens the user guide; &quot;Help → Keyboard shortcuts&quot; lists every key.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>重新打开已签名的自查</source>
        <translation>Reopen signed inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导出的第 {n} 版报告保持不变。重新打开后将成为第 {m} 版，修改需重新签名导出。继续吗？</source>
        <translation>The exported report of revision {n} stays as it is. Reopening creates revision {m}, and changes must be signed and exported again. Continue?</translation>
    </message>
</context>
<context>
    <name>IssuedCertDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/issued_cert_dialog.py" line="+37"/>
        <source>保存证书申请</source>
        <translation>Save the certificate request</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证书申请 (*.csr)</source>
        <translation>Certificate request (*.csr)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>证书 (*.pem *.crt *.cer *.der);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der);;All files (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>教育局签发的证书</source>
        <translation>Certificate issued by the bureau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>教育局如自建证书机构（CA），可为本校签发证书：阅读器和教育局只需信任一次教育局的根证书。签名密钥不变，不离开本机。先生成证书申请交给教育局，再装入教育局签发的证书和教育局的根证书。</source>
        <translation>A bureau that runs its own certificate authority (CA) can issue the school&apos;s certificate: PDF readers and the bureau then trust the bureau&apos;s root certificate once. The signing key stays the same and never leaves this computer. First write a certificate request for the bureau, then install the certificate it issued and the bureau&apos;s root certificate.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>第一步：生成证书申请</source>
        <translation>Step 1: write the certificate request</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成申请(&amp;Q)…</source>
        <translation>Write re&amp;quest…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>口令(&amp;P)</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>第二步：装入签发的证书</source>
        <translation>Step 2: install the issued certificate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>签发的证书(&amp;C)</source>
        <translation>Issued &amp;certificate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>选择签发的证书</source>
        <translation>Choose the issued certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局根证书(&amp;R)</source>
        <translation>Bureau&apos;s &amp;root certificate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>选择教育局根证书</source>
        <translation>Choose the bureau&apos;s root certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>装入证书(&amp;I)</source>
        <translation>&amp;Install certificate</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请输入签名口令。</source>
        <translation>Enter the signing passphrase.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name}-证书申请.csr</source>
        <translation>{name}-certificate-request.csr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在生成证书申请…</source>
        <translation>Writing the certificate request…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已生成证书申请：{path}
请交给教育局；拿回签发的证书和教育局根证书后，在下面装入。</source>
        <translation>Certificate request written: {path}
Give it to the bureau; when you have the issued certificate and the bureau&apos;s root certificate, install them below.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>已装入由{ca}签发的本校证书（签名密钥不变）。新的证书指纹：
{fingerprint}
以后的报告用这张证书签名。</source>
        <translation>Installed the school certificate issued by {ca} (the signing key is unchanged). The new certificate fingerprint:
{fingerprint}
Reports from now on are signed with this certificate.</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/setup_wizard.py" line="-23"/>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <location filename="../../selfcheck/gui/models/ledger_model.py" line="+34"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>逾期 {n} 天</source>
        <translation>{n} day(s) overdue</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>销号：{who}，{day}；证据：{evidence}</source>
        <translation>Closed out by {who} on {day}; evidence: {evidence}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>尚未填写整改措施</source>
        <translation>No measures yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未设整改期限</source>
        <translation>No deadline set</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已过整改期限 {n} 天，尚未整改完成</source>
        <translation>{n} day(s) past the deadline and not yet fixed</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>督查发现的问题（导入的督查意见）</source>
        <translation>Problem found by a review (from an imported review opinion)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>检查表：{title}</source>
        <translation>Checklist: {title}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>期次：{period}（自查 #{id}）</source>
        <translation>Period: {period} (inspection #{id})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>检查项：{text}</source>
        <translation>Item: {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>线索 #{id}</source>
        <translation>Clue #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>据问题线索 #{id} 登记（见“问题线索”）</source>
        <translation>Raised from clue #{id} (see Clues)</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>来源：督查、检查表 · 期次 · 检查项，或手工录入</source>
        <translation>Source: review, checklist · period · item, or entered by hand</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>手工录入的问题</source>
        <translation>Problem entered by hand</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>过了整改期限仍为待整改或整改中的问题</source>
        <translation>Problems past their deadline that are still open or in progress</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/ledger_page.py" line="+56"/>
        <source>导出整改台账</source>
        <translation>Export rectification ledger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>全部未销号</source>
        <translation>All open</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>全部（含已销号）</source>
        <translation>All (including closed out)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>只看逾期(&amp;Y)</source>
        <translation>Overdue onl&amp;y</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>搜索问题、措施、责任人…（Ctrl+F）</source>
        <translation>Search problems, measures, owners… (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>状态(&amp;Z)：</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任人(&amp;R)：</source>
        <translation>Owne&amp;r:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任部门(&amp;B)：</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>来源：自查、督查或手工录入</source>
        <translation>Source: self-inspection, review or entered by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>新增问题(&amp;N)…</source>
        <translation>&amp;New problem…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+298"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location line="-297"/>
        <location line="+298"/>
        <source>改状态(&amp;G)</source>
        <translation>Chan&amp;ge status</translation>
    </message>
    <message>
        <location line="-295"/>
        <location line="+298"/>
        <source>销号(&amp;C)…</source>
        <translation>&amp;Close out…</translation>
    </message>
    <message>
        <location line="-297"/>
        <source>建立任务(&amp;K)…</source>
        <translation>Set a tas&amp;k…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为选中的问题建立责任清单任务，记录整改进度</source>
        <translation>Set a responsibility-list task for the selected problem, to record its progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 Excel(&amp;X)…</source>
        <translation>E&amp;xport to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把整个整改台账（含已销号的问题）导出为 Excel 工作簿</source>
        <translation>Export the whole rectification ledger (closed-out problems included) to an Excel workbook</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>{section} 第 {n} 项</source>
        <translation>{section}, item {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全部责任人</source>
        <translation>All owners</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>没有符合筛选条件的问题。请放宽筛选条件或清空搜索框。</source>
        <translation>No problem matches the filters. Widen the filters or clear the search box.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有未销号的问题。自查中选了需要整改的结果时，在逐项填写页按 Alt+W 提出问题；家长反映、上级督查发现的问题，点“新增问题”登记。</source>
        <translation>No open problems. When an inspection result needs fixing, press Alt+W on the filling page to raise a problem; for problems reported by parents or found by an inspection from above, click &quot;New problem&quot;.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>共 {n} 项，逾期 {m} 项</source>
        <translation>Problems: {n}, overdue: {m}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（台账共 {total} 项）</source>
        <translation>(ledger total: {total})</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>只有“已整改（待验收）”的问题才能销号：先选中问题，把状态改为“已整改”</source>
        <translation>Only problems that are &quot;Fixed (awaiting acceptance)&quot; can be closed out: select the problem and set its status to &quot;Fixed&quot; first</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>已保存问题 #{id}</source>
        <translation>Problem #{id} saved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已保存问题 #{id}；它不符合当前筛选条件，未在表中显示</source>
        <translation>Problem #{id} saved; it does not match the current filter, so it is not shown</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>整改台账_{school}_{day}.xlsx</source>
        <translation>rectification-ledger_{school}_{day}.xlsx</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已导出整个台账（{n} 项）到 {path}</source>
        <translation>Exported the whole ledger (problems: {n}) to {path}</translation>
    </message>
</context>
<context>
    <name>LockBanner</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/lock_banner.py" line="+16"/>
        <source>重新打开（生成新修订版）…</source>
        <translation>Reopen (creates a new revision)…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>这次自查已签名导出（第 {n} 版），内容已锁定。如需修改，请重新打开，将生成新的修订版并记入修改记录。</source>
        <translation>This inspection was signed and exported (revision {n}) and is locked. To change it, reopen it: this creates a new revision and is recorded in the change log.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../selfcheck/gui/main_window.py" line="+38"/>
        <source>学校自查</source>
        <translation>School Self-Inspection</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>整改台账</source>
        <translation>Rectification ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题线索</source>
        <translation>Clues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任清单</source>
        <translation>Responsibility list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作节奏</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局汇总</source>
        <translation>Bureau summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>保存状态</source>
        <translation>Save status</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建自查(&amp;N)…</source>
        <translation>&amp;New inspection…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入检查表(&amp;I)…</source>
        <translation>&amp;Import checklist…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印自查表(&amp;P)…</source>
        <translation>&amp;Print inspection…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>立即备份数据库(&amp;B)</source>
        <translation>&amp;Back up database now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份到U盘(&amp;U)…</source>
        <translation>Back up to a &amp;USB stick…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从备份恢复(&amp;R)…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+285"/>
        <source>撤销(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location line="-282"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>修改口令(&amp;C)…</source>
        <translation>&amp;Change passphrase…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出加密密钥(&amp;E)…</source>
        <translation>&amp;Export encrypted key…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户指南(&amp;G)</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>快捷键一览(&amp;K)</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+225"/>
        <source>口令已修改</source>
        <translation>Passphrase changed</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>打开一次自查后，这里还会列出逐项填写时的按键。</source>
        <translation>Open an inspection and this list also shows the keys for filling it in.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>撤销{action}(&amp;U)</source>
        <translation>&amp;Undo {action}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>没有可撤销的操作</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已撤销{action}</source>
        <translation>Undid {action}</translation>
    </message>
    <message>
        <location line="-294"/>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首页(&amp;H)</source>
        <translation>&amp;Home</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改台账(&amp;L)</source>
        <translation>Rectification &amp;ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置(&amp;T)</source>
        <translation>Se&amp;ttings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校、签名与语言(&amp;P)…</source>
        <translation>&amp;School, signature and language…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location line="+157"/>
        <source>全部内容已保存</source>
        <translation>All changes saved</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已备份：{name}</source>
        <translation>Backed up: {name}</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>关于学校自查</source>
        <translation>About School Self-Inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校自查 {v}
离线填写自查表、整改台账，生成签名的自查报告。
数据文件夹：{d}</source>
        <translation>School Self-Inspection {v}
Fill in inspection checklists and the rectification ledger offline, and produce signed inspection reports.
Data folder: {d}</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/move_dialog.py" line="+37"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移动</source>
        <translation>Moved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改写</source>
        <translation>Reworded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改分</source>
        <translation>Rescored</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保留</source>
        <translation>Kept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留，需复核</source>
        <translation>Kept, to review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除（检查项已删除）</source>
        <translation>Removed (item deleted)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除（所选选项已删除）</source>
        <translation>Removed (chosen option deleted)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除（答案不再符合检查项）</source>
        <translation>Removed (answer no longer fits the item)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>检查项的文字有改动</source>
        <translation>The item&apos;s wording changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分值、作答方式或选项有改动</source>
        <translation>Points, answer type or options changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所选选项的含义有改动</source>
        <translation>The chosen option&apos;s meaning changed</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>说明：{note}</source>
        <translation>note: {note}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+46"/>
        <source>更新自查到新版本检查表</source>
        <translation>Update inspection to the new checklist version</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>自查“{period}”使用的是《{title}》版本 {old}，现已安装版本 {new}。是否把这次自查更新到新版本？已保存的答案按检查项带到新版本。</source>
        <translation>The inspection &quot;{period}&quot; uses &quot;{title}&quot; version {old}; version {new} is now installed. Update this inspection to the new version? Saved answers are carried over item by item.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>检查表的变化：新增 {added} 项，删除 {removed} 项，改写 {reworded} 项，改分 {rescored} 项，移动 {moved} 项</source>
        <translation>Checklist changes: added {added}, removed {removed}, reworded {reworded}, rescored {rescored}, moved {moved}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已保存的答案 {n} 个：原样保留 {kept} 个，保留但需复核 {flagged} 个，移除 {dropped} 个。</source>
        <translation>Saved answers: {n}. Kept as they are: {kept}; kept for review: {flagged}; removed: {dropped}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+14"/>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>部分</source>
        <translation>Section</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>检查表的变化（{n}）</source>
        <translation>Checklist changes ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>处理</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原答案</source>
        <translation>Previous answer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存的答案（{n}）</source>
        <translation>Saved answers ({n})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>新版本新增 {n} 项，更新后需要作答。</source>
        <translation>New items in the new version: {n}; answer them after the update.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>标为“需复核”的答案在填写页面中标出，请逐项确认。</source>
        <translation>Answers marked &quot;to review&quot; are flagged on the filling screen; confirm each one.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移除的答案保留在修改记录中，可随时查看。</source>
        <translation>Removed answers stay in the change log and can be looked up at any time.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} 个问题来自新版本已删除的检查项，仍留在整改台账中，照常整改、销号。</source>
        <translation>Problems from items the new version removed: {n}. They stay in the rectification ledger and are rectified and closed out as usual.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>更新到版本 {v}(&amp;U)</source>
        <translation>&amp;Update to version {v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>暂不更新(&amp;L)</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>NewInspectionDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/new_inspection_dialog.py" line="+34"/>
        <source>新建自查</source>
        <translation>New inspection</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>每行一人，如：张明（校长）</source>
        <translation>One person per line, such as: Zhang Ming (principal)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>检查表(&amp;T)：</source>
        <translation>Checklis&amp;t:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>版本(&amp;V)：</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>期次(&amp;P)：</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自查组成员(&amp;M)：</source>
        <translation>Inspection team &amp;members:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>开始自查</source>
        <translation>Start inspection</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{issuer} · {n} 项</source>
        <translation>{issuer} · {n} items</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/passphrase_dialog.py" line="+20"/>
        <source>修改口令</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>输入原口令和新口令。私钥用新口令重新加密；证书不变，教育局无需重新信任。以后签名要用新口令。</source>
        <translation>Enter the current passphrase and a new one. The private key is encrypted again under the new one; the certificate stays, so the bureau need not trust it again. Sign with the new passphrase from now on.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>原口令</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>修改口令(&amp;O)</source>
        <translation>Change passphrase n&amp;ow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>原口令(&amp;C)</source>
        <translation>&amp;Current passphrase</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在重新加密私钥…</source>
        <translation>Encrypting the private key again…</translation>
    </message>
</context>
<context>
    <name>PassphraseForm</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/setup_wizard.py" line="-67"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再输入一次口令</source>
        <translation>Enter the passphrase again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示口令(&amp;S)</source>
        <translation>&amp;Show passphrase</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>口令(&amp;P)</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>再输入一次(&amp;R)</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请牢记口令并妥善保管：口令无法找回。遗失后将不能签名，只能重新创建密钥，并请教育局重新信任新证书。每次导出签名报告时都要输入这个口令。</source>
        <translation>Remember the passphrase and keep it safe: it cannot be recovered. Without it you cannot sign, and must create a new key and ask the education bureau to trust the new certificate. You enter this passphrase each time you export a signed report.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>弱</source>
        <translation>weak</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>一般</source>
        <translation>fair</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>强</source>
        <translation>strong</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>强度：{level}。{reason}</source>
        <translation>Strength: {level}. {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>至少 8 个字符；建议 12 个以上，混用字母、数字和符号，也可以用一句好记的话。</source>
        <translation>At least 8 characters; 12 or more is better, mixing letters, digits and symbols, or a sentence you can remember.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>两次输入的口令不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
</context>
<context>
    <name>PeriodExportDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/period_dialog.py" line="+28"/>
        <source>签名并导出</source>
        <translation>Sign and export</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>保存到(&amp;T)：</source>
        <translation>Save &amp;to: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>口令(&amp;P)：</source>
        <translation>&amp;Passphrase: </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>已签名、写入并验证通过：
{path}
证书指纹：{fp}</source>
        <translation>Signed, written and verified:
{path}
Certificate fingerprint: {fp}</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/problem_dialog.py" line="-485"/>
        <source>发现 {n} 处</source>
        <translation>{n} found</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>新增问题</source>
        <translation>New problem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>问题 #{id}（已销号）</source>
        <translation>Problem #{id} (closed out)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编辑问题 #{id}</source>
        <translation>Edit problem #{id}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（不关联检查表）</source>
        <translation>(no checklist)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{title} · {period}</source>
        <translation>{title} · {period}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title}（不指定期次）</source>
        <translation>{title} (no period)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关联(&amp;L)：</source>
        <translation>&amp;Linked to:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>发现了什么问题，在哪里，涉及谁</source>
        <translation>What the problem is, where, and who is involved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题描述(&amp;D)：</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>群众、家长反映的问题填写反映人；学校自查发现的不填</source>
        <translation>For a problem reported by a parent or the public, who reported it; leave empty when the school found it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人(&amp;R)：</source>
        <translation>&amp;Reported by: </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>补录纸质台账时，改为问题当初提出的日期（不晚于今天）</source>
        <translation>When entering an old paper ledger, set the day the problem was raised (not after today)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提出日期(&amp;I)：</source>
        <translation>Ra&amp;ised on:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>怎样整改，做到什么程度</source>
        <translation>How it will be fixed, and to what standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改措施(&amp;M)：</source>
        <translation>&amp;Measures:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>责任人(&amp;O)：</source>
        <translation>&amp;Owner:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>责任部门(&amp;P)：</source>
        <translation>De&amp;partment:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>设定期限(&amp;T)</source>
        <translation>Se&amp;t deadline</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>默认 30 天后，且不晚于本学期结束</source>
        <translation>30 days from now by default, and no later than the end of the term</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>整改期限：</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>状态(&amp;U)：</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已于 {day} 由 {who} 验收销号。整改证据：{evidence}</source>
        <translation>Accepted and closed out by {who} on {day}. Evidence: {evidence}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>加减分项</source>
        <translation>Bonus and deduction items</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>来源：{title} · {period} · {section} 第 {n} 项</source>
        <translation>Source: {title} · {period} · {section}, item {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>检查要求（供参考）：{text}</source>
        <translation>Requirement (for reference): {text}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>自查结果：{result}</source>
        <translation>Self-inspection result: {result}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>注意：该检查项已有问题 {ids}</source>
        <translation>Note: this item already has problems {ids}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>请填写问题描述。</source>
        <translation>Fill in the problem description.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>整改期限不能早于今天（{today}），请重新选择。</source>
        <translation>The deadline cannot be earlier than today ({today}); choose another date.</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+14"/>
        <source>整改期限不能早于问题提出日期（{day}）。</source>
        <translation>The deadline cannot be earlier than the day the problem was raised ({day}).</translation>
    </message>
</context>
<context>
    <name>ProblemEvidencePanel</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/evidence_panel.py" line="+69"/>
        <source>整改前后的佐证材料（双击打开）</source>
        <translation>Evidence before and after rectification (double-click to open)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>添加的材料是整改前（发现问题时）还是整改后（整改完成后）的</source>
        <translation>Whether the files added show the problem before rectification (as found) or after it (the fix)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料阶段</source>
        <translation>Evidence phase</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{phase} · {name}（{size} KB）</source>
        <translation>{phase} · {name} ({size} KB)</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/task_dialog.py" line="+126"/>
        <source>记录进展</source>
        <translation>Record progress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{title}（现在 {percent}%）</source>
        <translation>{title} (now {percent}%)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>这次做了什么</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>可选：照片、扫描件等</source>
        <translation>Optional: a photo, a scan, …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>完成(&amp;P)：</source>
        <translation>&amp;Percent done: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>进展说明(&amp;N)：</source>
        <translation>&amp;Note: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期(&amp;D)：</source>
        <translation>&amp;Date: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>佐证材料(&amp;E)：</source>
        <translation>&amp;Evidence: </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>选择佐证材料</source>
        <translation>Choose the evidence</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>找不到这个文件，或它不是普通文件：{name}</source>
        <translation>This file cannot be found, or is not a regular file: {name}</translation>
    </message>
</context>
<context>
    <name>RaiseFromClueDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/clue_dialog.py" line="+22"/>
        <source>据线索 #{id} 登记整改问题</source>
        <translation>Raise a problem from clue #{id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核查{finding}的线索登记为整改台账中的问题，销号时须做到“四不放过”。</source>
        <translation>A clue found “{finding}” becomes a problem in the rectification ledger; closing it out follows the “four not-let-go” rule.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>问题描述(&amp;D)：</source>
        <translation>&amp;Description: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整改措施(&amp;M)：</source>
        <translation>&amp;Measure: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>责任人(&amp;O)：</source>
        <translation>&amp;Owner: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>责任部门(&amp;P)：</source>
        <translation>De&amp;partment: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记问题</source>
        <translation>Raise problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题描述</source>
        <translation>description</translation>
    </message>
</context>
<context>
    <name>ReportTextDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/report_text_dialog.py" line="+37"/>
        <location line="+97"/>
        <location line="+17"/>
        <location line="+17"/>
        <source>报告正文</source>
        <translation>Report text</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>默认：检查表的发布单位</source>
        <translation>Default: the checklist&apos;s issuing bureau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可不填，如：城关一小〔2026〕12号</source>
        <translation>Optional, e.g. School No. 1 [2026] 12</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>主送(&amp;A)：</source>
        <translation>&amp;Addressee: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>发文字号(&amp;N)：</source>
        <translation>Document &amp;number: </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>恢复为按数据生成的正文(&amp;R)</source>
        <translation>&amp;Restore the text written from the data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>已恢复上次未保存的正文（上次关闭前输入，尚未保存）。核对后请点“保存”；不要它，请点“关闭”，在询问时选择不保存。</source>
        <translation>The unsaved text from last time was restored (typed before the dialog last went away, never saved). Check it and click Save; to drop it, click Close and choose not to save when asked.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>这是校长修改过的正文。</source>
        <translation>This is the text as the principal edited it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正文按自查数据生成，可直接修改：一段一行；“一、”“（一）”开头的行是标题。保存后，下次导出的报告使用这份正文。</source>
        <translation>The text is written from the inspection&apos;s data; edit it here: one paragraph a line; lines that start with a heading number are headings. Once saved, the next export prints it.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正文不能为空；要用按数据生成的正文，请点“恢复”。</source>
        <translation>The text cannot be empty; to use the text written from the data, click Restore.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>放弃修改过的正文，改用按自查数据生成的正文？</source>
        <translation>Drop the edited text and use the one written from the data?</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正文有未保存的修改。保存吗？</source>
        <translation>The text has unsaved changes. Save them?</translation>
    </message>
</context>
<context>
    <name>ReviewItemEditor</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/review_editor.py" line="+37"/>
        <source>填写督查情况后按回车保存</source>
        <translation>Type the finding and press Enter to save</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>说明（可不填），按回车与督查情况一起保存</source>
        <translation>Note (optional); Enter saves it with the finding</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>发现的问题，按回车记下</source>
        <translation>A problem found; Enter writes it down</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>学校自查：</source>
        <translation>School&apos;s own check:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>此前督查：</source>
        <translation>Earlier reviews:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查情况：</source>
        <translation>Finding:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现问题：</source>
        <translation>Problems found:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>在左边的列表中选一项：数字键选督查情况，回车填写说明。</source>
        <translation>Choose an item in the list on the left: a number key picks the finding, Enter goes to the note.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>检查方法：{method}</source>
        <translation>Method: {method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料提示：{evidence}</source>
        <translation>Evidence: {evidence}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/review_page.py" line="+45"/>
        <source>选择保存督查意见的文件夹（U盘）</source>
        <translation>Choose the folder (USB stick) for the review</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>督查层级</source>
        <translation>Review level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查层级：</source>
        <translation>Review level:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>督查人员</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查人员（多人用顿号分隔）：</source>
        <translation>Reviewers (separate names with 、):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>签名口令</source>
        <translation>Signing passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本单位签名口令：</source>
        <translation>The unit&apos;s signing passphrase:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>期次</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>督查一份报告(&amp;N)…</source>
        <translation>&amp;New review of a report…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>载入督查情况文件(&amp;L)…</source>
        <translation>&amp;Load review answers…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签名导出督查意见(&amp;X)…</source>
        <translation>Sign and e&amp;xport the review…</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>未导出</source>
        <translation>Not exported</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>还没有督查。点“督查一份报告…”，选择学校签名的自查报告和该校的证书。</source>
        <translation>No reviews yet. Click “New review of a report…” and choose the school&apos;s signed report and the school&apos;s certificate.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>检查内容</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>自查情况 · 自评</source>
        <translation>Own result · score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>此前督查</source>
        <translation>Earlier reviews</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查情况 · 督评</source>
        <translation>Review result · score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>发现</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>未查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>检查方法：{method}</source>
        <translation>Method: {method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料提示：{evidence}</source>
        <translation>Evidence: {evidence}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学校的说明：{note}</source>
        <translation>The school&apos;s note: {note}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{school}&#x3000;自评 {a} / {m} 分（{ga}）&#x3000;督评 {b} / {m} 分（{gb}）&#x3000;与自评不符 {n} 项</source>
        <translation>{school}: own score {a} / {m} ({ga}), review score {b} / {m} ({gb}), {n} item(s) worse than the own result</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>选择学校签名的自查报告（PDF）</source>
        <translation>Choose the school&apos;s signed report (PDF)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>自查报告 (*.pdf)</source>
        <translation>Reports (*.pdf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择该校的证书（.pem）</source>
        <translation>Choose the school&apos;s certificate (.pem)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>证书 (*.pem *.crt)</source>
        <translation>Certificates (*.pem *.crt)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>不能开始督查</source>
        <translation>Cannot start the review</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+34"/>
        <source>督查情况未保存</source>
        <translation>Review answers not saved</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>发现的问题未保存</source>
        <translation>The problem found was not saved</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选择督查情况文件（JSON）</source>
        <translation>Choose the review answers file (JSON)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>督查情况 (*.json)</source>
        <translation>Review answers (*.json)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>已导出并签名：{path}</source>
        <translation>Exported and signed: {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查意见未导出</source>
        <translation>Review not exported</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <location filename="../../selfcheck/gui/pages/review_tab.py" line="+32"/>
        <source>选择督查意见文件（PDF）</source>
        <translation>Choose the review file (PDF)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查意见 (*.pdf)</source>
        <translation>Reviews (*.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择督查单位的证书（.pem）</source>
        <translation>Choose the reviewing unit&apos;s certificate (.pem)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>证书 (*.pem *.crt)</source>
        <translation>Certificates (*.pem *.crt)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>导入督查意见(&amp;I)…</source>
        <translation>&amp;Import a review…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>检查内容</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>自查情况 / 自评</source>
        <translation>Own result / score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查情况 / 督评（{level}）</source>
        <translation>Review result / score ({level})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未答</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>未查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>尚未收到督查意见。收到学区或教育局的督查意见文件后，点“导入督查意见…”。</source>
        <translation>No review received yet. When a review file from the district or the bureau arrives, click “Import a review…”.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>自评 {points} / {max} 分（{grade}）</source>
        <translation>Own score {points} / {max} ({grade})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{level}督评（{unit}）：{points} / {max} 分（{grade}），与自评不符 {n} 项</source>
        <translation>{level} review ({unit}): {points} / {max} ({grade}), {n} item(s) worse than the own result</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>督查意见未导入</source>
        <translation>Review not imported</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已导入{unit}的{level}督查意见。新记入整改台账的问题 {n} 个。</source>
        <translation>Imported the {level} review by {unit}. {n} new problem(s) entered in the rectification ledger.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>督查意见已导入</source>
        <translation>Review imported</translation>
    </message>
</context>
<context>
    <name>SchoolData</name>
    <message>
        <location filename="../../selfcheck/gui/school_data.py" line="+27"/>
        <source>选择备份到的文件夹（U盘）</source>
        <translation>Choose the folder to back up to (USB stick)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学校自查备份 (selfcheck-backup-*.zip *.zip)</source>
        <translation>selfcheck backups (selfcheck-backup-*.zip *.zip)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>导出加密密钥</source>
        <translation>Export encrypted key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>加密的私钥 (*.pem)</source>
        <translation>Encrypted private key (*.pem)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>已备份到：
{path}

数据库和 {n} 个材料文件，写入后已读回核对无误。签名私钥在备份中仍由口令加密。</source>
        <translation>Backed up to:
{path}

The database and {n} evidence files, read back and checked after writing. The signing key stays encrypted under the passphrase in the backup.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>注意：这个文件夹与数据在同一块硬盘上，电脑损坏时会一起丢失。请再备份到U盘或其他电脑。</source>
        <translation>Note: this folder is on the same disk as the data and would be lost with it if the PC breaks. Back up to a USB stick or another PC as well.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>备份完成</source>
        <translation>Backup done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>备份未完成</source>
        <translation>Backup not done</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>无法使用这个备份</source>
        <translation>This backup cannot be used</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>备份文件：{file}
学校：{school}（{code}）
备份时间：{at}
材料文件：{n} 个</source>
        <translation>Backup file: {file}
School: {school} ({code})
Made: {at}
Evidence files: {n}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（未设置）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>恢复会用备份替换本机的全部数据。恢复前会先把当前数据（数据库、材料和设置）另存为一个备份文件，放在数据文件夹的 backups 中。</source>
        <translation>Restoring replaces all the data on this PC with the backup&apos;s. The current data (database, evidence and settings) is first saved as a backup file in the data folder&apos;s backups.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>注意：备份属于另一所学校，本机现在是“{name}”（{code}）。</source>
        <translation>Note: the backup belongs to another school; this PC now holds &quot;{name}&quot; ({code}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确定恢复吗？</source>
        <translation>Restore it?</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>恢复未完成</source>
        <translation>Restore not done</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>恢复完成</source>
        <translation>Restore done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已从备份恢复“{school}”的数据（备份时间 {at}）。</source>
        <translation>The data of &quot;{school}&quot; was restored from the backup (made {at}).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>从备份恢复(&amp;R)…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>导出未完成</source>
        <translation>Export not done</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已导出加密密钥</source>
        <translation>Encrypted key exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已导出到：
{path}

私钥仍由口令加密；在新电脑上签名仍需原口令。请把它和口令分开保管。</source>
        <translation>Exported to:
{path}

The private key stays encrypted under the passphrase; signing on a new PC still needs it. Keep the file and the passphrase apart.</translation>
    </message>
</context>
<context>
    <name>SchoolForm</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/setup_wizard.py" line="-165"/>
        <source>学校名称(&amp;M) *</source>
        <translation>School na&amp;me *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校代码(&amp;D) *</source>
        <translation>School co&amp;de *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校长(&amp;P) *</source>
        <translation>&amp;Principal *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址(&amp;A)</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>本校已有签名密钥，证书中含有学校代码，因此不能再修改</source>
        <translation>The school already has a signing key whose certificate contains the school code, so the code can no longer be changed</translation>
    </message>
</context>
<context>
    <name>SchoolPage</name>
    <message>
        <location line="+20"/>
        <source>学校信息</source>
        <translation>School profile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这些信息会印在自查报告上。带 * 的为必填项。</source>
        <translation>This information is printed on inspection reports. Fields marked * are required.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>例如：城关第一小学</source>
        <translation>For example: Chengguan No. 1 Primary School</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局分配的学校代码，例如 3412345678</source>
        <translation>The school code assigned by the education bureau, such as 3412345678</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/settings_dialog.py" line="+38"/>
        <source>导出证书</source>
        <translation>Export certificate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证书 (*.pem)</source>
        <translation>Certificate (*.pem)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学校信息(&amp;I)</source>
        <translation>School &amp;info</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名与公章(&amp;G)</source>
        <translation>Si&amp;gnature and seal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签名密钥(&amp;K)</source>
        <translation>Signing &amp;key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>界面(&amp;J)</source>
        <translation>I&amp;nterface</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>保存签名(&amp;V)</source>
        <translation>Sa&amp;ve signature</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存公章(&amp;T)</source>
        <translation>Save &amp;the seal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>校长签名</source>
        <translation>Principal&apos;s signature</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校公章</source>
        <translation>School seal</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>导出证书(&amp;E)…</source>
        <translation>&amp;Export certificate…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>证书指纹（SHA-256），教育局核对用：</source>
        <translation>Certificate fingerprint (SHA-256), for the education bureau to compare:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>教育局签发的证书(&amp;A)…</source>
        <translation>Certificate from the bure&amp;au…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>本校还没有签名密钥。</source>
        <translation>The school has no signing key yet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>创建密钥(&amp;C)</source>
        <translation>&amp;Create key</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>界面语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>证书属于：{name}（学校代码 {code}）</source>
        <translation>Certificate holder: {name} (school code {code})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>签发：{issuer}</source>
        <translation>Issued by: {issuer}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签发：本校自签名</source>
        <translation>Issued by: the school itself (self-signed)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>签名</source>
        <translation>signature</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>公章</source>
        <translation>seal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请先手写或载入{what}图片。</source>
        <translation>Draw or load the {what} image first.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{what}已保存，之后导出的报告会使用新图片。</source>
        <translation>The {what} has been saved; reports exported from now on use the new image.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>已创建签名密钥。请导出证书交给教育局。</source>
        <translation>Signing key created. Export the certificate and give it to the education bureau.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name}-签名证书.pem</source>
        <translation>{name}-signing-certificate.pem</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在写入 {path}…</source>
        <translation>Writing {path}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已导出证书：{path}
请交给教育局，并请对方核对上面的指纹。</source>
        <translation>Certificate exported: {path}
Give it to the education bureau and ask them to compare the fingerprint above.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>证书未导出。</source>
        <translation>The certificate was not exported.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已装入教育局签发的证书；上面是新的指纹。</source>
        <translation>Installed the certificate issued by the bureau; the fingerprint above is the new one.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已保存。重新启动 selfcheck 后生效。</source>
        <translation>Saved. Takes effect when selfcheck is restarted.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/setup_wizard.py" line="-121"/>
        <source>学校名称</source>
        <translation>School name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校代码</source>
        <translation>School code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校长</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写：{fields}</source>
        <translation>Please fill in: {fields}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>学校名称最多 {n} 个字符</source>
        <translation>The school name can have at most {n} characters</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>学校代码只能包含英文字母、数字和常用符号（不能有汉字或全角字符）</source>
        <translation>The school code may contain only Latin letters, digits and common symbols (no Chinese or full-width characters)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>重复的字符太多，很容易被猜到</source>
        <translation>Too many repeated characters; easy to guess</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只用了一种字符（例如全是数字）；请加长到 12 个字符以上，或混用字母、数字和符号</source>
        <translation>Only one kind of character (such as all digits); use 12 or more characters, or mix letters, digits and symbols</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>长度和字符种类都足够</source>
        <translation>Long and varied enough</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可以使用；更长一些、混用字母、数字和符号会更安全</source>
        <translation>Acceptable; longer, with letters, digits and symbols mixed, is safer</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>签名密钥给导出的自查报告加上电子签名，教育局凭它确认报告出自本校、没有被改动。密钥保存在本机，用口令加密。</source>
        <translation>The signing key puts an electronic signature on exported inspection reports, so the education bureau can confirm a report comes from this school unchanged. The key stays on this computer, encrypted with a passphrase.</translation>
    </message>
    <message>
        <location line="+194"/>
        <source>selfcheck 初次设置</source>
        <translation>selfcheck first-time setup</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成(&amp;F)</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已手写</source>
        <translation>drawn by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已载入图片</source>
        <translation>image loaded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>沿用已保存的图片</source>
        <translation>keeping the saved image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂不设置（可以以后在“设置”中添加）</source>
        <translation>not now (can be added later under &quot;Settings&quot;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>学校名称：{v}</source>
        <translation>School name: {v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校代码：{v}</source>
        <translation>School code: {v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校长：{v}</source>
        <translation>Principal: {v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址：{v}</source>
        <translation>Address: {v}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（未填）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校长签名：{v}</source>
        <translation>Principal&apos;s signature: {v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校公章：{v}</source>
        <translation>School seal: {v}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>签名密钥：本校已有，不会更改</source>
        <translation>Signing key: the school already has one; it will not change</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签名密钥：点“完成”后创建，约需一两秒</source>
        <translation>Signing key: created when you click &quot;Finish&quot;; takes a second or two</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成后，请在“设置 → 签名密钥”中导出证书，交给教育局。</source>
        <translation>Afterwards, export the certificate under &quot;Settings → Signing key&quot; and give it to the education bureau.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>已保存学校信息。正在创建签名密钥，请稍候…</source>
        <translation>School profile saved. Creating the signing key, please wait…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>学校信息和图片已保存，但签名密钥未能创建。可以再点“完成”重试。</source>
        <translation>The school profile and images were saved, but the signing key could not be created. Click &quot;Finish&quot; to try again.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/shortcuts_dialog.py" line="+40"/>
        <source>逐项填写</source>
        <translation>Filling in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>整改台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>教育局汇总</source>
        <translation>Bureau summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>汇总与导出</source>
        <translation>Summary and export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开的自查</source>
        <translation>The open inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题线索</source>
        <translation>Clues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任清单</source>
        <translation>Responsibility list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作节奏</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+58"/>
        <source>所有页面</source>
        <translation>Everywhere</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+1"/>
        <source>下一项</source>
        <translation>Next item</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>上一项</source>
        <translation>Previous item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找检查项</source>
        <translation>Find an item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找问题</source>
        <translation>Find a problem</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>选择第 {n} 个结果（选项）</source>
        <translation>Choose result (option) {n}</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>选择第 1–9 个结果（选项）</source>
        <translation>Choose result (option) 1–9</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>作用</source>
        <translation>What it does</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在哪里</source>
        <translation>Where</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/signature_pad.py" line="+79"/>
        <source>签名板</source>
        <translation>Signature pad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按住鼠标左键书写；Ctrl+Z 撤销一笔</source>
        <translation>Hold the left mouse button to write; Ctrl+Z undoes a stroke</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>请在此处按住鼠标左键签名</source>
        <translation>Hold the left button and sign here</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>（尚未选择图片）</source>
        <translation>(no image chosen yet)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>选择签名图片(&amp;O)…</source>
        <translation>Ch&amp;oose signature image…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去除白色背景(&amp;W)</source>
        <translation>Remove &amp;white background</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择公章图片(&amp;E)…</source>
        <translation>Choos&amp;e seal image…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去除白色背景(&amp;H)</source>
        <translation>Remove w&amp;hite background</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>把扫描件上接近白色的纸面变为透明，并裁去四周空白</source>
        <translation>Make the near-white paper of the scan transparent and crop the blank margins</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>支持 PNG、JPG；过大的扫描件会自动缩小。</source>
        <translation>PNG or JPEG; large scans are scaled down automatically.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>撤销一笔(&amp;U)</source>
        <translation>&amp;Undo stroke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>清除(&amp;R)</source>
        <translation>Clea&amp;r</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>用鼠标手写(&amp;D)</source>
        <translation>&amp;Draw with the mouse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>载入扫描图片(&amp;L)</source>
        <translation>&amp;Load a scan</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>当前已保存的图片；可以选择新的文件替换。</source>
        <translation>The image saved now; choose a new file to replace it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>这张图片带有白色底色，盖在报告上会遮住学校名称和日期。勾选“去除白色背景”后保存即可修正，无需重新扫描。</source>
        <translation>This image has a white background: stamped on the report it would hide the school name and the date. Tick “Remove white background” and save to fix it; no new scan is needed.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>选择签名图片</source>
        <translation>Choose signature image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择公章图片</source>
        <translation>Choose seal image</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>当前已保存的图片</source>
        <translation>The image saved now</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已去除白色背景；请保存以使用新图片。</source>
        <translation>White background removed; save to use the new image.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>正在读取 {name}…</source>
        <translation>Reading {name}…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已载入：{name}（{w}×{h} 像素）</source>
        <translation>Loaded: {name} ({w}×{h} pixels)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未能载入图片，请选择其他文件。</source>
        <translation>Could not load the image; choose another file.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未能载入新图片；仍使用之前的图片。</source>
        <translation>Could not load the new image; the previous one is still used.</translation>
    </message>
</context>
<context>
    <name>SignedExportDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/signed_export.py" line="+43"/>
        <source>U盘：</source>
        <translation>USB drive: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>签名密钥口令</source>
        <translation>Signing key passphrase</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>签名并导出(&amp;S)</source>
        <translation>&amp;Sign and export</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>还没有签名密钥：请在“设置 → 签名密钥”中创建。</source>
        <translation>There is no signing key yet: create one under &quot;Settings → Signing key&quot;.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>选择保存的文件夹</source>
        <translation>Choose the folder to save in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在生成、签名并验证……</source>
        <translation>Generating, signing and verifying…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>请选择保存位置。</source>
        <translation>Choose where to save.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请输入签名口令。</source>
        <translation>Enter the signing passphrase.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/summary_page.py" line="+49"/>
        <source>得分：</source>
        <translation>Score:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等次：</source>
        <translation>Grade:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>各部分得分</source>
        <translation>Scores by section</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未完成（双击转到该项）</source>
        <translation>Not yet done (double-click to go to the item)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>标记完成(&amp;D)</source>
        <translation>Mark as &amp;done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签名并导出报告(&amp;X)…</source>
        <translation>Sign and e&amp;xport report…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>（{percent}%）</source>
        <translation>({percent}%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（尚无）</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已答 {a} / {n} 项</source>
        <translation>{a} of {n} items answered</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>加分 {b}</source>
        <translation>bonus {b}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扣分 {d}</source>
        <translation>deduction {d}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一票否决：{items}</source>
        <translation>vetoed by: {items}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已答 {a}/{n}</source>
        <translation>{a}/{n} answered</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未作答：{t}</source>
        <translation>Unanswered: {t}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>缺少必填说明：{t}</source>
        <translation>Required note missing: {t}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>尚未完成 {n} 项（双击转到该项）</source>
        <translation>Not yet done: {n} (double-click to go to the item)</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>全部必答项已完成</source>
        <translation>All required items are done</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>已签名导出（第 {n} 版）。</source>
        <translation>Signed and exported (revision {n}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已标记完成，可以签名导出。</source>
        <translation>Marked as complete; ready to sign and export.</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/task_dialog.py" line="-114"/>
        <source>建立责任清单任务</source>
        <translation>Set a responsibility-list task</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>为问题建立任务</source>
        <translation>Set a task for a problem</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>任务(&amp;T)：</source>
        <translation>&amp;Task: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成标准(&amp;S)：</source>
        <translation>&amp;Standard: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任人(&amp;O)：</source>
        <translation>&amp;Owner: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任部门(&amp;D)：</source>
        <translation>&amp;Department: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成时限(&amp;L)：</source>
        <translation>Dead&amp;line: </translation>
    </message>
    <message>
        <location line="-38"/>
        <source>保存(&amp;V)</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>落实问题 #{id}：{text}</source>
        <translation>For problem #{id}: {text}</translation>
    </message>
</context>
<context>
    <name>TasksModel</name>
    <message>
        <location filename="../../selfcheck/gui/models/tasks_model.py" line="+23"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>，停滞</source>
        <translation>, stalled</translation>
    </message>
</context>
<context>
    <name>TasksNote</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/due_panel.py" line="+30"/>
        <source>{title}（问题 #{problem}，{state}）</source>
        <translation>{title} (problem #{problem}, {state})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{title}（{state}）</source>
        <translation>{title} ({state})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>等 {n} 项</source>
        <translation> and others, {n} in all</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>责任清单：{late} 项任务逾期，{stalled} 项 30 天以上无进展（见“责任清单”）。</source>
        <translation>Responsibility list: {late} task(s) overdue, {stalled} without progress for 30 days or more (see &quot;Responsibility list&quot;).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>需督办：{names}{more}</source>
        <translation> To follow up: {names}{more}.</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../selfcheck/gui/pages/tasks_page.py" line="+46"/>
        <source>只看逾期和停滞(&amp;Y)</source>
        <translation>Overdue and stalled onl&amp;y</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>责任清单</source>
        <translation>Responsibility list</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+6"/>
        <location line="+66"/>
        <source>进展记录</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>双击带材料的进展，打开它的佐证材料</source>
        <translation>Double-click an entry with evidence to open its evidence file</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>建立任务(&amp;N)…</source>
        <translation>&amp;New task…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录进展(&amp;P)…</source>
        <translation>Record &amp;progress…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>共 {n} 项任务，已完成 {done} 项；逾期 {late} 项，30 天以上无进展 {stalled} 项。</source>
        <translation>{n} tasks, {done} done; {late} overdue, {stalled} without progress for 30 days or more.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>还没有任务。点“建立任务”，或在整改台账中为问题建立任务：定标准、定责任、定时间、定进度。</source>
        <translation>No tasks yet. Click &quot;New task&quot;, or set one for a problem in the rectification ledger: a standard, an owner, a deadline, progress.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>进展记录：{title}（标准：{standard}）</source>
        <translation>Progress: {title} (standard: {standard})</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（材料：{name}）</source>
        <translation> (evidence: {name})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>还没有进展记录。</source>
        <translation>No progress recorded yet.</translation>
    </message>
</context>
<context>
    <name>TrustKeyDialog</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/import_dialog.py" line="+54"/>
        <source>信任教育局公钥</source>
        <translation>Trust education bureau key</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>只有经过信任的教育局公钥签名的检查表才能直接安装。请把下面的指纹与教育局公布的指纹（通知文件、电话或公告栏）逐段核对，完全一致才信任。</source>
        <translation>Only checklists signed with a trusted education bureau key install directly. Compare the fingerprint below, group by group, with the one the bureau published (notice, phone call or notice board), and trust the key only if they are identical.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>公钥文件：{path}</source>
        <translation>Key file: {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>公钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>如：某某县教育局</source>
        <translation>Such as: X County Education Bureau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>我已核对，指纹与教育局公布的完全一致(&amp;M)</source>
        <translation>I co&amp;mpared it: it matches the bureau&apos;s exactly</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>信任此公钥(&amp;T)</source>
        <translation>&amp;Trust this key</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UnraisedBanner</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/unraised_banner.py" line="+22"/>
        <source>查看这些项(&amp;Q)</source>
        <translation>See these &amp;items</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部提出整改问题(&amp;R)</source>
        <translation>&amp;Raise them all</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>为每一项提出一个整改问题，描述为检查内容加该项的说明；之后可在整改台账中补充措施、责任人和期限</source>
        <translation>Raise one problem for each item, described by its requirement and its note; add measures, owners and deadlines later in the rectification ledger</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>有 {n} 项结果需要整改，但还没有提出整改问题：不提出，报告的问题清单和整改台账中就没有它们。</source>
        <translation>{n} results call for rectification but have no problem raised: unless raised, they are not in the report’s problem list or in the ledger.</translation>
    </message>
</context>
<context>
    <name>_ClueForm</name>
    <message>
        <location filename="../../selfcheck/gui/dialogs/clue_dialog.py" line="-192"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>还需填写：{fields}</source>
        <translation>Still to fill in: {fields}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../selfcheck/gui/app.py" line="+64"/>
        <source>学校自查</source>
        <translation>School Self-Inspection</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库无法打开，也没有可用的备份。

{reason}

数据文件夹：{folder}
请联系技术支持；不要删除这个文件夹。</source>
        <translation>The database cannot be opened and there is no usable backup.

{reason}

Data folder: {folder}
Contact technical support; do not delete this folder.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>数据库无法打开</source>
        <translation>The database cannot be opened</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库无法打开：{reason}

是否恢复 {stamp} 的备份？
损坏的数据库会改名保留在数据文件夹中，不会删除。</source>
        <translation>The database cannot be opened: {reason}

Restore the backup of {stamp}?
The damaged database is renamed and kept in the data folder, not deleted.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已恢复备份</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已恢复 {stamp} 的备份。损坏的数据库保存为：
{kept}</source>
        <translation>The backup of {stamp} was restored. The damaged database was kept as:
{kept}</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>学校自查已在运行</source>
        <translation>School Self-Inspection is already running</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>学校自查已经打开了（进程 {pid}）。请切换到已打开的窗口；同一时间只能打开一个。</source>
        <translation>School Self-Inspection is already open (process {pid}). Switch to the open window; only one can run at a time.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>无法打开这次自查</source>
        <translation>Cannot open this inspection</translation>
    </message>
</context>
<context>
    <name>drives</name>
    <message>
        <location filename="../../selfcheck/gui/widgets/drives.py" line="+47"/>
        <source>{name}（{root}，可用 {free} MB）</source>
        <translation>{name} ({root}, {free} MB free)</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../selfcheck/gui/ops.py" line="+66"/>
        <source>内部错误，操作未完成（已保存的数据不受影响）。详情已写入 {path}，请发给技术支持。</source>
        <translation>Internal error: the operation did not complete (data already saved is not affected). The details were written to {path}; please send it to technical support.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>操作未完成</source>
        <translation>Operation not completed</translation>
    </message>
</context>
</TS>
