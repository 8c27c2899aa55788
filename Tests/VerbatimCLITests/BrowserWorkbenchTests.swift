import Foundation
import Testing
import VerbatimTestSupport

/// The workbench in a real browser: `scripts/browser-test.py` drives headless Chromium through Selenium
/// against `verbatim serve` on a copy of the bundled study (coding a selection with the palette, the
/// review keys, transcripts holding HTML shown as text, the token, Host and CSRF checks, no policy
/// violation). Each of its checks prints a line; the test fails with those lines when one fails.
@Suite struct BrowserWorkbenchTests {
    @Test(.enabled(if: Tools.browser, "needs chromium, chromium-driver and Python's selenium (apt-get install chromium chromium-driver; pip install selenium)"),
          .timeLimit(.minutes(5)))
    func theWorkbenchWorksInARealBrowser() throws {
        let script = Repository.root.appendingPathComponent("scripts/browser-test.py")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Tools.path(of: "python3")!)
        p.arguments = [script.path, "--binary", Binary.executable.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(text)")
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("browser: ") && last.hasSuffix(" 0 failed"), "\(text)")
        let passed = Int(last.split(separator: " ").dropFirst().first ?? "") ?? 0
        #expect(passed >= 7, "\(text)")
    }
}
