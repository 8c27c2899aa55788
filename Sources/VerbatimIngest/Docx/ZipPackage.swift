import Foundation
#if canImport(CZlib)
import CZlib
#elseif canImport(zlib)
import zlib
#endif

/// A read-only view of a ZIP container (the package of a DOCX or ODT file), with bounded extraction.
///
/// ZIPFoundation's own extraction loops forever on a deflate stream cut short (it keeps asking for input
/// past the end of the file), so this type walks the central directory itself and inflates each entry
/// with zlib over exactly the entry's compressed bytes, with the output bounded by the declared size:
/// every call either makes progress or stops, whatever the input.
struct ZipPackage {
    /// One entry of the central directory.
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    /// The bytes of an entry, and whether their checksum matched the directory's.
    struct Contents {
        var bytes: OwnedBytes
        var checksumMatches: Bool
    }

    /// What kind of document the archive is, for messages that say what to do with a damaged one.
    enum Kind {
        case word, openDocument
        var name: String { self == .word ? "Word file" : "OpenDocument file" }
        var advice: String {
            self == .word ? "open it in Word (which can often repair it) and save it again, or use a backup"
                : "open it in LibreOffice and save it again, or use a backup"
        }
    }

    let path: String
    let limits: ZipLimits
    let kind: Kind
    private let file: OwnedBytes
    /// Entries in directory order.
    private(set) var entries: [Entry] = []
    private var byName: [String: Int] = [:]
    private var byLowercasedName: [String: Int] = [:]
    /// The uncompressed bytes read from this package so far, against `limits.maxDocumentSize`.
    private let read = ReadTotal()

    /// A running total, shared by the copies of a package.
    private final class ReadTotal: @unchecked Sendable {
        var bytes: UInt64 = 0
    }

    /// Reads the central directory of `data`, or says in one line why this is not a usable ZIP file:
    /// empty, a Word 97-2003 or encrypted (OLE2) file, some other format, or a damaged archive.
    init(data: Data, path: String, limits: ZipLimits, kind: Kind = .word) throws(IngestError) {
        self.path = path
        self.limits = limits
        self.kind = kind
        if data.isEmpty { throw IngestError(path, "empty file") }
        file = data.withUnsafeBytes { OwnedBytes($0) }
        let b = file.buffer
        if b.count >= 8, b[0] == 0xD0, b[1] == 0xCF, b[2] == 0x11, b[3] == 0xE0 {
            // An OLE2 compound file: a Word 97-2003 document, or an OOXML file encrypted by Office,
            // which stores the encrypted package next to an "EncryptionInfo" stream.
            var utf16Name: [UInt8] = []
            for c in "EncryptionInfo".utf8 { utf16Name.append(c); utf16Name.append(0) }
            if file.contains(utf16Name) {
                throw IngestError(path, "encrypted (password-protected) document: remove the password in Word and save it again")
            }
            throw IngestError(path, "not a zip archive (is it a .doc from Word 97-2003?)")
        }
        guard let (cdOffset, cdSize, count) = ZipPackage.findCentralDirectory(b) else {
            if b.count >= 2, b[0] == 0x50, b[1] == 0x4B {
                throw ZipPackage.damaged(path, kind, "no central directory")
            }
            throw IngestError(path, "not a zip archive" + ZipPackage.formatHint(b))
        }
        try readDirectory(b, offset: cdOffset, size: cdSize, count: count)
    }

    /// The error for a damaged archive: what the file is, what is wrong, and what to do.
    static func damaged(_ path: String, _ kind: Kind, _ problem: String) -> IngestError {
        IngestError(path, "damaged \(kind.name) (truncated or corrupt zip archive: \(problem)): \(kind.advice)")
    }

    func damaged(_ problem: String) -> IngestError { ZipPackage.damaged(path, kind, problem) }

    /// A short hint naming the format of a file that is not a ZIP archive, when it is recognisable.
    private static func formatHint(_ b: UnsafeBufferPointer<UInt8>) -> String {
        func startsWith(_ s: String) -> Bool {
            let u = Array(s.utf8)
            guard b.count >= u.count else { return false }
            for i in 0..<u.count where b[i] != u[i] { return false }
            return true
        }
        if startsWith("{\\rtf") { return " (it is an RTF file)" }
        if startsWith("<?xml") || startsWith("\u{FEFF}<?xml") { return " (it is a plain XML file, perhaps Word 2003 XML)" }
        if startsWith("%PDF") { return " (it is a PDF file)" }
        if startsWith("<html") || startsWith("<!DOCTYPE") || startsWith("<HTML") { return " (it is an HTML file)" }
        return ""
    }

    private static func u16(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16 {
        UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    private static func u32(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    private static func u64(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32
    }

    /// Finds the end-of-central-directory record (and its ZIP64 form when the classic one is saturated)
    /// and returns where the directory is, how long it is and how many entries it declares.
    private static func findCentralDirectory(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        let n = b.count
        guard n >= 22 else { return nil }
        var i = n - 22
        let lowest = max(0, n - 22 - 0xFFFF)
        while i >= lowest {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 {
                var count = UInt64(u16(b, i + 10))
                var size = UInt64(u32(b, i + 12))
                var offset = UInt64(u32(b, i + 16))
                if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF, i >= 20,
                   u32(b, i - 20) == 0x0706_4B50 {
                    let z = u64(b, i - 20 + 8)
                    if n >= 56, z <= UInt64(n - 56), u32(b, Int(z)) == 0x0606_4B50 {
                        count = u64(b, Int(z) + 32)
                        size = u64(b, Int(z) + 40)
                        offset = u64(b, Int(z) + 48)
                    }
                }
                if offset <= UInt64(n), size <= UInt64(n) - offset, count <= size / 46 + 1 {
                    return (Int(offset), Int(size), Int(count))
                }
            }
            i -= 1
        }
        return nil
    }

    private mutating func readDirectory(_ b: UnsafeBufferPointer<UInt8>, offset: Int, size: Int, count: Int) throws(IngestError) {
        var p = offset
        let end = offset + size
        entries.reserveCapacity(min(count, 4096))
        for _ in 0..<count {
            guard p + 46 <= end, ZipPackage.u32(b, p) == 0x0201_4B50 else {
                throw damaged("bad central directory")
            }
            let flags = ZipPackage.u16(b, p + 8)
            let method = ZipPackage.u16(b, p + 10)
            let crc = ZipPackage.u32(b, p + 16)
            var csize = UInt64(ZipPackage.u32(b, p + 20))
            var usize = UInt64(ZipPackage.u32(b, p + 24))
            let nameLen = Int(ZipPackage.u16(b, p + 28))
            let extraLen = Int(ZipPackage.u16(b, p + 30))
            let commentLen = Int(ZipPackage.u16(b, p + 32))
            var local = UInt64(ZipPackage.u32(b, p + 42))
            let nameStart = p + 46
            guard nameStart + nameLen + extraLen + commentLen <= end else {
                throw damaged("bad central directory")
            }
            // ZIP64: the saturated fields are given, in this order, in the extra field with id 1.
            if usize == 0xFFFF_FFFF || csize == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                var e = nameStart + nameLen
                let extraEnd = e + extraLen
                while e + 4 <= extraEnd {
                    let id = ZipPackage.u16(b, e)
                    let len = Int(ZipPackage.u16(b, e + 2))
                    var q = e + 4
                    let fieldEnd = min(q + len, extraEnd)
                    if id == 1 {
                        if usize == 0xFFFF_FFFF, q + 8 <= fieldEnd { usize = ZipPackage.u64(b, q); q += 8 }
                        if csize == 0xFFFF_FFFF, q + 8 <= fieldEnd { csize = ZipPackage.u64(b, q); q += 8 }
                        if local == 0xFFFF_FFFF, q + 8 <= fieldEnd { local = ZipPackage.u64(b, q); q += 8 }
                        break
                    }
                    e = q + len
                }
            }
            var nameBytes = Array(UnsafeBufferPointer(rebasing: b[nameStart..<(nameStart + nameLen)]))
            for k in nameBytes.indices where nameBytes[k] == 0x5C { nameBytes[k] = 0x2F } // "\" -> "/"
            var name = String(decoding: nameBytes, as: UTF8.self)
            while name.hasPrefix("/") { name.removeFirst() }
            let entry = Entry(name: name, flags: flags, method: method, crc: crc, compressedSize: csize,
                              uncompressedSize: usize, localHeaderOffset: local)
            if byName[name] == nil {
                byName[name] = entries.count
                let lower = name.lowercased()
                if byLowercasedName[lower] == nil { byLowercasedName[lower] = entries.count }
            }
            entries.append(entry)
            p = nameStart + nameLen + extraLen + commentLen
        }
    }

    /// The entry named `name` (a part name without its leading slash); part names in a package are
    /// case-insensitive, so a case-insensitive match is the fallback.
    func entry(named name: String) -> Entry? {
        var key = name
        while key.hasPrefix("/") { key.removeFirst() }
        if let i = byName[key] { return entries[i] }
        if let i = byLowercasedName[key.lowercased()] { return entries[i] }
        return nil
    }

    /// Inflates an entry within the limits: refuses a declared size above the limit, a ratio above the
    /// limit, and stops as soon as the output exceeds the declared size.
    func contents(of entry: Entry) throws(IngestError) -> Contents {
        let name = entry.name
        if entry.flags & 1 != 0 {
            throw IngestError(path, "encrypted zip entry \(name) (password-protected document)")
        }
        // The entry's local header repeats its sizes (unless they follow the data, flag bit 3): when the
        // directory declares a size that would be refused and the header disagrees, the file is damaged
        // (a flipped bit), not a zip bomb. (Some writers leave zeros there, so a disagreement alone is
        // not an error.)
        var headerSize: UInt32?
        let fb = file.buffer
        let lho = entry.localHeaderOffset
        if entry.flags & 8 == 0, lho <= UInt64(fb.count), UInt64(fb.count) - lho >= 30,
           ZipPackage.u32(fb, Int(lho)) == 0x0403_4B50 {
            let localCompressed = ZipPackage.u32(fb, Int(lho) + 18), localSize = ZipPackage.u32(fb, Int(lho) + 22)
            if localSize != 0xFFFF_FFFF, localCompressed != 0xFFFF_FFFF, localSize != 0 || localCompressed != 0,
               UInt64(localSize) != entry.uncompressedSize || UInt64(localCompressed) != entry.compressedSize {
                headerSize = localSize
            }
        }
        if let headerSize, entry.uncompressedSize > limits.maxEntrySize
            || (entry.uncompressedSize > limits.ratioThreshold && entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxRatio) {
            throw damaged("the directory says \(name) holds \(ZipPackage.megabytes(entry.uncompressedSize)), its own header \(ZipPackage.megabytes(UInt64(headerSize)))")
        }
        if entry.uncompressedSize > limits.maxEntrySize {
            throw IngestError(path, "zip bomb refused: \(name) declares \(ZipPackage.megabytes(entry.uncompressedSize)) uncompressed (limit \(ZipPackage.megabytes(limits.maxEntrySize)))")
        }
        if entry.uncompressedSize > limits.ratioThreshold,
           entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxRatio {
            let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
            throw IngestError(path, "zip bomb refused: \(name) expands \(ratio):1 to \(ZipPackage.megabytes(entry.uncompressedSize)) (limit \(limits.maxRatio):1)")
        }
        if read.bytes + entry.uncompressedSize > limits.maxDocumentSize {
            throw IngestError(path, "too large to be a transcript: its parts expand to more than \(ZipPackage.megabytes(limits.maxDocumentSize)) in all (\(name) would add \(ZipPackage.megabytes(entry.uncompressedSize)) to \(ZipPackage.megabytes(read.bytes))); split the document or save it without embedded content")
        }
        read.bytes += entry.uncompressedSize
        let b = file.buffer
        let lh = entry.localHeaderOffset
        guard lh <= UInt64(b.count), UInt64(b.count) - lh >= 30, ZipPackage.u32(b, Int(lh)) == 0x0403_4B50 else {
            throw damaged("bad local header for \(name)")
        }
        let dataStart = Int(lh) + 30 + Int(ZipPackage.u16(b, Int(lh) + 26)) + Int(ZipPackage.u16(b, Int(lh) + 28))
        guard dataStart <= b.count, entry.compressedSize <= UInt64(b.count - dataStart) else {
            throw damaged("\(name) runs past the end of the file")
        }
        let input = UnsafeBufferPointer(rebasing: b[dataStart..<(dataStart + Int(entry.compressedSize))])
        let declared = Int(entry.uncompressedSize)
        switch entry.method {
        case 0:
            guard input.count == declared else {
                throw damaged("size mismatch in \(name)")
            }
            let out = OwnedBytes(UnsafeRawBufferPointer(input))
            return Contents(bytes: out, checksumMatches: ZipPackage.checksum(out.buffer) == entry.crc)
        case 8:
            let out = try inflateEntry(input, declared: declared, name: name)
            return Contents(bytes: out, checksumMatches: ZipPackage.checksum(out.buffer) == entry.crc)
        default:
            throw IngestError(path, "unsupported zip compression method \(entry.method) in \(name)")
        }
    }

    /// Inflates `entry` and runs `body` on its contents, holding the process's `ExpansionGate` for a
    /// large entry meanwhile: the bytes are released when `body` returns.
    func withContents<R>(of entry: Entry, _ body: (Contents) throws(IngestError) -> R) throws(IngestError) -> R {
        try ExpansionGate.shared.with(entry.uncompressedSize) { () throws(IngestError) -> R in
            try body(try contents(of: entry))
        }
    }

    private func inflateEntry(_ input: UnsafeBufferPointer<UInt8>, declared: Int, name: String) throws(IngestError) -> OwnedBytes {
        // One byte more than declared, so that an entry producing more than it declared is caught.
        let out = OwnedBytes(capacity: declared + 1)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw IngestError(path, "cannot inflate \(name): zlib failed to start")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = 0
        stream.next_out = out.base
        stream.avail_out = 0
        var inLeft = input.count
        var outLeft = declared + 1
        while true {
            // Feed at most 1 GB at a time (zlib counts in 32 bits).
            if stream.avail_in == 0 && inLeft > 0 {
                let n = min(inLeft, 1 << 30)
                stream.avail_in = UInt32(n)
                inLeft -= n
            }
            if stream.avail_out == 0 && outLeft > 0 {
                let n = min(outLeft, 1 << 30)
                stream.avail_out = UInt32(n)
                outLeft -= n
            }
            let beforeIn = stream.total_in
            let beforeOut = stream.total_out
            let rc = inflate(&stream, Z_NO_FLUSH)
            let produced = Int(stream.total_out)
            if produced > declared {
                throw damaged("\(name) inflates to more than the \(declared) bytes it declares")
            }
            if rc == Z_STREAM_END {
                out.setCount(produced)
                return out
            }
            if rc != Z_OK && rc != Z_BUF_ERROR {
                throw damaged("bad compressed data in \(name)")
            }
            if stream.total_in == beforeIn && stream.total_out == beforeOut {
                // No progress: the input ran out before the end of the stream.
                throw damaged("compressed data of \(name) cut short")
            }
        }
    }

    static func checksum(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc: uLong = 0
        var p = b.baseAddress
        var left = b.count
        while left > 0, let q = p {
            let n = min(left, 1 << 30)
            crc = crc32(crc, q, uInt(n))
            p = q + n
            left -= n
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    private static func megabytes(_ n: UInt64) -> String {
        n >= 1 << 20 ? "\(n >> 20) MB" : "\(n) bytes"
    }
}
