"""导入客户（命令行和看板里的导入窗口）的中文文本。"""

MESSAGES: dict[str, str] = {
    "change.import": "导入",
    "binding.board.import": "导入",
    "binding.import.close": "关闭",
    # 命令行
    "cli.help.import": "从 CSV、Excel（.xlsx）或手机通讯录（.vcf）导入客户和设备清单",
    "cli.help.import_files": "要导入的文件",
    "cli.help.format": "文件格式（默认按文件内容判断）",
    "cli.help.sheet": "要读的 Excel 工作表（默认第一个）",
    "cli.help.on_duplicate": "已有的客户：合并（默认）、跳过，或另建一个新客户",
    "cli.help.dry_run": "只显示导入结果，不保存",
    "cli.help.rejects": "未导入的行写到哪里（默认：原文件旁的 文件名-rejects.csv）",
    "import.progress": "正在导入… {percent}%（{rows} 行）",
    "import.error.rejects": (
        "无法写入未导入行文件 {path}（{detail}），本次没有导入任何内容。可以用 --rejects 指定别的位置。"
    ),
    # 结果
    "import.summary.files": "{files}：共读取 {rows} 行",
    "import.summary.counts": (
        "新增 {new} · 合并 {merged} · 已存在 {unchanged} · 跳过 {skipped} · 未导入 {rejected}"
    ),
    "import.summary.flag": "{file} 第 {line} 行：“{value}”不是电话号码，已放在“其他列”里",
    "import.summary.more": "……还有 {count} 条",
    "import.summary.unknown": "{file}：这些列放在“其他列”里保留：{columns}",
    "import.summary.reject": "{file} 第 {line} 行未导入：{reason}",
    "import.summary.rejects_written": "未导入的行已写入 {path}",
    "import.summary.dry_run": "试运行：没有保存任何内容。",
    "import.reason.no_name_or_phone": "没有姓名也没有电话",
    "import.reason.total": "这是合计行，不是客户（{value}）",
    "import.reason.grade": "评级看不懂，应为 1-5 或强/较强/一般/较弱/弱（{value}）",
    "import.reason.credit": "信誉看不懂，应为好/一般/差/未知（{value}）",
    "import.reason.separator": "；",
    "import.reason.phone": "不是电话号码（{value}）",
    "import.rejects.file": "文件",
    "import.rejects.line": "行号",
    "import.rejects.reason": "原因",
    # 导入窗口
    "import.title": "导入客户和设备",
    "import.path_label": "文件（CSV、Excel .xlsx 或通讯录 .vcf），多个文件用 ; 隔开",
    "import.path_placeholder": "~/Downloads/客户.xlsx",
    "import.start": "导入",
    "import.close": "关闭",
    "import.running": "正在导入…",
    "import.no_path": "请输入要导入的文件路径。",
    "import.saved": "✓ 导入完成。按 u 可以撤销整次导入。",
    "import.nothing_changed": "没有新内容：每一行都已经在看板上了。",
    "import.nothing.no_rows": "没有导入任何内容：表头下面没有数据行。",
    "import.nothing.all_rejected": (
        "没有导入任何内容：{rejected} 行全部未导入，请在未导入行文件里改正后再导入那个文件。"
    ),
    "import.nothing.some_rejected": "没有新内容：{rejected} 行未导入，其余 {rest} 行已经在看板上了。",
    "import.on_duplicate": "已有的客户：",
    "import.duplicate.merge": "合并（补全空白）",
    "import.duplicate.skip": "跳过",
    "import.duplicate.new": "另建新客户",
    "import.dry_run": "试运行（不保存）",
    # 无法导入的文件
    "error.import_failed": "无法导入 {path}，本次没有导入任何内容。",
    "error.import_failed.missing": "{path} 不存在，本次没有导入任何内容。",
    "error.import_failed.directory": "{path} 是文件夹，不是文件，本次没有导入任何内容。",
    "error.import_failed.permission": "没有权限读取 {path}，本次没有导入任何内容。",
    "error.import_failed.empty": "{path} 是空文件，本次没有导入任何内容。",
    "error.import_failed.binary": "{path} 不是文本、Excel 或通讯录文件，本次没有导入任何内容。",
    "error.import_failed.mixed_encoding": (
        "{path} 第 {detail} 行有既不是 UTF-8 也不是 GBK 的字符（文件混用了编码）；"
        "请改正这一行，或把文件另存为 CSV UTF-8 后再导入。本次没有导入任何内容。"
    ),
    "error.import_failed.web_page": (
        "{path} 其实是网页（HTML 或 XML），不是 Excel 工作簿（哪怕扩展名是 .xls）。"
        "请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。本次没有导入任何内容。"
    ),
    "error.import_failed.encrypted": (
        "{path} 设了密码。请另存一份不带密码的再导入。本次没有导入任何内容。"
    ),
    "error.import_failed.protected": (
        "{path} 被文档加密（防泄密）系统加密了，不是设了密码。请在能打开它的电脑上另存一份"
        "不加密的文件，或请人重新导出一份。本次没有导入任何内容。"
    ),
    "error.import_failed.xls": (
        "{path} 是旧版 Excel（.xls）文件。请用 Excel 或 WPS 打开，另存为 .xlsx 后再导入。"
        "本次没有导入任何内容。"
    ),
    "error.import_failed.not_xlsx": "{path} 不是能读取的 .xlsx 工作簿，本次没有导入任何内容。",
    "error.import_failed.no_sheet": "{path} 里没有这个工作表（现有：{detail}），本次没有导入任何内容。",
    "error.import_failed.no_header": (
        "{path}：前几行里找不到带姓名或电话列的表头，本次没有导入任何内容。"
    ),
    "error.import_failed.no_header_book": (
        "{path}：没有一个工作表的前几行里有带姓名或电话列的表头（工作表：{detail}），"
        "本次没有导入任何内容。"
    ),
    "error.import_failed.no_header_sheet": (
        "{path}：工作表 {detail} 里找不到带姓名或电话列的表头，请用 --sheet 指定要读的工作表。"
        "本次没有导入任何内容。"
    ),
    "error.import_failed.not_vcard": "{path} 里没有联系人（缺少 BEGIN:VCARD），本次没有导入任何内容。",
    "error.import_failed.format": "{path}：不认识的格式 {detail}，本次没有导入任何内容。",
    "error.import_failed.damaged": "{path} 无法读取（{detail}），本次没有导入任何内容。",
    "error.import_failed.too_big": (
        "{path} 有 {detail} MB，超过了导入能读的 256 MB；请分成几个小文件再导入。本次没有导入任何内容。"
    ),
    "error.import_failed.too_expanded": (
        "{path} 解压后有 {detail} MB，或压缩得远比正常工作簿紧；导入最多读 256 MB。"
        "本次没有导入任何内容。"
    ),
    "error.import_failed.cell_too_long": (
        "{path} 第 {detail} 行有一个单元格超过 131072 个字符，请删短后再导入。本次没有导入任何内容。"
    ),
    "error.import_failed.too_many_columns": (
        "{path} 第 {detail} 行超过 1000 列，本次没有导入任何内容。"
    ),
    "error.import_failed.unclosed_quote": (
        "{path} 第 {detail} 行的引号（\"）没有闭合，后面的每一行都会被读进同一个单元格；"
        "请补上引号后再导入。本次没有导入任何内容。"
    ),
}
