import Hummingbird
import NIOCore

/// A request's context, with who is asking: the token guess limiter and the access log need the peer's
/// address, which Hummingbird's basic context does not keep.
public struct PageRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let peer: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress
    }

    /// Nothing is uploaded to a status page.
    public var maxUploadSize: Int { 0 }
}
