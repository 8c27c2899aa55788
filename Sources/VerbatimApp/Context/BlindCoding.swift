import Foundation
import VerbatimModel
import VerbatimStudy

/// Blind coding: while a reliability check runs, a coder does not see the other coders' codings.
///
/// It is asked for with `--blind` on the commands that show codings, or for every command and the
/// workbench with the environment variable `VERBATIM_BLIND=1` (`true`, `yes` and `on` too). Then the
/// codings listed, searched and counted are the coder's own and the rules' (which every coder sees),
/// and the commands that show every coder's codings side by side (`agree --coders`, `adjudicate`)
/// refuse to run.
public struct BlindCoding: Sendable, Equatable {
    /// Who is coding blind; nil when it is not known.
    public var coder: String?

    public init(coder: String?) { self.coder = coder }

    /// The environment variable.
    public static let variable = "VERBATIM_BLIND"

    /// What to do to see the others' codings again.
    public static let howToLeave = "leave out --blind and unset \(variable) once the check is done"

    /// Whether the environment asks for blind coding.
    public static func requested(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let v = environment[variable]?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(v)
    }

    /// Blind coding when `flag` (a `--blind` option) or the environment asks for it; nil when nobody
    /// asks for it. The blind coder is `VERBATIM_CODER` when it is set (so that `--coder OTHER` on a
    /// command that filters by coder cannot show another coder's codings), else `coder` (a `--coder`
    /// option), else git's user.name.
    public static func resolve(flag: Bool, coder: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               cwd: URL? = nil) -> BlindCoding? {
        guard flag || requested(environment: environment) else { return nil }
        let env = environment["VERBATIM_CODER"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        return BlindCoding(coder: CoderName.resolve(option: env ?? coder, environment: environment, cwd: cwd))
    }

    /// The blind coder.
    /// - Throws: a ``Diagnostic`` saying how to name them.
    public func require() throws -> String {
        guard let coder else {
            throw Diagnostic.error("", "blind coding shows your own codings only: say who you are with --coder NAME or VERBATIM_CODER=NAME")
        }
        return coder
    }

    /// Refuses a command that shows every coder's codings side by side.
    /// - Throws: a ``Diagnostic`` when blind coding is on.
    public static func refuse(_ blind: BlindCoding?, _ what: String) throws {
        guard let blind else { return }
        throw Diagnostic.error("", "blind coding is on\(blind.coder.map { " for \($0)" } ?? ""): \(what) shows the other coders' codings; \(howToLeave)")
    }
}
