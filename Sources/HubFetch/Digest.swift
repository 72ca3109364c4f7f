import CCrypto
import Foundation

/// A streaming SHA-256 or SHA-1 through OpenSSL's libcrypto: LFS files are checked by SHA-256, small files by their
/// git blob id (SHA-1 of `blob <size>\0` and the bytes).
public final class Digest {
    public enum Kind { case sha256, sha1 }
    private let ctx: OpaquePointer

    public init(_ kind: Kind) {
        ctx = EVP_MD_CTX_new()
        EVP_DigestInit_ex(ctx, kind == .sha256 ? EVP_sha256() : EVP_sha1(), nil)
    }
    deinit { EVP_MD_CTX_free(ctx) }

    public func update(_ bytes: UnsafeRawBufferPointer) { if bytes.count > 0 { EVP_DigestUpdate(ctx, bytes.baseAddress, bytes.count) } }
    public func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    /// The digest as lowercase hex.
    public func hex() -> String {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var n: UInt32 = 0
        EVP_DigestFinal_ex(ctx, &out, &n)
        return out.prefix(Int(n)).map { String(format: "%02x", $0) }.joined()
    }

    /// The digest of a file's bytes (for SHA-1, as a git blob), read in 1 MiB chunks.
    public static func file(_ path: String, _ kind: Kind) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else { throw FetchError("\(path): cannot read to verify it") }
        defer { try? h.close() }
        let d = Digest(kind)
        if kind == .sha1 {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
            d.update(Data("blob \(size)\0".utf8))
        }
        while true {
            let chunk = h.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            d.update(chunk)
        }
        return d.hex()
    }
}

/// A fetch failure, said in one line.
public struct FetchError: Error, CustomStringConvertible {
    public let description: String
    /// An HTTP status behind it, when there is one.
    public var status: Int? = nil
    /// `Retry-After`, in seconds.
    public var retryAfterSeconds: Double? = nil
    /// The Hub's `X-Error-Code` (`RevisionNotFound`, `EntryNotFound`, `GatedRepo`, …).
    public var errorCode: String? = nil
    public init(_ d: String, status: Int? = nil) { description = d; self.status = status }
}
