import { describe, expect, it } from 'vitest';
import { tickDidSomething, tickLogLine } from '../../src/jobs/tick-log';

describe('the tick log line', () => {
  it('says how many reminders/digests and chat posts the tick queued', () => {
    const line = tickLogLine({ opened: 1, finished: 0, mailed: 42, chatPosts: 3, swept: 2 }, { sent: 40, posted: 3 });
    expect(line).toBe(
      '[tick] opened 1 prompt(s), finished 0 series, queued 42 reminder/digest mail(s) and 3 chat post(s), sent 40 mail(s), posted 3 chat message(s), swept 2 image(s)',
    );
    expect(line).not.toMatch(/@/);
  });

  it('counts zero when the tick queued nothing, and a mail-only run is still worth a line', () => {
    expect(tickLogLine({ opened: 0, finished: 0 }, { sent: 0, posted: 0 })).toContain('queued 0 reminder/digest mail(s) and 0 chat post(s)');
    expect(tickDidSomething({ opened: 0, finished: 0 }, { sent: 0, posted: 0 })).toBe(false);
    expect(tickDidSomething({ opened: 0, finished: 0, mailed: 5 }, { sent: 0, posted: 0 })).toBe(true);
  });
});
