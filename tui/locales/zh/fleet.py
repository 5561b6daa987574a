"""机队普查的中文文本：设备、设备表单及其检查。"""

MESSAGES: dict[str, str] = {
    "cli.help.own_brand": "本品牌（三一、SANY 等）：设备的统计把本品牌与其他品牌分开",
    "cli.error.own_brand": "请写出本品牌的名称，例如 --own-brand 三一。",
    "settings.own_brand": "本品牌：{brand}",
    "settings.own_brand.none": "未设置（leadboard settings --own-brand 三一）",
    "change.add_machine": "新增设备",
    "change.edit_machine": "修改设备",
    "change.remove_machine": "删除设备",
    "check.record.machines": "设备",
    "check.fault.no_owner": "其机主（客户 {lead}）不存在",
}
