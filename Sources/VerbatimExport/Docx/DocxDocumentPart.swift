/// Builds `word/document.xml`, the main story of the document (ECMA-376 Part 1, §17.2), from a
/// ``ReportDocument``. Formatting comes from the paragraph styles defined in ``DocxStylesPart``; runs
/// carry only bold, italic and highlight.
struct DocxDocumentPart {
    let document: ReportDocument
    let page: DocxPageGeometry

    static let namespaces =
        #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#
        + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// The XML of the part.
    func xml() -> String {
        var out = DocxXML.declaration
        out += "<w:document \(Self.namespaces)><w:body>"
        if !document.title.isEmpty {
            paragraph(style: DocxStyleID.title, runs: [ReportDocument.Run(document.title)], into: &out)
        }
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                paragraph(style: DocxStyleID.heading(level), runs: [ReportDocument.Run(text)], into: &out)
            case .paragraph(let runs):
                paragraph(style: nil, runs: runs, into: &out)
            case .quote(let runs, let attribution):
                paragraph(style: DocxStyleID.quote, runs: runs, into: &out)
                if !attribution.isEmpty {
                    paragraph(style: DocxStyleID.attribution, runs: [ReportDocument.Run(attribution)], into: &out)
                }
            case .table(let header, let rows):
                table(header: header, rows: rows, into: &out)
            case .pageBreak:
                out += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            }
        }
        // The final section properties: page size and margins (§17.6.17).
        out += "<w:sectPr>"
        out += #"<w:pgSz w:w="\#(page.width)" w:h="\#(page.height)"/>"#
        out += #"<w:pgMar w:top="\#(page.margin)" w:right="\#(page.margin)" w:bottom="\#(page.margin)" "#
        out += #"w:left="\#(page.margin)" w:header="708" w:footer="708" w:gutter="0"/>"#
        out += #"<w:cols w:space="708"/>"#
        out += "</w:sectPr></w:body></w:document>"
        return out
    }

    /// A paragraph (§17.3.1.22) with an optional paragraph style.
    private func paragraph(style: String?, runs: [ReportDocument.Run], into out: inout String) {
        out += "<w:p>"
        if let style {
            out += #"<w:pPr><w:pStyle w:val="\#(style)"/></w:pPr>"#
        }
        for run in runs { Self.run(run, into: &out) }
        out += "</w:p>"
    }

    /// A run (§17.3.2.25). Line feeds become `<w:br/>` and tabs `<w:tab/>`; the text between them goes
    /// into `<w:t xml:space="preserve">` so that leading and trailing spaces survive.
    static func run(_ run: ReportDocument.Run, into out: inout String) {
        guard !run.text.isEmpty else { return }
        out += "<w:r>"
        // CT_RPr is a sequence: b, bCs, i, iCs, ..., highlight must come in that order.
        if run.bold || run.italic || run.highlight {
            out += "<w:rPr>"
            if run.bold || run.highlight { out += "<w:b/><w:bCs/>" }
            if run.italic { out += "<w:i/><w:iCs/>" }
            if run.highlight { out += #"<w:highlight w:val="yellow"/>"# }
            out += "</w:rPr>"
        }
        var pending = String.UnicodeScalarView()
        func flush() {
            guard !pending.isEmpty else { return }
            out += #"<w:t xml:space="preserve">"# + DocxXML.text(String(pending)) + "</w:t>"
            pending.removeAll()
        }
        var previousWasCR = false
        for scalar in run.text.unicodeScalars {
            switch scalar {
            case "\n":
                // "\r\n" is a single line break.
                if !previousWasCR { flush(); out += "<w:br/>" }
            case "\r":
                flush(); out += "<w:br/>"
            case "\t":
                flush(); out += "<w:tab/>"
            default:
                pending.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        flush()
        out += "</w:r>"
    }

    /// A table (§17.4.38) in the bordered table style, spanning the text width in equal columns. The
    /// header row repeats at the top of each page and is formatted by the style's first-row
    /// conditional formatting.
    private func table(header: [String], rows: [[String]], into out: inout String) {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return }
        let columnWidth = page.textWidth / columns
        out += "<w:tbl><w:tblPr>"
        out += #"<w:tblStyle w:val="\#(DocxStyleID.table)"/>"#
        out += #"<w:tblW w:w="5000" w:type="pct"/>"#
        out += #"<w:tblLayout w:type="fixed"/>"#
        // firstRow on, banding off: hex 0x0620 for the transitional w:val.
        out += #"<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" "#
        out += #"w:noHBand="1" w:noVBand="1"/>"#
        out += "</w:tblPr><w:tblGrid>"
        for _ in 0..<columns { out += #"<w:gridCol w:w="\#(columnWidth)"/>"# }
        out += "</w:tblGrid>"
        if !header.isEmpty {
            tableRow(header, columns: columns, width: columnWidth, isHeader: true, into: &out)
        }
        for row in rows {
            tableRow(row, columns: columns, width: columnWidth, isHeader: false, into: &out)
        }
        out += "</w:tbl>"
        // Two adjacent tables would merge into one; an empty paragraph after each keeps them apart.
        out += "<w:p/>"
    }

    private func tableRow(_ cells: [String], columns: Int, width: Int, isHeader: Bool, into out: inout String) {
        out += "<w:tr>"
        if isHeader {
            out += "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        }
        for index in 0..<columns {
            let text = index < cells.count ? cells[index] : ""
            out += #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/></w:tcPr><w:p>"#
            // Bold is set directly too, for readers that ignore conditional table formatting.
            Self.run(ReportDocument.Run(text, bold: isHeader), into: &out)
            out += "</w:p></w:tc>"
        }
        out += "</w:tr>"
    }
}
