import Foundation
import VerbatimModel

/// Creates a new study folder, as `verbatim init` does.
public enum StudyTemplate {
    public static let configText = """
    # verbatim study configuration. Every key is optional; the values shown are the defaults or examples.

    # The study's name, shown in reports.
    name: My study

    # Language of the transcripts (ISO code: fr, en, de...). Report headings follow it, and the
    # codebook's stemmer uses it.
    language: fr

    # Folder(s) holding the transcripts (.txt, .md, .docx, .odt, .vtt, .srt, .sbv), relative to this file.
    transcripts: transcripts

    # Document attributes: one row per transcript; the first column ('document') is the file name,
    # the other columns are yours (group, territory, context, wave, date, interviewer...).
    cases: cases.csv

    # Speaker attributes for focus groups: document, speaker (the label as written), then your columns.
    participants: participants.csv

    # Speaker labels. Interviewers' and moderators' turns are not coded by default.
    # Enquêteur, Enquêtrice, Interviewer, Animateur, Animatrice, Modérateur, I, Q, E... are recognised
    # already, and so are the names in the case table's 'interviewer' column.
    speakers:
      interviewers: []        # e.g. [Claire, "Nadia Benali"]
      participants: []        # labels that must count as participants
      labels: []              # labels to accept even if they occur only once
      patterns: []            # regular expressions for unusual labels, e.g. ['(Locuteur \\d+) -']
      # unlabelled: participant  # whose text a document without any label is: participant, interviewer or ignore

    # Real names to hide in exports: name -> pseudonym (or the name of a CSV file with name,pseudonym).
    names: {}

    # The codebook: the themes and their rules, a YAML (or CSV) file relative to this file. Commands that
    # code (code, stats, matrix, excerpts, report...) use it unless --codebook FILE is given. Remove the
    # '#' once the file exists; 'verbatim codebook show FILE' shows one.
    # codebook: codebook.yaml

    # Coding unit: turn, sentence or paragraph.
    unit: turn

    """

    public static let casesHeader = "document,group,territory,context,wave,date,interviewer\n"
    public static let participantsHeader = "document,speaker,age_band,gender\n"

    /// Creates `dir` (if needed) with a commented `verbatim.yaml`, a `transcripts/` folder and empty tables.
    /// Refuses to overwrite an existing study.
    public static func create(at dir: URL, name: String?) throws {
        let fm = FileManager.default
        let config = dir.appendingPathComponent(Study.configName)
        if fm.fileExists(atPath: config.path) {
            throw StudyError(.error(Study.display(config), "a study already exists here; nothing was changed"))
        }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir.path, isDirectory: &isDir), !isDir.boolValue {
            throw StudyError(.error(Study.display(dir), "exists and is not a folder"))
        }
        do {
            try fm.createDirectory(at: dir.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
            var text = configText
            if let name { text = text.replacingOccurrences(of: "name: My study", with: "name: \(name)") }
            try write(text, to: config)
            for (file, content) in [("cases.csv", casesHeader), ("participants.csv", participantsHeader)] {
                let u = dir.appendingPathComponent(file)
                if !fm.fileExists(atPath: u.path) { try write(content, to: u) }
            }
            // The index and the locks in .verbatim/ are rebuilt from the study's files: keep them out of git.
            let ignore = dir.appendingPathComponent(".gitignore")
            let existing = fm.contents(atPath: ignore.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if !existing.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == ".verbatim/" }) {
                try write(existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + "# verbatim's index and locks, rebuilt from the study's files\n.verbatim/\n", to: ignore)
            }
        } catch let e as StudyError {
            throw e
        } catch {
            throw StudyError(.error(Study.display(dir), "cannot create the study: \((error as NSError).localizedDescription)"))
        }
    }

    /// Writes through a temporary file renamed into place.
    public static func write(_ text: String, to url: URL) throws {
        try AtomicFile.write(Data(text.utf8), to: url)
    }
}
