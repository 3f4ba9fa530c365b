import { createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A recording HTTP proxy in front of moto that can answer a request with an injected AWS error.
 * (Rebuilt from its callers after it was overwritten by accident; see the containment fault proxy in
 * contain-faults.ts for the randomised one.)
 */
export interface InjectedFault {
  status: number;
  body: string;
}

export const S3_SLOW_DOWN: InjectedFault = {
  status: 503,
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>injected</RequestId></Error>',
};

export const S3_INTERNAL_ERROR: InjectedFault = {
  status: 500,
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>injected</RequestId></Error>',
};

/** Decides the answer to a request line ("GET /bucket/key?query"), given how often it was seen before. */
export type FaultDecider = (line: string, seenBefore: number) => InjectedFault | undefined;

export interface FaultProxy {
  url: string;
  /** Every request line, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function faultProxy(upstream: string, decide?: FaultDecider): Promise<FaultProxy> {
  const target = new URL(upstream);
  const requests: string[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res) => {
    const line = `${req.method} ${req.url}`;
    const before = seen.get(line) ?? 0;
    seen.set(line, before + 1);
    requests.push(line);
    const fault = decide?.(line, before);
    if (fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      res.end(fault.body);
      return;
    }
    const upstreamReq = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstreamReq.on('error', () => res.destroy());
    req.pipe(upstreamReq);
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
