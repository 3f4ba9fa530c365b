import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP proxy between the AWS SDK and moto that injects the failures AWS produces under load:
 * throttling (ThrottlingException, Throttling, RequestLimitExceeded, SlowDown), 500 and 503 answers,
 * connections dropped before the request reaches the service or after it took effect (the answer
 * lost), and delays. Faults are drawn from a seeded generator, so a failing run can be replayed.
 * It also records every call (service, action, start, end), which is how the speed figures are taken.
 */
export type FaultKind = 'throttle' | 'server-error' | 'unavailable' | 'drop-before' | 'drop-after' | 'delay';

export interface ProxyCall {
  service: string;
  action: string;
  start: number;
  end: number;
  fault?: FaultKind | undefined;
}

export interface FaultOptions {
  /** Probability that a call gets a fault (0 records calls only). */
  rate: number;
  kinds?: FaultKind[];
  seed?: number;
  /** Longest injected delay in ms. */
  maxDelayMs?: number;
}

export interface FaultProxy {
  endpoint: string;
  calls: ProxyCall[];
  faults(): Record<FaultKind, number>;
  setRate(rate: number): void;
  close(): Promise<void>;
}

const ALL: FaultKind[] = ['throttle', 'server-error', 'unavailable', 'drop-before', 'drop-after', 'delay'];

function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The service from the SigV4 credential scope (…/us-east-1/ec2/aws4_request). */
function serviceOf(req: IncomingMessage): string {
  return (
    /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'unknown'
  );
}

function actionOf(req: IncomingMessage, body: Buffer): string {
  const form = /(?:^|&)Action=([A-Za-z]+)/.exec(body.toString('latin1'));
  if (form?.[1]) return form[1];
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const query = (req.url ?? '').split('?')[1] ?? '';
  return `${req.method} ${query.split(/[=&]/)[0] || (req.url?.split('/').length ?? 0) > 2 ? query.split(/[=&]/)[0] || 'object' : 'bucket'}`;
}

function errorAnswer(
  service: string,
  kind: 'throttle' | 'server-error' | 'unavailable',
  pick: number,
): [number, string] {
  const id = `fault-${Math.floor(pick * 1e9)}`;
  if (service === 's3') {
    const [status, code] =
      kind === 'throttle'
        ? [503, 'SlowDown']
        : kind === 'server-error'
          ? [500, 'InternalError']
          : [503, 'ServiceUnavailable'];
    return [
      status,
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected</Message><RequestId>${id}</RequestId></Error>`,
    ];
  }
  if (service === 'ec2') {
    const [status, code] =
      kind === 'throttle'
        ? [503, 'RequestLimitExceeded']
        : kind === 'server-error'
          ? [500, 'InternalError']
          : [503, 'Unavailable'];
    return [
      status,
      `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>injected</Message></Error></Errors><RequestID>${id}</RequestID></Response>`,
    ];
  }
  const [status, code] =
    kind === 'throttle'
      ? [400, pick < 0.5 ? 'Throttling' : 'ThrottlingException']
      : kind === 'server-error'
        ? [500, 'InternalFailure']
        : [503, 'ServiceUnavailable'];
  return [
    status,
    `<ErrorResponse><Error><Type>${status === 400 ? 'Sender' : 'Receiver'}</Type><Code>${code}</Code><Message>injected</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
  ];
}

export async function startFaultProxy(upstream: string, options: FaultOptions): Promise<FaultProxy> {
  const target = new URL(upstream);
  const random = generator(options.seed ?? 42);
  const kinds = options.kinds ?? ALL;
  let rate = options.rate;
  const calls: ProxyCall[] = [];
  const forward = (
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    call: ProxyCall,
    dropAfter: boolean,
  ) => {
    const upstreamReq = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          call.end = Date.now();
          if (dropAfter) return void req.socket.destroy();
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    upstreamReq.on('error', () => req.socket.destroy());
    upstreamReq.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const service = serviceOf(req);
      const call: ProxyCall = { service, action: actionOf(req, body), start: Date.now(), end: 0 };
      calls.push(call);
      const fault =
        service !== 'unknown' && random() < rate ? kinds[Math.floor(random() * kinds.length)] : undefined;
      call.fault = fault;
      switch (fault) {
        case 'throttle':
        case 'server-error':
        case 'unavailable': {
          const [status, xml] = errorAnswer(service, fault, random());
          call.end = Date.now();
          res.writeHead(status, { 'content-type': 'text/xml' });
          return void res.end(xml);
        }
        case 'drop-before':
          call.end = Date.now();
          return void req.socket.destroy();
        case 'delay':
          return void setTimeout(
            () => forward(req, body, res, call, false),
            Math.floor(random() * (options.maxDelayMs ?? 300)),
          );
        default:
          return forward(req, body, res, call, fault === 'drop-after');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    faults() {
      const out = Object.fromEntries(ALL.map((k) => [k, 0])) as Record<FaultKind, number>;
      for (const c of calls) if (c.fault) out[c.fault]++;
      return out;
    },
    setRate(r) {
      rate = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The longest chain of calls where each started after the previous one ended: the calls that had to
 * happen one after another in this run (its observed critical path).
 */
export function criticalPath(calls: readonly ProxyCall[]): number {
  const sorted = [...calls].filter((c) => c.end > 0).sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    let d = 1;
    for (let j = 0; j < i; j++)
      if ((sorted[j] as ProxyCall).end <= (sorted[i] as ProxyCall).start)
        d = Math.max(d, (depth[j] as number) + 1);
    depth[i] = d;
    best = Math.max(best, d);
  }
  return best;
}
