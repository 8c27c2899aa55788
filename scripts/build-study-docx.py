#!/usr/bin/env python3
"""Build the .docx transcripts of the bundled study from their Markdown-like sources.

Each Corpora/les-connectes/sources/<name>.md is turned into a Flat ODF text
document (.fodt), every .fodt is converted to Word format by LibreOffice in one
headless run, and the results are moved to
Corpora/les-connectes/transcripts/<name>.docx.

The source markup is deliberately small:
  * paragraphs are separated by blank lines; the lines of a paragraph are
    joined with a single space;
  * **bold** spans (speaker labels such as **Enquêtrice :**);
  * footnote references [^label] and their definitions "[^label]: text" as a
    paragraph of their own; they become real footnotes at the reference;
  * reviewer comments {>>text<<} right after some words; they become real
    comments (author "Relecture") anchored at that point;
  * tables: consecutive lines starting with "|"; the first row is the header
    (bold); a separator row such as |---|---| is skipped.
Everything else is plain text, kept exactly as written.

Usage:
  python3 scripts/build-study-docx.py            # all sources/*.md
  python3 scripts/build-study-docx.py A.md B.md  # only these sources
  python3 scripts/build-study-docx.py --check    # convert into a temporary
      folder and verify the result (with pandoc when available); nothing in
      transcripts/ is touched.

Standard library only.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

# --------------------------------------------------------------------------
# Locations, all derived from this file so that the script runs from anywhere.

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(SCRIPT_DIR)
STUDY_DIR = os.path.join(REPO_ROOT, "Corpora", "les-connectes")
SOURCES_DIR = os.path.join(STUDY_DIR, "sources")
TRANSCRIPTS_DIR = os.path.join(STUDY_DIR, "transcripts")

SOFFICE_PROFILE = "file:///tmp/lo-verbatim-profile"
# The shell form is docx:"MS Word 2007 XML"; without a shell there are no quotes.
SOFFICE_FILTER = "docx:MS Word 2007 XML"
SOFFICE_TIMEOUT = 600  # seconds, for the whole batch

COMMENT_AUTHOR = "Relecture"
COMMENT_DATE = "2019-06-01T10:00:00"

# Style names used in the generated document.
STYLE_PARAGRAPH = "Standard"
STYLE_FOOTNOTE = "Footnote"  # LibreOffice's name; exported as Word's "footnote text"
STYLE_BOLD = "Bold"
STYLE_TABLE = "StudyTable"
STYLE_TABLE_COLUMN = "StudyTable.Column"
STYLE_TABLE_CELL = "StudyTable.Cell"


class SourceError(Exception):
    """A source file that cannot be read or understood."""


# --------------------------------------------------------------------------
# Parsing the source markup into a small document model.
#
# A document is a list of blocks:
#   ("para", inlines)                  an ordinary paragraph
#   ("table", [row, ...])              row = [inlines, ...] (one per cell);
#                                      the first row is the header
# and a dict of footnote definitions: label -> inlines.
#
# Inlines are a list of tuples:
#   ("text", str, bold)                a run of text
#   ("note", label, bold)              a footnote reference
#   ("comment", str)                   a reviewer comment (plain text)

FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.S)
# One regular expression for the three inline constructs; the order of the
# alternatives matters only when they overlap, which they cannot.
INLINE_RE = re.compile(r"\{>>(?P<comment>.*?)<<\}|\[\^(?P<note>[^\]\s]+)\]|(?P<bold>\*\*)", re.S)
TABLE_SEPARATOR_CELL_RE = re.compile(r"^[ \t]*:?-+:?[ \t]*$")
# Only ASCII spaces and tabs count as layout; no-break spaces are content.
HSPACE = " \t"


def is_table_line(line):
    return line.lstrip(HSPACE).startswith("|")


def split_blocks(text):
    """Split the source into raw blocks: ("para", joined_text) or ("table", [lines])."""
    blocks = []
    para_lines = []
    table_lines = []

    def flush_para():
        if para_lines:
            # Lines of one paragraph are joined with a single space.
            blocks.append(("para", " ".join(l.strip(HSPACE) for l in para_lines)))
            para_lines.clear()

    def flush_table():
        if table_lines:
            blocks.append(("table", list(table_lines)))
            table_lines.clear()

    for line in text.split("\n"):
        if not line.strip(HSPACE):
            flush_para()
            flush_table()
        elif is_table_line(line):
            flush_para()
            table_lines.append(line)
        else:
            flush_table()
            # A footnote definition always starts a paragraph of its own, even
            # right after another definition without a blank line between.
            if FOOTNOTE_DEF_RE.match(line.strip(HSPACE)):
                flush_para()
            para_lines.append(line)
    flush_para()
    flush_table()
    return blocks


def parse_inlines(text, allow_notes=True):
    """Turn the text of a paragraph or cell into inlines.

    '**' toggles bold; an unpaired last '**' is kept as literal text.
    Footnote references are only recognised when allow_notes is true (a note
    cannot contain another note); otherwise they stay literal.
    """
    matches = list(INLINE_RE.finditer(text))
    bold_marks = [m for m in matches if m.group("bold")]
    literal_bold = bold_marks[-1] if len(bold_marks) % 2 else None

    inlines = []
    bold = False
    pos = 0

    def add_text(s):
        if not s:
            return
        if inlines and inlines[-1][0] == "text" and inlines[-1][2] == bold:
            inlines[-1] = ("text", inlines[-1][1] + s, bold)
        else:
            inlines.append(("text", s, bold))

    for m in matches:
        add_text(text[pos:m.start()])
        pos = m.end()
        if m.group("bold"):
            if m is literal_bold:
                add_text(m.group(0))
            else:
                bold = not bold
        elif m.group("note") is not None:
            if allow_notes:
                inlines.append(("note", m.group("note"), bold))
            else:
                add_text(m.group(0))
        else:
            inlines.append(("comment", re.sub(r"[ \t\n]+", " ", m.group("comment")).strip(HSPACE)))
    add_text(text[pos:])
    return inlines


def split_table_row(line):
    """Cells of one table line; '\\|' stands for a literal bar inside a cell."""
    s = line.strip(HSPACE)
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells = re.split(r"(?<!\\)\|", s)
    return [c.replace("\\|", "|").strip(HSPACE) for c in cells]


def is_separator_row(cells):
    return bool(cells) and all(TABLE_SEPARATOR_CELL_RE.match(c) for c in cells)


def parse_source(text):
    """Return (blocks, footnotes, warnings) for one source text."""
    warnings = []
    raw_blocks = split_blocks(text)

    # First pass: collect the footnote definitions.
    definitions = {}
    body_raw = []
    for kind, content in raw_blocks:
        if kind == "para":
            m = FOOTNOTE_DEF_RE.match(content)
            if m:
                label = m.group(1)
                if label in definitions:
                    warnings.append("footnote [^%s] defined twice; the first definition is kept" % label)
                    continue
                definitions[label] = m.group(2).strip(HSPACE)
                continue
        body_raw.append((kind, content))

    # Second pass: parse the body.
    blocks = []
    for kind, content in body_raw:
        if kind == "para":
            blocks.append(("para", parse_inlines(content)))
        else:
            rows = [split_table_row(l) for l in content]
            rows = [r for r in rows if not is_separator_row(r)]
            if not rows:
                continue
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            blocks.append(("table", [[parse_inlines(c) for c in r] for r in rows]))

    # Check references against definitions. A reference without a definition
    # stays literal; a definition without a reference is kept as a body
    # paragraph so that no text is lost.
    used = []
    for inlines in iter_inline_lists(blocks):
        for i, item in enumerate(inlines):
            if item[0] != "note":
                continue
            label = item[1]
            if label not in definitions:
                warnings.append("footnote reference [^%s] has no definition; kept as text" % label)
                inlines[i] = ("text", "[^%s]" % label, item[2])
            elif label in used:
                warnings.append("footnote [^%s] referenced more than once; the note is repeated" % label)
            else:
                used.append(label)
    for label in definitions:
        if label not in used:
            warnings.append("footnote [^%s] is never referenced; its text is kept as a paragraph" % label)
            blocks.append(("para", parse_inlines("[^%s]: %s" % (label, definitions[label]), allow_notes=False)))

    footnotes = {label: parse_inlines(definitions[label], allow_notes=False) for label in used}

    # LibreOffice's Word export drops comments that sit inside a footnote, so
    # a comment written in a footnote definition is anchored in the body, right
    # after the footnote reference, instead.
    note_comments = {}
    for label, inlines in footnotes.items():
        note_comments[label] = [item for item in inlines if item[0] == "comment"]
        inlines[:] = [item for item in inlines if item[0] != "comment"]
    for inlines in iter_inline_lists(blocks):
        i = 0
        while i < len(inlines):
            item = inlines[i]
            if item[0] == "note" and note_comments.get(item[1]):
                inlines[i + 1:i + 1] = note_comments[item[1]]
                i += len(note_comments[item[1]])
            i += 1
    return blocks, footnotes, warnings


def iter_inline_lists(blocks):
    """Every inline list of the body: paragraphs and table cells."""
    for kind, content in blocks:
        if kind == "para":
            yield content
        else:
            for row in content:
                for cell in row:
                    yield cell


def inline_plain_text(inlines):
    """The visible body text of some inlines (no notes, no comments)."""
    return "".join(item[1] for item in inlines if item[0] == "text")


# --------------------------------------------------------------------------
# Writing Flat ODF (ODF 1.3, office:document in a single XML file).

NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}

# Characters that XML 1.0 does not allow at all (other than tab, LF, CR).
XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_escape(s, attribute=False):
    s = XML_INVALID_RE.sub("", s)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        s = s.replace('"', "&quot;")
    return s


class TextWriter:
    """Encodes text content of one paragraph with ODF white-space rules.

    In ODF, runs of spaces collapse and leading spaces are dropped, so every
    space that follows another space (or starts the paragraph) is written as
    <text:s/>, and tabs as <text:tab/>. Non-breaking spaces are ordinary
    characters and are kept as they are.
    """

    def __init__(self):
        self.parts = []
        self.after_space = True  # at the start of a paragraph

    def text(self, s):
        out = []
        pending = 0  # spaces that must be written as <text:s/>

        def flush():
            nonlocal pending
            if pending:
                out.append('<text:s text:c="%d"/>' % pending if pending > 1 else "<text:s/>")
                pending = 0

        for ch in s:
            if ch == " ":
                if self.after_space:
                    pending += 1
                else:
                    out.append(" ")
                    self.after_space = True
            elif ch in "\t":
                flush()
                out.append("<text:tab/>")
                self.after_space = True
            elif ch in "\r\n":
                # Cannot occur after joining lines; treat as a space.
                if self.after_space:
                    pending += 1
                else:
                    out.append(" ")
                    self.after_space = True
            else:
                flush()
                out.append(xml_escape(ch))
                self.after_space = False
        flush()
        return "".join(out)


class FodtWriter:
    def __init__(self):
        self.note_count = 0

    def inlines_xml(self, inlines, footnotes, force_bold=False):
        tw = TextWriter()
        parts = []
        for item in inlines:
            if item[0] == "text":
                encoded = tw.text(item[1])
                if item[2] or force_bold:
                    parts.append('<text:span text:style-name="%s">%s</text:span>' % (STYLE_BOLD, encoded))
                else:
                    parts.append(encoded)
            elif item[0] == "note":
                parts.append(self.note_xml(footnotes[item[1]], footnotes))
                tw.after_space = False
            else:
                parts.append(self.comment_xml(item[1]))
        return "".join(parts)

    def note_xml(self, note_inlines, footnotes):
        self.note_count += 1
        n = self.note_count
        body = self.inlines_xml(note_inlines, footnotes)
        return (
            '<text:note text:id="ftn%d" text:note-class="footnote">'
            "<text:note-citation>%d</text:note-citation>"
            '<text:note-body><text:p text:style-name="%s">%s</text:p></text:note-body>'
            "</text:note>" % (n, n, STYLE_FOOTNOTE, body)
        )

    @staticmethod
    def comment_xml(comment):
        tw = TextWriter()
        return (
            "<office:annotation>"
            "<dc:creator>%s</dc:creator>"
            "<dc:date>%s</dc:date>"
            "<text:p>%s</text:p>"
            "</office:annotation>" % (xml_escape(COMMENT_AUTHOR), COMMENT_DATE, tw.text(comment))
        )

    def table_xml(self, rows, footnotes, index):
        width = len(rows[0])
        out = ['<table:table table:name="Tableau%d" table:style-name="%s">' % (index, STYLE_TABLE)]
        out.append('<table:table-column table:style-name="%s" table:number-columns-repeated="%d"/>'
                   % (STYLE_TABLE_COLUMN, width))
        for r, row in enumerate(rows):
            if r == 0:
                out.append("<table:table-header-rows>")
            out.append("<table:table-row>")
            for cell in row:
                out.append('<table:table-cell table:style-name="%s" office:value-type="string">'
                           '<text:p text:style-name="%s">%s</text:p></table:table-cell>'
                           % (STYLE_TABLE_CELL, STYLE_PARAGRAPH, self.inlines_xml(cell, footnotes, force_bold=(r == 0))))
            out.append("</table:table-row>")
            if r == 0:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        return "".join(out)

    def document(self, blocks, footnotes, title):
        self.note_count = 0
        body = []
        tables = 0
        for kind, content in blocks:
            if kind == "para":
                body.append('<text:p text:style-name="%s">%s</text:p>'
                            % (STYLE_PARAGRAPH, self.inlines_xml(content, footnotes)))
            else:
                tables += 1
                body.append(self.table_xml(content, footnotes, tables))
        ns = " ".join('xmlns:%s="%s"' % item for item in NAMESPACES.items())
        return "\n".join([
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">' % ns,
            "<office:meta><dc:title>%s</dc:title><dc:language>fr-FR</dc:language></office:meta>" % xml_escape(title),
            "<office:styles>",
            # Default paragraph properties, inherited by everything.
            '<style:default-style style:family="paragraph">'
            '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.25cm"/>'
            '<style:text-properties fo:font-size="11pt" fo:language="fr" fo:country="FR"/>'
            "</style:default-style>",
            '<style:style style:name="%s" style:family="paragraph" style:class="text"/>' % STYLE_PARAGRAPH,
            '<style:style style:name="%s" style:family="paragraph" style:parent-style-name="%s" style:class="extra">'
            '<style:paragraph-properties fo:margin-bottom="0.1cm"/><style:text-properties fo:font-size="10pt"/>'
            "</style:style>" % (STYLE_FOOTNOTE, STYLE_PARAGRAPH),
            '<style:style style:name="%s" style:family="text">'
            '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/>'
            "</style:style>" % STYLE_BOLD,
            "</office:styles>",
            "<office:automatic-styles>",
            '<style:style style:name="%s" style:family="table">'
            '<style:table-properties style:width="17cm" table:align="margins" fo:margin-top="0cm" fo:margin-bottom="0.25cm"/>'
            "</style:style>" % STYLE_TABLE,
            '<style:style style:name="%s" style:family="table-column"/>' % STYLE_TABLE_COLUMN,
            '<style:style style:name="%s" style:family="table-cell">'
            '<style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>'
            "</style:style>" % STYLE_TABLE_CELL,
            "</office:automatic-styles>",
            "<office:body><office:text>",
            "\n".join(body),
            "</office:text></office:body>",
            "</office:document>",
            "",
        ])


# --------------------------------------------------------------------------
# Sources, conversion, installation.

def read_source(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise SourceError("cannot read %s: %s" % (path, e.strerror or e))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SourceError("%s is not UTF-8 (byte %d)" % (path, e.start))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def resolve_sources(args):
    """The source files to convert: the arguments, or every sources/*.md."""
    if not args:
        if not os.path.isdir(SOURCES_DIR):
            fail("no sources folder at %s" % SOURCES_DIR)
        names = sorted(n for n in os.listdir(SOURCES_DIR)
                       if n.endswith(".md") and not n.startswith(".")
                       and os.path.isfile(os.path.join(SOURCES_DIR, n)))
        return [os.path.join(SOURCES_DIR, n) for n in names]
    paths = []
    for a in args:
        candidates = [a, os.path.join(SOURCES_DIR, a), os.path.join(SOURCES_DIR, a + ".md")]
        found = next((c for c in candidates if os.path.isfile(c)), None)
        if found is None:
            fail("no such source: %s" % a)
        paths.append(os.path.abspath(found))
    return paths


def stem_of(path):
    return os.path.splitext(os.path.basename(path))[0]


def fail(message):
    print("build-study-docx: " + message, file=sys.stderr)
    sys.exit(1)


def find_soffice():
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                      "/opt/libreoffice/program/soffice",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def convert(soffice, fodt_paths, outdir):
    """Convert all .fodt files in one soffice run; return {stem: docx path}."""
    cmd = [soffice, "--headless", "--norestore", "-env:UserInstallation=" + SOFFICE_PROFILE,
           "--convert-to", SOFFICE_FILTER, "--outdir", outdir] + fodt_paths
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        sys.stderr.write((e.output or b"").decode("utf-8", "replace"))
        fail("soffice did not finish within %d s" % SOFFICE_TIMEOUT)
    except OSError as e:
        fail("cannot run soffice: %s" % e)
    output = proc.stdout.decode("utf-8", "replace")
    results = {}
    missing = []
    for p in fodt_paths:
        stem = stem_of(p)
        docx = os.path.join(outdir, stem + ".docx")
        if os.path.isfile(docx) and os.path.getsize(docx) > 0 and zipfile.is_zipfile(docx):
            results[stem] = docx
        else:
            missing.append(stem)
    if proc.returncode != 0 or missing:
        sys.stderr.write(output)
        if proc.returncode != 0:
            fail("soffice failed (exit status %d)%s" % (
                proc.returncode, "; not converted: " + ", ".join(missing) if missing else ""))
        fail("soffice did not produce a .docx for: " + ", ".join(missing))
    return results


def install(docx, stem):
    """Copy docx to transcripts/<stem>.docx, atomically replacing an older one."""
    os.makedirs(TRANSCRIPTS_DIR, exist_ok=True)
    target = os.path.join(TRANSCRIPTS_DIR, stem + ".docx")
    fd, tmp = tempfile.mkstemp(prefix="." + stem + ".", suffix=".docx.part", dir=TRANSCRIPTS_DIR)
    os.close(fd)
    try:
        shutil.copyfile(docx, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def source_signature(path):
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size)


def report_strays(built):
    """Notes about transcripts/ that a person should look at (nothing is deleted):
    .docx files with no source, and documents present under two formats."""
    by_stem = {}
    for name in sorted(os.listdir(TRANSCRIPTS_DIR)):
        stem, ext = os.path.splitext(name)
        if name.startswith(".") or not ext:
            continue
        by_stem.setdefault(stem, []).append(name)
        if ext == ".docx" and stem not in built:
            print("note: transcripts/%s has no source in sources/" % name, file=sys.stderr)
    for stem in sorted(built):
        names = by_stem.get(stem, [])
        if len(names) > 1:
            print("note: transcripts/ holds %s under several formats: %s"
                  % (stem, ", ".join(names)), file=sys.stderr)


def relative(path):
    return os.path.relpath(path, REPO_ROOT)


# --------------------------------------------------------------------------
# --check: verify the converted documents.

NOTE_MARK_RE = re.compile(r"\[\d+\]")


def normalise(s):
    """Collapse every kind of white space (including no-break spaces) and drop
    pandoc's footnote marks, so that source and output text compare."""
    s = NOTE_MARK_RE.sub("", s)
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def check_document(docx, source, blocks, footnotes, pandoc):
    """Return a list of problems (empty when the document looks right)."""
    problems = []
    comments = [item[1] for inl in iter_inline_lists(blocks) for item in inl if item[0] == "comment"]
    note_refs = sum(1 for inl in iter_inline_lists(blocks) for item in inl if item[0] == "note")

    # Structure: the parts Word needs for notes and comments.
    with zipfile.ZipFile(docx) as z:
        names = set(z.namelist())
        document = z.read("word/document.xml").decode("utf-8") if "word/document.xml" in names else ""
        comment_part = z.read("word/comments.xml").decode("utf-8") if "word/comments.xml" in names else ""
    if not document:
        problems.append("no word/document.xml")
    found_refs = document.count("<w:footnoteReference")
    if found_refs != note_refs:
        problems.append("%d footnote references in the docx, %d expected" % (found_refs, note_refs))
    if note_refs and "word/footnotes.xml" not in names:
        problems.append("word/footnotes.xml missing")
    found_comments = document.count("<w:commentReference")
    if comments and "word/comments.xml" not in names:
        problems.append("word/comments.xml missing")
    if found_comments != len(comments):
        problems.append("%d comment references in the docx, %d expected" % (found_comments, len(comments)))
    if comment_part.count("<w:comment ") != len(comments):
        problems.append("%d comments in word/comments.xml, %d expected"
                        % (comment_part.count("<w:comment "), len(comments)))
    tables = sum(1 for kind, _ in blocks if kind == "table")
    if document.count("<w:tbl>") != tables:
        problems.append("%d tables in the docx, %d expected" % (document.count("<w:tbl>"), tables))

    if pandoc is None:
        return problems, len(comments), note_refs, tables

    proc = subprocess.run([pandoc, "-f", "docx", "-t", "plain", "--wrap=none", "--columns=100000", docx],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        problems.append("pandoc failed" + (": " + lines[-1] if lines else ""))
        return problems, len(comments), note_refs, tables
    plain = normalise(proc.stdout.decode("utf-8", "replace"))

    missing = 0
    first_missing = None
    for inl in iter_inline_lists(blocks):
        words = normalise(inline_plain_text(inl)).split()[:5]
        if not words:
            continue
        if " ".join(words) not in plain:
            missing += 1
            first_missing = first_missing or " ".join(words)
    if missing:
        problems.append("%d paragraph(s) not found, e.g. '%s'" % (missing, first_missing))
    for label, inl in footnotes.items():
        text = normalise(inline_plain_text(inl))
        if text and text not in plain:
            problems.append("footnote [^%s] text not found" % label)
    for c in comments:
        text = normalise(c)
        if text and text in plain:
            problems.append("comment text appears in the body: '%s'" % text[:40])
    return problems, len(comments), note_refs, tables


# --------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(
        description="Convert the study's sources/*.md into transcripts/*.docx with LibreOffice.")
    parser.add_argument("sources", nargs="*", help="source .md files (default: every sources/*.md)")
    parser.add_argument("--check", action="store_true",
                        help="convert into a temporary folder and verify the documents; transcripts/ is left alone")
    args = parser.parse_args()

    soffice = find_soffice()
    if soffice is None:
        fail("soffice (LibreOffice) not found; install LibreOffice or put soffice on PATH")

    sources = resolve_sources(args.sources)
    if not sources:
        fail("no .md sources in %s" % relative(SOURCES_DIR))
    stems = [stem_of(p) for p in sources]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        fail("several sources would produce the same document: " + ", ".join(duplicates))

    errors = 0
    workdir = tempfile.mkdtemp(prefix="verbatim-docx-")
    try:
        fodt_dir = os.path.join(workdir, "fodt")
        out_dir = os.path.join(workdir, "docx")
        os.makedirs(fodt_dir)
        os.makedirs(out_dir)

        parsed = {}
        signatures = {}
        fodt_paths = []
        for path in sources:
            stem = stem_of(path)
            try:
                signatures[stem] = source_signature(path)
                blocks, footnotes, warnings = parse_source(read_source(path))
            except OSError as e:
                print("error: cannot read %s: %s" % (path, e.strerror or e), file=sys.stderr)
                errors += 1
                continue
            except SourceError as e:
                print("error: %s" % e, file=sys.stderr)
                errors += 1
                continue
            for w in warnings:
                print("warning: %s: %s" % (os.path.basename(path), w), file=sys.stderr)
            if not blocks:
                print("warning: %s is empty; skipped" % os.path.basename(path), file=sys.stderr)
                continue
            fodt = os.path.join(fodt_dir, stem + ".fodt")
            with open(fodt, "w", encoding="utf-8") as f:
                f.write(FodtWriter().document(blocks, footnotes, stem))
            parsed[stem] = (path, blocks, footnotes)
            fodt_paths.append(fodt)

        if not fodt_paths:
            fail("nothing to convert")
        results = convert(soffice, fodt_paths, out_dir)

        if args.check:
            pandoc = shutil.which("pandoc")
            if pandoc is None:
                print("note: pandoc not found; only the document structure is checked", file=sys.stderr)
            for stem in sorted(results):
                path, blocks, footnotes = parsed[stem]
                problems, n_comments, n_notes, n_tables = check_document(
                    results[stem], path, blocks, footnotes, pandoc)
                summary = "%d paragraphs, %d table(s), %d footnote(s), %d comment(s)" % (
                    sum(1 for k, _ in blocks if k == "para"), n_tables, n_notes, n_comments)
                if problems:
                    errors += 1
                    print("FAIL %s.docx (%s): %s" % (stem, summary, "; ".join(problems)))
                else:
                    print("ok   %s.docx (%s)" % (stem, summary))
        else:
            installed = [install(results[stem], stem) for stem in sorted(results)]
            width = max(len(relative(t)) for t in installed)
            for target in installed:
                print("%-*s %8d bytes" % (width, relative(target), os.path.getsize(target)))
            if not args.sources:
                report_strays(set(results))

        # Sources are still being edited by others: say so if one changed
        # while it was being converted, so that the run can be repeated.
        for stem, (path, _, _) in sorted(parsed.items()):
            try:
                changed = source_signature(path) != signatures[stem]
            except OSError:
                changed = True
            if changed:
                print("warning: %s changed during the run; run the script again"
                      % os.path.basename(path), file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    if errors:
        fail("%d file(s) failed" % errors)


if __name__ == "__main__":
    main()
