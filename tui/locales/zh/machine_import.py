"""导入设备清单（保有量表）的中文文本：命令行、导入窗口和未导入的原因。"""

MESSAGES: dict[str, str] = {
    "fleet.serial": "编号 {serial}",
    "machine.field.serial": "序列号（出厂编号）",
    "machine.placeholder.serial": "铭牌上的出厂编号",
    "cli.help.kind": "文件里是什么：客户（leads）、设备（machines），或按表头判断（auto，默认）",
    "import.summary.machines": "设备：新增 {new} · 更新 {merged} · 已存在 {unchanged} · 跳过 {skipped}",
    "import.summary.machine_list": "{file} 按设备清单读取（品牌、型号那几列算设备的；车主是客户）",
    "import.kind": "文件内容：",
    "import.kind.auto": "按表头判断",
    "import.kind.leads": "客户",
    "import.kind.machines": "设备清单",
    "import.reason.neither": "既不是客户（没有姓名或电话）也不是设备（没有品牌或型号）",
    "import.reason.no_brand": "有设备但没有品牌",
    "import.reason.no_model": "有设备但没有型号",
    "import.reason.owner_ambiguous": (
        "看板上有好几个叫“{value}”的客户，分不清是哪一个；请补上车主的电话或公司"
    ),
    "import.reason.machine_year": "出厂年份看不懂，应写成 2018 或 2018年（{value}）",
    "import.reason.machine_number": "不是数字（{value}）",
    "import.reason.machine_status": "状态看不懂，应为在用、闲置、待售、可置换或报废（{value}）",
    "import.reason.machine_required": "缺少{value}",
    "import.reason.machine_year_future": "出厂年份还没到（{value}）",
    "import.reason.machine_year_old": "出厂年份太早，不会是挖掘机（{value}）",
    "import.reason.machine_hours_range": "小时数应在 0 到 200,000 之间（{value}）",
    "import.reason.machine_tonnes_range": "吨位应大于 0，最多 1,000 吨（{value}）",
    "import.reason.machine_day_future": "日期还没到（{value}）",
    "import.reason.machine_seen_order": "最近见到早于首次见到（{value}）",
    "import.reason.machine_hours_down": "小时数比这台设备已有的读数少，小时表不会倒走（{value}）",
}
