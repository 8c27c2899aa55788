#!/usr/bin/env python3
"""The browser workbench in a real browser: headless Chromium driven by Selenium.

    scripts/browser-test.py                         # uses .build/debug/verbatim (swift build first)
    scripts/browser-test.py --binary PATH/verbatim

Starts `verbatim serve --no-open --port 0` on a temporary copy of the bundled study, then, as a
researcher would: opens a document, selects a passage with the mouse's range, presses `c`, filters
the theme palette by typing and codes the passage with Enter (and checks codings/<coder>.jsonl);
codes the second of two identical words next to accents and emoji (the page's string indices and
verbatim's UTF-8 offsets must agree); accepts, rejects and undoes in the review queue with the keys
a, r and u; checks that a transcript holding <script> and "><img onerror=...> renders as text; that
requests without the token, from a foreign Host or without the CSRF token are refused; and that the
browser reports no Content-Security-Policy violation on any page.

Needs Debian's chromium and chromium-driver and `pip install selenium`. Prints one line per check
and a last line `browser: N passed, M failed`; exits 1 when a check failed, 2 when it cannot run.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CODER = "Navigatrice"

XSS_TRANSCRIPT = """Enquêtrice : Bonjour, <script>alert(1)</script> on commence ?

Mme Test : Je dis "><img src=x onerror=alert(2)> et puis voilà.

Enquêtrice : D'accord. Et <b>ceci</b> & cela ?

Mme Test : J'ai peur d'internet, <style>body{display:none}</style> vraiment.
"""

UNICODE_TRANSCRIPT = """Enquêtrice : Et à l'école ?

Mme Émoji : Café ☕ puis 👩‍👩‍👧 et « l'élève » dit à l'élève : noël, Noël.

Enquêtrice : Merci.

Mme Émoji : Au revoir.
"""


# The study and the server

def make_study(base):
    """A copy of the bundled study whose codebook: line points to the repository's codebook."""
    study = os.path.join(base, "etude")
    shutil.copytree(os.path.join(ROOT, "Corpora", "les-connectes"), study)
    config = os.path.join(study, "verbatim.yaml")
    codebook = os.path.join(ROOT, "Codebooks", "les-connectes.yaml")
    with open(config, encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines = ["codebook: " + codebook if l.startswith("codebook:") else l for l in lines]
    with open(config, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    for name, text in [("Z99-xss.txt", XSS_TRANSCRIPT), ("Z97-unicode.txt", UNICODE_TRANSCRIPT)]:
        with open(os.path.join(study, "transcripts", name), "w", encoding="utf-8") as f:
            f.write(text)
    return study


class Server:
    """`verbatim serve` in the background, on a free port, until stop()."""

    def __init__(self, binary, study):
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        self.process = subprocess.Popen([binary, "serve", "--no-open", "--port", "0", "--coder", CODER],
                                        cwd=study, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.address = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            m = re.search(r"(http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+))", line)
            if m:
                self.address, self.port, self.token = m.group(1), int(m.group(2)), m.group(3)
                break
        if not self.address:
            self.stop()
            raise RuntimeError("verbatim serve printed no address: " + (self.process.stderr.read() or "")[:2000])
        self.base = "http://127.0.0.1:%d" % self.port

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(2)  # Ctrl-C
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def find_binary(given):
    for path in [given, os.environ.get("VERBATIM_BIN"), os.path.join(ROOT, ".build", "debug", "verbatim")]:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return os.path.abspath(path)
    return None


def make_driver(width=1280, height=800):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=%d,%d" % (width, height), "--lang=fr-FR", "--force-device-scale-factor=1"]:
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    # The page itself is width x height (the window's frame aside).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    return driver


# Helpers in the page

SELECT_JS = """
const [turn, quote, nth] = arguments;
const box = document.querySelector('.turn .text[data-turn="' + turn + '"]');
if (!box) return 'no turn ' + turn;
const text = box.textContent;
let at = -1;
for (let k = 0; k < nth; k++) { at = text.indexOf(quote, at + 1); if (at === -1) return 'not found'; }
const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
const range = document.createRange();
let pos = 0, node, started = false;
while ((node = walker.nextNode())) {
  const len = node.textContent.length;
  if (!started && at < pos + len) { range.setStart(node, at - pos); started = true; }
  if (started && at + quote.length <= pos + len) { range.setEnd(node, at + quote.length - pos); break; }
  pos += len;
}
box.closest('.turn').scrollIntoView({block: 'center'});
const sel = window.getSelection();
sel.removeAllRanges();
sel.addRange(range);
return sel.toString();
"""


def coding_lines(study):
    path = os.path.join(study, "codings", CODER + ".jsonl")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def wait_for(predicate, timeout=15, what="condition"):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as e:  # the page may be reloading
            last = e
        time.sleep(0.15)
    raise AssertionError("timed out waiting for %s (last: %r)" % (what, last))


def csp_violations(driver):
    out = []
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        if "Content Security Policy" in message or "Refused to" in message:
            out.append(message)
    return out


def press(driver, keys):
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).send_keys(keys).perform()


def chord(driver, modifier, key, times=1):
    """`key` pressed `times` times with `modifier` held."""
    from selenium.webdriver.common.action_chains import ActionChains
    chain = ActionChains(driver).key_down(modifier)
    for _ in range(times):
        chain = chain.send_keys(key)
    chain.key_up(modifier).perform()


def http(url, headers=None, method="GET", body=None):
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=body)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


# The checks

def check_code_a_passage(driver, server, study):
    driver.get(server.base + "/documents/S01-lyon.txt")
    wait_for(lambda: driver.find_element("css selector", '.turn .text[data-turn="14"]'), what="turn 14")
    quote = "j'ai peur qu'on me les prenne"
    selected = driver.execute_script(SELECT_JS, 14, quote, 1)
    assert selected == quote, "selected %r" % selected
    press(driver, "c")
    palette = driver.find_element("id", "palette")
    wait_for(lambda: palette.is_displayed(), what="the palette")
    assert driver.switch_to.active_element.get_attribute("id") == "palette-filter", "the palette's filter has the focus"
    press(driver, "arnaq")
    visible = [li for li in driver.find_elements("css selector", "#palette-list li") if li.is_displayed()]
    assert visible and visible[0].get_attribute("data-theme") == "peur-arnaques", \
        "filtered to %r" % [li.get_attribute("data-theme") for li in visible]
    from selenium.webdriver.common.keys import Keys
    press(driver, Keys.ENTER)
    lines = wait_for(lambda: [c for c in coding_lines(study) if c["status"] == "manual"], what="the coding in the jsonl")
    c = lines[-1]
    assert (c["document"], c["turn"], c["theme"], c["quote"]) == ("S01-lyon.txt", 14, "peur-arnaques", quote), c
    # The page reloads with the coding in the margin and highlighted.
    wait_for(lambda: driver.find_element("css selector", '.stripe[data-ids~="%s"]' % c["id"]), what="the stripe")
    # A click on the highlight shows who coded it.
    driver.find_element("css selector", 'mark.hl[data-ids~="%s"]' % c["id"]).click()
    panel = driver.find_element("id", "detail")
    wait_for(lambda: panel.is_displayed() and CODER in panel.text, what="the coding's details")
    mark = driver.find_element("css selector", 'mark.hl[data-ids~="%s"]' % c["id"])
    assert quote.startswith(mark.text) or mark.text in quote, mark.text
    # `verbatim codings` lists it.
    return "coded %s through the palette: %s" % (c["id"], c["quote"])


def check_offsets_with_accents_and_emoji(driver, server, study):
    driver.get(server.base + "/documents/Z97-unicode.txt")
    wait_for(lambda: driver.find_element("css selector", '.turn .text[data-turn="2"]'), what="turn 2")
    quote = "l'élève"
    selected = driver.execute_script(SELECT_JS, 2, quote, 2)
    assert selected == quote, "selected %r" % selected
    press(driver, "c")
    wait_for(lambda: driver.find_element("id", "palette").is_displayed(), what="the palette")
    press(driver, "transmission")
    from selenium.webdriver.common.keys import Keys
    press(driver, Keys.ENTER)
    lines = wait_for(lambda: [c for c in coding_lines(study) if c["document"] == "Z97-unicode.txt"], what="the coding")
    c = lines[-1]
    with open(os.path.join(study, "transcripts", "Z97-unicode.txt"), encoding="utf-8") as f:
        text = f.read()
    data = text.encode("utf-8")
    first = data.find(quote.encode("utf-8"))
    second = data.find(quote.encode("utf-8"), first + 1)
    # The study's text is the file's (NFC, \n): the offsets are UTF-8 bytes of it.
    assert c["quote"] == quote and c["start"] == second and c["end"] == second + len(quote.encode("utf-8")), \
        "coded %r at %d-%d, the second occurrence is at %d" % (c["quote"], c["start"], c["end"], second)
    return "the second %r coded at bytes %d-%d, after ☕ and 👩‍👩‍👧" % (quote, c["start"], c["end"])


def check_keyboard_selection_and_edits(driver, server, study):
    from selenium.webdriver.common.keys import Keys
    driver.get(server.base + "/documents/S01-lyon.txt#t-14")
    turn = wait_for(lambda: driver.find_element("id", "t-14"), what="turn 14")
    wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "t-14", what="turn 14 focused from the address")
    # j/k move the focus, which shows.
    press(driver, "j")
    wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "t-15", what="j to turn 15")
    press(driver, "k")
    wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "t-14", what="k back to turn 14")
    shadow = driver.execute_script("return getComputedStyle(document.activeElement).boxShadow")
    assert shadow and shadow != "none", "the focused turn is marked: %r" % shadow
    words = turn.find_element("css selector", ".text").get_attribute("textContent").split()
    press(driver, "v")
    selected = lambda: driver.execute_script("return window.getSelection().toString()")
    wait_for(lambda: selected() == words[0], what="v selects the first word")
    press(driver, Keys.ARROW_RIGHT)
    wait_for(lambda: selected() == words[1], what="the arrow moves to the second word")
    chord(driver, Keys.SHIFT, Keys.ARROW_RIGHT, 4)
    chord(driver, Keys.SHIFT, Keys.ARROW_LEFT)
    wanted = " ".join(words[1:5])
    wait_for(lambda: " ".join(selected().split()) == wanted, what="shift+arrows extend to %r (got %r)" % (wanted, selected()))
    assert "selecting" in turn.get_attribute("class"), "the turn shows it is being selected"
    press(driver, "c")
    wait_for(lambda: driver.find_element("id", "palette").is_displayed(), what="the palette")
    press(driver, "vigilance")
    press(driver, Keys.ENTER)
    coding = wait_for(lambda: [c for c in coding_lines(study) if c["status"] == "manual" and c["theme"] == "vigilance"], what="the coding")[-1]
    assert " ".join(coding["quote"].split()) == wanted and coding["turn"] == 14, coding
    # Its detail: change the theme through the palette, then add a memo; the id stays.
    stripe = wait_for(lambda: driver.find_element("css selector", '.stripe[data-ids~="%s"]' % coding["id"]), what="the stripe")
    stripe.click()
    panel = driver.find_element("id", "detail")
    wait_for(lambda: panel.is_displayed(), what="the details")
    panel.find_element("css selector", 'button[data-action="recode"]').click()
    wait_for(lambda: driver.find_element("id", "palette").is_displayed(), what="the palette to recode")
    press(driver, "arnaq")
    press(driver, Keys.ENTER)
    wait_for(lambda: [c for c in coding_lines(study) if c["id"] == coding["id"] and c["theme"] == "peur-arnaques"], what="the theme changed")
    # The reloaded page (not the old one) has the stripe in the new theme.
    stripe = wait_for(lambda: driver.find_element("css selector", '.stripe.th-peur-arnaques[data-ids~="%s"]' % coding["id"]), what="the stripe again")
    stripe.click()
    area = wait_for(lambda: driver.find_element("id", "memo-" + coding["id"]), what="the memo field")
    area.send_keys("prudence plus que peur")
    area.find_element("xpath", "..").find_element("css selector", "button[type=submit]").click()
    done = wait_for(lambda: [c for c in coding_lines(study) if c["id"] == coding["id"] and c.get("memo") == "prudence plus que peur"], what="the memo")[-1]
    assert done["theme"] == "peur-arnaques" and done["quote"] == coding["quote"], done
    # n opens the document's memo; Ctrl+Enter adds to it.
    wait_for(lambda: driver.find_element("css selector", '.coding[data-id="%s"][data-memo="prudence plus que peur"]' % coding["id"]), what="the reloaded page")
    press(driver, "n")
    wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "memo-new", what="the memo field focused")
    press(driver, "Entretien où la peur domine.")
    chord(driver, Keys.CONTROL, Keys.ENTER)
    memo_file = os.path.join(study, "memos", "documents", "S01-lyon.txt.md")
    wait_for(lambda: os.path.exists(memo_file) and "Entretien où la peur domine." in open(memo_file, encoding="utf-8").read(), what="the memo file")
    wait_for(lambda: "Entretien où la peur domine." in driver.find_element("id", "memo-text").text, what="the memo shown")
    return "v, → and shift+→ selected %r; coded, recoded to peur-arnaques, memo added, document memo written" % wanted


def check_review_keys(driver, server, study):
    before = len(coding_lines(study))
    driver.get(server.base + "/review?theme=peur-internet")
    card = driver.find_element("id", "card")
    wait_for(lambda: card.find_elements("css selector", ".card-theme"), what="the first suggestion")
    progress = driver.find_element("id", "progress")
    start = progress.text

    def current_id():
        return card.find_element("css selector", ".rule").text.rsplit("· ", 1)[-1].strip()

    first = current_id()
    press(driver, "a")
    wait_for(lambda: len(coding_lines(study)) == before + 1, what="the acceptance")
    wait_for(lambda: current_id() != first, what="the next suggestion")
    second = current_id()
    press(driver, "r")
    wait_for(lambda: len(coding_lines(study)) == before + 2, what="the rejection")
    # The page has the answer (the key u is ignored while a decision is on its way).
    wait_for(lambda: current_id() != second, what="the suggestion after the rejection")
    decisions = {c["suggestion"]: c["status"] for c in coding_lines(study) if c.get("suggestion")}
    assert decisions.get(first) == "accepted" and decisions.get(second) == "rejected", decisions
    assert progress.text != start, "the progress moved"
    # u undoes the last decision, which the file then no longer holds.
    press(driver, "u")
    wait_for(lambda: len(coding_lines(study)) == before + 1, what="the undo")
    wait_for(lambda: current_id() == second, what="the undone suggestion shown again")
    decisions = {c["suggestion"]: c["status"] for c in coding_lines(study) if c.get("suggestion")}
    assert second not in decisions and decisions.get(first) == "accepted", decisions
    # ? opens the help, Escape closes it.
    press(driver, "?")
    wait_for(lambda: driver.find_element("id", "help").is_displayed(), what="the help")
    from selenium.webdriver.common.keys import Keys
    press(driver, Keys.ESCAPE)
    wait_for(lambda: not driver.find_element("id", "help").is_displayed(), what="the help closed")
    moved = progress.text
    # Reloaded, the queue takes up after the last decision.
    driver.get(server.base + "/review?theme=peur-internet")
    card = driver.find_element("id", "card")
    wait_for(lambda: card.find_elements("css selector", ".card-theme"), what="the queue reloaded")
    wait_for(lambda: current_id() == second, what="the queue resuming at %s" % second)
    # Filtered by an attribute: only the seniors' suggestions.
    driver.get(server.base + "/review?where=group%3Dsenior")
    card = driver.find_element("id", "card")
    wait_for(lambda: card.find_elements("css selector", ".card-theme"), what="the filtered queue")
    assert "group: senior" in card.find_element("css selector", ".where").text, card.text
    return "accepted %s (a), rejected %s (r), undid it (u), resumed at it after a reload; progress %r → %r" % (first, second, start, moved)


def check_xss_is_text(driver, server, study):
    driver.get(server.base + "/documents/Z99-xss.txt")
    wait_for(lambda: driver.find_element("css selector", '.turn .text[data-turn="2"]'), what="the transcript")
    from selenium.common.exceptions import NoAlertPresentException
    try:
        alert = driver.switch_to.alert
        raise AssertionError("an alert opened: %r" % alert.text)
    except NoAlertPresentException:
        pass
    turns = driver.find_element("css selector", ".turns")
    for tag in ["script", "img", "b", "style"]:
        assert not turns.find_elements("css selector", tag), "a <%s> element in the transcript" % tag
    text = turns.text
    for shown in ["<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "<b>ceci</b> & cela", "<style>body{display:none}</style>"]:
        assert shown in text, "%r is not shown as text" % shown
    assert driver.find_element("css selector", "body").is_displayed()
    return "<script>, <img onerror>, <b> and <style> shown as text, no element, no alert"


def check_refusals(driver, server, study):
    status, body = http(server.base + "/api/study")
    assert status == 401 and "error" in json.loads(body), (status, body)
    status, _ = http(server.base + "/documents/S01-lyon.txt")
    assert status == 401, status
    status, _ = http(server.base + "/?token=" + "0" * 64)
    assert status == 403, status
    cookie = "verbatim_%d=%s" % (server.port, server.token)
    status, _ = http(server.base + "/api/study", {"Cookie": cookie, "Host": "evil.example:%d" % server.port})
    assert status == 403, status
    before = len(coding_lines(study))
    body = json.dumps({"document": "S01-lyon.txt", "turn": 14, "theme": "peur-internet"}).encode()
    status, _ = http(server.base + "/api/codings", {"Cookie": cookie, "Origin": server.base, "Content-Type": "application/json"}, "POST", body)
    assert status == 403, "no CSRF token: %d" % status
    # The page's own fetch without the header is refused too.
    driver.get(server.base + "/")
    result = driver.execute_async_script("""
      const done = arguments[0];
      fetch('/api/codings', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({document: 'S01-lyon.txt', turn: 14, theme: 'peur-internet'})}).then(r => done(r.status));
    """)
    assert result == 403, result
    assert len(coding_lines(study)) == before, "something was written"
    return "401 without the token, 403 with a wrong one, a foreign Host, or a write without the CSRF token"


def check_agreement_settle(driver, server, study):
    codings = os.path.join(study, "codings")
    mine = [c for c in coding_lines(study) if c.get("status") in ("accepted", "rejected")]
    assert mine, "the review check made decisions to compare"
    flipped = {"accepted": "rejected", "rejected": "accepted"}
    with open(os.path.join(codings, "Relecteur.jsonl"), "w", encoding="utf-8") as f:
        for i, c in enumerate(mine):
            f.write(json.dumps(dict(c, coder="Relecteur", status=flipped[c["status"]], id="d-browser%d" % i), ensure_ascii=False) + "\n")
    driver.get(server.base + "/agreement")
    cards = driver.find_elements("css selector", "li.adjudication[data-state='open']")
    assert cards, "disagreements to settle"
    count = driver.find_element("id", "open-count")
    before = int(count.get_attribute("data-open"))
    card = cards[0]
    ident = card.get_attribute("data-id")
    card.find_element("css selector", "button[data-decision='absent']").click()
    adjudicated = os.path.join(codings, "adjudicated.jsonl")
    wait_for(lambda: os.path.exists(adjudicated), what="codings/adjudicated.jsonl")
    wait_for(lambda: card.get_attribute("data-state") == "absent", what="the card settled")
    wait_for(lambda: count.get_attribute("data-open") == str(before - 1), what="the count of open disagreements")
    with open(adjudicated, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    assert any(r.get("suggestion") == ident for r in records), records
    # k keeps the theme on the focused card.
    nxt = driver.find_elements("css selector", "li.adjudication[data-state='open']")
    by_key = "no second disagreement for k"
    if nxt:
        by_key = "the next by k"
        driver.execute_script("arguments[0].focus()", nxt[0])
        press(driver, "k")
        wait_for(lambda: nxt[0].get_attribute("data-state") == "present", what="k settles the focused card")
    # Reloaded, the page shows the decisions.
    driver.get(server.base + "/agreement")
    settled = driver.find_element("css selector", "li.adjudication[data-id='%s']" % ident)
    assert settled.get_attribute("data-state") == "absent"
    return "%d open; settled %s by a click, %s; recorded under adjudicated" % (before, ident, by_key)


def check_no_csp_violation(driver, server, study):
    pages = ["/", "/documents/FG1-lyon.txt", "/review", "/codebook", "/search?q=peur+NEAR+internet", "/search?theme=isolement",
             "/compare?by=group", "/agreement"]
    driver.get_log("browser")
    problems = []
    for page in pages:
        driver.get(server.base + page)
        wait_for(lambda: driver.execute_script("return document.readyState") == "complete", what=page)
        time.sleep(0.4)
        problems += ["%s: %s" % (page, m) for m in csp_violations(driver)]
        errors = [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        problems += ["%s: %s" % (page, m) for m in errors]
    assert not problems, "\n".join(problems)
    return "%d pages, no policy violation or script error" % len(pages)


CHECKS = [
    ("a passage coded through the palette", check_code_a_passage),
    ("offsets agree with accents and emoji", check_offsets_with_accents_and_emoji),
    ("keyboard selection, recoding and memos in the reader", check_keyboard_selection_and_edits),
    ("review queue keys a, r, u, resume, attribute filter", check_review_keys),
    ("disagreements settled on the agreement page (click, k)", check_agreement_settle),
    ("transcript markup rendered as text", check_xss_is_text),
    ("requests without token, Host or CSRF refused", check_refusals),
    ("no policy violation on any page", check_no_csp_violation),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="the verbatim executable (default: .build/debug/verbatim)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary study")
    args = parser.parse_args()

    binary = find_binary(args.binary)
    if not binary:
        print("browser-test: no verbatim executable; run 'swift build' or pass --binary", file=sys.stderr)
        return 2
    try:
        import selenium  # noqa: F401
    except ImportError:
        print("browser-test: selenium is missing: pip install selenium", file=sys.stderr)
        return 2
    if not (shutil.which("chromium") or shutil.which("chromium-browser")) or not shutil.which("chromedriver"):
        print("browser-test: chromium and chromedriver are missing: apt-get install chromium chromium-driver", file=sys.stderr)
        return 2

    base = tempfile.mkdtemp(prefix="verbatim-browser-")
    study = make_study(base)
    server = driver = None
    passed = failed = 0
    try:
        server = Server(binary, study)
        driver = make_driver()
        driver.set_script_timeout(30)
        driver.get(server.address)  # the token becomes the cookie
        wait_for(lambda: "token=" not in driver.current_url, what="the redirect without the token")
        for name, check in CHECKS:
            try:
                detail = check(driver, server, study)
                passed += 1
                print("ok   %s: %s" % (name, detail))
            except Exception as e:
                failed += 1
                print("FAIL %s: %s" % (name, e))
                if os.environ.get("VERBATIM_DEBUG"):
                    traceback.print_exc()
    except Exception as e:
        failed += 1
        print("FAIL setting up: %s" % e)
    finally:
        if driver:
            driver.quit()
        if server:
            code = server.stop()
            if code not in (0, None):
                failed += 1
                print("FAIL Ctrl-C stops the server cleanly: exit %s; %s" % (code, server.process.stderr.read()[:500]))
            else:
                passed += 1
                print("ok   Ctrl-C stops the server cleanly")
        if args.keep:
            print("study kept in " + study)
        else:
            shutil.rmtree(base, ignore_errors=True)
    print("browser: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
