"""团队客户库上的分级会话：整理队列时其他销售员做出的决定的中文文本。"""

MESSAGES: dict[str, str] = {
    "binding.session.again": "重做我的改动",
    "session.others.current": "{rep} 刚改了{name}：已按最新内容显示。",
    "session.others.gone": "{rep} 把你正在看的客户移出了你的范围：转到下一个。",
    "session.others.dropped": "{reps} 已经处理了后面的 {count} 个客户：已移出你的队列。",
    "session.others.someone": "另一位销售员",
}
