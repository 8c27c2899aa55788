import CStemmer

/// A Snowball stemmer (libstemmer) for one language. Not thread-safe: each coder has its own.
public final class Stemmer {
    private let handle: OpaquePointer?
    /// The Snowball algorithm name, or nil when the language has no stemmer (words are then kept as is).
    public let algorithm: String?

    /// ISO 639-1 codes and the Snowball algorithm names libstemmer knows them by.
    static let algorithms: [String: String] = [
        "fr": "french", "en": "english", "de": "german", "es": "spanish", "it": "italian", "pt": "portuguese",
        "nl": "dutch", "sv": "swedish", "no": "norwegian", "nb": "norwegian", "da": "danish", "fi": "finnish",
        "ru": "russian", "hu": "hungarian", "ro": "romanian", "tr": "turkish", "ca": "catalan", "eu": "basque",
        "ga": "irish", "el": "greek", "lt": "lithuanian", "id": "indonesian", "ar": "arabic", "hi": "hindi",
        "ne": "nepali", "sr": "serbian", "ta": "tamil", "hy": "armenian", "yi": "yiddish",
    ]

    /// The languages this machine's libstemmer can stem, as Snowball names.
    public static var available: [String] {
        var out: [String] = []
        guard var p = sb_stemmer_list() else { return out }
        while let s = p.pointee { out.append(String(cString: s)); p += 1 }
        return out
    }

    /// Whether `language` (an ISO code or a Snowball name) has a stemmer here.
    public static func supports(_ language: String) -> Bool {
        let name = algorithms[language.lowercased()] ?? language.lowercased()
        return available.contains(name)
    }

    /// A stemmer for `language` (an ISO 639-1 code or a Snowball name); one that keeps words as they
    /// are when libstemmer has no stemmer for it.
    public init(language: String) {
        let name = Stemmer.algorithms[language.lowercased()] ?? language.lowercased()
        let h = sb_stemmer_new(name, "UTF_8")
        handle = h
        algorithm = h == nil ? nil : name
    }

    deinit { if let handle { sb_stemmer_delete(handle) } }

    /// The stem of a lower-case word given as UTF-8 bytes, valid until the next call; nil without a
    /// stemmer.
    func stem(_ word: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let handle, let base = word.baseAddress else { return nil }
        guard let out = sb_stemmer_stem(handle, base, Int32(word.count)) else { return nil }
        return UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(handle)))
    }

    /// The stem of a lower-case word.
    public func stem(_ word: String) -> String {
        guard let handle else { return word }
        var w = word
        return w.withUTF8 { buf -> String in
            guard let base = buf.baseAddress else { return word }
            guard let out = sb_stemmer_stem(handle, base, Int32(buf.count)) else { return word }
            let len = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: len), as: UTF8.self)
        }
    }
}
