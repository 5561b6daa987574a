"""团队客户库里谁能看、谁能改的中文文本。"""

MESSAGES: dict[str, str] = {
    "cli.help.team_add": "让一位销售加入团队客户库（由建库的人运行）",
    "cli.help.team_rep": "这位销售的数据库用户名",
    "cli.help.team_manager": "团队的销售经理：能看到所有客户，并负责分配",
    "team.error.not_server_add": (
        "team add 要用在服务器上：请给出 --db postgresql://用户@主机/数据库"
        "（或设置 LEADBOARD_DB）。"
    ),
    "team.add.rep": "{rep} 已是 {path} 团队的销售：能看到自己的客户和公海。",
    "team.add.manager": "{rep} 已是 {path} 团队的销售经理：能看到所有客户。",
    "team.add.existed": "（这个用户原来就有；密码和登录方式保持不变。）",
    "cli.help.assign": "把一个客户或某位销售的全部客户交给另一位销售（经理专用）",
    "cli.help.assign_lead": "客户编号",
    "cli.help.assign_rep": "交给哪位销售；- 表示放回公海",
    "cli.help.assign_from": "交出这位销售的全部客户",
    "cli.help.assign_to": "交给这位销售；- 表示放回公海",
    "assign.error.how": "请给出客户和销售（assign 12 wang），或者 --from 销售 --to 销售。",
    "assign.error.not_server": "只有团队客户库才能分配客户：请给出 --db postgresql://…（文件是一个人用的）。",
    "assign.done": "客户 {id}（{name}）现在归 {rep}。",
    "assign.already": "客户 {id}（{name}）本来就归 {rep}；没有改动。",
    "assign.handed_over": "{old} 的 {count} 个客户现在归 {rep}。",
    "assign.pool": "公海",
    "assign.title": "把 {name}（现在归：{owner}）交给哪位销售？",
    "assign.placeholder": "销售的用户名，或输入 - 放回公海",
    "binding.board.assign": "分配",
    "binding.assign.cancel": "取消",
    "change.assign": "分配客户",
    "change.hand_over": "交接客户",
    "field.owner": "负责销售",
    "error.not_yours": "没有保存：{table} {item_id} 归别的销售，你不能改。什么都没有改动。",
    "error.not_yours.leads": "没有保存：客户 {item_id} 归别的销售，你不能改。什么都没有改动。",
    "error.not_allowed": "不允许：只有团队的销售经理才能这样做。",
    "error.not_allowed.assign": "不允许：只有团队的销售经理才能分配客户。",
    "error.not_in_team": "{name} 不是这个团队的销售（用 leadboard team add 添加）。",
}
