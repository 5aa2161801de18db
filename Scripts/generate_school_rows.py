#!/usr/bin/env python3
"""Generate the compulsory-education school rows of nine district fixtures.

Yuexiu (440104) and Conghua (440117) list their schools by hand. The other nine districts had no
`schools:` list, so `backbone-teacher-coverage` was `missing` for them and for the city. This script
appends a `schools:` list to each of those nine submissions, in the same inline style as Yuexiu's,
at the very end of the file; everything above it stays byte-identical.

The rows are made up but realistic: school counts follow district size and stay below each
district's `moral_education.primary_schools` / `moral_education.secondary_schools` (those totals
also count senior high, vocational and special schools), names follow Guangzhou's naming habits,
codes are the district code followed by a four-digit sequence, and every row meets
`backbone_teachers * 100 >= students`, several of them exactly on the line.

Deterministic: each district has its own fixed seed; nothing depends on time or hash order.
Running it again replaces the generated list with the same bytes.

    python3 Scripts/generate_school_rows.py            # rewrite the nine submissions
    python3 Scripts/generate_school_rows.py --check    # exit 1 if a file is not up to date
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys

SEED = 20250704

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUBMISSIONS = os.path.join(TOP, "Fixtures", "submissions", "2025")

STAGES = ("primary", "junior_secondary", "nine_year", "complete_secondary", "twelve_year")
CN_DIGITS = "零一二三四五六七八九"

# Shared pools for private schools' names (made up; no real-world claim intended).
BRANDS = [
    "博雅", "华英", "启明", "明德", "育英", "英豪", "嘉德", "德爱", "南华", "新世纪",
    "思源", "致远", "睿思", "君华", "锦绣", "翰林", "育贤", "雅正", "修远",
    "英才", "弘文", "卓越", "博思", "立德", "行知", "崇文", "求实", "华睿", "金晖",
]
PRIVATE_SUFFIX = {
    "primary": ["小学", "实验小学", "外国语小学"],
    "junior_secondary": ["中学", "实验中学"],
    "nine_year": ["学校", "实验学校", "外国语学校"],
    "complete_secondary": ["中学"],
    "twelve_year": ["外国语学校", "国际学校", "实验学校"],
}

# Per district: name, counts per stage, private share, and name pools.
#   places:  streets, roads and neighbourhoods -> "<区><place>小学", "<区><place>中学", ...
#   towns:   towns and sub-districts with villages -> "<区><town>中心小学", "<区><town><village>小学"
DISTRICTS = [
    {
        "code": "440103", "slug": "liwan", "name": "荔湾区",
        "stages": {"primary": 46, "junior_secondary": 16, "nine_year": 7, "complete_secondary": 3, "twelve_year": 2},
        "private": 9, "students": (500, 2600),
        "places": ["沙面", "岭南", "华林", "多宝", "昌华", "逢源", "龙津", "金花", "彩虹", "西村", "南源", "站前",
                   "桥中", "白鹤洞", "冲口", "花地", "石围塘", "茶滘", "东漖", "海龙", "东沙", "中南", "芳村",
                   "康王路", "西华路", "荔湾路", "环市西路", "陈家祠", "宝华路", "恩宁路", "多宝路",
                   "西关", "鹤洞", "坦尾", "如意坊", "悦涛", "葵蓬", "聚龙", "花蕾", "芦荻西", "山村", "隆平",
                   "沙洛", "塞坝口", "醉观", "浣花", "西塱", "秀水", "五眼桥"],
        "towns": [],
    },
    {
        "code": "440105", "slug": "haizhu", "name": "海珠区",
        "stages": {"primary": 72, "junior_secondary": 25, "nine_year": 11, "complete_secondary": 4, "twelve_year": 2},
        "private": 14, "students": (500, 2800),
        "places": ["赤岗", "新港", "昌岗", "江南中", "滨江", "素社", "海幢", "南华西", "龙凤", "沙园", "南石头",
                   "凤阳", "瑞宝", "江海", "琶洲", "南洲", "华洲", "官洲", "宝岗", "晓港", "客村", "赤沙", "土华",
                   "小洲", "仑头", "新滘", "石溪", "蟠龙", "聚德", "革新路", "怡乐路", "逸景", "前进路", "工业大道",
                   "万松园", "宝玉直", "福场路", "南武", "同福", "洪德", "晓园", "珠江帆影", "金碧", "东晓南",
                   "鹭江", "康乐", "大江冲", "龙潭", "北山", "黄埔村", "石岗", "桂田", "东风", "敦和", "燕子岗",
                   "叠景", "五凤", "大塘", "红卫", "下渡", "泰沙", "后乐园", "龙田", "江泰", "大干围", "联星",
                   "沥滘", "三滘", "瑞康", "新村", "西基", "宝业路", "纺织路", "海联", "昌岗东路", "逸翠湾"],
        "towns": [],
    },
    {
        "code": "440106", "slug": "tianhe", "name": "天河区",
        "stages": {"primary": 86, "junior_secondary": 28, "nine_year": 14, "complete_secondary": 5, "twelve_year": 3},
        "private": 18, "students": (600, 3000),
        "places": ["五山", "员村", "车陂", "沙河", "石牌", "沙东", "天河南", "林和", "兴华", "棠下", "天园", "冼村",
                   "猎德", "元岗", "黄村", "龙洞", "长兴", "凤凰", "前进", "珠吉", "新塘", "华阳", "体育东", "华景",
                   "东圃", "岑村", "柯木塱", "渔沙坦", "银河", "龙口", "棠德", "天府路", "华融", "旭景", "骏景",
                   "汇景", "金燕", "昌乐", "泰安", "高塘", "龙口西", "天河北", "沙太", "长湴", "华港", "水荫",
                   "天荣", "岭南", "五一", "天英", "御景", "骏景南", "珠村", "吉山", "天润",
                   "东方", "体育西", "华成", "天平架", "车陂东", "新都", "沐陂", "龙岗", "黄村东", "奥体",
                   "侨乐", "天晖", "花城", "天骏", "龙怡", "华南", "翠湖", "汇华", "冼村东", "猎桥",
                   "石东", "昌盛", "宦溪", "渔兴", "长兴东", "火炉山", "凤凰岗", "天誉", "华新", "珠江新城",
                   "金穗", "中山大道", "濂泉", "东成", "盈彩"],
        "towns": [],
    },
    {
        "code": "440111", "slug": "baiyun", "name": "白云区",
        "stages": {"primary": 108, "junior_secondary": 36, "nine_year": 15, "complete_secondary": 5, "twelve_year": 4},
        "private": 24, "students": (300, 2800),
        "places": ["三元里", "松洲", "景泰", "同德", "黄石", "棠景", "新市", "同和", "京溪", "永平", "金沙",
                   "嘉禾", "均禾", "鹤龙", "白云湖", "石门", "云城", "龙归", "大源", "萧岗", "夏茅", "机场路",
                   "广园", "远景", "黄园", "棠下", "新科", "云苑", "云景", "聚龙", "鹤边", "大朗",
                   "罗冲围", "槎龙", "石马", "潭村", "横滘", "新石", "螺涌", "马务", "彭边", "沙涌", "上步",
                   "望岗", "长红", "黄边", "白云新城", "金碧", "柯子岭"],
        "towns": [
            ("太和镇", ["穗丰", "大沥", "沙亭", "头陂", "南村", "营溪", "谢家庄", "和龙", "田心", "北村", "米龙", "草塘"]),
            ("钟落潭镇", ["竹料", "马沥", "寮采", "良田", "陈洞", "长沙埔", "白沙", "茅山", "金盆", "五龙岗", "登塘", "乌溪"]),
            ("江高镇", ["神山", "大田", "南岗", "泉溪", "罗溪", "双岗", "勤星", "水沥", "蓼江", "何布", "长岗", "叶边"]),
            ("人和镇", ["鸦湖", "秀水", "矮岗", "凤和", "横沥", "高增", "汉塘", "西成", "蚌湖", "明星", "东华", "岗尾"]),
            ("石井街", ["庆丰", "红星", "张村", "鸦岗", "潭岗", "朝阳", "滘心", "小坪"]),
            ("龙归街", ["南岭", "夏良", "永兴", "龙河", "鹤亭"]),
        ],
    },
    {
        "code": "440112", "slug": "huangpu", "name": "黄埔区",
        "stages": {"primary": 57, "junior_secondary": 20, "nine_year": 10, "complete_secondary": 3, "twelve_year": 2},
        "private": 12, "students": (400, 2800),
        "places": ["黄埔", "红山", "鱼珠", "大沙", "文冲", "穗东", "南岗", "长洲", "夏港", "萝岗", "联和", "永和",
                   "云埔", "长岭", "东区", "香雪", "开创", "科学城", "知识城", "玉岩", "暹岗", "姬堂", "笔岗",
                   "横沙", "沧联", "双沙", "下沙", "荔联", "怡园", "丰乐", "港湾", "茅岗", "石化", "庙头",
                   "南湾", "青年路", "水西", "天鹿", "岭头", "新庄"],
        "towns": [
            ("九龙镇", ["镇龙", "福洞", "九佛", "凤尾", "汤村", "洋田", "木强", "新兴"]),
            ("新龙镇", ["长平", "麦村", "福山", "迳头", "金坑", "大田"]),
        ],
    },
    {
        "code": "440113", "slug": "panyu", "name": "番禺区",
        "stages": {"primary": 102, "junior_secondary": 34, "nine_year": 14, "complete_secondary": 6, "twelve_year": 4},
        "private": 22, "students": (300, 2800),
        "places": ["市桥", "沙头", "东环", "桥南", "小谷围", "德兴", "西丽", "北城", "东城", "丹山", "沙墟",
                   "大北", "易发", "富丽", "平康", "星海", "广博", "清河", "福景", "大平", "兴业", "中华",
                   "实验路", "洛溪", "丽江", "华南", "汀根", "横江", "傍西", "南阳里", "沙圩", "平康东"],
        "towns": [
            ("大石街", ["会江", "植村", "礼村", "诜敦", "大山", "冼村", "北联", "石北"]),
            ("洛浦街", ["厦滘", "沙溪", "上漖", "南浦", "西三", "东乡"]),
            ("钟村街", ["谢村", "汉溪", "诜村", "胜石", "屏山", "石壁"]),
            ("南村镇", ["坑头", "里仁洞", "板桥", "员岗", "樟边", "塘步东", "梅山", "陈边"]),
            ("化龙镇", ["潭山", "明经", "莲塘", "水门", "眉山", "草堂", "复苏"]),
            ("石楼镇", ["大岭", "赤山东", "潮田", "海鸥", "清流", "茭塘", "官桥"]),
            ("沙湾街", ["古坝", "紫坭", "三善", "龙湾", "南村", "西村"]),
            ("石碁镇", ["金山", "前锋", "凌边", "傍江", "大龙", "新桥", "官涌", "沙涌"]),
            ("新造镇", ["秀发", "思贤", "曾边", "北约"]),
            ("大龙街", ["傍江东", "新水坑", "茶东", "罗家"]),
        ],
    },
    {
        "code": "440114", "slug": "huadu", "name": "花都区",
        "stages": {"primary": 66, "junior_secondary": 22, "nine_year": 9, "complete_secondary": 3, "twelve_year": 2},
        "private": 13, "students": (300, 2600),
        "places": ["新华", "新雅", "秀全", "花城", "云山", "松园", "三华", "大华", "圆玄", "龙珠", "凤凰北",
                   "天贵", "公益", "建设北", "新街", "田美", "骏威", "乐同", "九潭", "曙光"],
        "towns": [
            ("狮岭镇", ["振兴", "马岭", "合成", "芙蓉", "旗新", "益群", "军田", "联合", "冯村"]),
            ("炭步镇", ["鸭湖", "大涡", "藏书院", "石湖", "文岗", "步云", "三联"]),
            ("赤坭镇", ["瑞岭", "剑岭", "蓝田", "竹洞", "莲塘", "白坭"]),
            ("花东镇", ["七星", "北兴", "联安", "李溪", "推广", "九湖", "杨二"]),
            ("梯面镇", ["红山", "横坑"]),
            ("花山镇", ["两龙", "东方", "平山", "小布", "洛场", "儒林"]),
            ("新雅街", ["清布", "广塘", "石塘"]),
            ("秀全街", ["大布", "楼星", "水岭"]),
        ],
    },
    {
        "code": "440115", "slug": "nansha", "name": "南沙区",
        "stages": {"primary": 41, "junior_secondary": 14, "nine_year": 7, "complete_secondary": 2, "twelve_year": 2},
        "private": 8, "students": (300, 2600),
        "places": ["南沙", "金隆", "蕉门", "金洲", "滨海", "海滨", "明珠湾", "灵山岛", "蒲州", "大角山"],
        "towns": [
            ("南沙街", ["塘坑", "东井", "板头", "鹿颈"]),
            ("珠江街", ["龙穴", "新安", "珠电"]),
            ("黄阁镇", ["麒麟", "莲溪", "乌洲", "大塘", "小虎"]),
            ("横沥镇", ["冯马", "新兴", "义沙"]),
            ("万顷沙镇", ["红海", "沙尾", "联合", "新垦"]),
            ("东涌镇", ["石排", "鱼窝头", "庆盛", "太石", "大稳", "细沥"]),
            ("大岗镇", ["潭洲", "灵山", "新联", "豪岗", "庙贝"]),
            ("榄核镇", ["大生", "湴湄", "蔡新", "八沙"]),
        ],
    },
    {
        "code": "440118", "slug": "zengcheng", "name": "增城区",
        "stages": {"primary": 68, "junior_secondary": 23, "nine_year": 9, "complete_secondary": 4, "twelve_year": 2},
        "private": 14, "students": (300, 2800),
        "places": ["荔城", "增江", "荔湖", "宁西", "挂绿", "凤凰", "富鹏", "夏街", "西园", "东桥", "雁塔",
                   "朱村", "永宁", "新康", "白水寨"],
        "towns": [
            ("新塘镇", ["瓜岭", "甘涌", "白江", "沙埔", "大敦", "西洲", "群星", "新街", "上邵", "久裕"]),
            ("石滩镇", ["三江", "沙庄", "麻车", "岗贝", "元洲", "下围"]),
            ("中新镇", ["福和", "坑贝", "莲塘", "中新", "九和"]),
            ("派潭镇", ["高滩", "车洞", "灵山", "邓村", "小迳"]),
            ("正果镇", ["兰溪", "何屋", "畲族"]),
            ("小楼镇", ["二龙", "西境", "腊布"]),
            ("仙村镇", ["碧潭", "西南", "沙头"]),
            ("永宁街", ["简村", "塔岗", "长岗"]),
            ("朱村街", ["凤岗", "山田", "横塱"]),
        ],
    },
]


def cn_number(n):
    """1..99 in Chinese numerals: 3 -> 三, 12 -> 十二, 21 -> 二十一."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + ("" if ones == 0 else CN_DIGITS[ones])


class Namer:
    """Unique school names for one district, drawn from shuffled pools; the commoner forms first."""

    def __init__(self, district, rng):
        self.d = district["name"]
        self.rng = rng
        self.used = set()
        places = list(district["places"])
        towns = district["towns"]
        town_names = [t for t, _ in towns]

        def pool(*tiers):
            """One list to pop from: the first tier comes out first, each tier in shuffled order."""
            out = []
            for tier in reversed(tiers):
                tier = list(tier)
                rng.shuffle(tier)
                out += tier
            return out

        self.pools = {
            "primary": pool(
                [f"{p}小学" for p in places] + [f"{t}中心小学" for t in town_names]
                + [f"{t}{v}小学" for t, villages in towns for v in villages]
                + ["实验小学", "第二实验小学", "外国语小学"],
                [f"{p}第二小学" for p in places] + [f"{t}第二小学" for t in town_names]),
            "junior_secondary": pool(
                [f"第{cn_number(i)}中学" for i in range(1, 13)] + [f"{p}中学" for p in places]
                + [f"{t.rstrip('镇街')}中学" for t in town_names],
                [f"{t}{v}中学" for t, villages in towns for v in villages[:2]]
                + [f"第{cn_number(i)}中学" for i in range(13, 41)]),
            "nine_year": pool(
                [f"{p}学校" for p in places] + [f"{t}{v}学校" for t, villages in towns for v in villages]
                + [f"{t}中心学校" for t in town_names],
                [f"{p}实验学校" for p in places]),
            "complete_secondary": pool(
                [f"第{cn_number(i)}中学" for i in range(1, 9)],
                [f"{p}中学" for p in places]),
            "twelve_year": pool([f"{p}实验学校" for p in places] + [f"{p}外国语学校" for p in places]),
        }
        self.brands = list(BRANDS)
        rng.shuffle(self.brands)

    def take(self, pool):
        while pool:
            name = self.d + pool.pop()
            if name not in self.used:
                self.used.add(name)
                return name
        raise SystemExit(f"{self.d}: ran out of school names")

    def public(self, stage):
        return self.take(self.pools[stage])

    def private(self, stage):
        for brand in list(self.brands):
            for suffix in self.rng.sample(PRIVATE_SUFFIX[stage], len(PRIVATE_SUFFIX[stage])):
                name = f"{self.d}{brand}{suffix}"
                if name not in self.used:
                    self.used.add(name)
                    self.brands.remove(brand)
                    return name
        raise SystemExit(f"{self.d}: ran out of private school names")


def private_stages(district, rng):
    """Which rows are private: every twelve-year school, about 40% of nine-year schools, the rest
    primary with one or two junior secondary schools."""
    stages = district["stages"]
    total = district["private"]
    picks = {s: 0 for s in STAGES}
    picks["twelve_year"] = stages["twelve_year"]
    picks["nine_year"] = min(stages["nine_year"], round(stages["nine_year"] * 0.4))
    picks["junior_secondary"] = 1 + rng.randrange(2)
    picks["primary"] = total - sum(picks.values())
    if picks["primary"] < 0 or picks["primary"] > stages["primary"] // 4:
        raise SystemExit(f"{district['name']}: private share does not fit the stage counts")
    return picks


STUDENT_RANGES = {
    "primary": (0.0, 0.85),
    "junior_secondary": (0.25, 0.9),
    "nine_year": (0.35, 1.0),
    "complete_secondary": (0.6, 1.0),
    "twelve_year": (0.3, 1.0),
}


def students_for(stage, district, rng, village=False):
    low, high = district["students"]
    if village:
        return rng.randrange(300, 1000)
    a, b = STUDENT_RANGES[stage]
    lo = max(300, int(low + (high - low) * a))
    hi = min(3000, int(low + (high - low) * b))
    return rng.randrange(lo, hi + 1)


def backbone_for(students, rng):
    """At least one backbone teacher per 100 students, rounded up; usually a few more."""
    need = -(-students // 100)
    extra = rng.choices([0, 1, 2, 3, 4, 5, 6, 7], weights=[12, 16, 18, 16, 13, 10, 8, 7])[0]
    return need + extra


def district_rows(district):
    rng = random.Random(SEED + int(district["code"]))
    namer = Namer(district, rng)
    privates = private_stages(district, rng)
    town_names = tuple(t for t, _ in district["towns"])

    plan = []  # (stage, ownership), in listing order: public by stage, then private
    for stage in STAGES:
        plan += [(stage, "public")] * (district["stages"][stage] - privates[stage])
    for stage in STAGES:
        plan += [(stage, "private")] * privates[stage]

    rows = []
    for stage, ownership in plan:
        name = namer.public(stage) if ownership == "public" else namer.private(stage)
        village = (stage == "primary" and ownership == "public" and name.startswith(
            tuple(district["name"] + t for t in town_names)) and not name.endswith("中心小学")
            and "第" not in name)
        students = students_for(stage, district, rng, village)
        rows.append({"name": name, "stage": stage, "ownership": ownership,
                     "students": students, "backbone_teachers": backbone_for(students, rng)})

    # Rows exactly on the line (students a multiple of 100, one backbone teacher per 100) and
    # rows one student either side of it: the values a comparison gets wrong first.
    picks = rng.sample(range(len(rows)), 4 + len(rows) // 25)
    for i, index in enumerate(picks):
        row = rows[index]
        hundreds = max(4, min(30, round(row["students"] / 100)))
        if i % 4 == 3:
            row["students"], row["backbone_teachers"] = hundreds * 100 - 1, hundreds       # 1199 / 12
        else:
            row["students"], row["backbone_teachers"] = hundreds * 100, hundreds           # 1200 / 12
    # One row just over a hundred: 1201 students need 13 teachers.
    extra = next(r for j, r in enumerate(rows) if j not in picks and r["students"] < 2900)
    hundreds = max(3, extra["students"] // 100)
    extra["students"], extra["backbone_teachers"] = hundreds * 100 + 1, hundreds + 1

    for seq, row in enumerate(rows, start=1):
        row["code"] = f"{district['code']}{seq:04d}"
    return rows


SAFE_NAME = re.compile(r"^[\u4e00-\u9fff]+$")


def render(rows):
    lines = ["schools:"]
    for r in rows:
        if not SAFE_NAME.fullmatch(r["name"]):
            raise SystemExit(f"unsafe name for a plain YAML scalar: {r['name']!r}")
        if not (300 <= r["students"] <= 3000) or r["backbone_teachers"] * 100 < r["students"]:
            raise SystemExit(f"bad row: {r}")
        lines.append(
            f'  - {{code: "{r["code"]}", name: {r["name"]}, stage: {r["stage"]}, '
            f'ownership: {r["ownership"]}, students: {r["students"]}, '
            f'backbone_teachers: {r["backbone_teachers"]}}}')
    return "\n".join(lines) + "\n"


ROW_LINE = re.compile(r"^  - \{code: .*\}$")


def strip_generated(text, path):
    """The file without a previously generated `schools:` list at its end."""
    lines = text.split("\n")
    if "schools:" not in lines:
        return text
    start = lines.index("schools:")
    tail = [line for line in lines[start + 1:] if line != ""]
    if not all(ROW_LINE.match(line) for line in tail):
        raise SystemExit(f"{path}: `schools:` is not a generated list at the end of the file")
    return "\n".join(lines[:start]) + "\n"


def submission_path(district):
    return os.path.join(SUBMISSIONS, f"{district['code']}-{district['slug']}.yaml")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    args = parser.parse_args(argv)
    stale = []
    for district in DISTRICTS:
        path = submission_path(district)
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        base = strip_generated(text, path)
        if not base.endswith("\n"):
            base += "\n"
        rows = district_rows(district)
        new = base + render(rows)
        if new != text:
            stale.append(path)
            if not args.check:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(new)
        print(f"{district['code']} {district['name']} {len(rows)} rows", file=sys.stderr)
    if args.check and stale:
        print("not up to date: " + ", ".join(os.path.relpath(p, TOP) for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
