/// Who a speaker is in the interview: the person asking (interviewer, moderator) or a participant.
public enum Role: String, Sendable, Codable, CaseIterable {
    case interviewer
    case participant
    /// No speaker could be identified (a transcript without labels).
    case unknown
}
