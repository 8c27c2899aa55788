/// The speaker turns of a transcript as byte ranges of the file's own bytes, without the normalised
/// text: what counting needs, made by `TurnSegmenter.scanTurns` for plain-text files.
public struct TurnSpans: Sendable {
    /// UTF-8 byte ranges of each turn's speech in the buffer that was scanned.
    public var starts: [Int] = []
    public var ends: [Int] = []
    /// Each turn's speaker, an index into `labels`, or -1 when the transcript has no labels.
    public var speakers: [Int32] = []
    public var roles: [Role] = []
    /// The speakers' labels as first written, by index.
    public var labels: [String] = []

    public init() {}

    public var count: Int { starts.count }
}
