import Foundation

/// Sentences a researcher understands for errors that come from the system or from a library
/// (Foundation's `NSError`, which prints on Linux as `Error Domain=NSCocoaErrorDomain Code=260 ...`).
public enum SystemErrorText {
    /// Why an operation on a file failed, in a few words: the POSIX reason when there is one ("No such
    /// file or directory", "Permission denied"), else Foundation's description, else a short form of
    /// the error itself.
    public static func reason(_ error: Error) -> String {
        if let d = error as? DiagnosticConvertible { return d.diagnostic.message }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case NSFileReadCorruptFileError: return "the file is damaged or not in the expected format"
            case NSFileReadTooLargeError: return "the file is too large"
            case NSFileWriteFileExistsError: return "a file is already there"
            case NSFileWriteVolumeReadOnlyError: return "the disk is read-only"
            default: break
            }
        }
        let text = String(describing: error)
        if !text.hasPrefix("Error Domain=") { return text }
        return ns.localizedDescription
    }
}
