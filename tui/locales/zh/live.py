"""团队客户库实时同步的中文文本：别的销售的改动，服务器断开与恢复。"""

MESSAGES: dict[str, str] = {
    "live.bar.away": "连不上服务器：显示的是断开前的客户库",
    "live.lost": (
        "和 {path} 的服务器断开了（{detail}）。看板保持原样；"
        "在恢复连接之前，改动都不会保存。正在自动重连。"
    ),
    "live.back": "已重新连上服务器：断开期间别的销售的改动都已显示。",
    "live.refused": "没有保存：连不上 {path} 的服务器。这次改动一点也没有留下；恢复连接会自动进行。",
    "live.unreadable": "服务器传来的一项改动读不出来（{detail}）；请重新打开看板。",
    "history.line_by": "{at}  {rep}  {field}：{old} → {new}",
}
