import { after, before, beforeEach } from 'node:test';
import { AwsClients } from '../../src/aws/clients.js';
import { EMULATOR_CREDENTIALS, type Emulator, findMotoServer, startEmulator } from '../../src/lab/moto.js';

/**
 * Why moto-backed tests cannot run, or undefined when they can. Outside CI a missing moto skips
 * those tests with this reason; with CI set, a missing moto is a failure (the tests run and throw).
 */
export const motoSkipReason: string | undefined =
  !process.env.CI && !findMotoServer() ? 'moto is not installed (pip install "moto[server]")' : undefined;

export interface MotoFixture {
  readonly emulator: Emulator;
  readonly endpoint: string;
  /** An AwsClients pointed at the emulator with dummy credentials. */
  clients(region?: string): AwsClients;
}

/**
 * Registers hooks that start one moto server for this test file, reset it before each test and
 * stop it after the file. Use inside a describe() with `{ skip: motoSkipReason }`.
 */
export function useMoto(): MotoFixture {
  let emulator: Emulator | undefined;
  const fixture: MotoFixture = {
    get emulator() {
      if (!emulator) throw new Error('moto is not started');
      return emulator;
    },
    get endpoint() {
      return fixture.emulator.endpoint;
    },
    clients(region = 'us-east-1') {
      return new AwsClients({ endpointUrl: fixture.endpoint, region, maxAttempts: 3 });
    },
  };
  before(async () => {
    process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    emulator = await startEmulator();
  });
  beforeEach(async () => {
    await fixture.emulator.reset();
  });
  after(async () => {
    await emulator?.stop();
  });
  return fixture;
}
