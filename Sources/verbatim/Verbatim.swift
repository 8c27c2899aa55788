import ArgumentParser
import Foundation

/// The `verbatim` command: a thin front end over the verbatim libraries.
@main
struct Verbatim: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "verbatim",
        abstract: "A workbench for coding qualitative interviews: transcripts in, themes counted, verbatims out.",
        discussion: """
        Commands work on the study found from the current folder upwards (a folder
        with verbatim.yaml), on the one given by --study, or on transcript files
        and folders named on the command line.

        Examples:
          verbatim demo                     # the bundled study, with its report
          verbatim init my-study            # start a new study
          verbatim check                    # is the study ready?
          verbatim code                     # apply the codebook
          verbatim stats --by group,wave    # n/N per group and wave
          verbatim excerpts --theme peur-internet -o verbatims.docx
          verbatim report -o rapport.html

        Exit codes: 0 success; 1 an input has errors (the others were still
        processed); 64 usage error.
        """,
        version: version,
        subcommands: [Demo.self, Init.self, Transcripts.self, Show.self, Check.self, AttributesCommand.self, CodebookCommand.self, Code.self, Stats.self, Impact.self, Matrix.self, Cooccur.self, Excerpts.self, Report.self, Tag.self, Untag.self, Codings.self, Suggestions.self, Accept.self, Reject.self, Recode.self, Memo.self, Search.self, Index.self, Serve.self, Agree.self, Sample.self, Validate.self, Adjudicate.self, Export.self, Import.self]
    )
}
