"""机队普查的中文文本：设备、设备表单及其检查。"""

MESSAGES: dict[str, str] = {
    "change.add_machine": "新增设备",
    "change.edit_machine": "修改设备",
    "change.remove_machine": "删除设备",
    "check.record.machines": "设备",
    "check.fault.no_owner": "其机主（客户 {lead}）不存在",
}
