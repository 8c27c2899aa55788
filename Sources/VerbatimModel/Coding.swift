/// One coding: a theme applied to a unit of a transcript, found by a rule (or by hand).
public struct Coding: Sendable, Equatable, Hashable {
    public var document: String
    /// 1-based turn index.
    public var turn: Int
    public var speaker: String?
    public var theme: String
    /// UTF-8 offsets of the matched words in the transcript's text.
    public var start: Int
    public var end: Int
    /// UTF-8 offsets of the coded unit (turn, sentence or paragraph).
    public var unitStart: Int
    public var unitEnd: Int
    /// The matched text as it appears in the transcript.
    public var match: String
    /// Which rule found it: `any[peur, crainte]`, or `manual`.
    public var rule: String

    public init(document: String, turn: Int, speaker: String?, theme: String, start: Int, end: Int,
                unitStart: Int, unitEnd: Int, match: String, rule: String) {
        self.document = document
        self.turn = turn
        self.speaker = speaker
        self.theme = theme
        self.start = start
        self.end = end
        self.unitStart = unitStart
        self.unitEnd = unitEnd
        self.match = match
        self.rule = rule
    }
}
