#!/usr/bin/python3
"""Writes the county-style import sheets the tests read, with openpyxl (Debian: python3-openpyxl), not with this
project's own writer: a merged title row above the headers, as county ledgers carry, and ID numbers typed as numbers.
Run it from this folder; the .xlsx files are committed so the tests need no Python."""
import datetime
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HEADERS = ["户序号", "乡镇", "村委会", "村民小组", "与户主关系", "姓名", "身份证号", "劳动能力", "在校生状况", "健康状况", "联系电话", "人均纯收入"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(birth, sequence):
    body = f"532623{birth:%Y%m%d}{sequence:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def sheet(title, note, rows, path):
    book = Workbook()
    ws = book.active
    ws.title = "台账"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    if note:
        ws.append([note])
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    book.save(path)


# Birth dates outside the tests' own random range (1940-2010), so these numbers never meet a generated one.
head1 = id_number(datetime.date(1936, 4, 2), 11)
spouse1 = next(id_number(datetime.date(1937, 9, day), 12) for day in range(1, 29) if id_number(datetime.date(1937, 9, day), 12).endswith("X"))
child1 = id_number(datetime.date(2015, 7, 8), 13)
head2 = id_number(datetime.date(1938, 1, 20), 15)

# Title and a note row above the headers (header on row 3); the spouse's check character typed as a lower-case x;
# 户序号 typed as numbers; the income as a number.
sheet("西畴县兴街镇边缘易致贫户台账（2026年12月）", "填报单位：兴街镇人民政府　　填报日期：2026年12月1日", [
    [1, "兴街镇", "三光村", "第一村民小组", "户主", "陶正明", head1, "有劳动力", "非在校生", "健康", "13812345678", 5800.5],
    [1, "兴街镇", "三光村", "第一村民小组", "配偶", "李秀珍", spouse1.lower(), "弱劳动力或半劳动力", "非在校生", "长期慢性病", None, None],
    [1, "兴街镇", "三光村", "第一村民小组", "子女", "陶小军", child1, "无劳动力", "小学", "健康", None, None],
    [2, "兴街镇", "三光村", "第二村民小组", "户主", "熊光华", head2, "有劳动力", "非在校生", "健康", None, 7200],
], "county-title-row.xlsx")

# The same county layout with every ID number typed as a number (Excel keeps 15 significant digits).
sheet("西畴县兴街镇边缘易致贫户台账（2026年12月）", None, [
    [1, "兴街镇", "三光村", "第一村民小组", "户主", "陶正明", int(head1), "有劳动力", "非在校生", "健康", None, 5800],
    [1, "兴街镇", "三光村", "第一村民小组", "子女", "陶小军", int(child1), "无劳动力", "小学", "健康", None, None],
    [2, "兴街镇", "三光村", "第二村民小组", "户主", "熊光华", int(head2), "有劳动力", "非在校生", "健康", None, 7200],
], "county-numeric-ids.xlsx")

print(head1, spouse1, child1, head2)
