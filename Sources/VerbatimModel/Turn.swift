/// One speaker turn: a span of the transcript's normalised text said by one speaker.
public struct Turn: Sendable, Equatable {
    /// 1-based position of the turn in its transcript.
    public var index: Int
    /// The speaker label as written (without its markup), or nil when the transcript has no labels.
    public var speaker: String?
    public var role: Role
    /// UTF-8 offset in `Transcript.text` where the speech starts (after the label and any time stamp).
    public var start: Int
    /// UTF-8 offset in `Transcript.text` where the speech ends (exclusive).
    public var end: Int
    /// UTF-8 offset where the label starts, equal to `start` when there is no label.
    public var labelStart: Int
    /// Time in the recording, when the transcript gives one.
    public var time: TimeRange?
    /// The 1-based source line where the turn starts, for text formats.
    public var line: Int?

    public init(index: Int, speaker: String?, role: Role, start: Int, end: Int, labelStart: Int,
                time: TimeRange? = nil, line: Int? = nil) {
        self.index = index
        self.speaker = speaker
        self.role = role
        self.start = start
        self.end = end
        self.labelStart = labelStart
        self.time = time
        self.line = line
    }
}
