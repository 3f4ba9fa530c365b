import { describeError } from '../../errors.js';
import { ALARM_TEST_EVENTS } from '../cis/events/index.js';
import type { AlarmTestInput } from './run.js';

/**
 * What `prepare test-filters` runs by default: garrison's alarm test events (each knows the CIS
 * alarms it must raise) and every positive (attack) and negative event of the detection pack, so
 * the report shows which known attacks would raise no alarm at all.
 */
export async function defaultTestEvents(): Promise<{ events: AlarmTestInput[]; notices: string[] }> {
  const events: AlarmTestInput[] = ALARM_TEST_EVENTS.map((e) => ({
    name: e.name,
    record: e.record,
    expected: e.raises,
  }));
  try {
    // Loaded on demand: the alarm proof does not depend on the detection pack being loadable.
    const { loadPack } = await import('../../detect/pack.js');
    for (const detection of loadPack()) {
      detection.positive.forEach((record, i) => {
        events.push({ name: `attack ${detection.meta.id}#${i}`, record, attack: detection.meta.id });
      });
      detection.negative.forEach((record, i) => {
        events.push({ name: `benign ${detection.meta.id}#${i}`, record });
      });
    }
    return { events, notices: [] };
  } catch (error) {
    return { events, notices: [`detection pack events not used: ${describeError(error)}`] };
  }
}
