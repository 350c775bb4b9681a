import Foundation
import SwiftUI

/// A post as the app shows it.
struct Post: Identifiable, Codable, Hashable {
    let id: UUID
    var title: String
    var date: Date
    var tags: [String] = []

    var slug: String {
        title.lowercased().replacingOccurrences(of: "[^a-z0-9]+", with: "-", options: .regularExpression)
    }
}

enum FeedError: Error {
    case badURL(String)
    case decoding(underlying: Error)
}

final class FeedStore: ObservableObject {
    @Published private(set) var posts: [Post] = []
    private let session: URLSession
    static let limit = 10

    init(session: URLSession = .shared) {
        self.session = session
    }

    func load(from address: String) async throws {
        guard let url = URL(string: address) else {
            throw FeedError.badURL(address)
        }
        let (data, _) = try await session.data(from: url)
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let all = try decoder.decode([Post].self, from: data)
            posts = Array(all.sorted { $0.date > $1.date }.prefix(Self.limit))
        } catch {
            throw FeedError.decoding(underlying: error)
        }
    }
}

struct FeedView: View {
    @StateObject private var store = FeedStore()

    var body: some View {
        List(store.posts) { post in
            VStack(alignment: .leading, spacing: 4) {
                Text(post.title).font(.headline)
                Text("\(post.date, style: .date) · \(post.tags.count) tags")
                    .foregroundColor(.secondary)
            }
        }
        .task {
            try? await store.load(from: "https://example.org/posts.json")
        }
    }
}

let ratio = Double(0x1F) / 2.5e1 // about 1.24
print("ratio: \(ratio), \(FeedStore.limit) posts")
