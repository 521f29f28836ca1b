#!/usr/bin/python3
"""Builds every CV in every built-in style under a PDF standard and checks
each PDF with check_standard.py; also that two builds are byte-identical.

    check_builds.py VITAE STANDARD CV.toml...

ctest runs it for a-2b, a-2u and ua-1 (tests/CMakeLists.txt).
"""

import os
import pathlib
import subprocess
import sys
import tempfile

import check_standard

STYLES = ["academic", "classic", "default", "onepage", "sidebar"]
# Any fixed moment: PDF/A needs the document's dates.
SOURCE_DATE_EPOCH = "1700000000"


def build(vitae, cv, style, standard, output):
    environment = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    run = subprocess.run([vitae, "build", cv, "--style", style, "--pdf-standard", standard, "-o", str(output)],
                         capture_output=True, text=True, env=environment)
    if run.returncode != 0:
        return [f"{cv} in {style}: vitae build exited {run.returncode}: {run.stderr.strip()}"]
    return []


def main():
    vitae, standard, *cvs = sys.argv[1:]
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        for cv in cvs:
            for style in STYLES:
                output = pathlib.Path(directory) / f"{pathlib.Path(cv).stem}-{style}.pdf"
                problems = build(vitae, cv, style, standard, output)
                if not problems:
                    problems = check_standard.Checker(str(output), standard.split(",")).run()
                if not problems:
                    # The /ID and the dates depend on the input only.
                    again = output.with_suffix(".again.pdf")
                    problems = build(vitae, cv, style, standard, again)
                    if not problems and output.read_bytes() != again.read_bytes():
                        problems = [f"{cv} in {style}: two builds differ"]
                failures += problems
                print(f"{'FAIL' if problems else 'ok  '} {pathlib.Path(cv).name} {style} {standard}")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
