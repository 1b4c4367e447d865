#!/usr/bin/env python3
"""Generate a synthetic portfolio shaped like workflows/ (issue 6 benchmark).

    generate_portfolio.py COUNT OUT_DIR [--seed S]

Each procedure has 5-40 steps in lanes of 3-6 actors: intake, handoffs,
specialist work, approvals, clerical, delivery; some have a rework loop
(a decision with 5-25% back), some a parallel block of consultations, some
a proposal; service levels, deadlines and dossier counts by year vary.
Deterministic for a seed. With --steps N every procedure has N steps and,
beyond 40 steps, a rework loop every 40 steps.

    generate_portfolio.py 1 OUT_DIR --steps 300    (the suggestion benchmark)"""
import argparse
import os
import random

LEVELS = ["none", "level2", "level3", "level4", "partial", "full"]


def procedure(i, rng, steps=None):
    n = rng.randint(5, 40) if steps is None else steps
    actors = ["mc", "cv", "ldp", "lds", "vt", "ext"][: rng.randint(3, 6)]
    lines = [f'procedure "Thủ tục tổng hợp số {i}"', f'  code "9.{i:06d}"', f"  deadline {rng.randint(5, 30)}d",
             f"  service {rng.choice(LEVELS)}"]
    for year in range(2019, 2024):
        total = rng.choice([0, 0, rng.randint(1, 50), rng.randint(50, 3000)])
        online = rng.randint(0, total)
        lines.append(f"  dossiers {year} online {online} paper {total - online}")
    lines.append("")
    actor_lines = len(lines)  # the actors who get a step are declared here, below
    lines.append("")
    kinds = ["intake", "handoff"] + ["work", "approval", "work", "clerical", "handoff", "approval"] * (n // 6 + 1)
    steps = []
    for s in range(n):
        kind = "delivery" if s == n - 1 else kinds[s]
        # Every actor gets a step: the one-stop desk the intake, handoffs and
        # delivery; the others the work steps in turn.
        others = actors[1:]
        actor = "mc" if kind in ("intake", "delivery", "handoff") else others[s % len(others)]
        d = rng.choice(["4h", "1d", "2d", "0,5d", "1d..3d", "2d..3d..5d"])
        extra = " paper" if rng.random() < 0.2 else ""
        extra += f" wait {rng.choice(['4h', '1d', '2d'])}" if rng.random() < 0.15 else ""
        steps.append(f"s{s}")
        lines.append(f'step s{s} "Bước {s} của thủ tục {i}" by {actor} {d} {kind}{extra}')
    # A parallel block of two consultations in some procedures.
    arrows = []
    k = 1
    while k < n:
        if k + 2 < n and k != 3 and rng.random() < 0.1:
            lines.append(f'step c{k}a "Lấy ý kiến A" by {actors[-1]} {rng.randint(2, 5)}d consult')
            lines.append(f'step c{k}b "Lấy ý kiến B" by {actors[-1]} {rng.randint(2, 5)}d consult')
            arrows += [f"s{k-1} -> c{k}a -> s{k}", f"s{k-1} -> c{k}b -> s{k}"]
        else:
            arrows.append(f"s{k-1} -> s{k}")
        k += 1
    # A rework loop after the third step, where that step leads straight on.
    if n > 4 and "s2 -> s3" in arrows and rng.random() < 0.4:
        lines.append(f'step more "Yêu cầu bổ sung" by cv 4h rework wait {rng.randint(2, 5)}d')
        p = rng.randint(5, 25)
        arrows.remove("s2 -> s3")
        arrows += [f"s2 -> s3 {100 - p}%", f"s2 -> more {p}%", "more -> s2"]
    # A long procedure (--steps) sends dossiers back every 40 steps or so too.
    if steps is not None:
        for k in range(40, n, 40):
            if f"s{k} -> s{k+1}" in arrows:
                lines.append(f'step back{k} "Trả lại bước {k}" by cv 4h rework wait 1d')
                p = rng.randint(5, 25)
                arrows.remove(f"s{k} -> s{k+1}")
                arrows += [f"s{k} -> s{k+1} {100 - p}%", f"s{k} -> back{k} {p}%", f"back{k} -> s{k - 1}"]
    # Declare only the actors who perform a step, as a real procedure does
    # (an actor without a step is a warning).
    used = [a for a in actors if any(f" by {a} " in line for line in lines)]
    lines[actor_lines:actor_lines] = [f'actor {a} "Đơn vị {a} của thủ tục {i}"' + (" external" if a == "ext" else "")
                                      for a in used]
    lines.append("")
    lines += arrows
    if rng.random() < 0.3:
        lines += ["", 'proposal "Rút ngắn"', "  cut s1", f"  shorten s{n // 2} by 30%"]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("count", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--steps", type=int, help="every procedure has this many steps (default: 5-40)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.count):
        with open(os.path.join(a.out, f"p{i:04d}.flow"), "w", encoding="utf-8") as f:
            f.write(procedure(i, rng, a.steps))
    print(f"{a.out}: {a.count} procedures")


if __name__ == "__main__":
    main()
