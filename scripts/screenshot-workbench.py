#!/usr/bin/env python3
"""Screenshots of every page of the browser workbench, at 1280x800, in headless Chromium.

    scripts/screenshot-workbench.py                  # PNG files in workbench-shots/
    scripts/screenshot-workbench.py -o DIR --binary PATH/verbatim --width 1280 --height 800

Starts `verbatim serve --no-open --port 0` on a temporary copy of the bundled study (as
scripts/browser-test.py does), makes one coding and two decisions so that the reader shows every
kind of stripe, then saves: the study, the reader, the reader with the theme palette open, the reader
with a coding's details, the review queue, the codebook, a search, the comparison of groups and the impact view.
Console errors and policy violations are printed; the exit code is 1 when there was one.
Needs Debian's chromium and chromium-driver and `pip install selenium`.
"""

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("browser_test", os.path.join(HERE, "browser-test.py"))
bt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bt)


def api_write(server, path, body, csrf):
    request = urllib.request.Request(server.base + path, data=json.dumps(body).encode(), method="POST", headers={
        "Cookie": "verbatim_%d=%s" % (server.port, server.token), "Origin": server.base,
        "X-CSRF-Token": csrf, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        return json.loads(r.read().decode())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", default="workbench-shots")
    parser.add_argument("--binary")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    binary = bt.find_binary(args.binary)
    if not binary:
        print("screenshot-workbench: no verbatim executable; run 'swift build' or pass --binary", file=sys.stderr)
        return 2
    os.makedirs(args.output, exist_ok=True)
    base = tempfile.mkdtemp(prefix="verbatim-shots-")
    study = bt.make_study(base)
    server = bt.Server(binary, study)
    driver = bt.make_driver(args.width, args.height)
    problems = []
    try:
        driver.get(server.address)
        bt.wait_for(lambda: "token=" not in driver.current_url, what="the redirect")
        csrf = driver.find_element("css selector", 'meta[name="csrf-token"]').get_attribute("content")
        # Something of every kind in S01-lyon: a manual coding, an accepted and a rejected suggestion.
        api_write(server, "/api/codings", {"document": "S01-lyon.txt", "turn": 14, "theme": "peur-arnaques",
                                           "quote": "j'ai peur qu'on me les prenne", "memo": "peur actuelle"}, csrf)
        driver.get(server.base + "/api/suggestions?document=S01-lyon.txt")
        suggestions = json.loads(driver.find_element("css selector", "body").text)["suggestions"]
        if len(suggestions) >= 2:
            api_write(server, "/api/decisions", {"id": suggestions[0]["id"], "status": "accepted"}, csrf)
            api_write(server, "/api/decisions", {"id": suggestions[1]["id"], "status": "rejected", "memo": "hors sujet"}, csrf)

        api_write(server, "/api/memos", {"document": "S01-lyon.txt", "text": "Entretien riche sur la peur des arnaques ; "
                                         "Mme Martin parle beaucoup de son fils. À relire avec la grille v2."}, csrf)

        def shot(name, path=None, before=None):
            if path:
                driver.get(server.base + path)
                bt.wait_for(lambda: driver.execute_script("return document.readyState") == "complete", what=name)
            if before:
                before()
            time.sleep(0.6)
            out = os.path.join(args.output, name + ".png")
            driver.save_screenshot(out)
            for entry in driver.get_log("browser"):
                if entry.get("level") == "SEVERE" or "Content Security Policy" in entry.get("message", ""):
                    problems.append("%s: %s" % (name, entry["message"]))
            print(out)

        shot("01-study", "/")
        shot("02-reader", "/documents/S01-lyon.txt#t-12")

        def palette():
            driver.execute_script(bt.SELECT_JS, 16, driver.execute_script(
                "return document.querySelector('.turn .text[data-turn=\"16\"]').textContent.split(/[.?!]/)[0].trim()"), 1)
            bt.press(driver, "c")
            bt.press(driver, "peur")
        shot("03-reader-palette", before=palette)

        def detail():
            from selenium.webdriver.common.keys import Keys
            bt.press(driver, Keys.ESCAPE)
            driver.find_element("css selector", '.stripe.status-manual').click()
        shot("04-reader-detail", before=detail)

        def keyboard():
            from selenium.webdriver.common.keys import Keys
            bt.wait_for(lambda: driver.switch_to.active_element.get_attribute("id") == "t-6", what="turn 6 focused")
            bt.press(driver, "v")
            bt.chord(driver, Keys.SHIFT, Keys.ARROW_RIGHT, 5)
        shot("04b-reader-keyboard-selection", "/documents/S02-lyon.txt#t-6", before=keyboard)
        shot("04c-reader-memo", "/documents/S01-lyon.txt")
        shot("05-review", "/review", before=lambda: bt.wait_for(
            lambda: driver.find_elements("css selector", "#card .card-theme"), timeout=60, what="the first suggestion"))
        shot("06-codebook", "/codebook")
        shot("07-search", "/search?q=peur+NEAR+internet")
        shot("07b-theme-codings", "/search?theme=isolement")
        shot("08-compare", "/compare?by=group")
        shot("08b-compare-matrix", "/compare?by=context", before=lambda: driver.execute_script(
            "document.getElementById('matrix-title').scrollIntoView()"))
        shot("08c-compare-pairs", before=lambda: driver.execute_script("document.getElementById('pairs-title').scrollIntoView()"))
        shot("08d-compare-exports", before=lambda: driver.execute_script("window.scrollTo(0, document.body.scrollHeight)"))
        shot("05b-review-filtered", "/review?where=group%3Dsenior&theme=peur-internet", before=lambda: bt.wait_for(
            lambda: driver.find_elements("css selector", "#card .card-theme"), timeout=60, what="the first suggestion"))
        shot("09-reader-focus-group", "/documents/FG1-lyon.txt#t-8")
        shot("11-impact", "/impact")
        shot("11b-impact-table", before=lambda: driver.execute_script("window.scrollTo(0, 900)"))

        # A second coder who decided the same suggestions the other way round: the agreement page
        # then has disagreements to settle.
        codings = os.path.join(study, "codings")
        mine = [f for f in os.listdir(codings) if f.endswith(".jsonl")]
        if mine:
            with open(os.path.join(codings, mine[0]), encoding="utf-8") as f:
                records = [json.loads(line) for line in f if line.strip()]
            flipped = {"accepted": "rejected", "rejected": "accepted"}
            other = []
            for r in records:
                if r.get("status") in flipped:
                    r = dict(r, coder="Relecteur", status=flipped[r["status"]], id="d-shot" + str(len(other)))
                    other.append(r)
            with open(os.path.join(codings, "Relecteur.jsonl"), "w", encoding="utf-8") as f:
                for r in other:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        shot("10-agreement", "/agreement")
        shot("10b-agreement-disagreements", before=lambda: driver.execute_script(
            "document.querySelector('.adjudication-list')?.scrollIntoView()"))
    finally:
        driver.quit()
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
    for p in problems:
        print("problem: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
