#!/usr/bin/env python3
"""`flowcut serve` in a real browser: headless Chromium driven over the
DevTools protocol (--remote-debugging-pipe: JSON messages on fds 3 and 4,
no extra package).

On a folder of its own holding Tests/Fixtures/serve/thu.flow, whose numbers
are worked out by hand (a working day is 8 h; one path, single times):
  receive 4 h + review 2 d + sign 1 d + deliver 4 h; the file's proposal cuts sign.
  1. the page shows after = 4 + 16 + 4 = 24 h = 3 d;
  2. the file is edited on disk (deliver 4 h -> 1 d): the page reloads by
     itself and shows before = 4 + 16 + 8 + 8 = 36 h = 4.5 d, after 28 h = 3.5 d;
  3. "shorten review 1d" is typed into the editor: after = 4 + 8 + 8 = 20 h = 2.5 d;
  4. Keep: the file on disk holds the statement, formatted.
Screenshots at 1920x1080 go to OUT (CI artefacts).
   python3 scripts/serve-browser.py FLOWCUT_BINARY [OUT]"""
import json, os, re, shutil, subprocess, sys, tempfile, time

# The procedure, shared with Tests/FlowcutServeTests (ServeRouteTests).
FIXTURE = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "serve", "thu.flow"), encoding="utf-8").read()


class Browser:
    """Chromium with its DevTools protocol on two pipes."""

    def __init__(self, chromium, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--remote-debugging-pipe",
             "--window-size=1920,1080", f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_browser, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed its pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def open(self, url):
        target = self.send("Target.createTarget", {"url": url}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Emulation.setDeviceMetricsOverride", {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})

    def eval(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, expression, what, seconds=20):
        end = time.time() + seconds
        while time.time() < end:
            try:
                value = self.eval(expression)
                if value:
                    return value
            except RuntimeError:
                pass  # the page is between two loads
            time.sleep(0.1)
        sys.exit(f"serve browser test failed: {what} (waited {seconds} s)")

    def screenshot(self, path):
        import base64
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except RuntimeError:
            pass
        self.process.wait(timeout=10)


# The numbers table's cells: row 1 is the main lead time; cells 2 and 3 before and after.
CELL = "(() => {{ const r = document.querySelector('#numbers tbody tr'); return r ? r.cells[{}].textContent : ''; }})()"


def days(text):
    m = re.match(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*d", text or "")
    return float(m.group(1).replace(",", ".")) if m else None


def main():
    binary = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else "output/screenshots"
    os.makedirs(out, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or sys.exit("needs Debian's chromium")
    work = tempfile.mkdtemp(prefix="flowcut-serve-browser-")
    folder = os.path.join(work, "quy-trinh")
    os.makedirs(folder)
    flow = os.path.join(folder, "thu.flow")
    with open(flow, "w", encoding="utf-8") as f:
        f.write(FIXTURE)
    server = subprocess.Popen([binary, "serve", folder, "--port", "0", "--runs", "200"], stdout=subprocess.PIPE, text=True)
    browser = None
    try:
        line = server.stdout.readline()
        address = re.search(r"http://\S+/", line)
        if not address:
            sys.exit(f"serve printed no address: {line!r}")
        base = address.group(0)
        print(line.strip())
        browser = Browser(chromium, os.path.join(work, "profile"))
        browser.open(base + "thu/")
        browser.wait("document.getElementById('draft') !== null && document.readyState === 'complete'", "the page with its editor")
        after = browser.wait(CELL.format(2), "the after lead time")
        print(f"1. after lead time on the page: {after!r} (by hand: 3 d)")
        if days(after) != 3:
            sys.exit(f"serve browser test failed: after {after!r}, by hand 3 d")
        browser.eval("window.notReloaded = true")
        # 2. The file edited on disk: the page follows by itself.
        with open(flow, encoding="utf-8") as f:
            text = f.read()
        with open(flow, "w", encoding="utf-8") as f:
            f.write(text.replace('by mc 4h delivery', 'by mc 1d delivery'))
        browser.wait(f"window.notReloaded === undefined && {CELL.format(1)}.startsWith('4.5')", "the page reloaded after the edit on disk")
        before, after = browser.eval(CELL.format(1)), browser.eval(CELL.format(2))
        print(f"2. after the edit on disk: before {before!r} (by hand 4.5 d), after {after!r} (by hand 3.5 d)")
        if days(before) != 4.5 or days(after) != 3.5:
            sys.exit("serve browser test failed: the page did not show the edited file's numbers")
        # 3. A change typed into the editor.
        browser.wait("document.getElementById('draft') !== null", "the editor after the reload")
        browser.eval("(() => { const d = document.getElementById('draft'); d.focus(); d.setSelectionRange(d.value.length, d.value.length); })()")
        browser.send("Input.insertText", {"text": "\n  shorten review 1d"})
        browser.wait(f"{CELL.format(2)}.startsWith('2.5')", "the after lead time of the typed proposal")
        status = browser.eval("document.getElementById('draft-status').textContent")
        print(f"3. typed 'shorten review 1d': after {browser.eval(CELL.format(2))!r} (by hand 2.5 d); status {status!r}")
        browser.eval("document.getElementById('view-after').checked = true")
        browser.screenshot(os.path.join(out, "serve-1920x1080.png"))
        # 4. Keep.
        browser.eval("document.getElementById('keep').click()")
        browser.wait("document.getElementById('draft-status') && /Kept/.test(document.getElementById('draft-status').textContent)"
                     " || document.readyState === 'loading'", "the proposal kept")
        deadline = time.time() + 10
        while "shorten review 1d" not in open(flow, encoding="utf-8").read():
            if time.time() > deadline:
                sys.exit("serve browser test failed: Keep did not write the file")
            time.sleep(0.1)
        kept = open(flow, encoding="utf-8").read()
        print("4. kept: " + " | ".join(kept.strip().splitlines()[-3:]))
        if not kept.endswith("proposal \"Bỏ ký\"\n  cut sign\n  shorten review 1d\n"):
            sys.exit(f"serve browser test failed: the file ends {kept[-80:]!r}")
        print("serve browser test: the page follows the file, the typed proposal's numbers are the hand-computed ones, Keep wrote it")
    finally:
        if browser:
            browser.close()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            sys.exit("serve did not stop on SIGTERM within 10 s")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
