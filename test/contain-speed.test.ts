import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsClients } from '../src/aws/clients.js';
import { CaseStore } from '../src/cases/store.js';
import { ec2Playbook } from '../src/respond/playbooks/ec2/playbook.js';
import { mapBounded } from '../src/respond/playbooks/shared/concurrency.js';
import { prefetchTargets, resolveTargets, STEPS_AT_ONCE } from '../src/respond/playbooks/targets.js';
import { runPlaybook } from '../src/respond/runner/run-playbook.js';
import { buildEc2Lab } from './helpers/contain-env.js';
import { criticalPath, startFaultProxy } from './helpers/contain-faults.js';
import { motoSkipReason, useMoto } from './helpers/moto.js';

/**
 * The speed of `contain ec2` on moto: API calls, the observed critical path (the longest chain of calls
 * that ran one after another) and wall time, counted by a recording proxy. 20 instances run only with
 * GARRISON_SPEED=1 (about a minute on a 2-core machine); the figures go to stderr.
 */
describe('contain ec2 speed on moto', { skip: motoSkipReason }, () => {
  const moto = useMoto();
  const sizes = process.env.GARRISON_SPEED ? [1, 20] : [1];

  for (const size of sizes)
    it(`contains ${size} instance(s) with bounded concurrency and reports calls, critical path and time`, async () => {
      const lab = await buildEc2Lab(moto.clients(), size);
      const proxy = await startFaultProxy(moto.endpoint, { rate: 0 });
      const store = CaseStore.open(':memory:');
      const caseId = store.cases.create({ title: `speed ${size}` }).id;
      try {
        const clients = new AwsClients({ endpointUrl: proxy.endpoint, region: 'us-east-1', caseId });
        const started = Date.now();
        const targets = await resolveTargets('ec2', lab.instanceIds, {}, clients);
        await prefetchTargets('ec2', targets, clients);
        const runs = await mapBounded(targets, 5, (target) =>
          runPlaybook({
            playbook: ec2Playbook,
            target,
            clients,
            store,
            caseId,
            apply: true,
            concurrency: STEPS_AT_ONCE,
          }),
        );
        const wallMs = Date.now() - started;
        assert.ok(
          runs.every((r) => r.status === 'complete'),
          JSON.stringify(
            runs.flatMap((r) =>
              r.outcomes
                .filter((o) => !['applied', 'nothing-to-do'].includes(o.status))
                .map((o) => [r.target, o.stepId, o.status, o.detail]),
            ),
          ),
        );
        const calls = proxy.calls.length;
        const path = criticalPath(proxy.calls);
        const byService: Record<string, number> = {};
        for (const c of proxy.calls) byService[c.service] = (byService[c.service] ?? 0) + 1;
        process.stderr.write(
          `contain ec2 x${size}: ${calls} API calls (${JSON.stringify(byService)}), critical path ${path} calls, wall ${wallMs} ms\n`,
        );
        assert.ok(calls / size < 80, `at most 80 calls per instance, got ${calls / size}`);
        assert.ok(path < calls, 'independent steps ran at once');
        assert.ok(path <= 30 * Math.ceil(size / 5), `critical path ${path}`);
      } finally {
        store.close();
        await proxy.close();
      }
    });
});
