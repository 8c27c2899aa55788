import Foundation

// verbatim-bench: conformance and speed figures, run on a release build.
// Usage: verbatim-bench <suite> [options]; each suite lives in its own file.
let args = Array(CommandLine.arguments.dropFirst())
guard let suite = args.first else {
    FileHandle.standardError.write("usage: verbatim-bench docx|text|turns [options]\n".data(using: .utf8)!)
    exit(64)
}
let rest = Array(args.dropFirst())
switch suite {
case "docx": exit(DocxBench.run(rest))
case "turns": exit(TurnsBench.run(rest))
case "text": exit(TextBench.run(rest))
default:
    FileHandle.standardError.write("verbatim-bench: unknown suite '\(suite)'\n".data(using: .utf8)!)
    exit(64)
}
