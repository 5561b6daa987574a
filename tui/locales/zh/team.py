"""团队共用的客户库（PostgreSQL 服务器）的中文文本。"""

MESSAGES: dict[str, str] = {
    "cli.help.team": "团队在 PostgreSQL 服务器上共用的客户库",
    "cli.help.team_init": "在一个空数据库里建好客户库的表（--db postgresql://…）",
    "team.error.not_server": (
        "team init 要用在服务器上：请给出 --db postgresql://用户@主机/数据库"
        "（或设置 LEADBOARD_DB）。"
    ),
    "team.init.done": (
        "{path}：客户库已建好（结构版本 {schema}）。每位销售用自己的用户名，"
        "以 leadboard --db 加上这个地址打开它。"
    ),
    "error.no_server": "连不上 {path} 上的客户库：{detail}",
    "error.server_failed": "没有保存：{path} 的服务器拒绝了这次改动（{detail}）。这次改动一点也没有留下，请再试一次。",
    "error.changed_since": (
        "没有保存：你打开之后，别人已经改过这条记录（{table} {item_id}）。"
        "谁的改动都没有被覆盖。"
    ),
    "error.changed_since.leads": "没有保存：你打开之后，别人已经改过客户 {item_id}。谁的改动都没有被覆盖。",
    "error.changed_since.contacts": "没有保存：你打开之后，别人已经改过接触 {item_id}。谁的改动都没有被覆盖。",
    "error.unreadable_file.no_base": "{path} 里还没有客户库：请先用同样的 --db 运行 leadboard team init。",
    "error.unreadable_file.base_exists": "{path} 里已经有客户库了；什么都没有改。",
    "error.unreadable_file.older_schema": (
        "{path} 里的客户库结构较旧（{detail}）；以可写方式打开一次，就会自动升级。"
    ),
    "check.reason.no_base": "这个数据库里没有客户库（leadboard team init 可以建一个）",
    "check.reason.older_schema": "结构版本较旧（{detail}），以可写方式打开时会自动升级",
    "check.reason.base_exists": "里面已经有客户库了",
    "check.ok_server": "{path}：正常 —— 结构版本 {schema}，{leads} 个客户，{contacts} 次接触，改动记录 {entries} 条。",
    "check.failed_server": "{path}：发现 {count} 个问题；服务器上的数据没有被改动。",
    "restore.server": (
        "{path} 是服务器上的客户库：Leadboard 不为它保留备份。"
        "请管理服务器的人用服务器自己的备份来恢复。"
    ),
}
