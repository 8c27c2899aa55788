/// The file formats verbatim reads transcripts from.
public enum SourceFormat: String, Sendable, Codable, CaseIterable {
    case text, markdown, docx, odt, vtt, srt, sbv

    /// The format for a file extension (without the dot, any case), or nil when verbatim does not read it.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "docx", "docm", "dotx", "dotm": self = .docx
        case "odt": self = .odt
        case "vtt": self = .vtt
        case "srt": self = .srt
        case "sbv": self = .sbv
        default: return nil
        }
    }

    /// Whether the format carries its own cue times (subtitles).
    public var isSubtitle: Bool { self == .vtt || self == .srt || self == .sbv }
}
