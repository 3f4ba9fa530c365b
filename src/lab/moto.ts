import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GarrisonError } from '../errors.js';

/** The credentials every call to the local emulator uses; moto accepts any. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

export interface Emulator {
  endpoint: string;
  port: number;
  /** Forgets every resource: POST /moto-api/reset. */
  reset(): Promise<void>;
  /** Turns IAM enforcement on (`0`: check every call) or off (`inf`). */
  enforceIam(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** Finds the moto server command, or undefined when moto is not installed. */
export function findMotoServer(): string[] | undefined {
  const candidates: string[][] = [['moto_server'], ['python3', '-m', 'moto.server']];
  for (const command of candidates) {
    const [bin, ...args] = command as [string, ...string[]];
    const probe = spawnSync(bin, [...args, '--help'], { stdio: 'ignore', timeout: 20_000 });
    if (probe.status === 0) return command;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts moto on a free loopback port and waits until an EC2 call succeeds (moto answers HTTP
 * before its EC2 backend is ready). The process is killed on stop() and when this process exits.
 */
export async function startEmulator(
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Emulator> {
  const command = findMotoServer();
  if (!command) {
    throw new GarrisonError('aws-unsupported', 'moto is not installed', {
      hint: 'install the local AWS emulator with: pip install "moto[server]"',
    });
  }
  const port = await freePort();
  const [bin, ...args] = command as [string, ...string[]];
  const child: ChildProcess = spawn(bin, [...args, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  const ec2 = new EC2Client({
    region: 'us-east-1',
    endpoint,
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new GarrisonError('aws', `moto exited early: ${stderr.trim()}`);
      try {
        await ec2.send(new DescribeRegionsCommand({}));
        break;
      } catch (error) {
        if (Date.now() > deadline)
          throw new GarrisonError('aws', `moto did not answer on ${endpoint}`, { cause: error });
        await sleep(200);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    ec2.destroy();
  }

  const post = async (path: string, body?: string) => {
    const response = await fetch(`${endpoint}${path}`, { method: 'POST', body });
    if (!response.ok) throw new GarrisonError('aws', `moto ${path} answered ${response.status}`);
  };
  return {
    endpoint,
    port,
    reset: () => post('/moto-api/reset'),
    enforceIam: (on) => post('/moto-api/reset-auth', on ? '0' : 'inf'),
    stop,
  };
}
