"""搜索相关文字：搜索栏、保存的视图、命令面板、`leadboard search`。"""

MESSAGES: dict[str, str] = {
    "search.placeholder": "搜索：姓名、拼音（zs）、电话，或筛选条件如 象限:1 地区:临沂",
    "search.count": "找到 {count} 位客户 · 回车跳转 · ctrl+s 存为视图 · esc 清除",
    "search.none": "没有找到客户",
    "search.indexing": "正在为 {count} 位客户准备搜索…",
    "search.tray": "待评级",
    "search.view.title": "把这次搜索存为视图",
    "search.view.placeholder": "视图名称",
    "search.view.saved": "已存为视图“{name}”",
    "search.view.nothing": "先输入搜索内容，再存为视图。",
    "search.view.none": "  还没有保存的视图：先搜索，再按 ctrl+s。",
    "search.help": (
        "  输入姓名、公司、地区、备注或标签的任意一段；姓名或公司的拼音，全拼或首字母\n"
        "  都行（zhangsan、zhang san、zs、zhangs）；或电话号码中的几位数字。\n"
        "  打错一两个字母也能找到（wangwie 能找到王伟）。\n"
        "  排序：姓名完全相同、姓名开头相同、拼音或首字母完全相同、拼音开头相同、\n"
        "  其他位置出现，最后是相近的；同分时按看板顺序。\n"
        "  筛选条件（英文名也可以），可与关键词一起用：\n"
        "    象限:1  象限:1,2  (q:)      象限；象限:0 是待评级\n"
        "    地区:临沂  (region:)        省或市\n"
        "    来源:介绍  (source:)        走访 朋友 老用户 机手 集中地 同行 展会 其他\n"
        "    信誉:好  (credit:)          好 未知 差\n"
        "    工程:有  (project:)         有无工程\n"
        "    项目:沂河  (project:)       参与该名称（或拼音）项目的客户（P 关联）\n"
        "    阶段:探询  (stage:)         寻找 分析 接触 探询 推介 异议 成交 售后\n"
        "    状态:成交  (status:)        跟进中 已成交 已流失 暂停 全部（默认：跟进中）\n"
        "    意向>=4  (intent>=4)        也可用 <、<=、=、>；资金<3 (funding<3)\n"
        "    逾期  (overdue)             下次接触已过期\n"
        "    无计划  (nonext)            没有安排下次接触\n"
        "    品牌:小松  (brand:)         拥有该品牌设备的客户（也认 komatsu、卡特彼勒）\n"
        "    机队>=3  (fleet>=3)         拥有 3 台及以上设备；还有 机龄>=8 (age>=8) 年、\n"
        "                               小时>=10000 (hours>=10000)\n"
    ),
    "help.search": "搜索（ / ）",
    "help.views": "保存的视图（命令面板 ctrl+p 里也有）",
    "palette.placeholder": "输入客户、操作或视图…",
    "palette.themes": "选择配色…",
    "system.theme": "配色",
    "system.theme_help": "更换界面的颜色",
    "system.quit": "退出",
    "system.quit_help": "关闭客户看板；所有改动都已保存",
    "palette.lead_help": "跳到这位客户",
    "palette.view": "视图：{name}（{query}）",
    "palette.delete_view": "删除视图：{name}",
    "palette.view_help": "按这个视图筛选看板",
    "palette.delete_view_help": "删除这个保存的视图，其中的客户不受影响（按 u 可撤销）",
    "palette.no_matches": "没有匹配的结果",
    "binding.board.search": "搜索",
    "binding.board.clear_search": "清除搜索",
    "binding.search.close": "清除并关闭",
    "binding.search.next": "下一个结果",
    "binding.search.previous": "上一个结果",
    "binding.search.save_view": "存为视图",
    "binding.view_name.cancel": "取消",
    "change.save_view": "保存视图",
    "change.delete_view": "删除视图",
    "error.bad_query": "看不懂筛选条件“{token}”。",
    "error.bad_query.unknown_field": "没有“{token}”这种筛选条件（按 ? 查看全部）。",
    "error.bad_query.empty_value": "筛选条件“{token}”缺少值。",
    "error.bad_query.bad_value": "筛选条件“{token}”的值无法识别。",
    "error.bad_query.bad_operator": "筛选条件“{token}”只能用冒号（不能用 <、>）。",
    "cli.help.search": "按匹配程度列出搜索到的客户",
    "cli.help.query": "搜索内容，筛选写法与看板相同（留空则列出全部客户）",
    "cli.help.limit": "最多列出 N 条",
    "cli.help.json": "以 JSON 数组输出",
    "cli.error.limit": "--limit 至少为 1",
    "cli.search.none": "没有找到客户。",
}
