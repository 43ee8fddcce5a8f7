import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import type { ApiError } from "../contract/errors.ts";
import type { Logger } from "../logger.ts";

/**
 * What Node's HTTP parser refuses before any Hono code runs — headers over
 * `--max-http-header-size` (16 KiB by default), a malformed request line —
 * answered in the console's own error shape with a fresh request id (the
 * request's own X-Request-Id is among the headers that could not be read),
 * instead of Node's bare status line. The id is logged, so a support call can
 * find it. Node closes the connection after this: the parser cannot resume.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Nothing to answer on a socket that is already gone (a reset, a timeout Node handles).
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const requestId = randomUUID();
    const body: ApiError = {
      error: {
        code: "bad_request",
        message: tooLarge
          ? "Request headers are too large (cookies?); clear this site's cookies and reload"
          : "The request could not be read",
        requestId,
      },
    };
    const json = JSON.stringify(body);
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    logger.warn({ requestId, code: error.code, status: status.slice(0, 3) }, "client error");
    socket.end(
      `HTTP/1.1 ${status}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        "Cache-Control: no-store\r\n" +
        "Connection: close\r\n\r\n" +
        json,
    );
  });
}
