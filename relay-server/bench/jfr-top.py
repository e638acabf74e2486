#!/usr/bin/env python3
"""Top hot spots of a JFR recording: self (top frame) and inclusive counts of jdk.ExecutionSample.

  jfr print --events jdk.ExecutionSample rec.jfr > samples.txt && bench/jfr-top.py samples.txt [N]
"""
import collections
import re
import sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
top, incl, cats = collections.Counter(), collections.Counter(), collections.Counter()
CATEGORIES = [  # first match over the stack, innermost frame first
    ("TLS record crypto (JDK AES-GCM, SSLEngine)", ("com.sun.crypto", "sun.security.ssl", "javax.crypto")),
    ("WebSocket UTF-8 validation", ("Utf8Validator", "Utf8FrameValidator")),
    ("JSON parse (Jackson, FrameReader/Validator)", ("UTF8StreamJsonParser", "JsonReadContext", "DupDetector",
                                                      "FrameReader", "FrameValidator", "JsonFactory.createParser")),
    ("JSON write (Jackson, FrameWriter)", ("UTF8JsonGenerator", "JsonGenerator", "FrameWriter")),
    ("Ed25519 / login crypto", ("bouncycastle", "Ed25519", "IntegerPolynomial", "sun.security.ec")),
    ("MVStore (registry)", ("org.h2.",)),
    ("socket I/O syscalls", ("sun.nio.ch", "SocketDispatcher", "IOUtil")),
    ("Netty write/flush/task queue", ("AbstractChannelHandlerContext.write", "WriteTask", "ChannelOutboundBuffer",
                                      "DefaultPromise", "MpscChunkedArrayQueue", "SingleThreadEventExecutor",
                                      "flush", "PendingOutboundBytes")),
    ("buffer allocation", ("Allocator", "ByteBuf")),
]
samples = 0
frame_re = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
stack = None
for line in open(path, errors="replace"):
    if line.startswith("jdk.ExecutionSample"):
        stack = []
    elif stack is not None and frame_re.match(line):
        stack.append(frame_re.match(line).group(1))
    elif stack is not None and line.startswith("}"):
        if stack:
            samples += 1
            top[stack[0]] += 1
            for name, keys in CATEGORIES:
                if any(k in f for f in stack for k in keys):
                    cats[name] += 1
                    break
            else:
                cats["other (Netty pipeline, JDK, GC barriers)"] += 1
            for m in set(stack):
                incl[m] += 1
        stack = None
print(f"{samples} samples\n--- by category (first match over the stack; stacks deeper than JFR's 64 frames are cut) ---")
for m, c in cats.most_common():
    print(f"{100.0 * c / samples:5.1f}%  {m}")
print("--- self (top frame) ---")
for m, c in top.most_common(n):
    print(f"{100.0 * c / samples:5.1f}%  {m}")
print("--- inclusive (org.parley / selected) ---")
for m, c in incl.most_common(400):
    if m.startswith("org.parley") or any(k in m for k in ("SSLEngine", "SslHandler.wrap", "SslHandler.unwrap",
                                                          "MVStore", "jackson", "FileChannel.force", "flush0",
                                                          "WebSocket08FrameEncoder", "select")):
        print(f"{100.0 * c / samples:5.1f}%  {m}")
