#!/usr/bin/python3
"""Reads delivered mail the way a mail client would, and prints what it found as JSON for the tests.

Usage: read-mailbox.py PATH...   (a message file, or a directory of NNNN.eml files written by MailCatcher,
each with its NNNN.envelope.json beside it)

For every message: the headers in order and decoded (email.policy.default decodes RFC 2047 words), the
text and HTML parts decoded, the tags and attributes the HTML parser saw, the raw bytes in base64, the
longest line, and every defect Python's parser reported for the message, its parts and its headers.
"""
import base64
import email
import email.policy
import html.parser
import json
import os
import sys


class TagCollector(html.parser.HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.comments = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append({"tag": tag, "attributes": [[name, value or ""] for name, value in attrs]})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.comments += 1


def defects_of(message):
    found = [type(d).__name__ + ": " + str(d) for d in message.defects]
    for name, value in message.items():
        for defect in getattr(value, "defects", ()):
            found.append(name + ": " + type(defect).__name__ + ": " + str(defect))
    return found


def read(path, raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    headers = {}
    for name, value in message.items():
        headers.setdefault(name.lower(), []).append(str(value))
    result = {
        "file": path,
        "headerNames": [name for name, _ in message.items()],
        "headers": headers,
        "contentTypes": [],
        "text": None,
        "html": None,
        "htmlTags": [],
        "htmlComments": 0,
        "defects": defects_of(message),
        "raw": base64.b64encode(raw).decode("ascii"),
        "longestLine": max((len(line) for line in raw.split(b"\n")), default=0),
        "envelope": None,
    }
    for part in message.walk():
        result["contentTypes"].append(part.get_content_type())
        if part is not message:
            result["defects"] += defects_of(part)
        if part.is_multipart():
            continue
        if part.get_content_type() == "text/plain" and result["text"] is None:
            result["text"] = part.get_content()
        elif part.get_content_type() == "text/html" and result["html"] is None:
            result["html"] = part.get_content()
            collector = TagCollector()
            collector.feed(result["html"])
            collector.close()
            result["htmlTags"] = collector.tags
            result["htmlComments"] = collector.comments
    envelope = os.path.splitext(path)[0] + ".envelope.json"
    if os.path.exists(envelope):
        with open(envelope) as f:
            result["envelope"] = json.load(f)
    return result


def main(paths):
    files = []
    for path in paths:
        if os.path.isdir(path):
            files += sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(".eml"))
        else:
            files.append(path)
    messages = []
    for path in files:
        with open(path, "rb") as f:
            messages.append(read(path, f.read()))
    json.dump(messages, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main(sys.argv[1:])
