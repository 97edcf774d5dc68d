/// The words receipts share on every screen: mail is "mailed", a webhook "posted".
public enum DeliveryWording {
    public static func verb(_ target: String) -> String {
        SubscriberAddress.isWebhook(target) ? "posted to" : "mailed to"
    }
}
