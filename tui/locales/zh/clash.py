"""单个客户的命令行、多人同时改动的冲突、在文件和服务器之间复制客户库的中文文本。"""

MESSAGES: dict[str, str] = {
    "cli.help.lead": "查看或修改一个客户（供脚本使用）",
    "cli.help.lead_show": "客户的各项内容（脚本用 --json）",
    "cli.help.lead_set": "修改字段：lead set ID intent=4 credit=good phones=13812345678",
    "cli.help.lead_move": "把客户放进象限 Q（1-4），评级改动最小",
    "lead.id": "编号",
    "lead.yes": "是",
    "lead.no": "否",
    "lead.saved": "已保存：客户 {id} {name}。",
    "lead.error.quadrant": "象限只有 1、2、3、4，没有 {value}。",
    "lead.error.field": "{pair}：请写成 字段=值，字段可用：{fields}。",
    "lead.error.value": "{field}：{value} 不合适。{why}什么都没有保存。",
    "lead.error.rule.yes_no": "请填 是 或 否。",
    "lead.error.rule.choice": "不在客户表单提供的选项里。",
    "lead.error.lost": "丢单要在看板上标记（表单会问原因和输给了谁）；什么都没有保存。",
    "binding.board.again": "重做我的改动",
    "clash.theirs": "{rep} 在 {at} 改了客户 {id} 的{fields}",
    "clash.merged": "{theirs}。你改的（{mine}）是别的字段：两边的改动都已保存。",
    "clash.offer": "没有保存：{theirs}。客户已按对方的改动显示；按 r 把你的改动（{mine}）再做一次。",
    "clash.undo_refused": "没有撤销：{theirs}，在你之后。对方的改动保留。",
}
