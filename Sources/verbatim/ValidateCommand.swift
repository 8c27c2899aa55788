import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimApp

extension Verbatim {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "The rules' codings against one coder's decisions: precision, recall and F1 per theme.",
            discussion: """
            The coder given by --gold is the reference: their confirmed codings (manual and accepted, \
            recoded ones under their new theme) against the rules' codings as the codebook gives them. \
            The units compared are the non-interviewer turns (--unit turn) or the documents (--unit \
            document) of the documents the coder reviewed, that is, made any decision in (a tag, an \
            acceptance, a rejection); there, a unit the coder did not code with a theme counts as 'not \
            that theme'. Documents the coder has not opened are left out.

            For each theme (with its sub-themes): true positives (both coded), false positives (the \
            rules coded, the coder did not), false negatives (the coder coded, the rules did not), true \
            negatives, precision TP/(TP+FP), recall TP/(TP+FN) and F1. Then the false positives, with \
            the rule that fired and its words, and the false negatives, with what the coder coded and \
            the theme's hits the rules dropped there (negated, excluded...), as 'verbatim code --explain \
            DOC:TURN' shows them. Quotes are pseudonymised unless --real-names is given; --format json \
            has every item, csv the table.

            Examples:
              verbatim tag S01-lyon 12 peur-fausse-manoeuvre --coder Marie; verbatim tag S01-lyon 14 peur-arnaques --coder Marie
              verbatim validate --gold Marie
              verbatim validate --gold Marie --theme peur-internet --format json
              verbatim validate --gold Marie --unit document --format csv
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("The coder whose decisions are the reference.", valueName: "coder")) var gold: String
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id")) var theme: String?
        @Option(name: .long, help: ArgumentHelp("The unit compared: turn or document.", valueName: "turn|document"))
        var unit: AgreementUseCase.Unit = .turn
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Flag(name: .customLong("real-names"), help: "Quote with real names instead of pseudonyms.") var realNames = false
        @Option(name: .long, help: "Output format: text, csv or json.") var format: OutputFormat = .text

        func run() throws {
            try execute { console in
                let request = ValidateUseCase.Request(gold: gold, theme: theme, unit: unit, codebook: codebook, realNames: realNames)
                let r = try ValidateUseCase.run(request, in: try studyOptions.context(console))
                switch format {
                case .text: Terminal.out(ValidateOutput.text(r, style: Terminal.textStyle))
                case .csv: Terminal.out(ValidateOutput.csv(r))
                case .json: Terminal.line(ValidateOutput.json(r).serialized())
                }
                return 0
            }
        }
    }
}

extension Verbatim {
    enum Kept: String, ExpressibleByArgument { case present, absent }

    struct Adjudicate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adjudicate",
            abstract: "Settle the coders' disagreements; the agreed coding is recorded under the coder 'adjudicated'.",
            discussion: """
            Without ids: the open disagreements, per turn and theme, as 'verbatim agree --coders' finds \
            them (a coder who saw the turn coded the theme, another did not), each with an id (a-...) \
            that stays the same while the turns do. With ids: settles them, --keep present (a copy of \
            the coding of a coder who coded it), --keep absent, or --accept-coder NAME (as that coder \
            coded it); a settled disagreement leaves the list, and settling it again replaces the \
            decision. --agreements copies the agreements (a theme every coder who saw the turn coded) \
            into the same file, so that it holds the whole agreed coding.

            Everything goes to codings/adjudicated.jsonl, in the coders' own format; count it with \
            '--source reviewed --coder adjudicated' in any analysis, or compare it with \
            'verbatim agree --coders Marie,adjudicated'. --coders defaults to every coder with a coding \
            file (but adjudicated).

            Examples:
              verbatim tag S01-lyon 12 peur-fausse-manoeuvre --coder Marie; verbatim tag S01-lyon 12 peur-fausse-manoeuvre --coder Paul; verbatim tag S01-lyon 14 peur-arnaques --coder Marie
              verbatim adjudicate --coders Marie,Paul
              verbatim adjudicate a-d67468b1bf2f --keep present --coders Marie,Paul
              verbatim adjudicate --coders Marie,Paul --agreements
              verbatim adjudicate --coders Marie,Paul --all --format json
              verbatim stats --source reviewed --coder adjudicated
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Argument(help: "The disagreements to settle (their ids from the list).") var ids: [String] = []
        @Option(name: .long, help: ArgumentHelp("The coders compared, separated by commas (default: every coder but adjudicated).", valueName: "A,B[,C...]"))
        var coders: String?
        @Option(name: .customLong("set"), help: ArgumentHelp("Only the documents of this set (sets/<name>.txt).", valueName: "name")) var documentSet: String?
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id")) var theme: String?
        @Option(name: .long, help: ArgumentHelp("Settle: the theme is kept in the turn, or not.", valueName: "present|absent")) var keep: Kept?
        @Option(name: .customLong("accept-coder"), help: ArgumentHelp("Settle as this coder coded it.", valueName: "name")) var acceptCoder: String?
        @Flag(name: .long, help: "Record the agreements too.") var agreements = false
        @Flag(name: .long, help: "List the settled disagreements too.") var all = false
        @Option(name: .long, help: "A memo on the decision.") var memo: String?
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Flag(name: .customLong("real-names"), help: "Quote with real names instead of pseudonyms.") var realNames = false
        @Option(name: .long, help: "Output format: text, csv or json.") var format: OutputFormat = .text

        func validate() throws {
            if keep != nil && acceptCoder != nil { throw ValidationError("give --keep or --accept-coder, not both") }
            if ids.isEmpty && (keep != nil || acceptCoder != nil) { throw ValidationError("--keep and --accept-coder settle the disagreements whose ids follow 'adjudicate'") }
            if !ids.isEmpty && keep == nil && acceptCoder == nil { throw ValidationError("say how to settle them: --keep present, --keep absent or --accept-coder NAME") }
            if !ids.isEmpty && agreements { throw ValidationError("--agreements goes without ids") }
        }

        func run() throws {
            try execute { console in
                let context = try studyOptions.context(console)
                let request = AdjudicateUseCase.Request(coders: coders.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
                                                        documents: try documentSet.map { try SampleUseCase.read($0, in: context) },
                                                        theme: theme, codebook: codebook, realNames: realNames)
                if !ids.isEmpty {
                    let settlement: AdjudicateUseCase.Settlement = acceptCoder.map { .coder($0) } ?? .keep(keep == .present)
                    let d = try AdjudicateUseCase.decide(ids, settlement, memo: memo, request: request, in: context)
                    Terminal.out(format == .json ? AdjudicateOutput.json(d).serialized() + "\n" : AdjudicateOutput.text(d))
                    return 0
                }
                if agreements {
                    let written = try AdjudicateUseCase.recordAgreements(request, in: context)
                    console.report(.note("", "\(written.count) agreed coding\(written.count == 1 ? "" : "s") copied to codings/\(AdjudicateUseCase.coder).jsonl"))
                }
                let r = try AdjudicateUseCase.list(request, in: context)
                switch format {
                case .text: Terminal.out(AdjudicateOutput.text(r, all: all, style: Terminal.textStyle))
                case .csv: Terminal.out(AdjudicateOutput.csv(r))
                case .json: Terminal.line(AdjudicateOutput.json(r).serialized())
                }
                return 0
            }
        }
    }
}
