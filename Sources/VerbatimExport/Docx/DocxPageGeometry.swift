/// The page size and margins of a generated DOCX document, in twentieths of a point (twips).
struct DocxPageGeometry: Equatable {
    var width: Int
    var height: Int
    var margin: Int

    /// The width available for text between the left and right margins.
    var textWidth: Int { width - 2 * margin }

    /// ISO A4 (210 × 297 mm) with 2.5 cm margins.
    static let a4 = DocxPageGeometry(width: 11906, height: 16838, margin: 1417)
    /// US Letter (8.5 × 11 in) with 1 in margins.
    static let letter = DocxPageGeometry(width: 12240, height: 15840, margin: 1440)

    /// Letter for the regions that print on it (United States, Canada), A4 everywhere else.
    static func forLanguage(_ tag: String) -> DocxPageGeometry {
        let subtags = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).dropFirst()
        let letterRegions: Set<String> = ["US", "CA"]
        return subtags.contains(where: { letterRegions.contains($0.uppercased()) && $0.count == 2 }) ? .letter : .a4
    }
}
