#!/usr/bin/env python3
"""An S3 signature checker in front of s3rver (which does not verify SigV4).

Every request's AWS Signature V4 is recomputed with botocore's own S3 signer
(the one the AWS CLI signs with; Debian's awscli ships it) from the request
as received: the signed headers, the path and query as sent, and the
x-amz-content-sha256 value, as S3 does, and a hex x-amz-content-sha256 must
be the body's SHA-256. A mismatch is answered as S3 answers it (403
SignatureDoesNotMatch, 400 XAmzContentSHA256Mismatch); a match is forwarded
to s3rver and its answer relayed.

    sigv4_proxy.py UPSTREAM_PORT   -> prints "sigv4-proxy listening on 127.0.0.1:PORT"
Credentials: s3rver's built-in account (S3RVER / S3RVER).
"""
import hashlib
import http.client
import http.server
import re
import sys

import awscli  # noqa: F401  (makes awscli's bundled botocore importable)
from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SECRETS = {"S3RVER": "S3RVER"}
AUTH = re.compile(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/s3/aws4_request, "
                  r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})")


def expected_signature(method, path, headers, body):
    match = AUTH.fullmatch(headers.get("Authorization", ""))
    if not match:
        return None, None
    access_key, _, region, signed, given = match.groups()
    secret = SECRETS.get(access_key)
    if secret is None:
        return given, None  # s3rver answers InvalidAccessKeyId itself
    names = signed.split(";")
    request = AWSRequest(method=method, url="http://" + headers["Host"] + path,
                         headers={n: headers.get(n, "") for n in names}, data=body)
    request.context["timestamp"] = headers["X-Amz-Date"]
    auth = S3SigV4Auth(Credentials(access_key, secret), "s3", region)
    canonical = auth.canonical_request(request)
    return given, auth.signature(auth.string_to_sign(request, canonical), request)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = 0

    def log_message(self, *args):
        pass

    def handle_any(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        given, expected = expected_signature(self.command, self.path, self.headers, body)
        claimed = self.headers.get("x-amz-content-sha256", "")
        if re.fullmatch(r"[0-9a-f]{64}", claimed) and claimed != hashlib.sha256(body).hexdigest():
            self.refuse(400, "XAmzContentSHA256Mismatch",
                        "The provided 'x-amz-content-sha256' header does not match what was "
                        "computed.")
            return
        if given is not None and expected is not None and given != expected:
            self.refuse(403, "SignatureDoesNotMatch",
                        "The request signature we calculated does not match the signature you "
                        "provided. Check your key and signing method.")
            return
        self.forward(body)

    def refuse(self, status, code, message):
        xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code>"
               "<Message>%s</Message></Error>" % (code, message)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(xml)))
        self.end_headers()
        self.wfile.write(xml)

    def forward(self, body):
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "expect"}
        conn.request(self.command, self.path, body=body, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for k, v in answer.getheaders():
            if k.lower() not in ("content-length", "connection", "transfer-encoding", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        conn.close()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any


def main():
    Handler.upstream = int(sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("sigv4-proxy listening on 127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
