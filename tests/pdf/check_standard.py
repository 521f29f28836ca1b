#!/usr/bin/python3
"""Checks a PDF against the machine-checkable rules of PDF/A-2 (levels b
and u) and the metadata rules of PDF/UA-1 that vitae's writer must keep.

    check_standard.py --standard a-2b[,ua-1] FILE.pdf...

Exit 0 when every file passes; otherwise each failure is printed as
`FILE: rule: what is wrong`, and the exit status is 1. docs/pdf-standards.md
lists the rules (the clause of ISO 19005-2 / ISO 14289-1 each one comes from).

veraPDF, the reference validator, is not packaged for Debian: these checks
are the subset of its rules that apply to what vitae writes, read with
pikepdf (qpdf) and poppler, which are.
"""

import argparse
import datetime
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pikepdf

NAMESPACES = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

# The XMP schemas ISO 19005-2 (6.6.2.3.1) predefines; properties of any
# other schema need an extension schema description in the packet.
PREDEFINED_SCHEMAS = {
    NAMESPACES["dc"],
    NAMESPACES["xmp"],
    NAMESPACES["pdf"],
    NAMESPACES["pdfaid"],
    "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/",
    "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xap/1.0/g/img/",
    "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/tiff/1.0/",
    "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/",
    "http://ns.adobe.com/camera-raw-settings/1.0/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
}
# The packet's own structure, not properties.
STRUCTURAL_NAMESPACES = {NAMESPACES["x"], NAMESPACES["rdf"], NAMESPACES["pdfaExtension"],
                         NAMESPACES["pdfaSchema"], NAMESPACES["pdfaProperty"]}

PRINT_FLAG = 4
HIDDEN_FLAGS = 1 | 2 | 32  # Invisible, Hidden, NoView (PDF 32000-1, table 165)
CONFORMANCE = {"a-2b": "B", "a-2u": "U", "a-2a": "A"}
ICC_HEADER_BYTES = 128


class Checker:
    def __init__(self, path, standards):
        self.path = path
        self.standards = standards
        self.archive = next((s for s in standards if s in CONFORMANCE), None)
        self.universal_access = "ua-1" in standards
        self.failures = []

    def fail(self, rule, message):
        self.failures.append(f"{self.path}: {rule}: {message}")

    # --- the file's structure -------------------------------------------------

    def check_file_structure(self, data):
        # ISO 19005-2 6.1.2: %PDF-1.n at byte 0, then a comment of at
        # least four bytes above 127.
        header = re.match(rb"%PDF-1\.([0-7])(\r\n|\r|\n)%([^\r\n]*)(\r\n|\r|\n)", data)
        if not header:
            self.fail("6.1.2 header", "the file does not begin with %PDF-1.n and a binary comment line")
        elif sum(1 for byte in header.group(3) if byte > 127) < 4:
            self.fail("6.1.2 header", "the comment after the header has fewer than 4 bytes above 127")
        # 6.1.3: nothing but an end-of-line after the last %%EOF.
        if not re.search(rb"%%EOF(\r\n|\r|\n)?$", data):
            self.fail("6.1.3 trailer", "data after the last %%EOF")
        # 6.1.7.1: `stream` is followed by an end-of-line (CRLF or LF, not
        # CR alone), `endstream` preceded by one.
        for match in re.finditer(rb"[^d]stream(\r\n|\n|\r)?", data):
            if match.group(1) in (None, b"\r"):
                self.fail("6.1.7.1 stream", f"'stream' at byte {match.start() + 1} is not followed by CRLF or LF")
                break
        for match in re.finditer(rb"(.)endstream", data, re.DOTALL):
            if match.group(1) not in (b"\r", b"\n"):
                self.fail("6.1.7.1 stream", f"'endstream' at byte {match.start() + 1} has no end-of-line before it")
                break
        check = subprocess.run(["qpdf", "--check", self.path], capture_output=True, text=True)
        if check.returncode != 0 or check.stderr:
            self.fail("qpdf --check", (check.stdout + check.stderr).strip().replace("\n", " | "))

    def check_trailer(self, pdf):
        # 6.1.3: the trailer has an /ID; no /Encrypt (6.1.3 too).
        identifier = pdf.trailer.get("/ID")
        if not isinstance(identifier, pikepdf.Array) or len(identifier) != 2:
            self.fail("6.1.3 ID", "the trailer has no /ID of two strings")
        elif any(len(bytes(part)) == 0 for part in identifier):
            self.fail("6.1.3 ID", "an /ID string is empty")
        if "/Encrypt" in pdf.trailer:
            self.fail("6.1.3 Encrypt", "the file is encrypted")
        if pdf.pdf_version > "1.7":
            self.fail("6.1.2 version", f"PDF version {pdf.pdf_version} is above 1.7")

    # --- metadata ---------------------------------------------------------------

    def check_metadata(self, pdf):
        root = pdf.Root
        metadata = root.get("/Metadata")
        if metadata is None:
            self.fail("6.6.2.1 Metadata", "the catalog has no /Metadata stream")
            return
        if metadata.get("/Type") != "/Metadata" or metadata.get("/Subtype") != "/XML":
            self.fail("6.6.2.1 Metadata", "the metadata stream is not /Type /Metadata /Subtype /XML")
        if "/Filter" in metadata:
            self.fail("6.6.2.1 Metadata", "the metadata stream is compressed (packet scanners cannot find it)")
        packet = metadata.read_bytes()
        # White space may come before the packet (XMP part 1, 7.3).
        header = re.match(rb"\s*<\?xpacket ([^?]*)\?>", packet)
        if not header:
            self.fail("6.6.2.1 xpacket", "the XMP packet has no xpacket header")
        else:
            attributes = header.group(1)
            for forbidden in (b"bytes=", b"encoding="):
                if forbidden in attributes:
                    self.fail("6.6.2.1 xpacket", f"the xpacket header has the forbidden attribute {forbidden.decode()}")
        if not re.search(rb"<\?xpacket end=['\"][rw]['\"]\?>\s*$", packet):
            self.fail("6.6.2.1 xpacket", "the XMP packet has no xpacket trailer")
        try:
            tree = ElementTree.fromstring(packet.decode("utf-8"))
        except (UnicodeDecodeError, ElementTree.ParseError) as error:
            self.fail("6.6.2.1 XMP", f"the XMP packet is not well-formed UTF-8 XML: {error}")
            return
        properties = self.xmp_properties(tree)
        self.check_info_agrees(pdf, properties)
        self.check_identification(tree, properties)
        if self.archive:
            self.check_schemas(tree)
        # PDF/UA-1 7.1: the title is in dc:title, and viewers show it.
        title = properties.get(("dc", "title"))
        if not title:
            self.fail("UA-1 7.1 title", "the XMP has no dc:title")
        preferences = root.get("/ViewerPreferences")
        if preferences is None or preferences.get("/DisplayDocTitle") is not True:
            self.fail("UA-1 7.1 DisplayDocTitle", "/ViewerPreferences has no /DisplayDocTitle true")
        language = properties.get(("dc", "language"))
        if not language:
            self.fail("dc:language", "the XMP names no language")

    @staticmethod
    def xmp_properties(tree):
        """Every property of every rdf:Description: (prefix, name) → text
        (an Alt's x-default, a Seq's or Bag's items joined by ';')."""
        found = {}
        prefixes = {uri: prefix for prefix, uri in NAMESPACES.items()}
        for description in tree.iter(f"{{{NAMESPACES['rdf']}}}Description"):
            elements = list(description)
            for attribute, value in description.attrib.items():
                if attribute.startswith("{"):
                    uri, name = attribute[1:].split("}")
                    if uri in prefixes and uri != NAMESPACES["rdf"]:
                        found[(prefixes[uri], name)] = value
            for element in elements:
                uri, name = element.tag[1:].split("}")
                if uri not in prefixes:
                    continue
                container = element.find("rdf:Alt", NAMESPACES)
                if container is not None:
                    items = [item for item in container.findall("rdf:li", NAMESPACES)
                             if item.get(f"{{{XML_NAMESPACE}}}lang") == "x-default"]
                    found[(prefixes[uri], name)] = items[0].text if items else None
                    continue
                container = element.find("rdf:Seq", NAMESPACES)
                if container is None:
                    container = element.find("rdf:Bag", NAMESPACES)
                if container is not None:
                    found[(prefixes[uri], name)] = [item.text for item in container.findall("rdf:li", NAMESPACES)]
                    continue
                found[(prefixes[uri], name)] = element.text
        return found

    def check_info_agrees(self, pdf, properties):
        # ISO 19005-2 6.6.3 (and PDF/A-1 6.7.3): each Info entry with an XMP
        # analogue has an equivalent value there.
        info = pdf.trailer.get("/Info")
        if info is None:
            return
        pairs = {
            "/Title": ("dc", "title"),
            "/Author": ("dc", "creator"),
            "/Subject": ("dc", "description"),
            "/Keywords": ("pdf", "Keywords"),
            "/Creator": ("xmp", "CreatorTool"),
            "/Producer": ("pdf", "Producer"),
            "/CreationDate": ("xmp", "CreateDate"),
            "/ModDate": ("xmp", "ModifyDate"),
        }
        for key, property_name in pairs.items():
            if key not in info:
                continue
            value = str(info[key])
            xmp_value = properties.get(property_name)
            label = f"{property_name[0]}:{property_name[1]}"
            if xmp_value is None:
                self.fail("6.6.3 Info/XMP", f"Info {key} '{value}' has no {label} in the XMP")
                continue
            if key == "/Author":
                if xmp_value != [value]:
                    self.fail("6.6.3 Info/XMP", f"Info /Author '{value}' but dc:creator {xmp_value}")
            elif key in ("/CreationDate", "/ModDate"):
                if pdf_date(value) != xmp_date(xmp_value):
                    self.fail("6.6.3 Info/XMP", f"Info {key} '{value}' but {label} '{xmp_value}'")
            elif xmp_value != value:
                self.fail("6.6.3 Info/XMP", f"Info {key} '{value}' but {label} '{xmp_value}'")
        if self.archive and "/CreationDate" not in info:
            self.fail("dates", "a PDF/A file of vitae's has its creation date (SOURCE_DATE_EPOCH)")

    def check_identification(self, tree, properties):
        part = properties.get(("pdfaid", "part"))
        conformance = properties.get(("pdfaid", "conformance"))
        if self.archive:
            # 6.6.4: the PDF/A identification schema names part and level.
            if part != "2":
                self.fail("6.6.4 pdfaid", f"pdfaid:part is {part!r}, not '2'")
            if conformance != CONFORMANCE[self.archive]:
                self.fail("6.6.4 pdfaid", f"pdfaid:conformance is {conformance!r}, not '{CONFORMANCE[self.archive]}'")
        elif part is not None:
            self.fail("pdfaid", "the file claims PDF/A without being asked to")
        universal_access = properties.get(("pdfuaid", "part"))
        if self.universal_access and universal_access != "1":
            self.fail("UA-1 5 pdfuaid", f"pdfuaid:part is {universal_access!r}, not '1'")
        if not self.universal_access and universal_access is not None:
            self.fail("pdfuaid", "the file claims PDF/UA without being asked to")

    def check_schemas(self, tree):
        # 6.6.2.3: a property of a schema PDF/A does not predefine is
        # described by an extension schema in the packet itself.
        described = {}
        for schema in tree.iter(f"{{{NAMESPACES['pdfaSchema']}}}namespaceURI"):
            parent = next(item for item in tree.iter() if schema in list(item))
            names = [name.text for name in parent.iter(f"{{{NAMESPACES['pdfaProperty']}}}name")]
            prefix = parent.find("pdfaSchema:prefix", NAMESPACES)
            if prefix is None or not prefix.text:
                self.fail("6.6.2.3 extension", f"the extension schema of {schema.text} has no prefix")
            for name in parent.iter(f"{{{NAMESPACES['pdfaProperty']}}}name"):
                item = next(entry for entry in parent.iter() if name in list(entry))
                for field in ("valueType", "category", "description"):
                    if item.find(f"pdfaProperty:{field}", NAMESPACES) is None:
                        self.fail("6.6.2.3 extension", f"property {name.text} of {schema.text} has no {field}")
            described[schema.text] = set(names)
        for description in tree.iter(f"{{{NAMESPACES['rdf']}}}Description"):
            for element in description:
                uri, name = element.tag[1:].split("}")
                if uri in PREDEFINED_SCHEMAS or uri in STRUCTURAL_NAMESPACES:
                    continue
                if name not in described.get(uri, set()):
                    self.fail("6.6.2.3 extension", f"property {name} of {uri} is neither predefined nor described")

    # --- colour ---------------------------------------------------------------

    def check_output_intent(self, pdf):
        intents = pdf.Root.get("/OutputIntents")
        if not self.archive:
            return
        if not intents:
            # 6.2.3: DeviceRGB (vitae's colours) needs an output intent.
            self.fail("6.2.3 OutputIntent", "no /OutputIntents for the DeviceRGB colours")
            return
        profiles = set()
        for intent in intents:
            if intent.get("/S") != "/GTS_PDFA1":
                continue
            profile = intent.get("/DestOutputProfile")
            if profile is None:
                self.fail("6.2.3 OutputIntent", "the GTS_PDFA1 output intent has no /DestOutputProfile")
                continue
            if "/OutputConditionIdentifier" not in intent:
                self.fail("6.2.3 OutputIntent", "the output intent has no /OutputConditionIdentifier")
            data = profile.read_bytes()
            profiles.add(profile.objgen)
            if len(data) < ICC_HEADER_BYTES:
                self.fail("6.2.3 ICC", "the destination profile is shorter than an ICC header")
                continue
            if profile.get("/N") != 3 or data[16:20] != b"RGB ":
                self.fail("6.2.3 ICC", "the destination profile is not an RGB profile of /N 3")
            if data[12:16] not in (b"mntr", b"prtr"):
                self.fail("6.2.3 ICC", f"the profile's device class is {data[12:16]!r}, not an output profile")
            if data[8] > 4:
                self.fail("6.2.3 ICC", f"the profile's version {data[8]} is above 4")
        if len(profiles) != 1:
            self.fail("6.2.3 OutputIntent", f"{len(profiles)} GTS_PDFA1 destination profiles, not one")

    # --- fonts ------------------------------------------------------------------

    def check_fonts(self, pdf):
        for number, page in enumerate(pdf.pages, 1):
            fonts = page.Resources.get("/Font", {})
            for name, font in fonts.items():
                self.check_font(f"page {number} font {name}", font)
            self.check_notdef(number, page, fonts)

    def check_font(self, label, font):
        subtype = font.get("/Subtype")
        base_font = str(font.get("/BaseFont"))
        # 6.2.11.7 (levels u and a): every font maps to Unicode.
        if "/ToUnicode" not in font:
            self.fail("6.2.11.7 ToUnicode", f"{label} ({base_font}) has no /ToUnicode")
        if subtype == "/Type0":
            descendant = font.DescendantFonts[0]
            if descendant.get("/Subtype") != "/CIDFontType2":
                self.fail("6.2.11.4 fonts", f"{label} ({base_font}) is not a TrueType CIDFont")
            # 6.2.11.3.2: a Type 2 CIDFont has a CIDToGIDMap.
            if "/CIDToGIDMap" not in descendant:
                self.fail("6.2.11.3.2 CIDToGIDMap", f"{label} ({base_font}) has no /CIDToGIDMap")
            descriptor = descendant.get("/FontDescriptor")
        elif subtype == "/TrueType":
            descriptor = font.get("/FontDescriptor")
            encoding = font.get("/Encoding")
            symbolic = descriptor is not None and int(descriptor.get("/Flags", 0)) & 4
            # 6.2.11.6: a non-symbolic TrueType font is in WinAnsi or MacRoman.
            if not symbolic and encoding not in ("/WinAnsiEncoding", "/MacRomanEncoding"):
                self.fail("6.2.11.6 encoding", f"{label} ({base_font}) has encoding {encoding}")
        elif subtype == "/Type3":
            self.check_type3_font(label, font)
            return
        else:
            self.fail("6.2.11.4 fonts", f"{label} ({base_font}) is a {subtype} font, not an embedded TrueType font")
            return
        # 6.2.11.4.1: every font is embedded.
        if descriptor is None or "/FontFile2" not in descriptor:
            self.fail("6.2.11.4.1 embedded", f"{label} ({base_font}) is not embedded (no /FontFile2)")

    @staticmethod
    def type3_glyph_names(font):
        """Each code's glyph name, from the /Differences of a Type 3 font's encoding."""
        names = {}
        code = None
        for item in font.get("/Encoding", {}).get("/Differences", []):
            if isinstance(item, int):
                code = item
            elif code is not None:
                names[code] = str(item)[1:]
                code += 1
        return names

    def check_type3_font(self, label, font):
        # A Type 3 font is its glyph procedures: nothing to embed (6.2.11.4.1
        # exempts it). ISO 32000-1 Table 112: a tagged PDF's has a font
        # descriptor, an indirect object.
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or not descriptor.is_indirect:
            self.fail("Type 3 FontDescriptor", f"{label} has no indirect /FontDescriptor")
        # 6.2.11.5: the widths in the font dictionary are the glyphs' own, as
        # each procedure's d0 or d1 states.
        first = int(font.get("/FirstChar", 0))
        widths = [float(width) for width in font.get("/Widths", [])]
        procedures = font.get("/CharProcs", {})
        for code, name in self.type3_glyph_names(font).items():
            procedure = procedures.get("/" + name)
            if procedure is None:
                self.fail("6.2.11.8 .notdef", f"{label}: glyph {name} has no procedure")
                continue
            operands, operator = next(iter(pikepdf.parse_content_stream(procedure)))
            if str(operator) not in ("d0", "d1"):
                self.fail("Type 3 glyph", f"{label}: glyph {name} does not begin with d0 or d1")
                continue
            index = code - first
            if not 0 <= index < len(widths) or abs(widths[index] - float(operands[0])) > 1e-3:
                stated = widths[index] if 0 <= index < len(widths) else None
                self.fail("6.2.11.5 widths", f"{label}: glyph {name} is {float(operands[0])} wide, /Widths says {stated}")

    def check_notdef(self, number, page, fonts):
        # 6.2.11.8: no text shows the .notdef glyph. Checked for the Type0
        # fonts, whose codes are CIDs mapped to glyphs by the CIDToGIDMap.
        maps = {}
        type3_codes = {}  # a Type 3 font's codes that name a glyph procedure
        for name, font in fonts.items():
            if font.get("/Subtype") == "/Type3":
                procedures = font.get("/CharProcs", {})
                type3_codes[name] = {
                    code for code, glyph in self.type3_glyph_names(font).items() if "/" + glyph in procedures}
            if font.get("/Subtype") != "/Type0":
                continue
            mapping = font.DescendantFonts[0].get("/CIDToGIDMap")
            maps[name] = mapping.read_bytes() if isinstance(mapping, pikepdf.Stream) else None
        if not maps and not type3_codes:
            return
        current = None
        for operands, operator in pikepdf.parse_content_stream(page):
            operator = str(operator)
            if operator == "Tf":
                current = str(operands[0])
            elif operator in ("Tj", "TJ", "'", '"') and current in type3_codes:
                strings = operands[0] if operator == "TJ" else operands[-1:]
                for string in strings:
                    if isinstance(string, pikepdf.String) and not set(bytes(string)) <= type3_codes[current]:
                        self.fail("6.2.11.8 .notdef", f"page {number}: {current} shows a code with no glyph")
                        return
            elif operator in ("Tj", "TJ", "'", '"') and current in maps and maps[current] is not None:
                strings = operands[0] if operator == "TJ" else operands[-1:]
                for string in strings:
                    if not isinstance(string, pikepdf.String):
                        continue
                    data = bytes(string)
                    for offset in range(0, len(data) - 1, 2):
                        cid = data[offset] << 8 | data[offset + 1]
                        table = maps[current]
                        glyph = table[2 * cid] << 8 | table[2 * cid + 1] if 2 * cid + 1 < len(table) else 0
                        if glyph == 0:
                            self.fail("6.2.11.8 .notdef", f"page {number}: {current} shows CID {cid:#06x} as .notdef")
                            return

    # --- forbidden features -------------------------------------------------------

    def check_annotations(self, pdf):
        for number, page in enumerate(pdf.pages, 1):
            for annotation in page.get("/Annots", []):
                flags = int(annotation.get("/F", 0))
                subtype = annotation.get("/Subtype")
                # 6.3.2: the Print flag set; Hidden, Invisible, NoView clear.
                if not flags & PRINT_FLAG or flags & HIDDEN_FLAGS:
                    self.fail("6.3.2 annotation flags", f"page {number}: a {subtype} annotation has /F {flags}")
                if subtype not in ("/Link", "/Popup") and "/AP" not in annotation:
                    self.fail("6.3.3 appearance", f"page {number}: a {subtype} annotation has no appearance")
                action = annotation.get("/A")
                if action is not None and action.get("/S") not in ("/URI", "/GoTo", "/GoToR", "/Named"):
                    self.fail("6.5.1 actions", f"page {number}: a link runs a {action.get('/S')} action")

    def check_forbidden(self, pdf):
        root = pdf.Root
        for key in ("/AA", "/OpenAction"):
            action = root.get(key)
            if key == "/AA" and action is not None:
                self.fail("6.5.2 actions", "the catalog has additional actions /AA")
        names = root.get("/Names")
        if names is not None:
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in names:
                    self.fail("6.5.1 / 6.8 names", f"the name tree {key} is present")
        acroform = root.get("/AcroForm")
        if acroform is not None and (acroform.get("/NeedAppearances") is True or "/XFA" in acroform):
            self.fail("6.4.1 forms", "the form needs appearances generated or has XFA")
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                filters = obj.get("/Filter")
                filters = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
                if "/LZWDecode" in filters:
                    self.fail("6.1.7.2 LZW", f"object {obj.objgen} is LZW-compressed")
                if "/F" in obj or "/FFilter" in obj:
                    self.fail("6.1.7.1 external streams", f"object {obj.objgen} refers to an external file")
                if obj.get("/Subtype") == "/PS" or "/PS" in obj:
                    self.fail("6.2.9 PostScript", f"object {obj.objgen} is PostScript")
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            if obj.get("/S") == "/JavaScript" or "/JS" in obj:
                self.fail("6.5.1 JavaScript", f"object {obj.objgen} is JavaScript")
            if obj.get("/S") in ("/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide",
                                 "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"):
                self.fail("6.5.1 actions", f"object {obj.objgen} is a forbidden {obj.get('/S')} action")
            if obj.get("/Type") == "/ExtGState":
                # vitae draws nothing transparent: no soft mask, no alpha, no blend.
                if obj.get("/SMask") not in (None, pikepdf.Name("/None")):
                    self.fail("transparency", f"ExtGState {obj.objgen} has a soft mask")
                for alpha in ("/CA", "/ca"):
                    if alpha in obj and float(obj[alpha]) != 1:
                        self.fail("transparency", f"ExtGState {obj.objgen} has {alpha} {obj[alpha]}")
                if obj.get("/BM") not in (None, pikepdf.Name("/Normal"), pikepdf.Name("/Compatible")):
                    self.fail("transparency", f"ExtGState {obj.objgen} blends with {obj.get('/BM')}")
                if "/TR" in obj:
                    self.fail("6.2.5 transfer", f"ExtGState {obj.objgen} has a transfer function /TR")
            group = obj.get("/Group")
            if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
                self.fail("transparency", f"object {obj.objgen} has a transparency group")
            if "/Alternates" in obj or "/OPI" in obj:
                self.fail("6.2.8 images", f"object {obj.objgen} has /Alternates or /OPI")

    def check_poppler(self):
        info = subprocess.run(["pdfinfo", self.path], capture_output=True, text=True)
        if "Metadata Stream: yes" not in info.stdout:
            self.fail("pdfinfo", "poppler finds no metadata stream")
        if "Encrypted:       no" not in info.stdout:
            self.fail("pdfinfo", "poppler reads the file as encrypted")
        fonts = subprocess.run(["pdffonts", self.path], capture_output=True, text=True)
        for line in fonts.stdout.splitlines()[2:]:
            columns = line.split()
            # name type [encoding...] emb sub uni object ID
            if len(columns) < 7:
                continue
            embedded, _, unicode = columns[-5], columns[-4], columns[-3]
            if embedded != "yes" or unicode != "yes":
                self.fail("pdffonts", f"font {columns[0]}: embedded {embedded}, Unicode map {unicode}")

    def run(self):
        with open(self.path, "rb") as file:
            data = file.read()
        self.check_file_structure(data)
        with pikepdf.open(self.path) as pdf:
            self.check_trailer(pdf)
            self.check_metadata(pdf)
            self.check_output_intent(pdf)
            self.check_fonts(pdf)
            self.check_annotations(pdf)
            self.check_forbidden(pdf)
        self.check_poppler()
        return self.failures


def pdf_date(text):
    """D:YYYYMMDDHHmmSS followed by Z or ±HH'mm' → an aware datetime."""
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'\d{2})?", text)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    zone = match.group(7) or "Z"
    offset = datetime.timedelta(0)
    if zone[0] in "+-":
        offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])) * (1 if zone[0] == "+" else -1)
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=datetime.timezone(offset))


def xmp_date(text):
    if not isinstance(text, str):
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--standard", required=True, help="comma-separated: a-2b, a-2u, a-2a, ua-1")
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    standards = arguments.standard.split(",")
    failures = []
    for path in arguments.files:
        failures += Checker(path, standards).run()
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
