import ArgumentParser
import Foundation
import VerbatimModel
import VerbatimAnalysis
import VerbatimApp

extension MeasurementLevel: ExpressibleByArgument {}
extension AgreementUseCase.Unit: ExpressibleByArgument {}

extension Verbatim {
    struct Agree: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agree",
            abstract: "Intercoder agreement: percent agreement, Cohen's and Fleiss' kappa, Krippendorff's alpha.",
            discussion: """
            On a reliability table (--matrix FILE.csv): one row per unit, one column per coder, an empty \
            cell for a missing value; the first row names the coders, and a first column named 'unit' holds \
            the units' ids. --level chooses Krippendorff's metric (ordinal, interval and ratio need numbers); \
            Cohen's kappa (two coders, the units both coded) and Fleiss' kappa (the units every coder coded) \
            compare values as categories.

            On the study (--coders A,B[,C...]): each coder's confirmed codings (manual and accepted, from \
            codings/<coder>.jsonl) give, for each theme and overall, present or absent per unit and coder. \
            The units are the turns (--unit turn, not the interviewers') or the documents (--unit document) \
            of the documents at least one of the coders saw, that is, made any decision in; a coder has no \
            value in a document they did not see. Every figure is given on all those units and on the \
            units some coder coded with a theme, so that text nobody coded does not inflate agreement. \
            The disagreements follow, with who coded what. --set NAME keeps the documents of the study's \
            sets/NAME.txt (one document a line, as 'verbatim sample' writes it).

            --bootstrap N adds a confidence interval for alpha from N draws of the units (95%, \
            percentile), the same for the same --seed. --min-alpha X exits 1 when a theme's alpha (on all \
            units or on the coded units) is below X; with --overall, when the overall figure is. An \
            undefined alpha (nothing varies, one coder...) is shown as '—' with its reason in the JSON \
            'notes', and never fails --min-alpha.

            A table of your own (- reads standard input):
              verbatim agree --matrix reliability.csv
              verbatim agree --matrix reliability.csv --level interval --bootstrap 1000 --format json

            Examples:
              verbatim tag S01-lyon 12 peur-fausse-manoeuvre --coder Marie; verbatim tag S01-lyon 12 peur-fausse-manoeuvre --coder Paul; verbatim tag S01-lyon 14 peur-arnaques --coder Marie
              verbatim agree --coders Marie,Paul
              verbatim agree --coders Marie,Paul --theme peur-internet --unit document --format json
              verbatim agree --coders Marie,Paul --overall --bootstrap 1000 --seed 7
              verbatim agree --coders Marie,Paul --theme peur-fausse-manoeuvre --min-alpha 0.8
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("A reliability table: one row per unit, one column per coder.", valueName: "file.csv"))
        var matrix: String?
        @Option(name: .long, help: ArgumentHelp("Krippendorff's metric: nominal, ordinal, interval or ratio (--matrix).", valueName: "level"))
        var level: MeasurementLevel = .nominal
        @Option(name: .long, help: ArgumentHelp("The coders to compare, separated by commas.", valueName: "A,B[,C...]"))
        var coders: String?
        @Option(name: .long, help: ArgumentHelp("The unit of agreement: turn or document.", valueName: "turn|document"))
        var unit: AgreementUseCase.Unit = .turn
        @Option(name: .long, help: ArgumentHelp("Only this theme and its sub-themes.", valueName: "id")) var theme: String?
        @Option(name: .customLong("set"), help: ArgumentHelp("Only the documents of this set (sets/<name>.txt, see 'verbatim sample').", valueName: "name"))
        var documentSet: String?
        @Flag(name: .long, help: "--min-alpha checks the overall figure instead of each theme's.") var overall = false
        @Option(name: .customLong("min-alpha"), help: ArgumentHelp("Exit 1 when alpha is below this.", valueName: "x"))
        var minAlpha: Double?
        @Option(name: .long, help: ArgumentHelp("Bootstrap draws for alpha's 95% confidence interval.", valueName: "n"))
        var bootstrap: Int?
        @Option(name: .long, help: ArgumentHelp("The bootstrap's seed.", valueName: "s")) var seed: UInt64 = 1
        @Option(name: .long, help: ArgumentHelp("The codebook (default: 'codebook:' in verbatim.yaml).", valueName: "file")) var codebook: String?
        @Flag(name: .customLong("real-names"), help: "Quote the disagreements with real names instead of pseudonyms.") var realNames = false
        @Option(name: .long, help: "Output format: text, csv or json.") var format: OutputFormat = .text

        func validate() throws {
            if matrix == nil && coders == nil { throw ValidationError("give --matrix FILE.csv, or --coders A,B to compare the study's coders") }
            if matrix != nil && coders != nil { throw ValidationError("--matrix and --coders are two different uses: give one") }
            if matrix != nil && (theme != nil || overall || codebook != nil || documentSet != nil) {
                throw ValidationError("--theme, --overall, --set and --codebook go with --coders")
            }
            if coders != nil && level != .nominal { throw ValidationError("--level goes with --matrix: present/absent codings are nominal") }
            if let b = bootstrap, b < 1 || b > 1_000_000 { throw ValidationError("--bootstrap takes a number of draws from 1 to 1000000") }
            if let m = minAlpha, !(m.isFinite && m <= 1) { throw ValidationError("--min-alpha takes a number up to 1") }
        }

        func run() throws {
            try execute { console in
                let options = AgreementUseCase.Options(level: level, bootstrap: bootstrap, seed: seed, minAlpha: minAlpha)
                if let matrix {
                    let r = try AgreementUseCase.matrix(path: matrix, options: options)
                    switch format {
                    case .text: Terminal.line(AgreementOutput.text(r, style: Terminal.textStyle))
                    case .csv: Terminal.line(AgreementOutput.csv(r))
                    case .json: Terminal.line(AgreementOutput.json(r).serialized())
                    }
                    if let s = r.shortfall { console.report(.error(matrix, "\(s) is below --min-alpha \(minAlpha!)")) }
                    return 0
                }
                let names = coders!.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                let context = try studyOptions.context(console)
                let documents = try documentSet.map { try SampleUseCase.read($0, in: context) }
                let request = AgreementUseCase.StudyRequest(coders: names, unit: unit, theme: theme, codebook: codebook, overall: overall,
                                                            documents: documents, realNames: realNames, options: options)
                let r = try AgreementUseCase.study(request, in: context)
                switch format {
                case .text: Terminal.line(AgreementOutput.text(r, style: Terminal.textStyle))
                case .csv: Terminal.line(AgreementOutput.csv(r))
                case .json: Terminal.line(AgreementOutput.json(r).serialized())
                }
                if !r.shortfalls.isEmpty {
                    console.report(.error("", "alpha below --min-alpha \(minAlpha!): \(r.shortfalls.joined(separator: ", "))"))
                }
                return 0
            }
        }
    }
}

extension Verbatim {
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample",
            abstract: "Draw a stratified sample of documents for double coding, as a named set.",
            discussion: """
            In each stratum (the documents sharing the values of the --by attributes; one stratum without \
            --by), the documents are drawn at random, max(1, round(share × n)) of them, so that every \
            stratum is represented; the same --seed draws the same documents. The set is written to \
            sets/<name>.txt in the study, one document a line (a first '#' line says how it was drawn); \
            'verbatim agree --coders A,B --set NAME' then compares the coders on those documents only. An \
            existing set is kept unless --force.

            Examples:
              verbatim sample --share 0.2 --name fifth
              verbatim sample --share 0.2 --by group,territory --seed 7 --name double-coding --format json
            """
        )
        @OptionGroup var studyOptions: StudyOptions
        @Option(name: .long, help: ArgumentHelp("The share of each stratum to draw, above 0 and up to 1.", valueName: "x")) var share: Double
        @Option(name: .long, help: ArgumentHelp("The attributes whose values make the strata, separated by commas.", valueName: "attr[,attr...]"))
        var by: String?
        @Option(name: .long, help: ArgumentHelp("The draw's seed.", valueName: "n")) var seed: UInt64 = 1
        @Option(name: .long, help: ArgumentHelp("The set's name: sets/<name>.txt.", valueName: "name")) var name: String = "sample"
        @Flag(name: .long, help: "Replace a set of that name.") var force = false
        @Option(name: .long, help: "Output format: text, csv or json.") var format: OutputFormat = .text

        func validate() throws {
            if !(share > 0 && share <= 1) { throw ValidationError("--share takes a share above 0 and up to 1, e.g. 0.2") }
        }

        func run() throws {
            try execute { console in
                let attributes = by.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
                let request = SampleUseCase.Request(share: share, by: attributes, seed: seed, name: name, force: force)
                let r = try SampleUseCase.run(request, in: try studyOptions.context(console))
                switch format {
                case .text: Terminal.line(AgreementOutput.text(r, style: Terminal.textStyle))
                case .csv: Terminal.line(AgreementOutput.csv(r))
                case .json: Terminal.line(AgreementOutput.json(r).serialized())
                }
                return 0
            }
        }
    }
}
