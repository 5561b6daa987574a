"""导出市场信息（`export --intel`）的中文文字。"""

MESSAGES: dict[str, str] = {
    "cli.help.export_intel": (
        "不导出计划，改为导出市场信息（leadboard.intel/1：设备、竞争对手、网点、"
        "工程项目、市场信息记录、丢单），仅 JSON 格式"),
    "cli.help.export_region": "与 --intel 一起用：只导出一个省或市（中文或拼音）",
    "cli.error.intel_format": "--intel 只能导出 JSON，不能导出 {format}；去掉 --format 或写 --format json",
    "cli.error.intel_period": "--intel 导出全部市场信息；{options} 是用来选择计划时段的",
    "cli.error.region_without_intel": "--region 用来选择市场信息的地区，请与 --intel 一起使用",
    "export.intel_written": (
        "已把 {machines} 台设备、{competitors} 个竞争对手、{outlets} 个网点、"
        "{projects} 个工程项目、{intel} 条市场信息和 {lost_deals} 个丢单写入 {path}"),
}
