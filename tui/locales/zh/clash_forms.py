"""表单保存时与其他销售的改动冲突：中文文本。"""

MESSAGES: dict[str, str] = {
    "clash.theirs.contacts": "{rep} 在 {at} 改了联系计划 {id} 的{fields}",
    "error.not_yours.contacts": "没有保存：联系计划 {item_id} 不归你改（它的客户现在属于别的销售）。什么都没有改。",
    "clash.theirs.machines": "{rep} 在 {at} 改了设备 {id} 的{fields}",
    "binding.fleet.again": "重做我的改动",
    "binding.form.again": "重做我的改动",
    # 冲突提示里联系计划的字段名。
    "field.at": "时间",
    "field.place": "地点",
    "field.method": "方式",
    "field.purpose": "目的",
    "field.duration_min": "时长",
    "field.checklist": "准备事项",
    "field.follow_up_id": "后续跟进",
}
