#!/usr/bin/python3
"""Reference relay for benchmarks: the seeds' design, minimally.

A Python `websockets` (Debian python3-websockets 10.4; run it with /usr/bin/python3, which has that package) TLS WebSocket relay on asyncio: a client
registers a name, then each message is forwarded to its target or to everyone else. No
authentication, no signatures, no storage, no presence, no limits: the floor of "parse JSON, look
up the target, write". Only for comparing throughput and latency with the Parley relay (TLS vs
TLS, same certificate type); never deploy it.

Wire format (one JSON object per text message, what LoadTool --protocol reference speaks):
  C->R {"type":"register","name":"alice"}                       R->C {"type":"welcome"}
  C->R {"type":"send","id":"m1","to":"bob","body":"..."}         (or "everyone":true instead of "to")
  R->B {"type":"deliver","from":"alice","id":"m1","body":"..."}

Run: /usr/bin/python3 reference_relay.py --port 9100 --cert relay-cert.pem --key relay-key.pem
(without --cert/--key it makes a self-signed EC P-256 certificate with openssl in --workdir).
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import subprocess

import websockets

clients = {}  # name -> connection


async def handler(ws, path=None):
    name = None
    try:
        async for raw in ws:
            try:
                msg = json.loads(raw)
            except ValueError:
                continue
            kind = msg.get("type")
            if kind == "register":
                name = msg.get("name")
                clients[name] = ws
                await ws.send('{"type":"welcome"}')
            elif kind == "send" and name is not None:
                out = json.dumps({"type": "deliver", "from": name, "id": msg.get("id"),
                                  "body": msg.get("body")}, separators=(",", ":"))
                if msg.get("everyone"):
                    websockets.broadcast([c for n, c in clients.items() if n != name], out)
                else:
                    target = clients.get(msg.get("to"))
                    if target is not None:
                        try:
                            await target.send(out)
                        except websockets.ConnectionClosed:
                            pass
    except websockets.ConnectionClosed:
        pass
    finally:
        if name is not None and clients.get(name) is ws:
            del clients[name]


def tls_context(args):
    cert, key = args.cert, args.key
    if not cert:
        os.makedirs(args.workdir, exist_ok=True)
        cert = os.path.join(args.workdir, "ref-cert.pem")
        key = os.path.join(args.workdir, "ref-key.pem")
        if not os.path.exists(cert):
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                            "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", "/CN=localhost"],
                           check=True, capture_output=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    return ctx


async def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=9100)
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--workdir", default="/tmp/reference-relay")
    args = p.parse_args()
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    async with websockets.serve(handler, args.host, args.port, ssl=tls_context(args), max_size=1 << 24,
                                compression=None, ping_interval=None):
        print(f"reference relay listening on wss://{args.host}:{args.port}/ pid {os.getpid()}", flush=True)
        await stop


if __name__ == "__main__":
    asyncio.run(main())
