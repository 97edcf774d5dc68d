#!/bin/sh
# Regenerates Tests/Pictures/debrief.png: a scripted three-hour SEV1 played through the CLI with CRISIS_NOW,
# its HTML debrief rendered by headless Chromium. Needs chromium and imagemagick (apt-get install chromium
# imagemagick); with --pdf also prints the debrief to PDF and renders its first page (needs poppler-utils).
# Usage: Tests/Pictures/make-debrief-picture.sh [--pdf]   (from anywhere; builds crisis first)
set -eu
cd "$(dirname "$0")/../.."
. Tests/Pictures/scripted-incident.sh

at 13:00 dana open "EU card payments failing at checkout" --severity 1 --customer "Acme Retail"
at 13:02 dana owner "Ana Lima" --phone "+49 30 5550 100"
at 13:02 dana role comms "Mia Park" --phone "+49 30 5550 177"
at 13:02 dana role tech "Bo Svensson"
at 13:03 mia  impact "All EU card payments fail at checkout; about 40% of orders"
at 13:04 bo   note "5xx on /pay since 13:58, error rate 38%"
at 13:06 ana  frame "Is it the 13:50 release or the payment provider?"
at 13:08 mia  brief "We confirmed that card payments fail for EU shoppers and are checking the 13:50 release" --next 14:25 --why "rollback decision by then"
at 13:10 ana  deadline "decide whether to roll back the 13:50 release" --in 15m --owner bo
at 13:12 ana  question "Did Acme change their CDN config today?"
at 13:15 bo   note "Payment provider status page is green; their API answers in 120 ms"
at 13:22 bo   deadline slip D1 --in 15m --why "canary data still arriving"
at 13:30 mia  brief "We are rolling back the 13:50 release; card payments still fail" --next 14:50 --why "the rollback takes 15 minutes"
at 13:34 ana  deadline "confirm replication lag on db-eu-2" --in 20m --owner carl
at 13:40 dana status identified
at 13:42 bo   deadline met D1 --why "rollback started at 14:36"
at 13:45 ana  workaround "Shoppers can pay with PayPal or a saved card"
at 13:47 mia  brief "Workaround: PayPal and saved cards work. The rollback is 80% done" --next 15:20 --why "we verify after the rollback"
at 13:50 mia  ask "Send a HAR file from an affected browser" --why "only their browser shows the error"
at 13:55 carl answer Q1 "No CDN changes since Friday"
at 14:00 carl deadline drop D2 --why "lag was not the cause"
at 14:05 dana status mitigated
at 14:06 bo   note "Error rate 0.4% and falling"
at 14:15 mia  brief "Card payments work again for all EU shoppers; we keep watching" --next 16:00 --why "an hour of clean traffic"
at 14:20 mia  ask done A1
at 14:25 ana  deadline "root-cause the connection pool exhaustion" --in 30m --owner ana
at 14:30 dana owner "Carl Berg" --phone "+49 30 5550 200"
at 14:30 dana role tech "Carl Berg"
at 14:35 carl question "Do the other regions run the same pool size?"
at 14:40 carl park "Why did the canary not catch the pool limit?"
at 14:50 ana  deadline met D3 --why "pool size halved in the 13:50 release"
at 14:52 bo   answer Q2 "Yes; raised everywhere at 15:48"
at 14:58 mia  brief "Stable for 45 minutes; we close once Acme confirms" --next 16:40 --why "waiting for Acme's word"
at 15:10 dana status resolved
at 15:25 mia  confirm --by "Jo Park at Acme" "orders are flowing normally"
at 15:30 carl park "Page the payments on-call when EU 5xx passes 5%"
at 15:38 dana close
at 15:40 mia  follow-up 1d "Call Jo with the root cause and the canary fix"

CRISIS_NOW=2026-11-23T16:00:00Z "$crisis" debrief --format html -o "$work/debrief.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$work/debrief.png" --window-size=1280,2200 "file://$work/debrief.html" 2>/dev/null
# Debian's ImageMagick 6 by its own name, in case another `convert` comes first on the PATH.
convert=$(command -v convert-im6.q16 || command -v magick || echo convert)
"$convert" "$work/debrief.png" -strip -colors 192 PNG8:Tests/Pictures/debrief.png
echo "Tests/Pictures/debrief.png: $(wc -c < Tests/Pictures/debrief.png) bytes"
if [ "${1:-}" = "--pdf" ]; then
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/debrief.pdf" \
        "file://$work/debrief.html" 2>/dev/null
    rm -f /tmp/debrief-page-*.png
    pdftoppm -png -r 80 "$work/debrief.pdf" /tmp/debrief-page
    cp "$work/debrief.pdf" /tmp/debrief.pdf
    cp "$work/debrief.html" /tmp/debrief.html
    echo "PDF pages as /tmp/debrief-page-*.png, the PDF and HTML in /tmp"
fi
