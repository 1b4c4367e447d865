#!/usr/bin/env python3
"""Report-06a statistics for the synthetic portfolio of generate_portfolio.py
(codes 9.000000, 9.000001, ...): N procedures x YEARS years, balanced rows,
codes in the long form, a title row and a two-row header as the one-stop
system exports them. Deterministic (seeded).
    generate_records.py N FILE [--years 8] [--seed 1]"""
import argparse
import csv
import random

p = argparse.ArgumentParser()
p.add_argument("n", type=int)
p.add_argument("file")
p.add_argument("--years", type=int, default=8)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()
rng = random.Random(a.seed)
with open(a.file, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ (Mẫu 06a)"] + [""] * 10)
    w.writerow(["Mã TTHC", "Tên thủ tục", "Năm", "Số hồ sơ nhận giải quyết", "", "", "Đã giải quyết", "", "", "Đang giải quyết", ""])
    w.writerow(["", "", "", "Trực tuyến", "Trực tiếp và bưu chính", "Kỳ trước chuyển qua", "Trước hạn", "Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn"])
    for i in range(a.n):
        carried = 0
        for y in range(2025 - a.years, 2025):
            online, offline = rng.randint(0, 300), rng.randint(0, 300)
            total = online + offline + carried
            open_within, open_late = rng.randint(0, total // 10), 0
            rest = total - open_within
            late = rng.randint(0, rest // 20)
            early = rng.randint(0, rest - late)
            on_time = rest - late - early
            w.writerow([f"9.{i:06d}.000.00.00.H12", f"Thủ tục tổng hợp số {i}", y, online, offline, carried, early, on_time, late, open_within, open_late])
            carried = open_within + open_late
