import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimStudy
import VerbatimExport
import VerbatimApp

extension CodingSource: ExpressibleByArgument {}
extension HumanCoding.Status: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}

/// What the analysis commands count: `--source` and `--coder`.
struct CountingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Which codings count: all (manual and accepted, plus the rules' not rejected), reviewed (manual and accepted), manual, or rules.", valueName: "source"))
    var source: CodingSource = .all
    @Option(name: .long, help: ArgumentHelp("Only this coder's decisions count.", valueName: "name"))
    var coder: String?
}

/// The coder who writes: `--coder`, else VERBATIM_CODER, else git's user.name.
struct CoderOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Who is coding (default: VERBATIM_CODER, else git config user.name).", valueName: "name"))
    var coder: String?

    func name() throws -> String { try CoderName.require(option: coder) }
}

extension Verbatim {
    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag",
            abstract: "Code a turn, or words in it, with a theme by hand.",
            discussion: """
            The coding goes to codings/<coder>.jsonl in the study, with the quote and the words around it, \
            so that it is found again if the transcript is corrected. The turn numbers are those of \
            'verbatim show'. --quote codes only those words (copied exactly from the turn).

            Examples:
              verbatim tag S01-lyon 42 peur-internet --coder Marie
              verbatim tag S01-lyon 14 peur-arnaques --quote "j'ai peur qu'on me les prenne" --memo "peur actuelle" --coder Marie
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var coderOption: CoderOption
        @Argument(help: "The document.") var document: String
        @Argument(help: "The turn number.") var turn: Int
        @Argument(help: "The theme id.") var theme: String
        @Option(name: .long, help: "The words to code, exactly as in the turn (default: the whole turn).") var quote: String?
        @Option(name: .long, help: "Which occurrence of the quote, when it is in the turn several times.") var occurrence: Int?
        @Option(name: .long, help: "A memo on the coding.") var memo: String?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?

        func run() throws {
            try execute { console in
                let request = TagUseCase.Request(document: document, turn: turn, theme: theme, quote: quote, occurrence: occurrence,
                                                 memo: memo, coder: try coderOption.name(), codebook: codebook)
                let c = try TagUseCase.run(request, in: try studyOptions.context(console))
                Terminal.line("\(c.id)  \(c.document):\(c.turn)  \(c.theme)  \"\(ReviewOutput.short(c.quote))\"  " + Terminal.style("by \(c.coder)", "2", false))
                return 0
            }
        }
    }

    struct Untag: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "untag",
            abstract: "Remove one of your codings or decisions.",
            discussion: """
            Examples:
              verbatim codings --coder Marie --status manual     # your codings and their ids (m-...)
              verbatim untag "$(verbatim codings --coder Marie --status manual --format json | jq -r '.[0].id')" --coder Marie
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var coderOption: CoderOption
        @Argument(help: "The coding's id (as 'verbatim codings' lists it).") var id: String

        func run() throws {
            try execute { console in
                let c = try UntagUseCase.run(id: id, coder: try coderOption.name(), in: try studyOptions.context(console))
                Terminal.line("removed \(c.id)  \(c.document):\(c.turn)  \(c.theme)")
                return 0
            }
        }
    }

    struct Codings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codings",
            abstract: "List the researchers' codings and decisions (codings/*.jsonl).",
            discussion: """
            Quotes are pseudonymised as in the excerpts unless --real-names is given. --blind (or \
            VERBATIM_BLIND=1) lists your own codings only (--coder, else VERBATIM_CODER, else git \
            config user.name), not the other coders', while a reliability check runs.

            Examples:
              verbatim codings
              verbatim codings --coder Marie --status rejected
              verbatim codings --blind --coder Marie
              verbatim codings --theme peur-internet --format csv > codings.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Only this coder's.") var coder: String?
        @Option(name: .long, help: "Only this theme's.") var theme: String?
        @Option(name: .long, help: "Only this status: manual, accepted or rejected.") var status: HumanCoding.Status?
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Flag(name: .customLong("real-names"), help: "Keep real names in the quotes.") var realNames = false
        @Flag(name: .long, help: "Blind coding: your own codings only (also VERBATIM_BLIND=1).") var blind = false

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(console, blind: blind, coder: coder)
                var codings = try CodingsUseCase.run(.init(coder: coder, theme: theme, status: status), in: context)
                if !realNames { codings = ReviewOutput.pseudonymized(codings, study: context.study) }
                switch format {
                case .text: Terminal.out(ReviewOutput.text(codings, style: Terminal.textStyle))
                case .csv: Terminal.out(ReviewOutput.csv(codings))
                case .json: Terminal.line(ReviewOutput.json(codings).serialized())
                }
                return 0
            }
        }
    }

    struct Suggestions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggestions",
            abstract: "The rules' codings you have not decided yet, to accept or reject.",
            discussion: """
            Each suggestion has an id (s-...) that stays the same while the same words of the same turn \
            match the same theme. Decide with 'verbatim accept', 'reject' or 'recode'. Suggestions are \
            the rules' codings, which every coder sees, never another coder's decisions; --blind (or \
            VERBATIM_BLIND=1) requires knowing who you are, and lists your undecided ones.

            Examples:
              verbatim suggestions --theme peur-internet --coder Marie
              verbatim suggestions --where group=senior --format json
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: "Only this theme and its sub-themes.") var theme: String?
        @Option(name: .customLong("where"), help: ArgumentHelp("Only where the speaker has this attribute value (repeatable).", valueName: "attr=value")) var filters: [String] = []
        @Option(name: .long, help: "Whose decisions to leave out (default: VERBATIM_CODER, else git config user.name; none: every suggestion).") var coder: String?
        @Option(name: .long, help: "Show at most this many (0: all).") var limit: Int = 50
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Flag(name: .long, help: "Blind coding: only your own decisions are taken into account (also VERBATIM_BLIND=1).") var blind = false
        @Flag(name: .customLong("real-names"), help: "Keep real names in the turns, speakers and document names.") var realNames = false

        func run() throws {
            try execute { console in
                let request = SuggestionsUseCase.Request(codebook: codebook, theme: theme, filters: filters,
                                                         coder: CoderName.resolve(option: coder), realNames: realNames)
                let all = try SuggestionsUseCase.run(request, in: try studyOptions.context(console, blind: blind, coder: coder))
                let shown = limit > 0 && format == .text ? Array(all.prefix(limit)) : all
                switch format {
                case .text: Terminal.out(ReviewOutput.text(shown, total: all.count, style: Terminal.textStyle))
                case .csv: Terminal.out(ReviewOutput.csv(all))
                case .json: Terminal.line(ReviewOutput.json(all).serialized())
                }
                return 0
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept rules' suggestions (their ids from 'verbatim suggestions').",
                                                        discussion: "Examples:\n  verbatim accept s-bb574cf88c9e s-2fad4ad73dd0 --coder Marie")
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var coderOption: CoderOption
        @Option(name: .long, help: "A memo on the decision.") var memo: String?
        @Argument(help: "Suggestion ids.") var ids: [String]

        func run() throws {
            try execute { console in
                let d = try SuggestionsUseCase.decide(ids: ids, status: .accepted, memo: memo, coder: try coderOption.name(),
                                                      in: try studyOptions.context(console))
                Terminal.line("accepted \(d.count) suggestion\(d.count == 1 ? "" : "s")")
                return 0
            }
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject rules' suggestions: they no longer count (by default).",
                                                        discussion: "Examples:\n  verbatim reject s-af51d5a79f59 --memo \"fear of the crooks, not of the internet\" --coder Marie")
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var coderOption: CoderOption
        @Option(name: .long, help: "Why.") var memo: String?
        @Argument(help: "Suggestion ids.") var ids: [String]

        func run() throws {
            try execute { console in
                let d = try SuggestionsUseCase.decide(ids: ids, status: .rejected, memo: memo, coder: try coderOption.name(),
                                                      in: try studyOptions.context(console))
                Terminal.line("rejected \(d.count) suggestion\(d.count == 1 ? "" : "s")")
                return 0
            }
        }
    }

    struct Recode: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "recode", abstract: "Accept a rules' suggestion under another theme.",
                                                        discussion: "Examples:\n  verbatim recode s-3f5bb6104392 peur-fausse-manoeuvre --coder Marie")
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var coderOption: CoderOption
        @Option(name: .long, help: "Why.") var memo: String?
        @Argument(help: "The suggestion id.") var id: String
        @Argument(help: "The theme it counts as.") var theme: String

        func run() throws {
            try execute { console in
                let d = try SuggestionsUseCase.decide(ids: [id], status: .accepted, theme: theme, memo: memo, coder: try coderOption.name(),
                                                      in: try studyOptions.context(console))
                Terminal.line("recoded \(id) as \(d.first?.theme ?? theme)")
                return 0
            }
        }
    }

    struct Memo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "memo",
            abstract: "Read or add to the memo of a document or a theme (memos/ in the study, Markdown).",
            discussion: """
            Without TEXT, prints the memo. With TEXT, adds it as a new paragraph signed with your name \
            and the time. The files are memos/documents/<document>.md and memos/themes/<theme>.md.

            Examples:
              verbatim memo S01-lyon
              verbatim memo peur-internet "Distinguer la peur actuelle de la peur passée." --coder Marie
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @OptionGroup var coderOption: CoderOption
        @Argument(help: "A document or a theme id.") var subject: String
        @Argument(help: "Text to add.") var text: String?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(console)
                let result = try MemoUseCase.run(subject: subject, text: text, coder: text == nil ? nil : try coderOption.name(),
                                                 codebook: codebook, in: context)
                Terminal.out(result)
                return 0
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find words across the study: a keyword-in-context concordance.",
            discussion: """
            Case and accents are ignored. A query holds words, "phrases in quotes", prefixes (inquiét*) and \
            A NEAR B (within 5 words; NEAR/3 for 3); several parts must all be in the turn. Each hit shows \
            the document, turn, speaker, attributes and the themes coded there. Text is pseudonymised as in \
            the excerpts unless --real-names is given. --blind (or VERBATIM_BLIND=1) shows the themes \
            of the rules and of your own decisions only (--coder, else VERBATIM_CODER, else git).

            Examples:
              verbatim search "peur NEAR internet" --where group=senior
              verbatim search "arnaque*" --blind --coder Marie
              verbatim search 'inquiét*' --role participant
              verbatim search '"prendre rendez-vous"' --format csv > rdv.csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Argument(help: "The query.") var query: String
        @Argument(help: "Transcript files, folders or document names (default: the whole study, through its index).") var paths: [String] = []
        @Option(name: .customLong("where"), help: ArgumentHelp("Only where the speaker has this attribute value (repeatable).", valueName: "attr=value")) var filters: [String] = []
        @Option(name: .long, help: "Only turns of this role: participant or interviewer.") var role: Role?
        @Option(name: .long, help: "Only turns coded with this theme (or its sub-themes).") var theme: String?
        @Option(name: .long, help: "Show at most this many hits in text (0: all).") var limit: Int = 100
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Option(name: .long, help: "Output format: text, json or csv.") var format: OutputFormat = .text
        @Flag(name: .customLong("real-names"), help: "Keep real names.") var realNames = false
        @Flag(name: .long, help: "Blind coding: the themes of the rules and of your own decisions only (also VERBATIM_BLIND=1).") var blind = false
        @Option(name: .long, help: ArgumentHelp("Who is coding, for --blind (default: VERBATIM_CODER, else git config user.name).", valueName: "name")) var coder: String?

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(paths: paths, console, blind: blind, coder: coder)
                let request = SearchUseCase.Request(query: query, paths: paths, filters: filters, role: role, theme: theme, codebook: codebook)
                var hits = try SearchUseCase.run(request, in: context)
                if !realNames { hits = ReviewOutput.pseudonymized(hits, study: context.study) }
                switch format {
                case .text: Terminal.out(ReviewOutput.text(hits, limit: limit, style: Terminal.textStyle))
                case .csv: Terminal.out(ReviewOutput.csv(hits))
                case .json: Terminal.line(ReviewOutput.json(hits).serialized())
                }
                return 0
            }
        }
    }
}

extension Verbatim {
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Bring the study's index (.verbatim/index.sqlite) up to date, and say what changed.",
            discussion: """
            The index holds the documents, their turns with a full-text index, their attributes and the \
            rules' codings, so that 'verbatim search' need not read every transcript. Commands that use it \
            update it themselves; only what changed (by file content, study settings or codebook) is read \
            again. Deleting .verbatim/ loses nothing: it is rebuilt.

            Examples:
              verbatim index
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?

        func run() throws {
            try execute { console in
                let (index, s) = try IndexUseCase.update(codebook: codebook, in: try studyOptions.context(console))
                Terminal.line("\(Study.display(index.url)): \(s.documents) documents, \(s.read) read, \(s.recoded) recoded, \(s.removed) removed, in \(String(format: "%.2f", s.seconds)) s")
                return 0
            }
        }
    }
}
