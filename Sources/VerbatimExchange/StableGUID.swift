import Foundation

/// SHA-1 (FIPS 180-4), written out for name-based UUIDs only: it is not used for anything that needs a
/// secure hash.
struct SHA1 {
    private var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]

    /// The 20-byte digest of `bytes`.
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var s = SHA1()
        var message = bytes
        let bitLength = UInt64(bytes.count) * 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for i in (0..<8).reversed() { message.append(UInt8((bitLength >> (UInt64(i) * 8)) & 0xFF)) }
        var w = [UInt32](repeating: 0, count: 80)
        for block in stride(from: 0, to: message.count, by: 64) {
            for t in 0..<16 {
                let j = block + t * 4
                w[t] = UInt32(message[j]) << 24 | UInt32(message[j + 1]) << 16 | UInt32(message[j + 2]) << 8 | UInt32(message[j + 3])
            }
            for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var a = s.h[0], b = s.h[1], c = s.h[2], d = s.h[3], e = s.h[4]
            for t in 0..<80 {
                let f: UInt32, k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                e = d; d = c; c = rotl(b, 30); b = a; a = temp
            }
            s.h[0] = s.h[0] &+ a; s.h[1] = s.h[1] &+ b; s.h[2] = s.h[2] &+ c; s.h[3] = s.h[3] &+ d; s.h[4] = s.h[4] &+ e
        }
        return s.h.flatMap { v in [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
    }

    @inline(__always) private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
}

/// GUIDs that stay the same from one export to the next: name-based UUIDs (RFC 4122 version 5, SHA-1)
/// of a stable key (`theme:peur-internet`, `document:S01-lyon.txt`) in verbatim's own namespace.
public enum StableGUID {
    /// verbatim's namespace for REFI-QDA GUIDs (itself the version 5 UUID of "verbatim REFI-QDA" in the
    /// RFC 4122 URL namespace, fixed here once and for all).
    static let namespace: [UInt8] = uuid5(namespace: [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8],
                                          name: "verbatim REFI-QDA")

    /// The GUID of `kind` and `key`, in upper case (`8-4-4-4-12` hex digits).
    public static func make(_ kind: String, _ key: String) -> String {
        format(uuid5(namespace: namespace, name: kind + ":" + key))
    }

    /// The SHA-1 digest of `bytes` in lower-case hex (exposed for its test vectors).
    public static func sha1Hex(_ bytes: [UInt8]) -> String { SHA1.digest(bytes).map { String(format: "%02x", $0) }.joined() }

    static func uuid5(namespace: [UInt8], name: String) -> [UInt8] {
        var bytes = Array(SHA1.digest(namespace + Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return bytes
    }

    static func format(_ b: [UInt8]) -> String {
        let hex = b.map { String(format: "%02X", $0) }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    /// Whether `s` is a GUID as the schemas define it: 8-4-4-4-12 hex digits, in either case, with or
    /// without braces.
    public static func isValid(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("{") && t.hasSuffix("}") && t.count >= 2 { t = t.dropFirst().dropLast() }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isHexDigit } }
    }

    /// The form GUIDs are compared in: braces stripped, upper case.
    public static func normalized(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("{") && t.hasSuffix("}") { t = String(t.dropFirst().dropLast()) }
        return t.uppercased()
    }
}
