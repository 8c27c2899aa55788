/// Who a speaker is in the interview: the person asking (interviewer, moderator) or a participant.
public enum Role: String, Sendable, Codable, CaseIterable {
    case interviewer
    case participant
    /// No speaker could be identified (a transcript without labels).
    case unknown

    /// The role's position in `allCases`, without building that array (it is a bit index in role sets).
    @inlinable public var ordinal: Int {
        switch self {
        case .interviewer: return 0
        case .participant: return 1
        case .unknown: return 2
        }
    }
}
