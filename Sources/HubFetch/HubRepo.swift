import Foundation

/// A dataset repository on the Hugging Face Hub and its API: the commit a revision names, and the file tree at it
/// (`/api/datasets/ORG/NAME/tree/REV/PATH?recursive=true&expand=true`, paged through `Link: <…>; rel="next"`).
public struct HubRepo: Sendable {
    public let id: String
    public let endpoint: URL

    /// A file of the tree: its size, its git blob id and, for files in LFS, its SHA-256.
    public struct File: Sendable, Decodable, Equatable {
        public let path: String
        public let size: Int
        public let oid: String?
        public let sha256: String?
        enum CodingKeys: String, CodingKey { case type, path, size, oid, lfs }
        struct LFS: Decodable { let oid: String?; let size: Int? }
        public init(path: String, size: Int, oid: String?, sha256: String?) { self.path = path; self.size = size; self.oid = oid; self.sha256 = sha256 }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            path = try c.decode(String.self, forKey: .path)
            let lfs = try c.decodeIfPresent(LFS.self, forKey: .lfs)
            let plain = try c.decodeIfPresent(Int.self, forKey: .size)
            size = lfs?.size ?? plain ?? 0
            oid = try c.decodeIfPresent(String.self, forKey: .oid)
            sha256 = lfs?.oid
        }
    }

    public init(id: String, endpoint: URL) { self.id = id; self.endpoint = endpoint }

    /// `HF_ENDPOINT`, else https://huggingface.co.
    public static func endpoint(_ env: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let e = env["HF_ENDPOINT"], !e.isEmpty, let u = URL(string: e.hasSuffix("/") ? String(e.dropLast()) : e) { return u }
        return URL(string: "https://huggingface.co")!
    }

    func url(_ path: String, query: String? = nil) -> URL {
        var s = endpoint.absoluteString + path
        if let query { s += "?" + query }
        return URL(string: s)!
    }

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#"))) ?? s
    }

    /// The commit a revision (branch, tag or commit) names.
    public func commit(_ revision: String, http: HubHTTP) throws -> String {
        do {
            let (data, _) = try http.get(url("/api/datasets/\(id)/revision/\(Self.escape(revision))"))
            struct Info: Decodable { let sha: String }
            guard let info = try? JSONDecoder().decode(Info.self, from: data), !info.sha.isEmpty else {
                throw FetchError("\(id)@\(revision): the Hub's answer names no commit")
            }
            return info.sha
        } catch let e as FetchError where e.status == 404 {
            if e.errorCode == "RepositoryNotFound" { throw FetchError("\(id): no such dataset at \(endpoint.absoluteString) (or it is private: set HF_TOKEN)", status: 404) }
            throw FetchError("\(id): no revision '\(revision)' (a branch, tag or commit of the dataset)", status: 404)
        } catch let e as FetchError where e.status == 401 || e.status == 403 {
            throw FetchError("\(id): access refused (HTTP \(e.status!)); a gated or private copy needs HF_TOKEN", status: e.status)
        }
    }

    /// Every file under `prefix` at `commit`.
    public func tree(_ commit: String, under prefix: String, http: HubHTTP) throws -> [File] {
        struct Entry: Decodable { let type: String }
        var next: URL? = url("/api/datasets/\(id)/tree/\(commit)/\(Self.escape(prefix))", query: "recursive=true&expand=true")
        var files: [File] = []
        var pages = 0
        while let u = next {
            pages += 1
            guard pages < 10_000 else { throw FetchError("\(id): the tree listing does not end (more than 10,000 pages)") }
            let (data, headers) = try http.get(u)
            guard let entries = try? JSONDecoder().decode([Entry].self, from: data), let all = try? JSONDecoder().decode([File].self, from: data) else {
                throw FetchError("\(u.absoluteString): not a tree listing")
            }
            for (e, f) in zip(entries, all) where e.type == "file" { files.append(f) }
            next = Self.nextLink(headers["link"]).flatMap { URL(string: $0, relativeTo: endpoint)?.absoluteURL }
        }
        return files
    }

    /// The `rel="next"` target of a `Link` header.
    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") where part.contains("rel=\"next\"") {
            if let a = part.firstIndex(of: "<"), let b = part.firstIndex(of: ">"), a < b { return String(part[part.index(after: a)..<b]) }
        }
        return nil
    }

    /// Where the resolve endpoint serves a file (it redirects LFS files to the CDN).
    public func resolveURL(_ commit: String, _ path: String) -> URL { url("/datasets/\(id)/resolve/\(commit)/\(Self.escape(path))") }
}
