/// A distinct speaker of a transcript, with the role verbatim gave it and how many turns it has.
public struct Speaker: Sendable, Equatable, Codable {
    public var label: String
    public var role: Role
    public var turns: Int

    public init(label: String, role: Role, turns: Int) {
        self.label = label
        self.role = role
        self.turns = turns
    }
}
