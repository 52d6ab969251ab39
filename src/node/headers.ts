/**
 * The Node home sends the base security headers from the HTTP server itself: `setHeader` on Node's response
 * object costs next to nothing, where the same headers set through the app's Fetch `Headers` cost /healthz
 * about a third of its throughput (measured in-process: 8 µs a request without them, 13-14 µs with them).
 * Headers a response brings (a page's CSP, an image's sandbox) take precedence in `writeHead`, as in the
 * app's own middleware (src/middleware/security-headers.ts), which the Node home therefore skips.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerOptions, type ServerResponse } from 'node:http';
import { baseHeaders } from '../security-headers';

/** For @hono/node-server's `createServer` option, which it always calls as (options, listener). */
export function serverWithBaseHeaders(publicUrl: string | undefined): typeof createServer {
  const headers = Object.entries(baseHeaders(publicUrl));
  const create = (options: ServerOptions, listener: RequestListener) =>
    createServer(options, (req: IncomingMessage, res: ServerResponse) => {
      for (const [name, value] of headers) res.setHeader(name, value);
      listener(req, res);
    });
  return create as typeof createServer;
}
