/// The language of what verbatim writes for people: French for a French study, English otherwise.
/// Shared by the report's and the excerpts' strings.
enum OutputLanguage {
    /// `fr` for `fr`, `fr-FR`, `FR`...; `en` for anything else.
    static func code(_ language: String) -> String { language.lowercased().hasPrefix("fr") ? "fr" : "en" }

    /// The colon after a label, with French spacing (a no-break space before it) in French.
    static func colon(french: Bool) -> String { french ? "\u{00A0}:" : ":" }
}
