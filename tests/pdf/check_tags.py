#!/usr/bin/python3
"""The machine-checkable rules of a tagged PDF that vitae writes (PDF/UA-1's
logical structure, the Matterhorn protocol's checkpoints that apply to it;
docs/pdf-standards.md lists them), with pikepdf and poppler.

    check_tags.py VITAE CV.toml...      builds each CV in every built-in style

Checker(path).run() returns the failures, one line each.
"""

import os
import pathlib
import re
import subprocess
import sys
import tempfile
from collections import Counter

import pikepdf

STYLES = ["academic", "classic", "default", "onepage", "sidebar"]
# The standard structure types (PDF 32000-1, 14.8.4) vitae may write.
STANDARD_TYPES = {"Document", "Sect", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
                  "Table", "TR", "TH", "TD", "Link", "Span", "Figure"}
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


class Checker:
    def __init__(self, path):
        self.path = path
        self.failures = []

    def fail(self, checkpoint, message):
        self.failures.append(f"{self.path}: Matterhorn {checkpoint}: {message}")

    def run(self):
        with pikepdf.open(self.path) as pdf:
            self.check_catalog(pdf)
            elements = self.check_tree(pdf)
            self.check_pages(pdf, elements)
        self.check_poppler()
        return self.failures

    def check_catalog(self, pdf):
        root = pdf.Root
        mark_info = root.get("/MarkInfo")
        if mark_info is None or not bool(mark_info.get("/Marked", False)):
            self.fail("06-002", "no /MarkInfo << /Marked true >>")
        if "/StructTreeRoot" not in root:
            self.fail("01-006", "no structure tree")
        language = str(root.get("/Lang", ""))
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", language):
            self.fail("11-001", f"no natural language in /Lang ({language!r})")
        preferences = root.get("/ViewerPreferences")
        if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
            self.fail("07-001", "no /ViewerPreferences << /DisplayDocTitle true >>")

    def check_tree(self, pdf):
        """Walks the structure tree: every element's type is standard, the
        headings start at H1 and skip no level. Returns, for each page's
        object number, the MCIDs the tree refers to."""
        root = pdf.Root.get("/StructTreeRoot")
        referenced = {}
        if root is None:
            return referenced
        headings = []
        pending = [(root.get("/K"), None)]
        while pending:
            node, page = pending.pop()
            if node is None:
                continue
            if isinstance(node, pikepdf.Array):
                pending.extend((kid, page) for kid in reversed(list(node)))
                continue
            if isinstance(node, int) or (hasattr(node, "is_integer") and node.is_integer):
                if page is None:
                    self.fail("01-005", "a marked-content reference without a page")
                else:
                    referenced.setdefault(page, set()).add(int(node))
                continue
            kind = node.get("/Type")
            if kind == "/MCR":
                referenced.setdefault(node.Pg.objgen[0], set()).add(int(node.MCID))
                continue
            if kind == "/OBJR":
                continue
            structure_type = str(node.get("/S", ""))[1:]
            if structure_type not in STANDARD_TYPES:
                self.fail("02-001", f"structure type {structure_type!r} is not a standard one")
            self.check_list_nesting(node, structure_type)
            if structure_type[:1] == "H" and structure_type[1:].isdigit():
                headings.append(int(structure_type[1:]))
            element_page = node.Pg.objgen[0] if "/Pg" in node else page
            pending.append((node.get("/K"), element_page))
        if headings and headings[0] != 1:
            self.fail("14-002", f"the first heading is H{headings[0]}, not H1")
        for before, after in zip(headings, headings[1:]):
            if after > before + 1:
                self.fail("14-003", f"heading H{after} follows H{before}")
        return referenced

    # PDF 32000-1, 14.8.4.3.3: a list holds items, an item its label and
    # body; a list under an item (nested bullets) sits in the item's body.
    LIST_CHILDREN = {"L": {"LI", "Caption"}, "LI": {"Lbl", "LBody"}}
    LIST_PARENTS = {"LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}}

    def check_list_nesting(self, node, structure_type):
        parent = node.get("/P")
        parent_type = str(parent.get("/S", ""))[1:] if isinstance(parent, pikepdf.Dictionary) else ""
        if structure_type in self.LIST_PARENTS and parent_type not in self.LIST_PARENTS[structure_type]:
            self.fail("09-004", f"a {structure_type} element in a {parent_type or 'root'} element")
        if structure_type in self.LIST_CHILDREN:
            kids = node.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    kid_type = str(kid.S)[1:]
                    if kid_type not in self.LIST_CHILDREN[structure_type]:
                        self.fail("09-004", f"a {kid_type} element in a {structure_type} element")

    def check_pages(self, pdf, referenced):
        parent_tree = self.parent_tree(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            if "/StructParents" not in page.obj:
                self.fail("01-004", f"page {number} has no /StructParents")
                continue
            if page.obj.get("/Tabs") != "/S":
                self.fail("28-002", f"page {number}'s tab order is not /S")
            marked = parent_tree.get(int(page.obj.StructParents))
            mcids = self.check_content(page, number)
            known = referenced.get(page.obj.objgen[0], set())
            for mcid in sorted(mcids):
                if mcid not in known:
                    self.fail("01-004", f"page {number}: MCID {mcid} is not in the structure tree")
                if marked is None or mcid >= len(marked):
                    self.fail("01-004", f"page {number}: MCID {mcid} is not in the parent tree")
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                if "/Contents" not in annotation:
                    self.fail("28-004", f"page {number}: a link annotation without /Contents")
                key = annotation.get("/StructParent")
                element = parent_tree.get(int(key)) if key is not None else None
                if element is None or element.get("/S") != "/Link":
                    self.fail("28-011", f"page {number}: a link annotation not in a Link element")
                    continue
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                if not any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and
                           kid.Obj.objgen == annotation.objgen for kid in kids):
                    self.fail("28-011", f"page {number}: a Link element without its annotation's OBJR")

    def parent_tree(self, pdf):
        tree = pdf.Root.get("/StructTreeRoot", {}).get("/ParentTree")
        entries = {}
        pending = [tree] if tree is not None else []
        while pending:
            node = pending.pop()
            numbers = list(node.get("/Nums", []))
            for index in range(0, len(numbers), 2):
                entries[int(numbers[index])] = numbers[index + 1]
            pending.extend(node.get("/Kids", []))
        return entries

    def check_content(self, page, number):
        """Every text-showing operator is in a marked-content sequence,
        tagged or an artifact (Matterhorn 01-001); returns the MCIDs."""
        depth = 0
        mcids = set()
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                depth += 1
                if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    mcid = int(operands[1].MCID)
                    if mcid in mcids:
                        self.fail("01-004", f"page {number}: MCID {mcid} marks two sequences")
                    mcids.add(mcid)
            elif name == "EMC":
                depth -= 1
                if depth < 0:
                    self.fail("01-001", f"page {number}: EMC without its BDC")
                    depth = 0
            elif name in TEXT_SHOWING and depth == 0:
                self.fail("01-001", f"page {number}: text outside any marked content (neither tagged nor an artifact)")
        if depth != 0:
            self.fail("01-001", f"page {number}: a marked-content sequence left open")
        return mcids

    def check_poppler(self):
        info = subprocess.run(["pdfinfo", self.path], capture_output=True, text=True).stdout
        if not re.search(r"^Tagged:\s+yes$", info, re.MULTILINE):
            self.fail("01-002", "pdfinfo does not call it tagged")


def words(text):
    return re.findall(r"\S+", text)


def struct_words(path):
    """The words of the structure tree's text, in its order (poppler)."""
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, text=True).stdout
    return words(" ".join(re.findall(r'^\s*"(.*)"\s*$', out, re.MULTILINE)))


def icon_words():
    """The words icons read as (/ActualText), from vitae's list of icons."""
    source = pathlib.Path(__file__).resolve().parents[2] / "include" / "vitae" / "model" / "icons.inc"
    meanings = re.findall(r'^VITAE_ICON\("[^"]+", 0x[0-9A-F]+, "([^"]+)"\)', source.read_text(), re.MULTILINE)
    return {word for meaning in meanings for word in meaning.split()}


def check_reading_order(path, style):
    """The structure tree reads the words the content shows, in the same
    order: its words are, in order, the words poppler reads from the
    content stream (pdftotext -raw), but for a page's last line (a footer,
    an artifact) and the words icons read as."""
    # Compared character by character, white space aside: the tree joins a
    # URL broken over two lines, and parts a link from the full stop after
    # it, where the page's words differ.
    tree = "".join(struct_words(path))
    if not tree:
        return [f"{path}: the structure tree has no text"]
    allowed = icon_words()
    pages = subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, text=True).stdout.split("\f")
    if style == "sidebar" and len([page for page in pages if page.strip()]) > 1:
        # A sidebar longer than a page: the tree reads it whole before the
        # main column, each page's content its part of both. The same
        # characters, then.
        shown = Counter()
        last_lines = Counter()
        for page in pages:
            lines = [line for line in page.splitlines() if line.strip()]
            last_lines += Counter("".join(words(lines[-1]))) if lines else Counter()
            page_words = words(page)
            shown += Counter("".join(page_words))
            last_lines += Counter("".join(word for word in page_words if word in allowed))
        in_tree = Counter(tree)
        # What the pages show and the tree does not is a footer's (an
        # artifact, on a page's last line) or an icon's; the tree shows
        # nothing else.
        if in_tree - shown or (shown - in_tree) - last_lines:
            return [f"{path}: the structure tree and the pages do not read the same characters"]
        return []
    at = 0
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        footer = set(words(lines[-1])) if lines else set()
        for word in words(page):
            if tree.startswith(word, at):
                at += len(word)
                continue
            if word not in allowed and word not in footer:
                return [f"{path}: page {number}: '{word}' is read from the page but not where the structure "
                        f"tree reads '{tree[at:at + 40]}'"]
    if at < len(tree):
        return [f"{path}: the structure tree reads '{tree[at:at + 40]}' where the page has no more words"]
    return []


def main():
    vitae, *cvs = sys.argv[1:]
    failures = []
    with tempfile.TemporaryDirectory() as directory:
        for cv in cvs:
            for style in STYLES:
                output = pathlib.Path(directory) / f"{pathlib.Path(cv).stem}-{style}.pdf"
                run = subprocess.run([vitae, "build", cv, "--style", style, "-o", str(output)],
                                     capture_output=True, text=True,
                                     env=dict(os.environ, SOURCE_DATE_EPOCH="1700000000"))
                problems = []
                if run.returncode != 0:
                    problems.append(f"{cv} in {style}: vitae build exited {run.returncode}: {run.stderr.strip()}")
                else:
                    problems = Checker(str(output)).run()
                    problems += check_reading_order(str(output), style)
                failures += problems
                print(f"{'FAIL' if problems else 'ok  '} {pathlib.Path(cv).name} {style}")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
