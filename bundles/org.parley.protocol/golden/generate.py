#!/usr/bin/env python3
"""Regenerates the protocol v2 golden vectors (needs the 'cryptography' package).

Keys are derived from fixed seeds, so every signature in the vectors is real and reproducible:
Ed25519 seed of NAME = SHA-256("parley-golden-" + NAME), for alice, bob and carol.
"""
import base64, hashlib, json, os, struct
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization as S

HERE = os.path.dirname(os.path.abspath(__file__))
B = lambda b: base64.b64encode(b).decode()
LP = lambda x: struct.pack(">I", len(x)) + x
U64 = lambda n: struct.pack(">Q", n)

def key(name):
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(("parley-golden-" + name).encode()).digest())

def spki(k):
    return k.public_key().public_bytes(S.Encoding.DER, S.PublicFormat.SubjectPublicKeyInfo)

def bundle(name, keys, created=1795000000000):
    k = key(name)
    data = b"parley-bundle-v2\0" + LP(name.encode()) + LP(spki(k)) + U64(created) + struct.pack(">I", len(keys))
    for sid in sorted(keys, key=lambda s: s.encode()):
        data += LP(sid.encode()) + LP(keys[sid])
    return {"identity": B(spki(k)), "keys": {s: B(keys[s]) for s in sorted(keys)}, "created": created,
            "sig": B(k.sign(data))}

def envelope_sig(sender, mid, scheme, everyone, to, cts, body):
    data = (b"parley-envelope-v2\0" + LP(sender.encode()) + LP(mid.encode()) + LP(scheme.encode())
            + bytes([1 if everyone else 0]) + struct.pack(">I", len(to)))
    for n in sorted(to, key=lambda s: s.encode()):
        data += LP(n.encode())
    data += U64(cts) + LP(body)
    return B(key(sender).sign(data))

AES = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100")
AES_B = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010101")
CHUNKED = bytes(range(1, 9))
ALICE = bundle("alice", {"rsa-oaep-aes-gcm": AES, "rsa-oaep-chunked": CHUNKED})
BOB = bundle("bob", {"rsa-oaep-aes-gcm": AES_B})
CAROL = bundle("carol", {"rsa-oaep-aes-gcm": AES, "rsa-oaep-chunked": CHUNKED})
NONCE = hashlib.sha256(b"parley-golden-nonce").digest()
MID = "9b2f6a1e-5c1d-4e7a-9a43-0d3c2b1a0f99"
BODY = base64.b64decode("AQAB3q2+7w==")
CTS = 1795000000100
AUTH = b"parley-auth-v2\0" + LP(b"alice") + LP(NONCE) + LP(b"")

def dump(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)

def send(to, everyone, **extra):
    f = {"type": "send", "v": 2, "id": MID, "to": to, "everyone": everyone, "scheme": "rsa-oaep-aes-gcm",
         "body": B(BODY), "cts": CTS, "sig": envelope_sig("alice", MID, "rsa-oaep-aes-gcm", everyone, to, CTS, BODY)}
    f.update(extra)
    return f

DELIVER = {"type": "deliver", "v": 2, "id": MID, "from": "alice", "ts": 1795000000000, "to": ["bob"],
           "everyone": False, "scheme": "rsa-oaep-aes-gcm", "body": B(BODY), "cts": CTS,
           "sig": envelope_sig("alice", MID, "rsa-oaep-aes-gcm", False, ["bob"], CTS, BODY)}
SENT_NOBODY = {"type": "sent", "v": 2, "ref": MID, "ts": 1795000000000, "recipients": [], "queued": [], "refused": []}
HELLO = {"type": "hello", "v": 2, "id": "h1", "user": "alice", "bundle": ALICE}

canonical = {
    "hello": HELLO,
    "challenge": {"type": "challenge", "v": 2, "ref": "h1", "nonce": B(NONCE)},
    "auth": {"type": "auth", "v": 2, "id": "a1", "sig": B(key("alice").sign(AUTH))},
    "welcome": {"type": "welcome", "v": 2, "ref": "a1", "user": "alice",
                "users": [{"user": "bob", "bundle": BOB}, {"user": "carol", "bundle": CAROL}]},
    "welcome-alone": {"type": "welcome", "v": 2, "ref": "a1", "user": "alice", "users": []},
    "presence-join": {"type": "presence", "v": 2, "event": "join", "user": "bob", "bundle": BOB},
    "presence-leave": {"type": "presence", "v": 2, "event": "leave", "user": "bob"},
    "send": send(["bob", "carol"], False),
    "send-everyone": send(["bob", "carol"], True),
    "send-everyone-nobody": send([], True),
    "deliver": DELIVER,
    "sent": {"type": "sent", "v": 2, "ref": MID, "ts": 1795000000000, "recipients": ["bob"], "queued": ["carol"],
             "refused": [{"user": "dave", "code": "unknown-recipient"}]},
    "sent-nobody": SENT_NOBODY,
    "sent-refused": {"type": "sent", "v": 2, "ref": MID, "ts": 1795000000000, "recipients": [], "queued": [],
                     "refused": [{"user": "bob", "code": "queue-full"}, {"user": "carol", "code": "unknown-recipient"}]},
    "ack": {"type": "ack", "v": 2, "ref": MID, "from": "bob"},
    "receipt": {"type": "receipt", "v": 2, "ref": MID, "user": "bob", "ts": 1795000000500},
    "error": {"type": "error", "v": 2, "code": "no-recipients", "message": "none of the recipients is online",
              "ref": MID},
    "error-no-ref": {"type": "error", "v": 2, "code": "bad-json", "message": "the text is not a JSON object"},
    "error-bad-bundle": {"type": "error", "v": 2, "code": "bad-bundle",
                         "message": "the key bundle's signature does not verify", "ref": "h1"},
}

def without(d, *names):
    return {k: v for k, v in d.items() if k not in names}

def with_(d, **changes):
    e = dict(d); e.update(changes); return e

def hello_bundle(**changes):
    return with_(HELLO, bundle=with_(ALICE, **changes))

s17 = {"s%d" % i: "AQIDBAUGBwg=" for i in range(17)}
SEND1 = send(["bob"], False, id="m1")
invalid = {
    "bad-frame.ack-missing-from": {"type": "ack", "v": 2, "ref": MID},
    "bad-frame.ack-ref-with-dot": {"type": "ack", "v": 2, "ref": "a.b", "from": "bob"},
    "bad-frame.receipt-missing-ts": {"type": "receipt", "v": 2, "ref": MID, "user": "bob"},
    "bad-frame.receipt-user-star": {"type": "receipt", "v": 2, "ref": MID, "user": "*", "ts": 1},
    "bad-frame.sent-queued-not-array": with_(SENT_NOBODY, queued="carol"),
    "bad-frame.sent-refused-not-objects": with_(SENT_NOBODY, refused=["bob"]),
    "bad-frame.sent-refused-missing-code": with_(SENT_NOBODY, refused=[{"user": "bob"}]),
    "bad-frame.sent-refused-code-empty": with_(SENT_NOBODY, refused=[{"user": "bob", "code": ""}]),
    "bad-frame.sent-refused-duplicate-user": with_(SENT_NOBODY, refused=[{"user": "bob", "code": "queue-full"},
                                                                        {"user": "bob", "code": "queue-full"}]),
    "bad-frame.auth-sig-65-bytes": {"type": "auth", "v": 2, "id": "a1", "sig": B(bytes(65))},
    "bad-frame.auth-sig-missing": {"type": "auth", "v": 2, "id": "a1"},
    "bad-frame.challenge-nonce-31-bytes": {"type": "challenge", "v": 2, "ref": "h1", "nonce": B(bytes(31))},
    "bad-frame.deliver-missing-from": without(DELIVER, "from"),
    "bad-frame.deliver-missing-sig": without(DELIVER, "sig"),
    "bad-frame.deliver-ts-fraction": "FRACTION",
    "bad-frame.deliver-ts-negative": with_(DELIVER, ts=-1),
    "bad-frame.error-missing-message": {"type": "error", "v": 2, "code": "bad-json"},
    "bad-frame.hello-17-keys": hello_bundle(keys=s17),
    "bad-frame.hello-bundle-created-negative": hello_bundle(created=-1),
    "bad-frame.hello-bundle-missing-created": with_(HELLO, bundle=without(ALICE, "created")),
    "bad-frame.hello-bundle-not-object": with_(HELLO, bundle=B(bytes(8))),
    "bad-frame.hello-empty-keys": hello_bundle(keys={}),
    "bad-frame.hello-identity-43-bytes": hello_bundle(identity=B(bytes(43))),
    "bad-frame.hello-key-4097-bytes": hello_bundle(keys={"rsa-oaep-aes-gcm": B(bytes(4097))}),
    "bad-frame.hello-key-empty": hello_bundle(keys={"rsa-oaep-aes-gcm": ""}),
    "bad-frame.hello-key-not-string": hello_bundle(keys={"rsa-oaep-aes-gcm": 123}),
    "bad-frame.hello-key-unpadded": hello_bundle(keys={"rsa-oaep-aes-gcm": "AQIDBA"}),
    "bad-frame.hello-key-url-alphabet": hello_bundle(keys={"rsa-oaep-aes-gcm": "-_-_"}),
    "bad-frame.hello-missing-bundle": without(HELLO, "bundle"),
    "bad-frame.hello-scheme-uppercase": hello_bundle(keys={"RSA": B(AES)}),
    "bad-frame.hello-sig-63-bytes": hello_bundle(sig=B(bytes(63))),
    "bad-frame.hello-user-33-chars": with_(HELLO, user="a" * 33),
    "bad-frame.hello-user-space": with_(HELLO, user="al ice"),
    "bad-frame.hello-user-star": with_(HELLO, user="*"),
    "bad-frame.missing-type": {"v": 2, "ref": "a", "ts": 1, "recipients": []},
    "bad-frame.missing-v": {"type": "sent", "ref": "a", "ts": 1, "recipients": []},
    "bad-frame.presence-bad-event": {"type": "presence", "v": 2, "event": "jump", "user": "bob"},
    "bad-frame.presence-join-without-bundle": {"type": "presence", "v": 2, "event": "join", "user": "bob"},
    "bad-frame.send-bad-scheme": with_(SEND1, scheme="-rsa"),
    "bad-frame.send-body-line-break": with_(SEND1, body="AQAB\n3q2+7w=="),
    "bad-frame.send-body-missing": without(SEND1, "body"),
    "bad-frame.send-cts-negative": with_(SEND1, cts=-1),
    "bad-frame.send-duplicate-to": with_(SEND1, to=["bob", "bob"]),
    "bad-frame.send-empty-to": with_(SEND1, to=[]),
    "bad-frame.send-everyone-is-string": with_(SEND1, everyone="true"),
    "bad-frame.send-id-65-chars": with_(SEND1, id="a" * 65),
    "bad-frame.send-id-with-dot": with_(SEND1, id="a.b"),
    "bad-frame.send-missing-cts": without(SEND1, "cts"),
    "bad-frame.send-missing-sig": without(SEND1, "sig"),
    "bad-frame.send-to-not-array": with_(SEND1, to="bob"),
    "bad-frame.sent-recipient-invalid": {"type": "sent", "v": 2, "ref": "m1", "ts": 1, "recipients": ["*"]},
    "bad-frame.type-is-number": {"type": 7, "v": 2},
    "bad-frame.v-is-string": {"type": "sent", "v": "2", "ref": "a", "ts": 1, "recipients": []},
    "bad-frame.welcome-user-without-bundle": {"type": "welcome", "v": 2, "ref": "a1", "user": "alice",
                                              "users": [{"user": "bob"}]},
    "bad-frame.welcome-users-not-objects": {"type": "welcome", "v": 2, "ref": "a1", "user": "alice",
                                            "users": ["bob"]},
    "bad-json.array": [{"type": "hello"}],
    "bad-json.duplicate-key": "DUPLICATE",
    "bad-json.empty": "",
    "bad-json.string": "hello",
    "bad-json.trailing-object": "TRAILING",
    "bad-json.truncated": "TRUNCATED",
    "unknown-type.ping": {"type": "ping", "v": 2},
    "unknown-type.uppercase-hello": with_(HELLO, type="HELLO"),
    "unsupported-version.v0": {"type": "sent", "v": 0, "ref": "a", "ts": 1, "recipients": []},
    "unsupported-version.v1": {"type": "hello", "v": 1, "id": "h1", "user": "alice",
                               "keys": {"rsa-oaep-aes-gcm": B(AES)}},
    "unsupported-version.v3": with_(HELLO, v=3),
}
raw = {
    "FRACTION": dump(DELIVER).replace('"ts":1795000000000', '"ts":1.5'),
    "DUPLICATE": '{"type":"sent","v":2,"ref":"a","ref":"b","ts":1,"recipients":[]}',
    "TRAILING": '{"type":"sent","v":2,"ref":"a","ts":1,"recipients":[]} {}',
    "TRUNCATED": '{"type":"hello","v":2,',
    "": "",
    "hello": '"hello"',
}

def write(path, text):
    with open(os.path.join(HERE, path), "w", encoding="utf-8") as f:
        f.write(text + "\n")

for sub in ("", "lenient", "invalid"):
    d = os.path.join(HERE, sub)
    os.makedirs(d, exist_ok=True)
    for name in os.listdir(d):
        if name.endswith(".json"):
            os.remove(os.path.join(d, name))
for name, frame in canonical.items():
    write(name + ".json", dump(frame))
for name, frame in invalid.items():
    write("invalid/" + name + ".json", raw[frame] if isinstance(frame, str) else dump(frame))

# lenient: same frames, written differently
d = dump(DELIVER)
write("lenient/deliver.whitespace.json", "{\n  " + d[1:-1].replace(',"', ', "').replace('":', '": ') + "\n}")
write("lenient/error-no-ref.ref-null.json", dump(with_(canonical["error-no-ref"], ref=None)))
reordered = {"future": {"x": [1, 2]}, "bundle": dict(reversed(list(ALICE.items())), extra="ignored"),
             "user": "alice", "id": "h1", "v": 2, "type": "hello"}
reordered["bundle"]["keys"] = dict(reversed(list(ALICE["keys"].items())))
write("lenient/hello.extra-fields.json", dump(reordered))
write("lenient/presence-leave.with-bundle.json", dump(with_(canonical["presence-leave"], bundle=BOB)))
write("lenient/send.everyone-absent.json", dump(without(canonical["send"], "everyone")))
# as in PROTOCOL.md §3.5: a relay may leave out empty queued/refused lists
write("lenient/sent-nobody.queued-refused-absent.json", dump(without(SENT_NOBODY, "queued", "refused")))
write("lenient/sent-nobody.queued-refused-null.json", dump(with_(SENT_NOBODY, queued=None, refused=None)))
