#!/usr/bin/env python3
"""Benchmark of `flowcut serve` (issue 17), beside what a reviewer does
without it: edit the file and run `flowcut analyze` on it again.

    serve.py FLOWCUT [BASE_FLOWCUT] [--portfolio DIR] [--repeat N]

1. What-if round trip (request -> findings, numbers and both SVGs back, over
   HTTP on loopback) for each bundled procedure and a generated 40-step one,
   at the default 10,000 cases: the first (which simulates the before process
   with its trace) and the median of N more (each a different draft).
   Beside it: `BASE_FLOWCUT analyze FILE --out DIR --quiet`, the same
   procedure re-analysed and drawn by the build given (today's way).
2. With --portfolio: serve starts on the folder (time until it listens, peak
   memory), then one file at a time is edited (a step's time changed) and the
   time until the page's event arrives is measured (median of N), and the
   server's CPU while idle over 10 s."""
import argparse, http.client, json, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time


def start(binary, folder, *args):
    server = subprocess.Popen([binary, "serve", folder, "--port", "0", *args], stdout=subprocess.PIPE, text=True)
    t0 = time.time()
    line = server.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        server.kill()
        sys.exit(f"serve printed no address: {line!r}")
    return server, int(m.group(1)), time.time() - t0


def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("GET", path)
    r = c.getresponse()
    return r.status, r.read().decode()


def post(port, path, body, token):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("POST", path, json.dumps(body), {"Content-Type": "application/json", "X-Flowcut-Token": token})
    r = c.getresponse()
    return r.status, json.loads(r.read())


def unescape(s):
    return s.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def page(port, slug):
    status, html = get(port, f"/{slug}/")
    token = re.search(r'data-token="([0-9a-f]+)"', html).group(1)
    draft = re.search(r'<textarea id="draft"[^>]*>(.*?)</textarea>', html, re.S)
    return token, unescape(draft.group(1)) if draft else None


def whatifs(binary, files, repeat, base):
    folder = tempfile.mkdtemp(prefix="flowcut-bench-serve-")
    for f in files:
        shutil.copy(f, folder)
    server, port, _ = start(binary, folder)
    try:
        for f in files:
            slug = os.path.basename(f)[:-5]
            steps = sum(1 for line in open(f, encoding="utf-8") if line.startswith("step "))
            token, draft = page(port, slug)
            if draft is None:
                continue
            times = []
            for i in range(repeat + 1):
                # A different draft each time: a comment line makes it new text.
                text = draft + f"\n  # try {i}" if draft else ""
                t0 = time.perf_counter()
                status, answer = post(port, "/api/whatif", {"slug": slug, "draft": text}, token)
                times.append((time.perf_counter() - t0) * 1000)
                if status != 200 or answer.get("errors"):
                    sys.exit(f"{slug}: what-if answered {status} {answer.get('diagnostics')}")
                if "figures" not in answer:
                    sys.exit(f"{slug}: no figures in the answer")
            line = f"{slug[:42]:42s} {steps:3d} steps  what-if first {times[0]:6.1f} ms, median {statistics.median(times[1:]):6.1f} ms, most {max(times[1:]):6.1f} ms"
            if base:
                out = tempfile.mkdtemp()
                t0 = time.perf_counter()
                subprocess.run([base, "analyze", f, "--out", out + "/review", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                line += f"   | analyze again {(time.perf_counter() - t0) * 1000:7.1f} ms"
                shutil.rmtree(out)
            print(line, flush=True)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(folder)


def rss_peak(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def portfolio(binary, source, repeat):
    folder = tempfile.mkdtemp(prefix="flowcut-bench-portfolio-")
    shutil.copytree(source, folder, dirs_exist_ok=True)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.endswith(".flow"))
    server, port, started = start(binary, folder)
    events = []
    got = threading.Event()

    def listen():
        c = http.client.HTTPConnection("127.0.0.1", port)
        c.request("GET", "/events")
        r = c.getresponse()
        while True:
            line = r.fp.readline()
            if not line:
                return
            if line.startswith(b"data: "):
                events.append((time.perf_counter(), json.loads(line[6:])))
                got.set()

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(1)
    try:
        print(f"{len(files)} procedures: serve listening after {started:.1f} s, {rss_peak(server.pid):.0f} MB peak", flush=True)
        c0 = cpu_seconds(server.pid)
        time.sleep(10)
        print(f"idle: {cpu_seconds(server.pid) - c0:.2f} CPU-s in 10 s", flush=True)
        times = []
        for i in range(repeat):
            f = files[(i * 37) % len(files)]
            text = open(f, encoding="utf-8").read()
            changed = re.sub(r"(\bstep \S+ .*?) (\d+)h\b", lambda m: f"{m.group(1)} {int(m.group(2)) + 1}h", text, count=1)
            if changed == text:
                changed = text + "# edited\n"
            got.clear()
            t0 = time.perf_counter()
            with open(f, "w", encoding="utf-8") as out:
                out.write(changed)
            if not got.wait(30):
                sys.exit(f"no event within 30 s after editing {f}")
            times.append((events[-1][0] - t0) * 1000)
            time.sleep(0.3)
        print(f"one file edited: the page's event after median {statistics.median(times):.0f} ms, most {max(times):.0f} ms ({repeat} edits)", flush=True)
        status, _ = get(port, "/")
        print(f"the review page after the edits: HTTP {status}", flush=True)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(folder)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("flowcut")
    p.add_argument("base", nargs="?")
    p.add_argument("--portfolio")
    p.add_argument("--repeat", type=int, default=10)
    p.add_argument("--forty")
    a = p.parse_args()
    files = sorted(os.path.join("workflows", f) for f in os.listdir("workflows") if f.endswith(".flow"))
    if a.forty:
        files.append(a.forty)
    whatifs(a.flowcut, files, a.repeat, a.base)
    if a.portfolio:
        portfolio(a.flowcut, a.portfolio, a.repeat)


if __name__ == "__main__":
    main()
