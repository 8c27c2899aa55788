import Foundation

/// Where the repository, its bundled study and the optional `../shared` folder are, for the tests.
public enum Repository {
    /// The repository's root folder.
    public static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }()

    /// The bundled study, `Corpora/les-connectes`.
    public static var bundledStudy: URL { root.appendingPathComponent("Corpora/les-connectes") }

    /// The bundled codebook, `Codebooks/les-connectes.yaml`.
    public static var bundledCodebook: URL { root.appendingPathComponent("Codebooks/les-connectes.yaml") }
}

/// The test data kept beside the repository in `../shared` (real transcripts, DOCX files, peer tests).
/// It is absent on a fresh clone: tests that need it use `.enabled(if: Shared.available)`.
public enum Shared {
    /// `../shared` from the repository root.
    public static var root: URL { Repository.root.deletingLastPathComponent().appendingPathComponent("shared") }

    /// Whether `../shared` is there.
    public static var available: Bool { exists("corpora") }

    /// Whether `../shared/<sub>` exists.
    public static func exists(_ sub: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(sub).path)
    }

    /// `../shared/<sub>`, whether or not it exists.
    public static func url(_ sub: String) -> URL { root.appendingPathComponent(sub) }
}

/// Programs some tests need beside the Swift toolchain.
public enum Tools {
    /// Whether `name` is an executable on the PATH.
    public static func has(_ name: String) -> Bool { path(of: name) != nil }

    /// The full path of `name` on the PATH.
    public static func path(of name: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for d in dirs {
            let p = "\(d)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Whether LibreOffice (`soffice` or `libreoffice`) is installed: it proves that a DOCX file opens.
    public static var libreOffice: Bool { libreOfficePath != nil }

    /// LibreOffice's executable, `soffice` else `libreoffice`, when one is on the PATH.
    public static var libreOfficePath: URL? {
        (path(of: "soffice") ?? path(of: "libreoffice")).map { URL(fileURLWithPath: $0) }
    }

    /// Whether a headless browser can be driven: Debian's `chromium` and `chromedriver` on the PATH and
    /// Python's `selenium` package importable (what `scripts/browser-test.py` needs).
    public static var browser: Bool {
        guard has("chromium") || has("chromium-browser"), has("chromedriver"), let python = path(of: "python3") else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import selenium"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
