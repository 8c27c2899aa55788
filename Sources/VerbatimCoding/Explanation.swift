import VerbatimModel

/// Why a turn was coded as it was: `verbatim code --explain DOC:TURN`.
public struct Explanation: Sendable {
    /// A hit that did not become a coding, and why.
    public struct Dropped: Sendable {
        /// The id of the theme the hit was for.
        public var theme: String
        /// The summary of the rule the hit was in (`any[peur, crainte]`); empty when the theme does not
        /// code the turn's role.
        public var rule: String
        /// The text of the hit.
        public var match: String
        /// Why it was dropped: negated, excluded by an `unless` term, or a role the theme does not code.
        public var reason: String
    }
    /// The document the turn is in.
    public var document: String
    /// The turn's number in its document.
    public var turn: Int
    /// The turn's speaker, when it has one.
    public var speaker: String?
    /// The speaker's role.
    public var role: Role
    /// The codings of the turn.
    public var codings: [Coding] = []
    /// The hits that were dropped, in the order the coder met them.
    public var dropped: [Dropped] = []
}
