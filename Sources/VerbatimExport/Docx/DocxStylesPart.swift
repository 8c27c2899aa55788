/// The style identifiers that `word/document.xml` refers to and `word/styles.xml` defines.
enum DocxStyleID {
    static let normal = "Normal"
    static let title = "Title"
    static let quote = "Quote"
    static let attribution = "Attribution"
    static let table = "VerbatimTable"

    /// `Heading1` to `Heading3`; levels outside 1...3 are clamped.
    static func heading(_ level: Int) -> String {
        "Heading\(min(max(level, 1), 3))"
    }
}

/// Builds `word/styles.xml` (ECMA-376 Part 1, §17.7): document defaults carrying the language, and
/// the paragraph, character and table styles the writer uses.
///
/// Headings use Word's built-in names (`heading 1` ...) and outline levels, so that the navigation
/// pane, the table of contents and LibreOffice's outline all recognise them.
struct DocxStylesPart {
    let language: String

    private static let font = "Calibri"
    private static let headingColor = "1F3864"

    /// The XML of the part.
    func xml() -> String {
        var out = DocxXML.declaration
        out += #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        out += docDefaults()

        // Paragraph styles. Inside CT_Style the order is name, basedOn, next, ..., uiPriority,
        // qFormat, pPr, rPr, tblPr, trPr, tcPr, tblStylePr.
        out += #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>"#
        out += "<w:qFormat/></w:style>"

        out += paragraphStyle(
            id: DocxStyleID.title, name: "Title", uiPriority: 10,
            pPr: #"<w:spacing w:before="0" w:after="240"/><w:contextualSpacing/>"#,
            rPr: #"<w:b/><w:bCs/><w:color w:val="\#(Self.headingColor)"/><w:kern w:val="28"/>"#
                + #"<w:sz w:val="52"/><w:szCs w:val="52"/>"#)

        let headingSizes = [32, 26, 24]  // half-points: 16 pt, 13 pt, 12 pt
        for level in 1...3 {
            let size = headingSizes[level - 1]
            out += paragraphStyle(
                id: DocxStyleID.heading(level), name: "heading \(level)", uiPriority: 9,
                pPr: "<w:keepNext/><w:keepLines/>"
                    + #"<w:spacing w:before="\#(level == 1 ? 360 : 240)" w:after="120"/>"#
                    + #"<w:outlineLvl w:val="\#(level - 1)"/>"#,
                rPr: #"<w:b/><w:bCs/><w:color w:val="\#(Self.headingColor)"/>"#
                    + #"<w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/>"#)
        }

        // The quotation keeps with its attribution line, and together on one page when it fits.
        out += paragraphStyle(
            id: DocxStyleID.quote, name: "Quote", uiPriority: 29,
            pPr: #"<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="60"/><w:ind w:left="720" w:right="720"/>"#,
            rPr: #"<w:i/><w:iCs/><w:color w:val="404040"/>"#)

        out += paragraphStyle(
            id: DocxStyleID.attribution, name: "Attribution", custom: true, uiPriority: 30,
            pPr: #"<w:spacing w:before="0" w:after="240"/><w:ind w:left="720" w:right="720"/><w:jc w:val="right"/>"#,
            rPr: #"<w:color w:val="767676"/><w:sz w:val="18"/><w:szCs w:val="18"/>"#)

        // Character and table defaults that Word expects in every document.
        out += #"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">"#
        out += #"<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>"#
        out += "<w:unhideWhenUsed/></w:style>"

        out += #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#
        out += #"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#
        out += cellMargins()
        out += "</w:tblPr></w:style>"

        out += tableStyle()
        out += "</w:styles>"
        return out
    }

    /// Document-wide run and paragraph defaults (§17.7.5): font, 11 pt, the language, and spacing.
    private func docDefaults() -> String {
        var out = "<w:docDefaults><w:rPrDefault><w:rPr>"
        let font = Self.font
        out += #"<w:rFonts w:ascii="\#(font)" w:hAnsi="\#(font)" w:eastAsia="\#(font)" w:cs="\#(font)"/>"#
        out += #"<w:sz w:val="22"/><w:szCs w:val="22"/>"#
        if !language.isEmpty {
            out += #"<w:lang w:val="\#(DocxXML.attribute(language))"/>"#
        }
        out += "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        out += #"<w:spacing w:after="160" w:line="276" w:lineRule="auto"/>"#
        out += "</w:pPr></w:pPrDefault></w:docDefaults>"
        return out
    }

    private func paragraphStyle(id: String, name: String, custom: Bool = false, uiPriority: Int,
                                pPr: String, rPr: String) -> String {
        var out = #"<w:style w:type="paragraph""#
        if custom { out += #" w:customStyle="1""# }
        out += #" w:styleId="\#(id)"><w:name w:val="\#(name)"/>"#
        out += #"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#
        out += #"<w:uiPriority w:val="\#(uiPriority)"/><w:qFormat/>"#
        out += "<w:pPr>\(pPr)</w:pPr><w:rPr>\(rPr)</w:rPr></w:style>"
        return out
    }

    private func cellMargins() -> String {
        #"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#
            + #"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>"#
    }

    /// A table style with single borders around and between all cells, and a shaded, bold first row
    /// (§17.7.6).
    private func tableStyle() -> String {
        var out = #"<w:style w:type="table" w:styleId="\#(DocxStyleID.table)"><w:name w:val="Verbatim Table"/>"#
        out += #"<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>"#
        out += #"<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>"#
        out += #"<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>"#
        out += #"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>"#
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            out += #"<w:\#(edge) w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#
        }
        out += "</w:tblBorders>"
        out += cellMargins()
        out += "</w:tblPr>"
        out += #"<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>"#
        out += #"<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>"#
        out += "</w:style>"
        return out
    }
}
