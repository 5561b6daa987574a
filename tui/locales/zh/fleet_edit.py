"""修改、删除客户机队中设备的中文文字。"""

MESSAGES: dict[str, str] = {
    "binding.board.fleet": "机队",
    "help.key.board.fleet": "客户的机队：修改或删除一台设备，或再添一台",
    "binding.fleet.edit": "修改",
    "help.key.fleet.edit": "修改光标所在的设备（回车也可以）",
    "binding.fleet.remove": "删除",
    "help.key.fleet.remove": "删除光标所在的设备，删除前会先确认",
    "binding.fleet.add": "添加设备",
    "binding.fleet.close": "关闭",
    "binding.market.add_machine": "添加设备",
    "help.key.market.add_machine": "添加一台不知道机主的设备",
    "fleet.title": "{name} 的机队",
    "fleet.hint": "回车或 e 修改设备，d 删除，m 添加；回到看板按 u 可撤销。",
    "fleet.empty": "还没有设备：按 m 添加。",
    "fleet.remove.title": "把这台设备从机队普查中删除？",
    "fleet.remove.hint": "只在设备根本不存在或重复录入时删除；卖掉或报废的设备最好改状态。回到看板按 u 可以恢复。",
    "machine.title.edit_owned": "{name} 的设备：{machine}",
    "machine.title.edit_seen": "{machine}，机主不明",
}
