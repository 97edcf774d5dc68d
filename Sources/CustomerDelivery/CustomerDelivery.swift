// What leaves the building: mail handed to the host's sendmail and signed webhooks, each built from a
// `CustomerNotice` (the business channel alone). Placeholder until the mail and webhook parts land.
import IncidentModel
