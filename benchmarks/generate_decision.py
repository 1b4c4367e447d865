#!/usr/bin/env python3
"""Writes a provincial decision's appendix as .docx with N procedures
(default 200), each a numbered heading, its code, its declared total and a
table of 6 to 14 steps with two part rows and a total row, in the layout of
Tests/Fixtures/decision/quyet-dinh-123.docx (the same writer:
scripts/fixtures/make-office-fixtures.py). Seeded: the same N gives the
same file.

    python3 benchmarks/generate_decision.py 200 benchmarks/data/decision-200.docx
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts", "fixtures"))
fixtures = __import__("make-office-fixtures")

TASKS = ["Tiếp nhận hồ sơ", "Kiểm tra hồ sơ", "Thẩm định hồ sơ", "Lấy ý kiến các sở, ngành", "Kiểm tra thực tế",
         "Dự thảo kết quả", "Xem xét, trình ký", "Ký duyệt", "Vào sổ, đóng dấu", "Chuyển kết quả", "Trả kết quả"]
WHO = ["Bộ phận Một cửa", "Chuyên viên phòng chuyên môn", "Lãnh đạo phòng", "Lãnh đạo Sở", "Văn thư"]
TIMES = [("0,5 ngày", 0.5), ("½ ngày", 0.5), ("1 ngày", 1), ("2 ngày làm việc", 2), ("04 giờ", 0.5), ("Không quá 03 ngày", 3), ("1/2 ngày", 0.5)]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    out = sys.argv[2] if len(sys.argv) > 2 else "decision.docx"
    rng = random.Random(n)
    cell, para, table = fixtures.cell, fixtures.para, fixtures.table
    blocks = [para("PHỤ LỤC"), para("QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")]
    for p in range(n):
        steps = [(rng.choice(TASKS), rng.choice(WHO), rng.choice(TIMES)) for _ in range(rng.randint(6, 14))]
        half = len(steps) // 2
        total = sum(t[1] for _, _, t in steps)
        rows = [[cell("Thứ tự công việc"), cell("Nội dung công việc"), cell("Trách nhiệm thực hiện"), cell("Thời gian thực hiện")]]
        for part, chunk in (("I. Tại cấp xã", steps[:half]), ("II. Tại cấp huyện", steps[half:])):
            rows.append([cell(part, span=4)])
            for i, (task, who, (text, _)) in enumerate(chunk):
                rows.append([cell(f"Bước {i + 1}"), cell(task), cell(who), cell(text)])
        rows.append([cell("Tổng thời gian", span=3), cell(f"{total:g} ngày làm việc".replace(".", ","))])
        blocks += [para(f"{p + 1}. Thủ tục số {p + 1}"), para(f"Mã TTHC: {1 + p // 900000}.{p % 1000000:06d}.000.00.00.H12"),
                   para(f"Tổng thời gian giải quyết: {total:g} ngày làm việc".replace(".", ",")), table(rows, [1200, 4200, 2600, 1500])]
    fixtures.docx(out, blocks)


if __name__ == "__main__":
    main()
