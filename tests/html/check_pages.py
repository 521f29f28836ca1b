#!/usr/bin/python3
"""Opens vitae's HTML pages in Debian's headless Chromium and checks, per
page, what a reader and a browser see: the text (innerText) says the words
of the CV's composition (PAGE.blocks beside it) in their order; the console
shows no error; nothing is requested from the network; a phone-sized
viewport does not scroll sideways; the browser's own print to PDF has as
many pages as vitae's PDF (PAGE.pdf beside it). Screenshots of each page,
wide, phone-sized and (for a style with dark_mode) dark, and the browser's
PDFs go to SCREENSHOT_DIR.

One browser serves every page, driven through the DevTools protocol on a
pipe (--remote-debugging-pipe: no port, no extra package).

    check_pages.py SCREENSHOT_DIR PAGE.html...

prints a line per page, `ok NAME words=N pdf_pages=A print_pages=B`, and
a line per problem, `problem NAME what`.
"""
import base64
import difflib
import json
import unicodedata
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The viewports: a desktop window for the screenshot, a phone held upright
# (an iPhone 12's CSS size) for the sideways-scrolling check.
WIDE = {"width": 1200, "height": 1500, "deviceScaleFactor": 1, "mobile": False}
NARROW = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
# How long a page may take to load before it is a failure.
TIMEOUT_SECONDS = 60


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="vitae-chromium-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        def pipes_as_3_and_4():
            # Chromium reads commands from fd 3 and writes replies to fd 4.
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [shutil.which("chromium") or "/usr/bin/chromium", "--headless", "--remote-debugging-pipe",
             "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--metrics-recording-only", "--mute-audio",
             f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=pipes_as_3_and_4, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        # Evaluating the probes below must not depend on the page's policy
        # (it forbids every script); requests are then seen, not blocked.
        self.call("Page.setBypassCSP", {"enabled": True}, session=True)

    def read_message(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method):
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[index]
                    return event
            self.events.append(self.read_message())

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        return result["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.process.wait(timeout=TIMEOUT_SECONDS)
        shutil.rmtree(self.profile, ignore_errors=True)


# The page's text as read: markers and separators drawn for the eye only
# (a list number in other digits, a contact's "·") hidden first.
TEXT_PROBE = """(() => {
  const hide = document.createElement('style');
  hide.textContent = '.marker, .separator { display: none !important; }';
  document.head.appendChild(hide);
  const text = document.body.innerText;
  hide.remove();
  return text;
})()"""

SCROLL_PROBE = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


# The composition's pieces that are text a reader reads (block_trace's
# lines): not icons, separators and markers drawn for the eye, nor the
# footer, which a page shows in its print margins only.
PIECE = re.compile(r'^ +(text|right|whole|label|items) (rich|plain) (\S+)(.*)$')
UNREAD_ROLES = {"icon", "separator", "marker", "footer", "updated"}


def words(text):
    """Words as compared: runs of letters and digits, case-folded (a style
    may set capitals); punctuation and spaces part them, so that text
    written without spaces (Chinese, Japanese) is cut where both sides
    have the same punctuation."""
    return [word.casefold() for word in re.findall(r"\w+", text)]


def composition_words(blocks_path):
    said = []
    with open(blocks_path, encoding="utf-8") as trace:
        for line in trace:
            match = PIECE.match(line.rstrip("\n"))
            if not match or match.group(3) in UNREAD_ROLES:
                continue
            rest = match.group(4)
            if " -> " in rest:
                rest = rest[:rest.rindex(" -> ")]
            if '"' in rest:
                said.extend(words(rest[rest.index('"') + 1:rest.rindex('"')]))
    return said


def check(browser, page, screenshots):
    url = "file://" + os.path.abspath(page)
    name = os.path.splitext(os.path.basename(page))[0]
    browser.events.clear()
    report = {"page": page}
    browser.call("Emulation.setDeviceMetricsOverride", WIDE, session=True)
    browser.call("Page.navigate", {"url": url}, session=True)
    browser.wait_for("Page.loadEventFired")
    report["text"] = browser.evaluate(TEXT_PROBE)
    report["fonts"] = browser.evaluate(
        "[...document.fonts].filter(f => f.status !== 'loaded').map(f => f.family + ' ' + f.status)")
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=True)
    with open(os.path.join(screenshots, f"{name}.png"), "wb") as out:
        out.write(base64.b64decode(shot["data"]))

    # A style with dark_mode: the page as a reader with a dark setting sees it.
    if browser.evaluate("matchMedia('(prefers-color-scheme: dark)').media !== 'not all' && "
                        "document.querySelector('meta[name=color-scheme]')?.content === 'light dark'"):
        browser.call("Emulation.setEmulatedMedia",
                     {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}, session=True)
        shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=True)
        with open(os.path.join(screenshots, f"{name}-dark.png"), "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        browser.call("Emulation.setEmulatedMedia", {"features": []}, session=True)

    browser.call("Emulation.setDeviceMetricsOverride", NARROW, session=True)
    scroll_width, client_width = browser.evaluate(SCROLL_PROBE)
    report["sideways_scroll"] = scroll_width - client_width
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=True)
    with open(os.path.join(screenshots, f"{name}-phone.png"), "wb") as out:
        out.write(base64.b64decode(shot["data"]))

    printed = browser.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                "displayHeaderFooter": False}, session=True)
    print_path = os.path.join(screenshots, f"{name}-printed.pdf")
    with open(print_path, "wb") as out:
        out.write(base64.b64decode(printed["data"]))
    report["print_pages"] = pdf_pages(print_path)

    errors, requests = [], []
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            errors.append(" ".join(str(arg.get("value", arg.get("description", ""))) for arg in params["args"]))
        elif method == "Runtime.exceptionThrown":
            errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            errors.append(params["entry"]["text"])
        elif method == "Network.requestWillBeSent":
            request = params["request"]["url"]
            if request != url and not request.startswith("data:"):
                requests.append(request)
    report["console_errors"] = errors
    report["requests"] = requests
    return report


def judge(report):
    page = report["page"]
    name = os.path.splitext(os.path.basename(page))[0]
    stem = os.path.splitext(page)[0]
    problems = [f"console: {error}" for error in report["console_errors"]]
    problems += [f"requested {request}" for request in report["requests"]]
    problems += [f"font not loaded: {font}" for font in report["fonts"]]
    if report["sideways_scroll"] > 0:
        problems.append(f"scrolls sideways by {report['sideways_scroll']} px at {NARROW['width']} px wide")
    expected, shown = composition_words(stem + ".blocks"), words(report["text"])
    if expected != shown:
        matcher = difflib.SequenceMatcher(a=expected, b=shown, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag != "equal":
                problems.append(f"words {tag}: composition {expected[a1:a2][:12]} page {shown[b1:b2][:12]}")
    pdf = pdf_pages(stem + ".pdf")
    if pdf != report["print_pages"]:
        problems.append(f"prints on {report['print_pages']} pages, vitae's PDF has {pdf}")
    for problem in problems:
        print(f"problem {name} {problem}")
    print(f"ok {name} words={len(expected)} pdf_pages={pdf} print_pages={report['print_pages']}")


def main():
    screenshots, pages = sys.argv[1], sys.argv[2:]
    os.makedirs(screenshots, exist_ok=True)
    browser = Browser()
    try:
        for page in pages:
            judge(check(browser, page, screenshots))
            sys.stdout.flush()
    finally:
        browser.close()


if __name__ == "__main__":
    main()
