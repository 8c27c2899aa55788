import Foundation
import VerbatimModel
@testable import VerbatimIngest

/// Reads and segments `text` as a plain-text transcript.
func transcript(_ text: String, rules: SpeakerRules = SpeakerRules(), interviewers: [String] = []) throws -> Transcript {
    let doc = try TextReader.read(data: Data(text.utf8), path: "t.txt")
    return try TurnSegmenter(rules: rules).segment(doc, document: "t.txt", documentInterviewers: interviewers)
}

/// (speaker, role, text) of each turn, for compact expectations.
func turns(_ t: Transcript) -> [(String, Role, String)] {
    t.turns.map { ($0.speaker ?? "-", $0.role, t.text(of: $0)) }
}
