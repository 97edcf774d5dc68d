import Foundation
public struct AtomFeed { public init(page: CustomerPage, pageURL: String, feedURL: String, zone: TimeZone) {}; public var xml: String { "" } }
public enum StatuspageDocument { public static func incidents(_ page: CustomerPage, pageURL: String, unresolvedOnly: Bool) throws -> Data { Data() }; public static func status(_ page: CustomerPage, pageURL: String) throws -> Data { Data() } }
