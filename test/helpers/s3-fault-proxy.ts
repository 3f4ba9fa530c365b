import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface InjectedFault {
  status: number;
  /** The XML error body S3 would send. */
  body: string;
}

export interface RecordingProxy {
  url: string;
  /** Every request line seen (`GET /bucket/key?...`), URL-decoded. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of moto that records every request line and can answer chosen
 * requests with an error instead of forwarding them (a given S3 object, the first time or always):
 * it proves which keys were downloaded and how a failing object is handled.
 */
export async function recordingProxy(
  target: string,
  fault: (line: string, seenBefore: number) => InjectedFault | undefined = () => undefined,
): Promise<RecordingProxy> {
  const requests: string[] = [];
  const seen = new Map<string, number>();
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const line = `${req.method} ${decodeURIComponent(req.url ?? '')}`;
    requests.push(line);
    const count = seen.get(line) ?? 0;
    seen.set(line, count + 1);
    const injected = fault(line, count);
    if (injected) {
      req.resume();
      res.writeHead(injected.status, { 'content-type': 'application/xml' }).end(injected.body);
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const S3_SLOW_DOWN: InjectedFault = {
  status: 503,
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
};

export const S3_INTERNAL_ERROR: InjectedFault = {
  status: 500,
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
};
