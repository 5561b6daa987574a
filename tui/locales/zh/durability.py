"""检查和恢复数据文件的中文文本。"""

MESSAGES: dict[str, str] = {
    "cli.help.check": "检查数据文件：能否解析、记录、引用和改动日志",
    "cli.help.restore": "用保留的备份替换数据文件",
    "cli.help.backup": "第几个备份：1 是最新的（默认 1）",
    "cli.help.list_backups": "列出保留的备份后退出",
    "check.missing": "{path} 不存在或不是文件。",
    "cli.error.os": "无法使用 {path}：{detail}。",
    "check.ok": "{path}：正常 —— {leads} 个客户，{contacts} 次接触，改动日志 {entries} 条。",
    "check.failed": "{path}：发现 {count} 个问题；文件没有被改动。",
    "check.unreadable": "无法读取 {path}（{reason}：{detail}）。",
    "check.bad_record": "损坏的记录：{table} {id}（{detail}）。",
    "check.missing_follow_up": "接触 {id} 指向的跟进接触 {follow_up} 不存在。",
    "check.torn_journal": "改动日志末尾在第 {offset} 字节处有一行没写完（保存时崩溃）；"
                          "下次打开时会丢弃这一行，已确认的改动不会丢失。",
    "restore.none": "{path} 没有保留的备份。",
    "restore.item": "{number}：{when}（{size} 字节）",
    "restore.aside": "已移到一边：{path}",
    "restore.done": "已用备份 {backup} 恢复 {path}。",
    "error.not_found.backup": "没有这个编号的备份；请看 leadboard restore --list。",
    "cli.help.settings": "查看或修改这个文件的设置",
    "cli.help.threshold": "评分达到 T 及以上算强（2-5，默认 3）",
    "cli.help.review_days": "超过 N 天未复核算作近期未复核（默认 30）",
    "cli.error.threshold": "--threshold 必须在 2 到 5 之间",
    "cli.error.review_days": "--review-days 至少为 1",
    "settings.show": "评分 {threshold} 及以上算强；{review_days} 天后需要复核；接触间隔（天）：{cadence}",
}
