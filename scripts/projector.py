#!/usr/bin/env python3
"""The meeting pages on a projector and a laptop, measured in a real browser.

For three bundled procedures (the longest of workflows/ among them) opens each
page in headless Chromium at 1920x1080 and 1366x768, switches between the
before and after diagrams, and reads from the page's own layout the size at
which every step name is drawn: the <text>'s font size times the scale of
its screen transform (getScreenCTM), in CSS pixels; and whether the diagram
fits the window's width. Fails when a step name is under 16 px at 1920x1080
or a diagram is wider than that window. Keeps a screenshot of each page and
size under OUT (CI artefacts).
   python3 scripts/projector.py OUTPUT_FOLDER [OUT]"""
import json, os, re, shutil, subprocess, sys, tempfile

SIZES = [(1920, 1080), (1366, 768)]
SMALLEST = 16.0  # px, at 1920x1080
# The contract example, a procedure with parallel branches (the widest
# diagram), and the longest: checked to be the longest below.
PROCEDURES = ["giay-phep-dich-vu-viec-lam", "giay-phep-lao-dong-nuoc-ngoai", "tro-cap-than-nhan-liet-si"]

MEASURE = """
<script>
window.addEventListener('load', () => {
  const out = {};
  for (const view of ['before', 'after']) {
    const radio = document.getElementById('view-' + view);
    if (radio) radio.checked = true; else if (view === 'after') continue;
    const svg = document.querySelector('figure.' + view + ' svg');
    const sizes = [];
    for (const g of svg.querySelectorAll('g.node')) {
      const title = g.querySelector('title');
      if (title && title.textContent === 'legend') continue;
      for (const t of g.querySelectorAll('text')) {
        if (t.getAttribute('font-weight') !== 'bold') continue;
        const m = t.getScreenCTM();
        sizes.push(parseFloat(t.getAttribute('font-size')) * Math.hypot(m.a, m.b));
      }
    }
    const r = svg.getBoundingClientRect();
    out[view] = {smallest: Math.min(...sizes), names: sizes.length, width: r.width,
                 fits: r.left >= 0 && r.right <= document.documentElement.clientWidth};
  }
  const pre = document.createElement('pre');
  pre.id = 'projector';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
  const before = document.getElementById('view-before');
  if (before) before.checked = true;
});
</script>
"""


def browser():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("needs Debian's chromium: apt-get install -y chromium")


def run(chromium, args):
    return subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + args,
                          capture_output=True, text=True, timeout=120).stdout


def main():
    output = sys.argv[1]
    shots = sys.argv[2] if len(sys.argv) > 2 else os.path.join(output, "screenshots")
    os.makedirs(shots, exist_ok=True)
    steps = {f[:-5]: sum(1 for line in open(os.path.join("workflows", f), encoding="utf-8") if line.startswith("step "))
             for f in os.listdir("workflows") if f.endswith(".flow")}
    longest = max(steps, key=lambda k: (steps[k], k))
    assert longest in PROCEDURES, f"the longest procedure, {longest}, is not among those measured"
    chromium = browser()
    failures = []
    for name in PROCEDURES:
        page = os.path.join(output, name, "index.html")
        html = open(page, encoding="utf-8").read()
        assert "</body>" in html, page
        with tempfile.NamedTemporaryFile("w", suffix=".html", dir=os.path.dirname(page), delete=False, encoding="utf-8") as f:
            f.write(html.replace("</body>", MEASURE + "</body>"))
            probe = f.name
        try:
            for width, height in SIZES:
                size = f"--window-size={width},{height}"
                dom = run(chromium, [size, "--virtual-time-budget=5000", "--dump-dom", "file://" + os.path.abspath(probe)])
                found = re.search(r'<pre id="projector">(.*?)</pre>', dom, re.S)
                if not found:
                    failures.append(f"{name} {width}x{height}: the page was not measured")
                    continue
                views = json.loads(found.group(1).replace("&quot;", '"'))
                for view, m in views.items():
                    print(f"{name} {width}x{height} {view}: {m['names']} name lines, smallest {m['smallest']:.1f} px, "
                          f"diagram {m['width']:.0f} px wide{'' if m['fits'] else ', wider than the window'}")
                    if (width, height) == SIZES[0]:
                        if m["smallest"] < SMALLEST:
                            failures.append(f"{name} {view}: a step name at {m['smallest']:.1f} px, under {SMALLEST:.0f}")
                        if not m["fits"]:
                            failures.append(f"{name} {view}: the diagram is wider than {width} px")
                        if view == "before" and m["names"] < steps[name]:
                            failures.append(f"{name} {view}: {m['names']} name lines for {steps[name]} steps")
                run(chromium, [size, f"--screenshot={os.path.join(shots, f'{name}-{width}x{height}.png')}",
                               "file://" + os.path.abspath(page)])
        finally:
            os.unlink(probe)
    # The check itself can fail: the first page with its diagrams squeezed
    # to a quarter of their width must measure under 16 px.
    page = os.path.join(output, PROCEDURES[0], "index.html")
    squeeze = "<style>figure svg { width: 25% !important; height: auto !important; }</style>"
    html = open(page, encoding="utf-8").read().replace("</head>", squeeze + "</head>").replace("</body>", MEASURE + "</body>")
    with tempfile.NamedTemporaryFile("w", suffix=".html", dir=os.path.dirname(page), delete=False, encoding="utf-8") as f:
        f.write(html)
        probe = f.name
    try:
        dom = run(chromium, ["--window-size=1920,1080", "--virtual-time-budget=5000", "--dump-dom", "file://" + os.path.abspath(probe)])
        found = re.search(r'<pre id="projector">(.*?)</pre>', dom, re.S)
        smallest = json.loads(found.group(1).replace("&quot;", '"'))["before"]["smallest"] if found else None
        print(f"self-check: the same page with its diagrams at a quarter width measures {smallest:.1f} px" if smallest else "self-check: not measured")
        if smallest is None or smallest >= SMALLEST:
            failures.append("the measurement did not see names shrink on a squeezed page: it cannot fail")
    finally:
        os.unlink(probe)
    if failures:
        sys.exit("projector check failed:\n  " + "\n  ".join(failures))
    print(f"projector check: step names at {SMALLEST:.0f} px or more at 1920x1080, every diagram within the width")


if __name__ == "__main__":
    main()
